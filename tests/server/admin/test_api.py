"""The admin API's health, reset and state operations: list and add users, sessions, applications and tokens."""

from __future__ import annotations

import re
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from authkit_sdk.scram import ScramCredentials
from tests.conftest import make_settings
from tests.server.polario.flow import PolarioClient
from tests.support.openapi import ContractValidator
from tests.support.server import RunningServer, running_server


def items(response: httpx.Response) -> list[dict[str, Any]]:
    assert response.status_code == 200, response.text
    found: list[dict[str, Any]] = response.json()["items"]
    return found


def assert_error(response: httpx.Response, status: int, code: str, detail: str | None = None) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["error"] == code
    assert body["detail"]
    if detail is not None:
        assert detail in body["detail"]


# --- health ---------------------------------------------------------------------------------------------------


def test_health_names_every_api_served_and_the_server_clock(server: RunningServer, admin: httpx.Client) -> None:
    admin.post("/clock/advance", json={"seconds": 3600})
    body = admin.get("/health").json()
    assert body["status"] == "ok"
    assert body["apis"] == ["authlance", "polario", "svix", "bixarena", "pacerpro"]
    now = datetime.fromisoformat(body["now"]).timestamp()
    assert abs(now - server.sync(lambda: server.runtime.clock_now)) < 5


def test_health_names_only_the_api_served_in_single_api_mode() -> None:
    with running_server(make_settings(apis=("pacerpro",), single_api="pacerpro")) as single:
        body = httpx.get(f"{single.url}/__admin/health").json()
    assert body["apis"] == ["pacerpro"]


# --- reset ------------------------------------------------------------------------------------------------------


def test_reset_puts_users_sessions_applications_tokens_journal_faults_and_clock_back(
    server: RunningServer, admin: httpx.Client
) -> None:
    listings = ("/users", "/sessions", "/applications", "/tokens")
    seeded = {path: admin.get(path).json() for path in listings}
    admin.post("/users", json={"api": "pacerpro", "email": "new@example.com", "password": "x"})
    admin.post("/sessions", json={"api": "authlance", "user": "user-ada"})
    admin.post("/applications", json={"name": "Another"})
    admin.post("/tokens", json={"api": "svix", "kind": "org_key"})
    admin.post("/faults", json={"api": "svix", "operation": "*", "status": 500})
    httpx.post(f"{server.api_url('authlance')}/authlance/identity/me", json={"session": "demo-session-ada"})
    admin.post("/clock/advance", json={"seconds": 100})

    response = admin.post("/reset")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    for path in listings:
        assert _without_times(admin.get(path).json()) == _without_times(seeded[path]), path
    assert items(admin.get("/journal")) == []
    assert items(admin.get("/faults")) == []
    assert admin.get("/clock").json()["offset_seconds"] == 0


def _without_times(listing: dict[str, Any]) -> list[dict[str, Any]]:
    return [{k: v for k, v in item.items() if k not in ("created_at", "expires_at")} for item in listing["items"]]


def test_reset_reads_the_seed_file_again(tmp_path: Path) -> None:
    seed_file = tmp_path / "seed.yaml"
    seed_file.write_text("pacerpro:\n  users:\n    - {email: one@example.com, password: one}\n", encoding="utf-8")
    with running_server(make_settings(seed_file=seed_file)) as seeded:
        admin = f"{seeded.url}/__admin"
        seed_file.write_text("pacerpro:\n  users:\n    - {email: two@example.com, password: two}\n", encoding="utf-8")
        assert httpx.post(f"{admin}/reset").status_code == 200
        emails = [user["email"] for user in httpx.get(f"{admin}/users").json()["items"]]
        login = httpx.post(
            f"{seeded.api_url('pacerpro')}/session", json={"email": "two@example.com", "password": "two"}
        )
    assert emails == ["two@example.com"]
    assert login.status_code == 200


