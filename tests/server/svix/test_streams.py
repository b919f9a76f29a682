"""svix streams on the reference server: stream tokens, poller tokens, sessions, grants, and the bounds on streams.

Every response is checked against openapi/svix.yaml by the client (tests/server/svix/client.py).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from authkit_mock.core.store import Token
from tests.server.svix.client import (
    APP_ID,
    ORG_KEY,
    POLLER_TOKEN,
    SINK_ID,
    SINK_UID,
    STREAM_ID,
    STREAM_UID,
    SvixClient,
    magic_link_payload,
    svix_server,
)
from tests.support.server import RunningServer


@pytest.fixture
def svix() -> Iterator[RunningServer]:
    """A server of the svix API alone (under /svix), with the default seed."""
    with svix_server() as server:
        yield server


@pytest.fixture
def client(svix: RunningServer) -> Iterator[SvixClient]:
    started = SvixClient(svix)
    yield started
    started.close()


def admin(server: RunningServer) -> httpx.Client:
    return httpx.Client(base_url=f"{server.url}/__admin")


def token_record(server: RunningServer, value: str) -> Token:
    found = server.sync(lambda: server.runtime.store.token(value))
    assert found is not None
    return found


def works(client: SvixClient, token: str) -> bool:
    """Whether a stream token still reads its stream's poller token."""
    status = client.get_poller_token(token=token).status_code
    assert status in (200, 401), status
    return status == 200


# Stream tokens


def test_stream_portal_access_issues_a_stream_token_and_a_link_naming_the_stream_as_asked(client: SvixClient) -> None:
    response = client.stream_portal_access(STREAM_UID)
    assert response.status_code == 200
    token = response.json()["token"]
    assert token.startswith("strmsk_")
    assert magic_link_payload(response.json()["url"]) == {"streamId": STREAM_UID, "token": token}
    assert works(client, token)


def test_a_stream_token_manages_the_poller_tokens_of_its_own_stream_only(
    svix: RunningServer, client: SvixClient
) -> None:
    token = client.new_stream_token()
    with admin(svix) as http:
        assert http.post("/streams", json={"id": "strm_other", "name": "Other"}).status_code == 201
        assert http.post("/streams/strm_other/sinks", json={"id": SINK_ID, "name": "Other"}).status_code == 201
    assert client.get_poller_token(STREAM_UID, SINK_UID, token=token).status_code == 200
    assert client.rotate_poller_token(token=token).status_code == 201
    assert client.get_poller_token("strm_other", token=token).status_code == 403
    assert client.rotate_poller_token("strm_other", token=token).status_code == 403
    # Whether another stream exists is not its business: an unknown one is 403 too (an org key gets 404).
    assert client.get_poller_token("strm_unknown", token=token).status_code == 403
    assert client.get_poller_token("strm_unknown").status_code == 404


def test_a_stream_token_may_not_issue_tokens_expire_them_or_log_out_an_app_token(client: SvixClient) -> None:
    token = client.new_stream_token()
    assert client.stream_portal_access(token=token).status_code == 403
    assert client.stream_expire_all(token=token).status_code == 403
    assert client.app_portal_access(token=token).status_code == 403
    assert client.logout(token).status_code == 403
    assert works(client, token)


def test_stream_logout_ends_the_token_at_once_and_refuses_other_tokens(client: SvixClient) -> None:
    token = client.new_stream_token()
    assert client.stream_logout(client.new_app_token()).status_code == 403
    assert client.stream_logout(ORG_KEY).status_code == 403
    assert client.stream_logout(token, slash=True).status_code == 204
    assert not works(client, token)
    assert client.stream_logout(token).status_code == 401


def test_stream_expire_all_with_a_delay_ends_the_stream_s_tokens_once_the_clock_gets_there(
    svix: RunningServer, client: SvixClient
) -> None:
    token = client.new_stream_token()
    app_token = client.new_app_token()
    assert client.stream_expire_all(STREAM_UID, {"expiry": 60}).status_code == 204
    later = client.new_stream_token()
    svix.advance_clock(59)
    assert works(client, token)
    svix.advance_clock(1)
    assert not works(client, token)
    assert works(client, later)
    assert client.authenticates(app_token)


@pytest.mark.parametrize("kind", ["stream", "app"])
def test_expire_all_with_session_ids_ends_only_the_tokens_of_those_sessions(client: SvixClient, kind: str) -> None:
    def issue(body: dict[str, Any]) -> str:
        return client.new_stream_token(body=body) if kind == "stream" else _app_token(client, body)

    def alive(token: str) -> bool:
        return works(client, token) if kind == "stream" else client.authenticates(token)

    ada, bob, nobody = issue({"sessionId": "ada"}), issue({"sessionId": "bob"}), issue({})
    expire = client.stream_expire_all if kind == "stream" else client.expire_all
    assert expire(body={"sessionIds": ["ada", "carol"]}).status_code == 204
    assert [alive(t) for t in (ada, bob, nobody)] == [False, True, True]
    assert expire(body={"sessionIds": []}).status_code == 204  # none named: every token
    assert [alive(t) for t in (bob, nobody)] == [False, False]


