"""The example projects under examples/ pass their own tests, run as their users run them: ``pytest`` in the
project's folder, with its own pytest configuration and the authkit plugin loaded through its entry point.

A copy of the example whose app stops sending the credential fails them: the example's tests can fail.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from tests.support.specs import ROOT

EXAMPLE = ROOT / "examples" / "pacerpro-app"


def pytest_in(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m pytest`` in ``project`` (its rootdir and config), with this environment's packages.

    Of the plugins installed here only authkit's is loaded, by its entry-point name (``-p authkit``): the others
    (Schemathesis, Hypothesis, Playwright) are this project's, not the example's, and cost seconds to import.
    """
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST_")}
    env["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "authkit", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_the_pacerpro_app_example_passes_its_tests_with_the_plugin() -> None:
    result = pytest_in(EXAMPLE)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 passed" in result.stdout


def test_the_example_tests_fail_when_the_app_stops_sending_its_credential(tmp_path: Path) -> None:
    copy = tmp_path / "pacerpro-app"
    shutil.copytree(EXAMPLE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    app = copy / "pacerpro_app" / "__init__.py"
    source = app.read_text(encoding="utf-8")
    assert "auth=self.pacer.auth()" in source
    app.write_text(source.replace("auth=self.pacer.auth()", "auth=None"), encoding="utf-8")
    result = pytest_in(copy, "-k", "signed_in_user")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "1 failed" in result.stdout
    assert "401 Unauthorized" in result.stdout


def test_every_example_of_the_readmes_auth_sessions_and_plugin_sections_is_a_checked_file() -> None:
    # Each block is a file under examples/, which scripts/check type-checks (mypy --strict) and ruff lints.
    readme = (ROOT / "sdk" / "README.md").read_text(encoding="utf-8")
    start = readme.index("## Calling the rest of the service")
    sections = readme[start : readme.index("## Testing your code offline", start)]
    blocks = re.findall(r"```python\n(.*?)```", sections, re.DOTALL)
    files = [
        ROOT / "examples" / "readme" / "calling_the_service.py",
        ROOT / "examples" / "readme" / "sessions.py",
        EXAMPLE / "pacerpro_app" / "__init__.py",
        EXAMPLE / "tests" / "test_case_desk.py",
    ]
    assert len(blocks) == len(files)
    for block, path in zip(blocks, files, strict=True):
        assert block.strip() in path.read_text(encoding="utf-8"), path