def test_reset_refuses_a_broken_seed_file_and_keeps_the_state(tmp_path: Path) -> None:
    seed_file = tmp_path / "seed.yaml"
    seed_file.write_text("pacerpro:\n  users:\n    - {email: one@example.com, password: one}\n", encoding="utf-8")
    with running_server(make_settings(seed_file=seed_file)) as seeded:
        admin = f"{seeded.url}/__admin"
        httpx.post(f"{admin}/users", json={"api": "pacerpro", "email": "kept@example.com", "password": "x"})
        seed_file.write_text("pacerpro: {users: [{nope: 1}]}\n", encoding="utf-8")
        response = httpx.post(f"{admin}/reset")
        emails = [user["email"] for user in httpx.get(f"{admin}/users").json()["items"]]
    assert response.status_code == 500
    ContractValidator("admin", "/__admin").validate(response)
    assert response.json()["error"] == "seed_file_invalid"
    assert "Traceback" not in response.text
    assert emails == ["one@example.com", "kept@example.com"]


def test_reset_keeps_the_signing_keys(server: RunningServer) -> None:
    before = server.runtime.authority("pacerpro").jwks()
    assert httpx.post(f"{server.url}/__admin/reset").status_code == 200
    assert server.runtime.authority("pacerpro").jwks() == before


# --- users ------------------------------------------------------------------------------------------------------


def test_users_of_every_api_are_listed_in_creation_order_without_passwords(admin: httpx.Client) -> None:
    listed = items(admin.get("/users"))
    assert [user["api"] for user in listed] == ["authlance", "polario", "bixarena", "bixarena", "pacerpro"]
    assert all(set(user) == {"api", "id", "email", "name", "subject"} for user in listed)
    admin.post("/users", json={"api": "polario", "email": "later@example.com", "password": "x"})
    assert items(admin.get("/users"))[-1]["email"] == "later@example.com"


def test_the_api_filter_narrows_users_and_svix_has_none(admin: httpx.Client) -> None:
    assert [user["email"] for user in items(admin.get("/users", params={"api": "bixarena"}))] == [
        "grace@example.org",
        "alan@example.org",
    ]
    assert items(admin.get("/users", params={"api": "svix"})) == []
    assert_error(admin.get("/users", params={"api": "github"}), 422, "validation_failed", "api")


def test_a_polario_user_is_kept_as_scram_keys_derived_with_the_configured_iterations(
    server: RunningServer, admin: httpx.Client
) -> None:
    response = admin.post("/users", json={"api": "polario", "email": "grace@example.com", "password": "pencil2"})
    assert response.status_code == 201
    assert response.json() == {
        "api": "polario",
        "id": "grace@example.com",
        "email": "grace@example.com",
        "name": None,
        "subject": None,
    }
    user = server.sync(lambda: server.runtime.store.user("polario", "grace@example.com"))
    assert user is not None
    assert user.password is None
    assert user.scram is not None
    assert user.scram.iterations == server.settings.scram_iterations
    # The server's derivation agrees with the SDK's own, independent one (RFC 5802 section 3).
    expected = ScramCredentials.derive("pencil2", user.scram.salt, server.settings.scram_iterations)
    assert (user.scram.stored_key, user.scram.server_key) == (expected.stored_key, expected.server_key)
    other = admin.post("/users", json={"api": "polario", "email": "alan@example.com", "password": "pencil2"})
    assert other.status_code == 201
    second = server.sync(lambda: server.runtime.store.user("polario", "alan@example.com"))
    assert second is not None
    assert second.scram is not None
    assert second.scram.salt != user.scram.salt


def test_a_polario_user_added_through_the_admin_api_logs_in_with_scram(
    server: RunningServer, admin: httpx.Client
) -> None:
    admin.post("/users", json={"api": "polario", "email": "grace@example.com", "password": "pencil2"})
    client = PolarioClient(server)
    try:
        assert client.login("grace@example.com", "pencil2").jwt
    finally:
        client.close()


