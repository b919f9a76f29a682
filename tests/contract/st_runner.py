"""Running the Schemathesis CLI (``st run``) against a contract, the way QA runs it by hand.

The CLI is used rather than the pytest plugin because one ``st run`` gives all of Schemathesis' phases (examples,
coverage, fuzzing and the stateful run through the spec's ``links``) with its own failure report: for each
failure the check that failed, the response, a ``curl`` line that reproduces it and the test case id. Its JUnit
report says which operations were tested, so a test can insist on every operation of the spec.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from tests.support.specs import ROOT

CONFIG = ROOT / "schemathesis.toml"
HOOKS = "tests.contract.st_hooks"
SEED = 20260101
"""The fixed seed: the same cases in every run, so a failure in CI reproduces locally."""


@dataclass(frozen=True)
class StRun:
    """The outcome of one ``st run``."""

    command: list[str]
    returncode: int
    output: str
    tested: frozenset[str]
    """The operations the run tested, as Schemathesis names them (``POST /auth/login``)."""

    @property
    def passed(self) -> bool:
        return self.returncode == 0

    def report(self) -> str:
        """What to show when the run failed: the command (to rerun by hand) and Schemathesis' own report."""
        return f"$ {' '.join(self.command)}\n\n{self.output}"


def st_run(
    spec: Path,
    base_url: str,
    *,
    max_examples: int,
    seed: int = SEED,
    extra: tuple[str, ...] = (),
    timeout: float = 600,
) -> StRun:
    """Run Schemathesis with every check against the API described by ``spec`` and served at ``base_url``."""
    with tempfile.TemporaryDirectory(prefix="authkit-st-") as scratch:
        junit = Path(scratch) / "junit.xml"
        command = [
            str(Path(sys.executable).with_name("st")),
            f"--config-file={CONFIG}",
            "--no-color",
            "run",
            str(spec),
            f"--url={base_url}",
            "--checks=all",
            f"--seed={seed}",
            f"--max-examples={max_examples}",
            "--workers=1",  # two workers are slower on two cores, and the order of calls stays reproducible
            "--generation-database=none",
            "--report=junit",
            f"--report-junit-path={junit}",
            *extra,
        ]
        environment = {**os.environ, "SCHEMATHESIS_HOOKS": HOOKS, "PYTHONPATH": str(ROOT)}
        completed = subprocess.run(
            command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=timeout, check=False
        )
        tested = _tested_operations(junit) if junit.exists() else frozenset()
    return StRun(command, completed.returncode, completed.stdout + completed.stderr, tested)


def _tested_operations(junit: Path) -> frozenset[str]:
    return frozenset(case.get("name", "") for case in ET.parse(junit).iter("testcase"))
