"""Spectral lints every contract clean (no errors, no warnings) under the project's ruleset."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.support.npm import npm_tool
from tests.support.specs import LINTED_SPECS, ROOT, load_spec, spec_path


def spectral(*files: Path) -> list[dict[str, Any]]:
    """Spectral's findings (any severity) for the given files."""
    completed = subprocess.run(
        [
            npm_tool("spectral"),
            "lint",
            "--format",
            "json",
            "--quiet",
            "--ruleset",
            ROOT / ".spectral.yaml",
            "--fail-severity",
            "hint",
            *files,
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    if completed.returncode not in (0, 1):
        raise RuntimeError(f"spectral failed to run: {completed.stderr or completed.stdout}")
    start = completed.stdout.find("[")
    findings: list[dict[str, Any]] = json.loads(completed.stdout[start:]) if start >= 0 else []
    return findings


@pytest.fixture(scope="module")
def findings() -> list[dict[str, Any]]:
    return spectral(*(spec_path(name) for name in LINTED_SPECS))


@pytest.mark.parametrize("name", LINTED_SPECS)
def test_spec_lints_clean(name: str, findings: list[dict[str, Any]]) -> None:
    mine = [
        f"{f['code']}: {f['message']} at {'.'.join(map(str, f['path']))}"
        for f in findings
        if Path(f["source"]).name == f"{name}.yaml"
    ]
    assert mine == []


def test_lint_reports_a_response_without_example(tmp_path: Path) -> None:
    spec = load_spec("pacerpro")
    media = spec["paths"]["/session"]["get"]["responses"]["200"]["content"]["application/json"]
    del media["examples"]
    broken = tmp_path / "pacerpro.yaml"
    broken.write_text(yaml.safe_dump(spec), encoding="utf-8")
    codes = {finding["code"] for finding in spectral(broken)}
    assert "authkit-response-example" in codes


def test_lint_reports_an_operation_id_that_is_not_snake_case(tmp_path: Path) -> None:
    spec = load_spec("pacerpro")
    spec["paths"]["/session"]["get"]["operationId"] = "refreshSession"
    broken = tmp_path / "pacerpro.yaml"
    broken.write_text(yaml.safe_dump(spec), encoding="utf-8")
    codes = {finding["code"] for finding in spectral(broken)}
    assert "authkit-operation-id-snake-case" in codes