def test_a_pacerpro_user_gets_a_password_hash_and_a_fresh_jti(server: RunningServer, admin: httpx.Client) -> None:
    admin.post("/users", json={"api": "pacerpro", "email": "grace@example.com", "password": "s3cret"})
    user = server.sync(lambda: server.runtime.store.user("pacerpro", "grace@example.com"))
    assert user is not None
    assert user.password is not None
    assert user.password.matches("s3cret")
    demo = server.sync(lambda: server.runtime.store.user("pacerpro", "demo@example.com"))
    assert demo is not None
    assert user.jti
    assert user.jti != demo.jti


def test_a_bixarena_user_gets_a_numeric_synapse_id_when_none_is_given(admin: httpx.Client) -> None:
    response = admin.post("/users", json={"api": "bixarena", "name": "rfranklin", "email": "rosalind@example.com"})
    assert response.status_code == 201
    body = response.json()
    assert body["subject"].isdecimal()
    assert (body["api"], body["name"], body["email"], body["id"]) == (
        "bixarena",
        "rfranklin",
        "rosalind@example.com",
        body["subject"],
    )
    chosen = admin.post("/users", json={"api": "bixarena", "name": "mcurie", "subject": "3350398"}).json()
    assert chosen["subject"] == "3350398"
    assert chosen["email"] is None


def test_an_authlance_user_gets_a_uuid_subject_when_none_is_given(admin: httpx.Client) -> None:
    body = admin.post("/users", json={"api": "authlance", "email": "ada2@example.com", "name": "Ada"}).json()
    assert uuid.UUID(body["subject"]).version == 4
    by_subject = admin.post("/users", json={"api": "authlance", "subject": "kratos-1"}).json()
    assert (by_subject["subject"], by_subject["email"]) == ("kratos-1", None)


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        ({"api": "polario", "email": "x@example.com"}, "password: required for api polario"),
        ({"api": "pacerpro", "password": "x"}, "email: required for api pacerpro"),
        ({"api": "authlance", "email": "x@example.com", "password": "x"}, "password"),
        ({"api": "bixarena", "name": "x", "password": "x"}, "password"),
        ({"api": "pacerpro", "email": "x@example.com", "password": "x", "subject": "1"}, "subject"),
        ({"api": "authlance", "name": "Nobody"}, "subject"),
        ({"api": "bixarena", "email": "x@example.com"}, "name"),
        ({"api": "bixarena", "name": "x", "subject": "abc"}, "subject"),
        ({"api": "svix", "email": "x@example.com"}, "api"),
        ({"api": "pacerpro", "email": "not-an-email", "password": "x"}, "email"),
        ({"api": "pacerpro", "email": "x@example.com", "password": ""}, "password"),
        ({"api": "authlance", "subject": None, "email": "x@example.com"}, "subject: must not be null"),
        ({"email": "x@example.com"}, "api"),
        ([], "body"),
    ],
)
def test_a_user_that_breaks_the_apis_rules_is_answered_422(admin: httpx.Client, body: Any, detail: str) -> None:
    assert_error(admin.post("/users", json=body), 422, "validation_failed", detail)


@pytest.mark.parametrize(
    "body",
    [
        {"api": "polario", "email": "DEMO@example.com", "password": "x"},
        {"api": "pacerpro", "email": "Demo@Example.com", "password": "x"},
        {"api": "authlance", "subject": "user-ada"},
        {"api": "authlance", "email": "ADA@example.com"},
        {"api": "bixarena", "name": "dup", "subject": "3350396"},
        {"api": "bixarena", "name": "dup", "email": "Grace@example.org"},
    ],
)
def test_a_user_whose_email_or_subject_exists_in_that_api_is_answered_409(
    admin: httpx.Client, body: dict[str, str]
) -> None:
    assert_error(admin.post("/users", json=body), 409, "conflict", "already exists")


def test_the_same_email_may_exist_in_two_apis(admin: httpx.Client) -> None:
    assert admin.post("/users", json={"api": "authlance", "email": "demo@example.com"}).status_code == 201


