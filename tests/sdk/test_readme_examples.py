"""Every ```python block of README.md, sdk/README.md and the docs site's pages type-checks with ``mypy --strict``:
the examples users copy are typed as the SDK is (``error.body`` per API, ``error.message`` on every error).

mypy runs once over all the blocks (each written as its own module) and a known-bad example: the old README's
``error.body.message`` on a generic error, whose body is not typed, must be reported, or the check proves nothing.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# The root README is short; the examples it had live on the site's pages (docs/), which are checked the same way.
READMES = (ROOT / "README.md", ROOT / "sdk" / "README.md", *sorted((ROOT / "docs").rglob("*.md")))
BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)
BROKEN_EXAMPLE = """\
from authkit_sdk import UnauthorizedError
from authkit_sdk.pacerpro import PacerproClient

with PacerproClient() as pacer:
    try:
        pacer.login("demo@example.com", "not the password")
    except UnauthorizedError as error:
        print(error.status_code, error.body.message)
"""


def python_blocks() -> dict[str, str]:
    """``{"sdk_README_3": source}``: every python block of the READMEs, named by file and position."""
    blocks: dict[str, str] = {}
    for readme in READMES:
        # A module name mypy reports as \w+ (docs/application-developers.md: docs_application_developers).
        prefix = re.sub(r"\W", "_", str(readme.relative_to(ROOT).with_suffix("")))
        for number, match in enumerate(BLOCK.finditer(readme.read_text(encoding="utf-8")), start=1):
            blocks[f"{prefix}_{number}"] = match.group(1)
    return blocks


BLOCKS = python_blocks()


@pytest.fixture(scope="module")
def mypy_errors(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """mypy --strict's errors for each block (and for the known-bad example), by block name."""
    folder = tmp_path_factory.mktemp("readme_examples")
    for name, source in {**BLOCKS, "known_bad": BROKEN_EXAMPLE}.items():
        (folder / f"{name}.py").write_text(source, encoding="utf-8")
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--python-version",
            "3.11",
            "--cache-dir",
            str(ROOT / ".mypy_cache" / "readme_examples"),
            *sorted(str(path) for path in folder.glob("*.py")),
        ],
        cwd=folder,
        # The plugin example imports the example app it tests (examples/pacerpro-app), as its own tests do.
        env={**os.environ, "MYPYPATH": str(ROOT / "examples" / "pacerpro-app")},
        capture_output=True,
        text=True,
        check=False,
    )
    found: dict[str, list[str]] = defaultdict(list)
    for line in completed.stdout.splitlines():
        match = re.match(r"(?:.*/)?(\w+)\.py:\d+: error: (.*)", line)
        if match:
            found[match.group(1)].append(line)
    assert completed.returncode in (0, 1), completed.stdout + completed.stderr  # 2: mypy itself failed
    return found


def test_the_readmes_have_python_examples() -> None:
    assert sum(name.startswith("docs_application_developers") for name in BLOCKS) >= 2
    assert sum(name.startswith("docs_frontend") for name in BLOCKS) >= 2
    assert sum(name.startswith("sdk_README") for name in BLOCKS) >= 8


def test_the_check_reports_an_untyped_error_body(mypy_errors: dict[str, list[str]]) -> None:
    assert any('"message"' in line for line in mypy_errors["known_bad"]), mypy_errors["known_bad"]


@pytest.mark.parametrize("name", sorted(BLOCKS))
def test_a_readme_example_passes_mypy_strict(name: str, mypy_errors: dict[str, list[str]]) -> None:
    assert mypy_errors.get(name, []) == [], "\n" + BLOCKS[name]
