"""Who may use the admin API: loopback peers always; other peers only with the configured ``X-Admin-Token``."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import httpx
import pytest

from authkit_mock.admin import admin_allowed, is_loopback
from tests.conftest import make_settings
from tests.support.openapi import ContractValidator
from tests.support.server import RunningServer, running_server
from tests.support.specs import load_spec, operations

FORBIDDEN = {
    "error": "forbidden",
    "detail": "The admin API answers loopback peers, or requests with a valid X-Admin-Token.",
}


def non_loopback_address() -> str | None:
    """An IPv4 address of this machine that is not a loopback one (the source of the route outwards), if any."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))  # TEST-NET-1: connecting a UDP socket sends nothing
        address: str = probe.getsockname()[0]
    except OSError:
        return None
    finally:
        probe.close()
    return None if is_loopback(address) or address == "0.0.0.0" else address


@pytest.fixture
def outside(server: RunningServer) -> Iterator[httpx.Client]:
    """A client that reaches the server's loopback port from a non-loopback source address."""
    address = non_loopback_address()
    if address is None:
        pytest.skip("this machine has no non-loopback address to connect from")
    transport = httpx.HTTPTransport(local_address=address)
    with httpx.Client(base_url=f"{server.url}/__admin", transport=transport) as client:
        yield client


def test_a_non_loopback_peer_without_a_configured_token_is_refused_on_every_operation(
    server: RunningServer, outside: httpx.Client
) -> None:
    validator = ContractValidator("admin", "/__admin")
    for operation in operations(load_spec("admin")):
        path = operation.path.replace("{fault_id}", "1")
        response = outside.request(operation.method.upper(), path, json={}, headers={"X-Admin-Token": "guess"})
        assert response.status_code == 403, operation
        assert response.json() == FORBIDDEN
        if "403" in operation.statuses:
            validator.validate_response(response)
        else:
            # get_clock documents no 403 although its security is the same as every other operation's.
            assert operation.operation_id == "get_clock"
    # Refused before anything was done: nothing was reset, no fault was added.
    assert httpx.get(f"{server.url}/__admin/faults").json()["items"] == []


@pytest.fixture
def guarded() -> Iterator[RunningServer]:
    with running_server(make_settings(admin_token="qa-team-token")) as started:
        yield started


def test_with_a_configured_token_a_non_loopback_peer_needs_exactly_that_token(guarded: RunningServer) -> None:
    address = non_loopback_address()
    if address is None:
        pytest.skip("this machine has no non-loopback address to connect from")
    validator = ContractValidator("admin", "/__admin")
    with httpx.Client(
        base_url=f"{guarded.url}/__admin",
        transport=httpx.HTTPTransport(local_address=address),
        event_hooks={"response": [validator.validate_response]},
    ) as client:
        assert client.get("/health").status_code == 403
        assert client.get("/health", headers={"X-Admin-Token": "qa-team-token-2"}).status_code == 403
        assert client.get("/health", headers={"X-Admin-Token": ""}).status_code == 403
        assert client.get("/health", headers={"X-Admin-Token": "qa-team-token"}).status_code == 200
        created = client.post(
            "/users",
            json={"api": "authlance", "subject": "from-outside"},
            headers={"X-Admin-Token": "qa-team-token"},
        )
        assert created.status_code == 201


def test_a_loopback_peer_needs_no_token_and_its_header_is_ignored(guarded: RunningServer) -> None:
    assert httpx.get(f"{guarded.url}/__admin/health").status_code == 200
    assert httpx.get(f"{guarded.url}/__admin/health", headers={"X-Admin-Token": "wrong"}).status_code == 200


@pytest.mark.parametrize(
    ("peer", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.0.0.2", True),
        ("::1", True),
        ("::ffff:127.0.0.1", True),
        ("192.0.2.2", False),
        ("10.0.0.1", False),
        ("::ffff:10.0.0.1", False),
        ("fe80::1%eth0", False),
        ("", False),
        (None, False),
        ("localhost", False),
    ],
)
def test_loopback_peers_are_recognised(peer: str | None, loopback: bool) -> None:
    assert is_loopback(peer) is loopback


@pytest.mark.parametrize(
    ("peer", "sent", "configured", "allowed"),
    [
        ("127.0.0.1", None, None, True),
        ("127.0.0.1", "wrong", "right", True),
        ("10.0.0.1", None, None, False),
        ("10.0.0.1", "anything", None, False),
        ("10.0.0.1", "", "", False),
        ("10.0.0.1", None, "right", False),
        ("10.0.0.1", "wrong", "right", False),
        ("10.0.0.1", "right", "right", True),
    ],
)
def test_admin_access_rules(peer: str, sent: str | None, configured: str | None, allowed: bool) -> None:
    assert admin_allowed(peer, sent, configured) is allowed


def test_in_single_api_mode_the_admin_api_keeps_its_own_error_shape_and_stays_out_of_the_journal() -> None:
    with running_server(make_settings(apis=("pacerpro",), single_api="pacerpro")) as single:
        admin = f"{single.url}/__admin"
        assert (
            httpx.post(f"{admin}/faults", json={"api": "pacerpro", "operation": "*", "status": 503}).status_code == 201
        )
        invalid = httpx.get(f"{admin}/users", params={"api": "nope"})
        unknown = httpx.get(f"{admin}/nope")
        faulted = httpx.get(f"{single.url}/session")
        journal = httpx.get(f"{admin}/journal").json()["items"]
    assert invalid.status_code == 422
    assert invalid.json()["error"] == "validation_failed"
    assert unknown.status_code == 404
    assert unknown.json()["error"] == "not_found"
    assert faulted.status_code == 503
    assert [(entry["api"], entry["operation"], entry["status"]) for entry in journal] == [
        ("pacerpro", "refresh_session", 503)
    ]