@pytest.mark.parametrize(
    ("content", "content_type"),
    # A form body is refused before it is read (403: tests/security/test_admin_cross_site.py).
    [(b"{", "application/json"), (b"", "application/json")],
)
def test_a_body_that_is_not_json_is_answered_400(admin: httpx.Client, content: bytes, content_type: str) -> None:
    for path in ("/users", "/sessions", "/applications", "/tokens", "/faults", "/clock/advance"):
        response = admin.post(path, content=content, headers={"Content-Type": content_type})
        assert_error(response, 400, "malformed_json")


# --- sessions ---------------------------------------------------------------------------------------------------


def test_a_session_is_added_for_a_user_named_by_email_with_a_lifetime(
    server: RunningServer, admin: httpx.Client
) -> None:
    response = admin.post(
        "/sessions", json={"api": "authlance", "user": "ada@example.com", "id": "s-1", "ttl_seconds": 3600}
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["api"], body["id"], body["user"], body["active"]) == ("authlance", "s-1", "user-ada", True)
    created, expires = datetime.fromisoformat(body["created_at"]), datetime.fromisoformat(body["expires_at"])
    assert expires - created == timedelta(seconds=3600)
    assert items(admin.get("/sessions", params={"api": "authlance"}))[-1] == body


def test_a_session_without_id_or_lifetime_gets_a_uuid_and_never_expires(admin: httpx.Client) -> None:
    body = admin.post("/sessions", json={"api": "authlance", "user": "user-ada"}).json()
    assert uuid.UUID(body["id"]).version == 4
    assert body["expires_at"] is None


def test_an_expired_session_stays_listed_as_inactive(admin: httpx.Client) -> None:
    admin.post("/sessions", json={"api": "authlance", "user": "user-ada", "id": "brief", "ttl_seconds": 10})
    admin.post("/clock/advance", json={"seconds": 10})
    listed = {session["id"]: session["active"] for session in items(admin.get("/sessions"))}
    assert listed == {"demo-session-ada": True, "brief": False}


def test_a_session_for_an_unknown_user_or_an_invalid_one_is_answered_422(admin: httpx.Client) -> None:
    assert_error(admin.post("/sessions", json={"api": "authlance", "user": "nobody"}), 422, "validation_failed", "user")
    assert_error(admin.post("/sessions", json={"api": "polario", "user": "demo@example.com"}), 422, "validation_failed")
    body = {"api": "authlance", "user": "user-ada", "ttl_seconds": 0}
    assert_error(admin.post("/sessions", json=body), 422, "validation_failed", "ttl_seconds")
    assert_error(
        admin.post("/sessions", json={"api": "authlance", "user": "user-ada", "id": None}), 422, "validation_failed"
    )
    assert_error(admin.get("/sessions", params={"api": "nope"}), 422, "validation_failed")


def test_a_session_id_that_exists_is_answered_409(admin: httpx.Client) -> None:
    body = {"api": "authlance", "user": "user-ada", "id": "demo-session-ada"}
    assert_error(admin.post("/sessions", json=body), 409, "conflict", "demo-session-ada")


# --- applications -----------------------------------------------------------------------------------------------


def test_an_application_is_added_with_a_chosen_id_and_uid(admin: httpx.Client) -> None:
    response = admin.post("/applications", json={"id": "app_qa_checkout", "uid": "checkout", "name": "Checkout"})
    assert response.status_code == 201
    body = response.json()
    assert (body["id"], body["uid"], body["name"]) == ("app_qa_checkout", "checkout", "Checkout")
    assert items(admin.get("/applications"))[-1] == body


def test_an_application_without_id_gets_a_svix_like_one(admin: httpx.Client) -> None:
    body = admin.post("/applications", json={"name": "Billing"}).json()
    assert re.fullmatch(r"app_[A-Za-z0-9]{27}", body["id"])
    assert body["uid"] is None


