"""The admin API (reset, users, tokens, faults, the clock) answers loopback peers only, unless a token is configured.

A peer that is not loopback is made by connecting from this machine's outward address to the loopback-bound
port (as tests/server/admin/test_access.py does); machines without one skip those rows.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.conftest import make_settings
from tests.security.actors import TRUST
from tests.server.admin.test_access import non_loopback_address
from tests.support.server import RunningServer, running_server

ADMIN_TOKEN = "qa-team-token"


def admin_get(server: RunningServer, outside: bool, token: str | None) -> httpx.Response:
    """``GET /__admin/users`` from loopback or from outside, with ``token`` in ``X-Admin-Token`` (None: none)."""
    transport = None
    if outside:
        address = non_loopback_address()
        if address is None:
            pytest.skip("this machine has no non-loopback address to connect from")
        transport = httpx.HTTPTransport(local_address=address, verify=TRUST)
    headers = {"X-Admin-Token": token} if token is not None else {}
    with httpx.Client(transport=transport, verify=TRUST) as http:
        return http.get(f"{server.url}/__admin/users", headers=headers)


@pytest.fixture(scope="module")
def guarded_server() -> Iterator[RunningServer]:
    """A server with an admin token configured (as when it is bound beyond loopback for a QA team)."""
    with running_server(make_settings(admin_token=ADMIN_TOKEN)) as started:
        yield started


# (configured token?, from outside?, token sent)
REFUSED = [
    pytest.param(False, True, None, id="admin-outside_refused_by_default"),
    pytest.param(False, True, "guessed", id="admin-outside_with_a_guessed_token_refused_by_default"),
    pytest.param(True, True, None, id="admin-outside_without_the_token_refused"),
    pytest.param(True, True, "qa-team-tokem", id="admin-outside_with_a_wrong_token_refused"),
    pytest.param(True, True, "", id="admin-outside_with_an_empty_token_refused"),
]
ALLOWED = [
    pytest.param(False, False, None, id="admin-loopback_allowed_by_default"),
    pytest.param(True, True, ADMIN_TOKEN, id="admin-outside_with_the_configured_token_allowed"),
    pytest.param(True, False, None, id="admin-loopback_allowed_with_a_token_configured"),
]


@pytest.mark.parametrize(("configured", "outside", "token"), REFUSED)
def test_the_admin_api_refuses_other_peers_without_the_configured_token(
    server: RunningServer, guarded_server: RunningServer, configured: bool, outside: bool, token: str | None
) -> None:
    response = admin_get(guarded_server if configured else server, outside, token)
    assert response.status_code == 403, response.text
    assert response.json()["error"] == "forbidden"


@pytest.mark.parametrize(("configured", "outside", "token"), ALLOWED)
def test_the_admin_api_answers_loopback_and_the_configured_token(
    server: RunningServer, guarded_server: RunningServer, configured: bool, outside: bool, token: str | None
) -> None:
    response = admin_get(guarded_server if configured else server, outside, token)
    assert response.status_code == 200, response.text
    assert "items" in response.json()
