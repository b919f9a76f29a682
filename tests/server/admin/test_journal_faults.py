"""The admin API's request journal and injected faults, seen from the clients of the five APIs."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from tests.support.openapi import ContractValidator
from tests.support.server import RunningServer

EXCHANGE = "/authlance/identity/me"
SESSION = {"session": "demo-session-ada"}
CREDENTIALS = {"email": "demo@example.com", "password": "pacerpro-demo"}


def unless_injected(validator: ContractValidator) -> Callable[[httpx.Response], None]:
    """Check a response against the contract, unless it is an injected fault (whose status the contract may lack)."""

    def check(response: httpx.Response) -> None:
        response.read()
        if b"fault injected through the admin API" not in response.content:
            validator.validate_response(response)

    return check


@pytest.fixture
def authlance(server: RunningServer) -> Iterator[httpx.Client]:
    check = unless_injected(ContractValidator("authlance", "/authlance"))
    with httpx.Client(base_url=server.api_url("authlance"), event_hooks={"response": [check]}) as client:
        yield client


@pytest.fixture
def pacerpro(server: RunningServer) -> Iterator[httpx.Client]:
    check = unless_injected(ContractValidator("pacerpro", "/pacerpro"))
    with httpx.Client(base_url=server.api_url("pacerpro"), event_hooks={"response": [check]}) as client:
        yield client


def journal(admin: httpx.Client, **params: Any) -> list[dict[str, Any]]:
    response = admin.get("/journal", params=params)
    assert response.status_code == 200, response.text
    entries: list[dict[str, Any]] = response.json()["items"]
    return entries


def add_fault(admin: httpx.Client, **body: Any) -> dict[str, Any]:
    response = admin.post("/faults", json=body)
    assert response.status_code == 201, response.text
    fault: dict[str, Any] = response.json()
    return fault


# --- journal ----------------------------------------------------------------------------------------------------


def test_the_journal_records_what_was_received_and_answered_newest_first(
    admin: httpx.Client, authlance: httpx.Client
) -> None:
    authlance.post(EXCHANGE, json={"session": "unknown"}, headers={"X-Trace": "one"})
    authlance.get("/authlance/identity/me/logout", params={"from": "test"})
    newest, oldest = journal(admin)
    assert (newest["operation"], newest["method"], newest["query"], newest["request_body"]) == (
        "logout",
        "GET",
        "from=test",
        None,
    )
    assert newest["response_body"] == '{"message":"logged out"}'
    assert oldest["api"] == "authlance"
    assert oldest["operation"] == "exchange_session_for_token"
    assert oldest["path"] == "/authlance/authlance/identity/me"
    assert oldest["query"] == ""
    assert oldest["status"] == 401
    assert oldest["request_headers"]["x-trace"] == "one"
    assert oldest["request_headers"]["content-type"] == "application/json"
    assert oldest["request_body"] == '{"session":"unknown"}'
    assert oldest["response_body"] == '{"error": "invalid session"}'
    assert oldest["duration_ms"] >= 0
    assert newest["id"] > oldest["id"]


def test_admin_requests_are_not_journaled_but_unknown_paths_are(server: RunningServer, admin: httpx.Client) -> None:
    admin.get("/health")
    httpx.get(f"{server.url}/nowhere")
    entries = journal(admin)
    assert [(entry["api"], entry["operation"], entry["status"]) for entry in entries] == [(None, None, 404)]


def test_journal_filters_combine_and_limit_keeps_the_newest(
    admin: httpx.Client, authlance: httpx.Client, pacerpro: httpx.Client
) -> None:
    authlance.post(EXCHANGE, json=SESSION)
    authlance.post(EXCHANGE, json={"session": "nope"})
    authlance.post(EXCHANGE, json={"session": "nope-2"})
    pacerpro.post("/session", json={"email": "demo@example.com", "password": "wrong"})
    pacerpro.get("/session")
    assert len(journal(admin)) == 5
    assert [entry["api"] for entry in journal(admin, api="pacerpro")] == ["pacerpro", "pacerpro"]
    assert len(journal(admin, status=401)) == 4
    assert len(journal(admin, api="authlance", status=401)) == 2
    assert [entry["operation"] for entry in journal(admin, api="pacerpro", operation="refresh_session")] == [
        "refresh_session"
    ]
    assert (
        journal(admin, operation="exchange_session_for_token", status=200)[0]["request_body"]
        == '{"session":"demo-session-ada"}'
    )
    limited = journal(admin, api="authlance", limit=2)
    assert [entry["request_body"] for entry in limited] == ['{"session":"nope-2"}', '{"session":"nope"}']


@pytest.mark.parametrize(
    "params",
    [
        {"status": "abc"},
        {"status": 99},
        {"status": 600},
        {"limit": 0},
        {"limit": 1001},
        {"api": "x"},
        {"operation": ""},
    ],
)
def test_an_invalid_journal_filter_is_answered_422(admin: httpx.Client, params: dict[str, Any]) -> None:
    response = admin.get("/journal", params=params)
    assert response.status_code == 422
    assert response.json()["error"] == "validation_failed"


def test_clearing_the_journal_empties_it_and_entry_ids_keep_increasing(
    admin: httpx.Client, authlance: httpx.Client
) -> None:
    authlance.get("/authlance/identity/me/logout")
    first_id = journal(admin)[0]["id"]
    cleared = admin.delete("/journal")
    assert cleared.status_code == 204
    assert cleared.content == b""
    assert journal(admin) == []
    authlance.get("/authlance/identity/me/logout")
    assert journal(admin)[0]["id"] > first_id


# --- faults -----------------------------------------------------------------------------------------------------


def test_a_429_fault_answers_in_the_apis_shape_with_retry_after_and_counts_down(
    admin: httpx.Client, authlance: httpx.Client
) -> None:
    fault = add_fault(admin, api="authlance", operation="exchange_session_for_token", status=429, count=2)
    assert fault == {
        "id": fault["id"],
        "api": "authlance",
        "operation": "exchange_session_for_token",
        "status": 429,
        "delay_ms": 0,
        "count": 2,
        "remaining": 2,
    }
    first = authlance.post(EXCHANGE, json=SESSION)
    assert first.status_code == 429
    assert first.headers["Retry-After"] == "1"
    assert list(first.json()) == ["error"]
    assert "injected" in first.json()["error"]
    assert "set-cookie" not in first.headers
    assert admin.get("/faults").json()["items"][0]["remaining"] == 1
    assert authlance.post(EXCHANGE, json=SESSION).status_code == 429
    assert admin.get("/faults").json()["items"] == []
    assert authlance.post(EXCHANGE, json=SESSION).status_code == 200
    assert [entry["status"] for entry in journal(admin)] == [200, 429, 429]


def test_a_fault_answers_in_pacerpros_error_shape_and_changes_no_state(
    server: RunningServer, admin: httpx.Client, pacerpro: httpx.Client
) -> None:
    token = pacerpro.post("/session", json=CREDENTIALS).json()["jwtToken"]
    add_fault(admin, api="pacerpro", operation="revoke_all_sessions", status=401, count=1)
    faulted = pacerpro.delete("/session", headers={"Authorization": f"Bearer {token}"})
    assert faulted.status_code == 401
    assert faulted.json() == {
        "error": "Unauthorized",
        "message": faulted.json()["message"],
        "status": 401,
        "type": "error",
    }
    assert "injected" in faulted.json()["message"]
    # The request was not handled: the JTI did not change, so the token still works.
    assert pacerpro.get("/session", headers={"Authorization": f"Bearer {token}"}).status_code == 200


def test_a_fault_without_count_stays_until_removed_and_only_hits_its_operation(
    admin: httpx.Client, pacerpro: httpx.Client
) -> None:
    fault = add_fault(admin, api="pacerpro", operation="refresh_session", status=503)
    for _ in range(3):
        assert pacerpro.get("/session").status_code == 503
    assert pacerpro.post("/session", json=CREDENTIALS).status_code == 200
    assert admin.get("/faults").json()["items"][0]["remaining"] is None
    removed = admin.delete(f"/faults/{fault['id']}")
    assert removed.status_code == 204
    assert pacerpro.get("/session").status_code == 401


def test_a_star_fault_hits_every_operation_of_its_api_but_no_unknown_path_and_no_other_api(
    server: RunningServer, admin: httpx.Client, authlance: httpx.Client, pacerpro: httpx.Client
) -> None:
    add_fault(admin, api="pacerpro", operation="*", status=500)
    assert pacerpro.post("/session", json=CREDENTIALS).status_code == 500
    assert pacerpro.get("/session").status_code == 500
    assert httpx.get(f"{server.api_url('pacerpro')}/nope").status_code == 404
    assert authlance.post(EXCHANGE, json=SESSION).status_code == 200


def test_the_oldest_matching_fault_applies_and_only_one_per_request(
    admin: httpx.Client, pacerpro: httpx.Client
) -> None:
    older = add_fault(admin, api="pacerpro", operation="*", status=502, count=1)
    newer = add_fault(admin, api="pacerpro", operation="refresh_session", status=504, count=1)
    assert pacerpro.get("/session").status_code == 502
    assert [fault["id"] for fault in admin.get("/faults").json()["items"]] == [newer["id"]]
    assert pacerpro.get("/session").status_code == 504
    assert older["id"] < newer["id"]


def test_a_delay_fault_slows_the_request_and_then_handles_it(admin: httpx.Client, authlance: httpx.Client) -> None:
    add_fault(admin, api="authlance", operation="logout", delay_ms=50, count=1)
    started = time.perf_counter()
    response = authlance.get("/authlance/identity/me/logout")
    elapsed = time.perf_counter() - started
    assert response.status_code == 200
    assert response.json() == {"message": "logged out"}
    assert elapsed >= 0.05
    assert journal(admin)[0]["duration_ms"] >= 50
    started = time.perf_counter()
    authlance.get("/authlance/identity/me/logout")
    assert journal(admin)[0]["duration_ms"] < 50


@pytest.mark.parametrize("status", [204, 304])
def test_a_fault_with_a_bodiless_status_is_sent_without_a_body(
    admin: httpx.Client, server: RunningServer, status: int
) -> None:
    add_fault(admin, api="authlance", operation="exchange_session_for_token", status=status, count=1)
    response = httpx.post(f"{server.api_url('authlance')}{EXCHANGE}", json=SESSION)
    assert response.status_code == status
    assert response.content == b""
    assert "content-type" not in response.headers
    assert journal(admin)[0]["status"] == status
    assert journal(admin)[0]["response_body"] is None


def test_a_fault_with_an_interim_status_ends_the_connection_instead_of_leaving_the_client_waiting(
    admin: httpx.Client, server: RunningServer
) -> None:
    add_fault(admin, api="authlance", operation="logout", status=100, count=1)
    with pytest.raises(httpx.RemoteProtocolError):
        httpx.get(f"{server.api_url('authlance')}/authlance/identity/me/logout", timeout=5)


def test_faults_answer_in_each_apis_documented_error_shape(server: RunningServer, admin: httpx.Client) -> None:
    add_fault(admin, api="svix", operation="*", status=422, count=1)
    add_fault(admin, api="bixarena", operation="*", status=500, count=1)
    add_fault(admin, api="polario", operation="*", status=409, count=1)
    # svix applies faults once the caller is authenticated (inside its idempotency window).
    svix = httpx.post(
        f"{server.api_url('svix')}/api/v1/auth/logout/", headers={"Authorization": "Bearer testsk_demo_org_key"}
    )
    bixarena = httpx.post(f"{server.api_url('bixarena')}/auth/logout")
    polario = httpx.get(f"{server.api_url('polario')}/auth/logout")
    assert svix.status_code == 422
    assert "detail" in svix.json()
    assert bixarena.status_code == 500
    assert bixarena.headers["content-type"].startswith("application/problem+json")
    assert polario.status_code == 409
    assert list(polario.json()) == ["error"]


def test_clearing_faults_removes_them_all_and_fault_ids_keep_increasing(
    admin: httpx.Client, pacerpro: httpx.Client
) -> None:
    first = add_fault(admin, api="pacerpro", operation="*", status=500)
    add_fault(admin, api="authlance", operation="logout", delay_ms=1)
    cleared = admin.delete("/faults")
    assert cleared.status_code == 204
    assert admin.get("/faults").json()["items"] == []
    assert pacerpro.get("/session").status_code == 401
    assert add_fault(admin, api="pacerpro", operation="*", status=500)["id"] > first["id"] + 1


def test_removing_an_unknown_or_spent_fault_is_answered_404(admin: httpx.Client, pacerpro: httpx.Client) -> None:
    spent = add_fault(admin, api="pacerpro", operation="*", status=500, count=1)
    pacerpro.get("/session")
    for fault_id in (spent["id"], 999, 0, "abc"):
        response = admin.delete(f"/faults/{fault_id}")
        assert response.status_code == 404
        assert response.json() == {"error": "not_found", "detail": f"No fault with id {fault_id}."}


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        ({"api": "pacerpro", "operation": "no_such_operation", "status": 500}, "operation"),
        ({"api": "pacerpro", "operation": "exchange_session_for_token", "status": 500}, "operation"),
        ({"api": "pacerpro", "operation": "*"}, "status"),
        ({"api": "pacerpro", "operation": "*", "status": None, "delay_ms": 0}, "status"),
        ({"api": "pacerpro", "operation": "*", "delay_ms": None}, "delay_ms"),
        ({"api": "pacerpro", "operation": "*", "status": 99}, "status"),
        ({"api": "pacerpro", "operation": "*", "status": 600}, "status"),
        ({"api": "pacerpro", "operation": "*", "delay_ms": 60001}, "delay_ms"),
        ({"api": "pacerpro", "operation": "*", "status": 500, "count": 0}, "count"),
        ({"api": "pacerpro", "operation": "*", "status": "500"}, "status"),
        ({"api": "github", "operation": "*", "status": 500}, "api"),
        ({"api": "pacerpro", "operation": "", "status": 500}, "operation"),
    ],
)
def test_a_fault_that_names_no_operation_or_does_nothing_is_answered_422(
    admin: httpx.Client, body: dict[str, Any], detail: str
) -> None:
    response = admin.post("/faults", json=body)
    assert response.status_code == 422
    assert response.json()["error"] == "validation_failed"
    assert response.json()["detail"].startswith(detail)