def test_an_application_is_usable_by_svix_once_added(server: RunningServer, admin: httpx.Client) -> None:
    admin.post("/applications", json={"id": "app_added", "uid": "added", "name": "Added"})
    found = server.sync(lambda: server.runtime.store.application("added"))
    assert found is not None
    assert found.id == "app_added"


@pytest.mark.parametrize(
    "body",
    [{"id": "clash", "name": "A"}, {"uid": "clash", "name": "A"}, {"id": "x1", "uid": "clash-uid", "name": "A"}],
)
def test_an_application_id_or_uid_already_used_as_either_is_answered_409(
    admin: httpx.Client, body: dict[str, str]
) -> None:
    admin.post("/applications", json={"id": "clash", "uid": "clash-uid", "name": "First"})
    assert_error(admin.post("/applications", json=body), 409, "conflict")


@pytest.mark.parametrize(
    "body",
    [{}, {"name": ""}, {"name": "A", "id": "has space"}, {"name": "A", "uid": ""}, {"name": "A", "id": None}],
)
def test_an_invalid_application_is_answered_422(admin: httpx.Client, body: dict[str, Any]) -> None:
    assert_error(admin.post("/applications", json=body), 422, "validation_failed")


# --- tokens -----------------------------------------------------------------------------------------------------


def test_an_org_key_is_added_with_a_generated_or_chosen_value(admin: httpx.Client) -> None:
    generated = admin.post("/tokens", json={"api": "svix", "kind": "org_key"})
    assert generated.status_code == 201
    assert re.fullmatch(r"testsk_[A-Za-z0-9_-]{24}", generated.json()["token"])
    chosen = admin.post("/tokens", json={"api": "svix", "kind": "org_key", "token": "testsk_qa_frontend_team"}).json()
    assert chosen == {
        "api": "svix",
        "kind": "org_key",
        "token": "testsk_qa_frontend_team",
        "subject": None,
        "app_id": None,
        "expires_at": None,
        "revoked": False,
        "stream_id": None,
        "sink_id": None,
        "session_id": None,
        "grants": None,
    }
    listed = [token["token"] for token in items(admin.get("/tokens", params={"api": "svix"}))]
    assert listed[-2:] == [generated.json()["token"], "testsk_qa_frontend_team"]


def test_an_org_key_added_through_the_admin_api_authenticates_to_svix(
    server: RunningServer, admin: httpx.Client
) -> None:
    logout = f"{server.api_url('svix')}/api/v1/auth/logout/"
    before = httpx.post(logout, headers={"Authorization": "Bearer testsk_qa_key"})
    admin.post("/tokens", json={"api": "svix", "kind": "org_key", "token": "testsk_qa_key"})
    after = httpx.post(logout, headers={"Authorization": "Bearer testsk_qa_key"})
    # An org key is authenticated, and logging out with one is refused (403) rather than unauthenticated (401).
    assert (before.status_code, after.status_code) == (401, 403)


def test_an_existing_token_is_answered_409(admin: httpx.Client) -> None:
    body = {"api": "svix", "kind": "org_key", "token": "testsk_twice"}
    assert admin.post("/tokens", json=body).status_code == 201
    assert_error(admin.post("/tokens", json=body), 409, "conflict")


@pytest.mark.parametrize(
    "body",
    [
        {"api": "svix", "kind": "org_key", "token": "has space"},
        {"api": "svix", "kind": "org_key", "token": ""},
        {"api": "svix", "kind": "org_key", "token": None},
        {"api": "svix", "kind": "app_token"},
        {"api": "pacerpro", "kind": "org_key"},
    ],
)
def test_an_invalid_token_is_answered_422(admin: httpx.Client, body: dict[str, Any]) -> None:
    assert_error(admin.post("/tokens", json=body), 422, "validation_failed")
    assert_error(admin.get("/tokens", params={"api": "github"}), 422, "validation_failed")
