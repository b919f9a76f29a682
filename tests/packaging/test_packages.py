"""The ``dist`` test: the two distributions stand alone, built from the checkout and installed outside it.

``uv build`` makes the sdists and wheels (the server's wheel is built from its sdist, so the sdist must carry the
contracts). Each wheel goes into its own virtual environment in a temporary folder, with the commands run from
there (never from the workspace, and without its environment): the SDK with nothing but its public dependencies,
the server with nothing but its own. Packages come from uv's download cache when it holds them (``--offline``, as
after ``scripts/test`` set up the workspace) and otherwise from the package registry.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import yaml

from authkit_mock.core.settings import SLUGS
from tests.support.specs import ROOT

SPECS = sorted(path.name for path in (ROOT / "openapi").glob("*.yaml"))


def uv() -> str:
    """The uv that scripts/test set up (``$UV``), or the one on PATH."""
    found = os.environ.get("UV") or shutil.which("uv") or str(ROOT / ".tools" / "uv" / "bin" / "uv")
    assert Path(found).exists(), "no uv: run the tests through scripts/test"
    return found


def outside_env(home: Path) -> dict[str, str]:
    """The environment for commands run outside the workspace: no virtualenv, no PYTHONPATH, no uv project."""
    dropped = ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "UV_PROJECT_ENVIRONMENT", "PYTHONSTARTUP")
    env = {key: value for key, value in os.environ.items() if key not in dropped}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if not p.startswith(str(ROOT)))
    env["HOME"] = env.get("HOME", str(home))
    return env


@dataclass
class Built:
    """What ``uv build`` produced."""

    folder: Path

    def one(self, pattern: str) -> Path:
        (found,) = self.folder.glob(pattern)
        return found


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    folder = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [uv(), "build", "--all-packages", "--quiet", "--out-dir", str(folder)],
        cwd=ROOT,
        check=True,
        env=outside_env(folder),
    )
    return Built(folder)


def fresh_env(folder: Path, *requirements: Path) -> Path:
    """A new virtual environment in ``folder`` with ``requirements`` installed; its Python."""
    env = outside_env(folder)
    subprocess.run([uv(), "venv", "--quiet", "--python", sys.executable, str(folder)], cwd=folder, check=True, env=env)
    python = folder / "bin" / "python"
    install = [uv(), "pip", "install", "--quiet", "--python", str(python), *map(str, requirements)]
    cached = subprocess.run([*install, "--offline"], cwd=folder, env=env, capture_output=True, check=False)
    if cached.returncode != 0:  # not everything in uv's cache: from the registry
        subprocess.run(install, cwd=folder, env=env, check=True)
    return python


def installed(python: Path) -> set[str]:
    listed = subprocess.run(
        [uv(), "pip", "list", "--python", str(python), "--format", "json"], capture_output=True, check=True, text=True
    ).stdout
    return {item["name"] for item in json.loads(listed)}


@pytest.fixture(scope="module")
def sdk_python(built: Built, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fresh_env(tmp_path_factory.mktemp("sdk-env"), built.one("authkit_sdk-*.whl"))


@pytest.fixture(scope="module")
def server_python(built: Built, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fresh_env(tmp_path_factory.mktemp("server-env"), built.one("authkit_mockserver-*.whl"))


def test_the_server_sdist_carries_the_contracts(built: Built) -> None:
    with tarfile.open(built.one("authkit_mockserver-*.tar.gz")) as sdist:
        names = sdist.getnames()
    assert sorted(Path(n).name for n in names if "/authkit_mock/specs/" in n) == SPECS
    assert any(n.endswith("/hatch_build.py") for n in names)


def test_the_server_wheel_built_from_the_sdist_is_complete(built: Built) -> None:
    with zipfile.ZipFile(built.one("authkit_mockserver-*.whl")) as wheel:
        names = set(wheel.namelist())
        metadata = wheel.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    assert sorted(Path(n).name for n in names if n.startswith("authkit_mock/specs/")) == SPECS
    assert {"authkit_mock/admin/ui/index.html", "authkit_mock/idp/login.html", "authkit_mock/docs/index.html"} <= names
    requires = [line for line in metadata.splitlines() if line.startswith("Requires-Dist:")]
    assert requires
    assert not [line for line in requires if "authkit" in line]


def test_both_distributions_have_the_workspace_version(built: Built) -> None:
    version = re.search(r'^version = "([^"]+)"', (ROOT / "pyproject.toml").read_text(), re.MULTILINE)
    assert version is not None
    assert built.one(f"authkit_sdk-{version.group(1)}-py3-none-any.whl")
    assert built.one(f"authkit_mockserver-{version.group(1)}-py3-none-any.whl")


def test_the_sdk_needs_only_httpx_and_attrs(sdk_python: Path) -> None:
    present = installed(sdk_python)
    assert {"authkit-sdk", "httpx", "attrs"} <= present
    assert present.isdisjoint({"authkit-mockserver", "aiohttp", "pydantic", "pyjwt", "pyyaml", "cryptography"})
    requires = subprocess.run(
        [str(sdk_python), "-c", "import importlib.metadata as m; print('\\n'.join(m.requires('authkit-sdk')))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    names = sorted(re.split(r"[^A-Za-z0-9_.-]", r, maxsplit=1)[0] for r in requires if "extra ==" not in r)
    assert names == ["attrs", "httpx"]
    imports = "; ".join(f"import authkit_sdk.{slug}" for slug in (*SLUGS, "admin"))
    subprocess.run([str(sdk_python), "-c", f"import authkit_sdk; {imports}"], check=True, cwd=sdk_python.parents[1])


@pytest.fixture(scope="module")
def wheel_server(server_python: Path) -> Iterator[str]:
    """``authkit-mock serve --port 0`` from the installed wheel, run outside the workspace; its base URL."""
    folder = server_python.parents[1]
    command = [str(folder / "bin" / "authkit-mock"), "serve", "--port", "0"]
    with subprocess.Popen(command, cwd=folder, env=outside_env(folder), stdout=subprocess.PIPE, text=True) as server:
        assert server.stdout is not None
        found = re.match(r"authkit-mock: serving on (http://127\.0\.0\.1:\d+) ", server.stdout.readline())
        assert found is not None
        yield found.group(1)
        server.terminate()


def test_the_installed_server_does_not_have_the_sdk(server_python: Path) -> None:
    assert "authkit-sdk" not in installed(server_python)
    where = subprocess.run(
        [str(server_python), "-c", "import authkit_mock; print(authkit_mock.__file__)"],
        cwd=server_python.parents[1],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert Path(where).is_relative_to(server_python.parents[1])


def test_the_installed_server_serves_every_api_its_docs_and_the_admin_page(wheel_server: str) -> None:
    health = httpx.get(f"{wheel_server}/__admin/health").json()
    assert health["apis"] == list(SLUGS)
    for slug in SLUGS:
        contract = httpx.get(f"{wheel_server}/docs/{slug}/openapi.yaml")
        assert contract.status_code == 200, slug
        served = yaml.safe_load(contract.text)
        committed = yaml.safe_load((ROOT / "openapi" / f"{slug}.yaml").read_bytes())
        # The same contract, with this server as the one place to try it.
        assert served["paths"] == committed["paths"], slug
        assert served["servers"] == [{"url": f"{wheel_server}/{slug}", "description": "This authkit reference server"}]
    assert httpx.get(f"{wheel_server}/bixarena/.well-known/jwks.json").json()["keys"]
    for page in ("/docs", "/docs/admin", "/__admin/ui"):
        answer = httpx.get(f"{wheel_server}{page}")
        assert answer.status_code == 200, page
        assert answer.headers["content-type"].startswith("text/html"), page


SDK_LOGINS = """
import sys
from authkit_sdk.authlance import AuthlanceClient
from authkit_sdk.pacerpro import PacerproClient
from authkit_sdk.polario import PolarioClient
from authkit_sdk.svix import SvixClient

