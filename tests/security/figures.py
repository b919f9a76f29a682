"""The figures of docs/operations/security.md, counted from a real run of tests/security.

    uv run python -m tests.security.figures      (or .venv/bin/python -m tests.security.figures)

runs every test of this folder and prints, per concern, how many rows were tried and how many the server handled
as required (an attack refused, a bad input answered cleanly, a fault confined), as a Markdown table. The exit
status is pytest's, so the figures are only printed as "all handled" when every row passed.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

FOLDER = Path(__file__).resolve().parent

CONCERNS = {
    "test_token_attacks.py::test_the_forged_or_foreign_credential_is_refused": "Forged, expired and foreign tokens",
    "test_revocation.py::test_the_revoked_credential_is_refused": "Revoked credentials and refresh-token reuse",
    "test_oidc_attacks.py::test_the_forged_replayed_or_injected_login_step_is_refused": "OIDC login attacks",
    "test_scram_attacks.py::test_the_wrong_replayed_or_retargeted_scram_answer_is_refused": "SCRAM login attacks",
    "test_user_enumeration.py": "User enumeration (same answer, similar time)",
    "test_cors.py::test_an_origin_that_is_not_configured_gets_no_cors_headers": "CORS from origins not configured",
    "test_admin_exposure.py::test_the_admin_api_refuses_other_peers_without_the_configured_token": "Admin API from "
    "other peers",
    "test_cookies.py": "Cookie attributes (HttpOnly, SameSite, Secure)",
    "test_cors.py::test_a_configured_origin_is_echoed_with_credentials_never_a_wildcard": "CORS: configured origins "
    "echoed, never *",
    "test_guards_matter.py": "Guards switched off: the attack then succeeds",
    "test_bad_input.py::test_bad_input_gets_a_documented_answer": "Bad inputs (operations x inputs)",
    "test_bad_input.py::test_an_unexpected_method_gets_405_with_allow_in_the_apis_error_shape": "Unexpected methods",
    "test_bad_input.py::test_an_unknown_path_gets_404_in_the_apis_error_shape": "Unknown paths",
    "test_fault_isolation.py": "Injected faults confined to their API",
}
"""Test (or whole module) → the concern it counts toward; anything else is a control (a genuine request accepted)."""
CONTROLS = "Controls (genuine requests accepted)"
ATTACKS = list(CONCERNS.values())[:7]
"""The concerns whose rows are attacks (each must be refused)."""
BAD_INPUTS = ["Bad inputs (operations x inputs)", "Unexpected methods", "Unknown paths"]


def concern_of(nodeid: str) -> str:
    """The concern of a test id such as ``tests/security/test_cors.py::test_x[svix-null]``."""
    path, _, test = nodeid.partition("::")
    module = path.rsplit("/", 1)[-1]
    test = test.split("[", 1)[0]
    return CONCERNS.get(f"{module}::{test}") or CONCERNS.get(module) or CONTROLS


class Tally:
    """A pytest plugin counting outcomes per concern."""

    def __init__(self) -> None:
        self.outcomes: dict[str, Counter[str]] = {}

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.when == "call" or (report.when == "setup" and not report.passed):
            self.outcomes.setdefault(concern_of(report.nodeid), Counter())[report.outcome] += 1

    def table(self) -> str:
        lines = ["| concern | tried | handled as required | failed | skipped |", "|---|---:|---:|---:|---:|"]
        for label in [*CONCERNS.values(), CONTROLS]:
            counts = self.outcomes.get(label, Counter())
            tried = sum(counts.values())
            lines.append(f"| {label} | {tried} | {counts['passed']} | {counts['failed']} | {counts['skipped']} |")
        return "\n".join(lines)

    def total(self, labels: list[str]) -> tuple[int, int]:
        """Rows tried and rows handled as required, over ``labels``."""
        counts: Counter[str] = Counter()
        for label in labels:
            counts.update(self.outcomes.get(label, Counter()))
        return sum(counts.values()) - counts["skipped"], counts["passed"]


def main() -> int:
    tally = Tally()
    status = pytest.main([str(FOLDER), "-q", "-p", "no:cacheprovider", "--no-header"], plugins=[tally])
    attacks, refused = tally.total(ATTACKS)
    inputs, clean = tally.total(BAD_INPUTS)
    print()
    print(tally.table())
    print()
    print(f"Attacks tried: {attacks}, refused: {refused}. Bad inputs tried: {inputs}, answered cleanly: {clean}.")
    return int(status)


if __name__ == "__main__":
    sys.exit(main())
