"""Every operation of the admin contract is served, and every status it documents is produced and conforms."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from tests.support.openapi import ContractValidator
from tests.support.specs import load_spec, operations

Send = Callable[[httpx.Client], httpx.Response]


def _not_json(path: str) -> Send:
    return lambda client: client.post(path, content=b"{", headers={"Content-Type": "application/json"})


def _fault_then_delete(client: httpx.Client) -> httpx.Response:
    fault = client.post("/faults", json={"api": "svix", "operation": "*", "delay_ms": 1}).json()
    return client.delete(f"/faults/{fault['id']}")


# 403 is covered for every operation in test_admin_access.py (it needs a non-loopback peer), and reset's 500
# in test_admin.py (it needs a server started with a seed file that is then broken).
ELSEWHERE = {("reset_state", "500")}
RECIPES: dict[tuple[str, str], Send] = {
    ("get_health", "200"): lambda c: c.get("/health"),
    ("reset_state", "200"): lambda c: c.post("/reset"),
    ("list_users", "200"): lambda c: c.get("/users", params={"api": "polario"}),
    ("list_users", "422"): lambda c: c.get("/users", params={"api": "nope"}),
    ("create_user", "201"): lambda c: c.post(
        "/users", json={"api": "polario", "email": "g@example.com", "password": "p"}
    ),
    ("create_user", "400"): _not_json("/users"),
    ("create_user", "409"): lambda c: c.post("/users", json={"api": "authlance", "subject": "user-ada"}),
    ("create_user", "422"): lambda c: c.post("/users", json={"api": "polario", "email": "g@example.com"}),
    ("list_sessions", "200"): lambda c: c.get("/sessions"),
    ("list_sessions", "422"): lambda c: c.get("/sessions", params={"api": ""}),
    ("create_session", "201"): lambda c: c.post(
        "/sessions", json={"api": "authlance", "user": "user-ada", "ttl_seconds": 5}
    ),
    ("create_session", "400"): _not_json("/sessions"),
    ("create_session", "409"): lambda c: c.post(
        "/sessions", json={"api": "authlance", "user": "user-ada", "id": "demo-session-ada"}
    ),
    ("create_session", "422"): lambda c: c.post("/sessions", json={"api": "authlance", "user": "nobody"}),
    ("list_applications", "200"): lambda c: c.get("/applications"),
    ("list_applications", "422"): lambda c: c.get("/applications", params={"limit": 0}),
    ("create_application", "201"): lambda c: c.post("/applications", json={"id": "app_x", "uid": "x", "name": "X"}),
    ("create_application", "400"): _not_json("/applications"),
    ("create_application", "409"): lambda c: c.post("/applications", json={"id": "app_demo", "name": "Again"}),
    ("create_application", "422"): lambda c: c.post("/applications", json={"name": ""}),
    ("list_streams", "200"): lambda c: c.get("/streams"),
    ("create_stream", "201"): lambda c: c.post("/streams", json={"id": "strm_x", "uid": "x", "name": "X"}),
    ("create_stream", "400"): _not_json("/streams"),
    ("create_stream", "409"): lambda c: c.post("/streams", json={"uid": "demo-stream", "name": "Again"}),
    ("create_stream", "422"): lambda c: c.post("/streams", json={"name": "X", "id": "s" * 61}),
    ("create_sink", "201"): lambda c: c.post("/streams/demo-stream/sinks", json={"id": "sink_x", "name": "X"}),
    ("create_sink", "400"): _not_json("/streams/strm_demo/sinks"),
    ("create_sink", "404"): lambda c: c.post("/streams/strm_unknown/sinks", json={"name": "X"}),
    ("create_sink", "409"): lambda c: c.post("/streams/strm_demo/sinks", json={"id": "sink_demo", "name": "Again"}),
    ("create_sink", "422"): lambda c: c.post("/streams/strm_demo/sinks", json={"name": ""}),
    ("list_poller_tokens", "200"): lambda c: c.get("/poller-tokens", params={"stream_id": "strm_demo"}),
    ("list_poller_tokens", "422"): lambda c: c.get("/poller-tokens", params={"sink_id": ""}),
    ("list_tokens", "200"): lambda c: c.get("/tokens"),
    ("list_tokens", "422"): lambda c: c.get("/tokens", params={"api": "SVIX"}),
    ("create_token", "201"): lambda c: c.post("/tokens", json={"api": "svix", "kind": "org_key"}),
    ("create_token", "400"): _not_json("/tokens"),
    ("create_token", "409"): lambda c: c.post(
        "/tokens", json={"api": "svix", "kind": "org_key", "token": "testsk_demo_org_key"}
    ),
    ("create_token", "422"): lambda c: c.post("/tokens", json={"api": "svix", "kind": "org_key", "token": "a b"}),
    ("list_journal", "200"): lambda c: c.get("/journal", params={"api": "svix", "status": 401, "limit": 5}),
    ("list_journal", "422"): lambda c: c.get("/journal", params={"limit": "many"}),
    ("clear_journal", "204"): lambda c: c.delete("/journal"),
    ("list_faults", "200"): lambda c: c.get("/faults"),
    ("create_fault", "201"): lambda c: c.post(
        "/faults", json={"api": "svix", "operation": "*", "delay_ms": 1, "count": 1}
    ),
    ("create_fault", "400"): _not_json("/faults"),
    ("create_fault", "422"): lambda c: c.post("/faults", json={"api": "svix", "operation": "nope", "status": 500}),
    ("clear_faults", "204"): lambda c: c.delete("/faults"),
    ("delete_fault", "204"): _fault_then_delete,
    ("delete_fault", "404"): lambda c: c.delete("/faults/4242"),
    ("get_clock", "200"): lambda c: c.get("/clock"),
    ("advance_clock", "200"): lambda c: c.post("/clock/advance", json={"seconds": 1.5}),
    ("advance_clock", "400"): _not_json("/clock/advance"),
    ("advance_clock", "422"): lambda c: c.post("/clock/advance", json={"seconds": 0}),
}


def test_the_recipes_cover_every_documented_status_but_403() -> None:
    documented = {(op.operation_id, status) for op in operations(load_spec("admin")) for status in op.statuses}
    assert set(RECIPES) | ELSEWHERE == {(operation, status) for operation, status in documented if status != "403"}


@pytest.mark.parametrize(("operation", "status"), list(RECIPES), ids=[f"{op}-{status}" for op, status in RECIPES])
def test_every_documented_status_of_every_admin_operation_is_produced(
    admin: httpx.Client, operation: str, status: str
) -> None:
    response = RECIPES[(operation, status)](admin)  # the response is checked against the contract by the hook
    assert response.status_code == int(status), response.text
    if response.status_code < 400:
        ContractValidator("admin", "/__admin").validate_request(response.request)
    if response.status_code >= 400:
        assert response.json()["error"] in {"malformed_json", "not_found", "conflict", "validation_failed"}