def _app_token(client: SvixClient, body: dict[str, Any]) -> str:
    response = client.app_portal_access(APP_ID, body)
    assert response.status_code == 200, response.text
    token: str = response.json()["token"]
    return token


@pytest.mark.parametrize("kind", ["stream", "app"])
def test_a_portal_token_lives_the_expiry_asked_for_or_seven_days(svix: RunningServer, kind: str) -> None:
    with SvixClient(svix) as client:
        send = client.stream_portal_access if kind == "stream" else client.app_portal_access
        short, default = (send(body=body).json()["token"] for body in ({"expiry": 3600}, {}))
        now = svix.runtime.clock_now
        assert token_record(svix, short).expires_at == pytest.approx(now + 3600, abs=5)
        assert token_record(svix, default).expires_at == pytest.approx(now + 604800, abs=5)


# Poller tokens


def test_rotation_answers_a_new_token_that_the_next_get_returns_and_the_old_one_works_five_more_minutes(
    svix: RunningServer, client: SvixClient
) -> None:
    assert client.get_poller_token().json()["token"] == POLLER_TOKEN
    rotated = client.rotate_poller_token(STREAM_UID, SINK_UID)
    assert rotated.status_code == 201
    new = rotated.json()
    assert new["token"].startswith("pollsk_") and new["token"] != POLLER_TOKEN
    assert client.get_poller_token().json() == new
    # A poller token authenticates (and may not call these operations: 403) until it ends (401).
    assert client.get_poller_token(token=POLLER_TOKEN).status_code == 403
    svix.advance_clock(299)
    assert client.get_poller_token(token=POLLER_TOKEN).status_code == 403
    svix.advance_clock(1)
    assert client.get_poller_token(token=POLLER_TOKEN).status_code == 401
    assert client.get_poller_token(token=new["token"]).status_code == 403


def test_a_poller_token_that_expires_leaves_the_sink_without_one_until_the_next_rotation(
    svix: RunningServer, client: SvixClient
) -> None:
    assert client.rotate_poller_token(body={"expiry": 60}).status_code == 201
    svix.advance_clock(60)
    assert client.get_poller_token().status_code == 404
    assert client.rotate_poller_token().status_code == 201
    assert client.get_poller_token().status_code == 200


def test_a_sink_holds_at_most_its_bound_of_working_poller_tokens(svix: RunningServer, client: SvixClient) -> None:
    most = svix.settings.svix_max_poller_tokens_per_sink
    issued = [client.rotate_poller_token(body={"oldTokenExpiry": 86400}).json()["token"] for _ in range(most + 2)]
    held = [t.token for t in svix.sync(lambda: svix.runtime.store.tokens_of("svix")) if t.kind == "poller_token"]
    assert held == issued[-most:]
    assert client.get_poller_token(token=issued[1]).status_code == 401
    assert client.get_poller_token(token=issued[2]).status_code == 403


def test_a_rotation_with_the_same_idempotency_key_is_replayed_not_repeated(client: SvixClient) -> None:
    first = client.rotate_poller_token(key="rotate-once")
    again = client.rotate_poller_token(key="rotate-once")
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.json() == first.json() == client.get_poller_token().json()


# Grants and applications


def test_capabilities_and_read_only_are_carried_into_the_token_and_shown_by_the_admin_api(
    svix: RunningServer, client: SvixClient
) -> None:
    chosen = _app_token(
        client,
        {"capabilities": ["ManageEndpoint"], "readOnly": True, "featureFlags": ["beta"], "sessionId": "ada"},
    )
    everything = _app_token(client, {})
    stream = client.new_stream_token(body={"featureFlags": ["beta"]})
    with admin(svix) as http:
        tokens = {t["token"]: t for t in http.get("/tokens", params={"api": "svix"}).json()["items"]}
    assert tokens[chosen]["grants"] == {
        "feature_flags": ["beta"],
        "capabilities": ["ViewBase", "ManageEndpoint"],
        "read_only": True,
    }
    assert tokens[chosen]["session_id"] == "ada"
    assert len(tokens[everything]["grants"]["capabilities"]) == 6
    assert tokens[stream]["grants"] == {"feature_flags": ["beta"], "capabilities": None, "read_only": None}
    assert tokens[stream]["stream_id"] == STREAM_ID
    assert json.loads(token_record(svix, chosen).grants or "{}")["readOnly"] is True


