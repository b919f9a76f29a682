"""The reference server against each contract, with Schemathesis: every operation, every check, stateful links.

For each of the five specs and the admin spec, ``st run`` tests every operation through all of Schemathesis'
phases (the spec's examples, coverage of each schema's edges, fuzzing, and stateful sequences that follow the
spec's ``links``) with ``--checks all``: no 5xx, only documented statuses, content types, headers and bodies,
invalid data rejected, valid data accepted, deleted resources gone, and operations that declare auth refusing
requests without it. The hooks in ``st_hooks.py`` log in with the seeded credentials; ``schemathesis.toml`` holds
the few documented exceptions. A failure shows Schemathesis' own report, with a ``curl`` line to reproduce it.

By default each API gets a fresh reference server (seeded randomness, automatic login at the embedded identity
provider), so the admin API's injected faults cannot leak into another API's run. With ``AUTHKIT_BASE_URL`` set,
the same runs go to that deployment instead (its root URL; the APIs under ``/<slug>``, the admin API under
``/__admin``), reset to its seed first when its admin API answers.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress

import httpx
import pytest

from tests.conftest import make_settings
from tests.contract.st_runner import StRun, st_run
from tests.support.server import running_server
from tests.support.specs import ALL_SPECS, load_spec, operations, spec_path

BASE_URL_ENV = "AUTHKIT_BASE_URL"
ADMIN_TOKEN_ENV = "AUTHKIT_ADMIN_TOKEN"
GRACE = "3350396"
"""The seeded Synapse user the embedded identity provider logs in automatically (bixarena's OIDC flow)."""

EXAMPLES = 10
"""Cases per operation and phase in the default suite: all six specs in about 20 s on two cores."""
DEEP_EXAMPLES = 300
"""Cases per operation and phase with ``scripts/test --deep``."""


def _prefix(name: str) -> str:
    return "/__admin" if name == "admin" else f"/{name}"


def _reset(base_url: str) -> None:
    """Put an outside deployment back to its seed, when its admin API lets us (otherwise test it as it is)."""
    token = os.environ.get(ADMIN_TOKEN_ENV)
    headers = {"X-Admin-Token": token} if token else {}
    with suppress(httpx.HTTPError):
        httpx.post(f"{base_url}/__admin/reset", headers=headers, timeout=10)


@contextmanager
def deployment() -> Iterator[str]:
    """The root URL of the server under test: ``AUTHKIT_BASE_URL``, or a fresh reference server."""
    outside = os.environ.get(BASE_URL_ENV)
    if outside:
        _reset(outside.rstrip("/"))
        yield outside.rstrip("/")
        return
    with running_server(make_settings(idp_auto_login=GRACE)) as server:
        yield server.url


def expected_operations(name: str) -> set[str]:
    """Every operation of a spec, named as Schemathesis names them (``POST /auth/login``)."""
    return {f"{op.method.upper()} {op.path}" for op in operations(load_spec(name), name)}


def run_against_server(name: str, max_examples: int) -> StRun:
    """Schemathesis with every check, for the contract ``name``, against the server under test."""
    with deployment() as base_url:
        return st_run(spec_path(name), base_url + _prefix(name), max_examples=max_examples)


def assert_honoured(name: str, run: StRun) -> None:
    assert run.passed, f"Schemathesis found {name} breaking its contract:\n{run.report()}"
    untested = expected_operations(name) - run.tested
    assert not untested, f"Schemathesis did not test {sorted(untested)} of {name}:\n{run.report()}"


@pytest.mark.parametrize("name", ALL_SPECS)
def test_the_server_honours_the_contract_for_every_operation_and_check(name: str) -> None:
    assert_honoured(name, run_against_server(name, EXAMPLES))


@pytest.mark.deep
@pytest.mark.skipif(not os.environ.get("AUTHKIT_DEEP"), reason="a long run: scripts/test --deep (AUTHKIT_DEEP=1)")
@pytest.mark.parametrize("name", ALL_SPECS)
def test_the_server_honours_the_contract_under_many_more_examples(name: str) -> None:
    assert_honoured(name, run_against_server(name, DEEP_EXAMPLES))
