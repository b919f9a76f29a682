"""Every exchange of a live run, checked against the contract; what does not match is a difference to resolve.

A difference between a real service and our spec is never silently accepted: each one is reported with what to do
about it. Either the service is right and the spec must learn it (a fact to add to ``openapi/facts/<slug>.yaml``,
with its source), or the kit differs on purpose (a deviation to list there, with the reason).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import httpx

from tests.support.openapi import ContractValidator


@dataclass(frozen=True)
class Difference:
    """One exchange that the contract does not describe."""

    slug: str
    method: str
    path: str
    status: int
    detail: str

    def advice(self) -> str:
        """The difference, and what to do about it."""
        return (
            f"{self.slug}: {self.method} {self.path} -> {self.status}: {self.detail}\n"
            f"  If the service is right, add the fact to openapi/facts/{self.slug}.yaml (with its source) and the spec;"
            f" if the kit differs on purpose, list it there as a deviation with the reason."
        )


@dataclass
class DifferenceRecorder:
    """httpx event hooks that check every exchange of a client against one contract and keep what differs."""

    slug: str
    base_url: str
    found: list[Difference] = field(default_factory=list)
    exchanges: int = 0

    def __post_init__(self) -> None:
        self._validator = ContractValidator.for_base_url(self.slug, self.base_url)

    def check(self, response: httpx.Response) -> None:
        """Check one exchange (its request and response); a mismatch is recorded, never raised."""
        response.read()
        self.exchanges += 1
        request = response.request
        try:
            self._validator.validate(response)
        except Exception as error:  # openapi-core raises a family of errors; every one is a difference
            self.found.append(
                Difference(self.slug, request.method, request.url.path, response.status_code, _detail(error))
            )

    def httpx_args(self) -> dict[str, Any]:
        """``httpx_args`` for an SDK facade whose exchanges are to be checked."""
        return {"event_hooks": {"response": [self.check]}}

    def report(self) -> str:
        """Every difference found, with what to do about each."""
        return "\n".join(difference.advice() for difference in self.found)


def _detail(error: Exception) -> str:
    causes = [str(error)]
    cause = error.__cause__
    while cause is not None:
        causes.append(str(cause))
        cause = cause.__cause__
    for schema_errors in (getattr(error, "schema_errors", None), getattr(error.__cause__, "schema_errors", None)):
        if schema_errors:
            causes.extend(str(getattr(item, "message", item)) for item in schema_errors)
    return f"{type(error).__name__}: " + "; ".join(dict.fromkeys(part for part in causes if part))