def test_app_portal_access_creates_an_unknown_application_when_asked(svix: RunningServer, client: SvixClient) -> None:
    assert client.app_portal_access("customer-acme", {}).status_code == 404
    body = {"application": {"name": "Acme", "uid": "customer-acme"}}
    assert client.app_portal_access("customer-acme", body).status_code == 200
    app = svix.sync(lambda: svix.runtime.store.application("customer-acme"))
    assert app is not None and app.name == "Acme" and app.id.startswith("app_")
    # Now it exists: the argument is ignored, and no second application is made.
    assert client.app_portal_access("customer-acme", {"application": {"name": "Other"}}).status_code == 200
    assert len(svix.sync(svix.runtime.store.applications_of)) == 2
    mismatch = client.app_portal_access("customer-b", {"application": {"name": "B", "uid": "customer-c"}})
    assert mismatch.status_code == 422
    assert mismatch.json()["detail"][0]["loc"] == ["body", "application", "uid"]


INVALID = [
    ("app_portal_access", {"expiry": 3599}, ["body", "expiry"]),
    ("app_portal_access", {"expiry": 604801}, ["body", "expiry"]),
    ("app_portal_access", {"sessionId": "not valid"}, ["body", "sessionId"]),
    ("app_portal_access", {"sessionId": "s" * 65}, ["body", "sessionId"]),
    ("app_portal_access", {"capabilities": ["ViewEverything"]}, ["body", "capabilities", "0"]),
    ("app_portal_access", {"capabilities": ["ViewBase", "ViewBase"]}, ["body", "capabilities"]),
    ("app_portal_access", {"readOnly": "yes"}, ["body", "readOnly"]),
    ("app_portal_access", {"application": {"name": ""}}, ["body", "application", "name"]),
    ("app_portal_access", {"application": {"name": "A", "metadata": None}}, ["body", "application", "metadata"]),
    ("expire_all", {"sessionIds": ["ok"] * 1001}, ["body", "sessionIds"]),
    ("expire_all", {"sessionIds": None}, ["body", "sessionIds"]),
    ("expire_all", {"sessionIds": ["bad id"]}, ["body", "sessionIds", "0"]),
    ("stream_portal_access", {"expiry": 604801}, ["body", "expiry"]),
    ("stream_portal_access", {"featureFlags": []}, ["body", "featureFlags"]),
    ("stream_expire_all", {"expiry": 259201}, ["body", "expiry"]),
    ("rotate_poller_token", {"expiry": 0}, ["body", "expiry"]),
    ("rotate_poller_token", {"expiry": 31536001}, ["body", "expiry"]),
    ("rotate_poller_token", {"oldTokenExpiry": 86401}, ["body", "oldTokenExpiry"]),
    ("rotate_poller_token", {"oldTokenExpiry": None}, ["body", "oldTokenExpiry"]),
]


@pytest.mark.parametrize(("operation", "body", "loc"), INVALID, ids=[f"{o}-{b}"[:60] for o, b, _ in INVALID])
def test_every_upstream_constraint_is_enforced_with_a_422(
    client: SvixClient, operation: str, body: dict[str, Any], loc: list[str]
) -> None:
    response = getattr(client, operation)(body=body)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][: len(loc)] == loc


@pytest.mark.parametrize("operation", ["rotate_poller_token", "get_poller_token"])
def test_overlong_stream_and_sink_ids_are_422_at_the_path(client: SvixClient, operation: str) -> None:
    response = getattr(client, operation)("s" * 61, "k" * 61)
    assert response.status_code == 422
    assert [e["loc"] for e in response.json()["detail"]] == [["path", "stream_id"], ["path", "sink_id"]]


# Streams added through the admin API


def test_a_stream_added_through_the_admin_api_expires_with_its_sinks_and_tokens() -> None:
    with svix_server(svix_stream_ttl=3600) as server, SvixClient(server) as client, admin(server) as http:
        assert http.post("/streams", json={"id": "strm_brief", "name": "Brief"}).status_code == 201
        sink = http.post("/streams/strm_brief/sinks", json={"id": "sink_brief", "name": "Brief"}).json()
        token = client.new_stream_token("strm_brief")
        assert client.get_poller_token("strm_brief", "sink_brief").json()["token"] == sink["poller_token"]
        server.advance_clock(3600)
        assert client.get_poller_token("strm_brief", "sink_brief").status_code == 404
        assert client.stream_logout(token).status_code == 404
        assert [s["id"] for s in http.get("/streams").json()["items"]] == [STREAM_ID]
        assert http.get("/poller-tokens", params={"stream_id": "strm_brief"}).json()["items"] == []


def test_the_number_of_streams_and_of_sinks_per_stream_is_bounded() -> None:
    with svix_server(svix_max_streams=2, svix_max_sinks_per_stream=1) as server, admin(server) as http:
        assert http.post("/streams", json={"name": "Second"}).status_code == 201
        full = http.post("/streams", json={"name": "Third"})
        assert (full.status_code, full.json()["error"]) == (409, "conflict")
        assert http.post(f"/streams/{STREAM_ID}/sinks", json={"name": "Second"}).status_code == 409
