"""The reference server's layout is enforced: imports flow from the entry points through admin and the APIs to core.

The contracts live in pyproject.toml (``[tool.importlinter]``) and are checked by import-linter. The broken copies
below show that each kind of forbidden import is caught: the same package, copied, with one import added.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "mockserver" / "authkit_mock"
SDK = ROOT / "sdk"


def lint_imports(*, server_package_parent: Path) -> subprocess.CompletedProcess[str]:
    """``lint-imports`` with the project's contracts, finding ``authkit_mock`` under ``server_package_parent``."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(server_package_parent), str(SDK)])}
    return subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=server_package_parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_server_keeps_every_import_contract(tmp_path: Path) -> None:
    result = lint_imports(server_package_parent=PACKAGE.parent)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 kept, 0 broken" in result.stdout


FORBIDDEN = {
    "an API imports another API": ("apis/polario/sessions.py", "import authkit_mock.apis.svix.tokens"),
    "core imports an API": ("core/store.py", "import authkit_mock.apis.pacerpro"),
    "core imports the admin API": ("core/journal.py", "import authkit_mock.admin.io"),
    "an API imports the provider": ("apis/bixarena/api.py", "import authkit_mock.idp"),
    "the server imports the SDK": ("core/tokens.py", "import authkit_sdk.scram"),
    "the protected resource imports an API": ("protected/__init__.py", "import authkit_mock.apis.pacerpro"),
    "core imports the testing server": ("core/clock.py", "import authkit_mock.testing"),
}


@pytest.mark.parametrize(("module", "line"), list(FORBIDDEN.values()), ids=list(FORBIDDEN))
def test_a_forbidden_import_breaks_a_contract(tmp_path: Path, module: str, line: str) -> None:
    copy = tmp_path / "authkit_mock"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "models"))
    shutil.copytree(PACKAGE / "models", copy / "models", ignore=shutil.ignore_patterns("__pycache__"))
    target = copy / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}  # noqa\n", encoding="utf-8")
    result = lint_imports(server_package_parent=tmp_path)
    assert result.returncode != 0, result.stdout
    assert "BROKEN" in result.stdout