base = sys.argv[1]
with PacerproClient(base_url=f"{base}/pacerpro") as pacerpro:
    pacerpro.login("demo@example.com", "pacerpro-demo")
    print("pacerpro", bool(pacerpro.token))
with PolarioClient(base_url=f"{base}/polario") as polario:
    polario.login("demo@example.com", "pencil")
    print("polario", bool(polario.session_token))
with AuthlanceClient(base_url=f"{base}/authlance") as authlance:
    print("authlance", bool(authlance.exchange_session("demo-session-ada")))
with SvixClient("testsk_demo_org_key", base_url=f"{base}/svix") as svix:
    print("svix", bool(svix.app_portal_access("app_demo").token))
"""


def test_the_sdk_wheel_logs_in_at_the_server_wheel(sdk_python: Path, wheel_server: str) -> None:
    folder = sdk_python.parents[1]
    logged_in = subprocess.run(
        [str(sdk_python), "-c", SDK_LOGINS, wheel_server],
        cwd=folder,
        env=outside_env(folder),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert logged_in.splitlines() == ["pacerpro True", "polario True", "authlance True", "svix True"]


PLUGIN_TESTS = """
import httpx


def test_the_protected_resource_takes_the_demo_users_token(authkit, authkit_pacerpro_demo):
    answer = httpx.get(
        f"{authkit.protected_url('pacerpro')}/cases/42",
        headers={"Authorization": f"Bearer {authkit_pacerpro_demo.token}"},
    )
    assert answer.status_code == 200, answer.text


def test_offline_the_protected_resource_answers_from_its_contract(authkit_offline):
    answer = httpx.get("http://127.0.0.1:4010/__protected/pacerpro/cases/42", headers={"Authorization": "Bearer x"})
    assert answer.status_code == 200
    assert authkit_offline.routes["protected.get_protected_path"].called
"""


@pytest.fixture(scope="module")
def plugin_python(built: Built, tmp_path_factory: pytest.TempPathFactory) -> Path:
    server = built.one("authkit_mockserver-*.whl")
    # The [pytest] extra brings pytest and respx; the SDK wheel, the client fixtures.
    return fresh_env(tmp_path_factory.mktemp("plugin-env"), Path(f"{server}[pytest]"), built.one("authkit_sdk-*.whl"))


def test_the_pytest_plugin_from_the_wheels_serves_the_protected_resource_and_answers_offline(
    plugin_python: Path,
) -> None:
    folder = plugin_python.parents[1]
    (folder / "test_with_the_plugin.py").write_text(PLUGIN_TESTS, encoding="utf-8")
    ran = subprocess.run(
        [str(plugin_python), "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_with_the_plugin.py"],
        cwd=folder,
        env=outside_env(folder),
        capture_output=True,
        text=True,
        check=False,
    )
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert "2 passed" in ran.stdout
