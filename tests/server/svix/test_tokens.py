"""svix on the reference server: org API keys, application tokens, the magic links, expire-all and logout.

Every response is checked against openapi/svix.yaml by the client (tests/server/svix_client.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from authkit_mock.core.store import Token
from tests.server.svix.client import (
    APP_ID,
    APP_UID,
    ORG_KEY,
    SvixClient,
    add_application,
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


def app_tokens(server: RunningServer) -> list[Token]:
    return [t for t in server.sync(lambda: server.runtime.store.tokens_of("svix")) if t.kind == "app_token"]


# Issuing application tokens


def test_dashboard_access_issues_an_app_token_and_a_magic_link_that_embeds_it(client: SvixClient) -> None:
    response = client.dashboard_access(APP_ID)
    assert response.status_code == 200
    body = response.json()
    assert body["token"].startswith("appsk_")
    assert body["url"].startswith("https://app.svix.com/login#key=")
    assert magic_link_payload(body["url"]) == {"appId": APP_ID, "token": body["token"]}


def test_app_portal_access_issues_an_app_token_with_its_feature_flags(client: SvixClient) -> None:
    response = client.app_portal_access(APP_ID, {"featureFlags": ["cool-new-feature", "beta.transformations"]})
    assert response.status_code == 200
    token = response.json()["token"]
    assert token.startswith("appsk_")
    assert magic_link_payload(response.json()["url"]) == {"appId": APP_ID, "token": token}
    assert client.authenticates(token)


def test_app_portal_access_needs_no_feature_flags(client: SvixClient) -> None:
    assert client.app_portal_access(APP_ID, {}).status_code == 200


def test_an_application_is_found_by_its_uid_and_the_link_names_it_as_asked(svix: RunningServer) -> None:
    with SvixClient(svix) as client:
        response = client.app_portal_access(APP_UID)
    assert response.status_code == 200
    assert magic_link_payload(response.json()["url"])["appId"] == APP_UID
    # The token is bound to the application itself, whatever name was used.
    (token,) = app_tokens(svix)
    assert token.app_id == APP_ID


def test_every_call_issues_a_new_token_bound_to_the_application(svix: RunningServer, client: SvixClient) -> None:
    first, second = client.new_app_token(), client.new_app_token()
    assert first != second
    tokens = {t.token: t for t in app_tokens(svix)}
    assert set(tokens) == {first, second}
    assert all(t.app_id == APP_ID and t.api == "svix" for t in tokens.values())


def test_an_app_token_lives_as_long_as_the_setting_says() -> None:
    with svix_server(svix_app_token_ttl=3600) as server, SvixClient(server) as client:
        token = client.new_app_token()
        server.advance_clock(3599)
        assert client.authenticates(token)
        server.advance_clock(1)
        assert not client.authenticates(token)


def test_an_unknown_application_is_404(client: SvixClient) -> None:
    for response in (
        client.dashboard_access("app_nope"),
        client.app_portal_access("app_nope"),
        client.expire_all("app_nope", {"expiry": 0}),
    ):
        assert response.status_code == 404
        assert response.json() == {"code": "not_found", "detail": "Entity not found"}


# Which token may do what


@pytest.mark.parametrize(
    "authorization",
    [None, "Bearer", "Bearer appsk_unknown", f"Basic {ORG_KEY}", f"Bearer {ORG_KEY} extra", "testsk_x"],
)
def test_a_missing_or_unknown_bearer_is_401(client: SvixClient, authorization: str | None) -> None:
    headers = {} if authorization is None else {"Authorization": authorization}
    for response in (
        client.dashboard_access(token=None, headers=headers),
        client.app_portal_access(token=None, headers=headers),
        client.expire_all(token=None, headers=headers),
        client.logout(None, headers=headers),
    ):
        assert response.status_code == 401
        assert response.json() == {"code": "authentication_failed", "detail": "Incorrect authentication credentials."}
        assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_the_bearer_scheme_is_case_insensitive(client: SvixClient) -> None:
    response = client.dashboard_access(token=None, headers={"Authorization": f"bearer {ORG_KEY}"})
    assert response.status_code == 200


def test_a_token_the_store_keeps_for_another_api_is_401(svix: RunningServer, client: SvixClient) -> None:
    svix.sync(
        lambda: svix.runtime.store.add_token(
            Token(api="pacerpro", kind="org_key", token="testsk_elsewhere", created_at=svix.runtime.clock_now)
        )
    )
    assert client.dashboard_access(token="testsk_elsewhere").status_code == 401


def test_an_app_token_may_not_call_the_organisation_operations(client: SvixClient) -> None:
    token = client.new_app_token()
    for response in (
        client.dashboard_access(token=token),
        client.app_portal_access(token=token),
        client.expire_all(body={"expiry": 0}, token=token),
    ):
        assert response.status_code == 403
        assert response.json() == {
            "code": "insufficient access",
            "detail": "Insufficient access for the given operation.",
        }
    assert client.authenticates(token)


# Logout


def test_logout_ends_the_app_token_and_reusing_it_is_401(client: SvixClient) -> None:
    token = client.new_app_token()
    assert client.logout(token).status_code == 204
    again = client.logout(token)
    assert again.status_code == 401
    assert again.json()["code"] == "authentication_failed"
    assert not client.authenticates(token)


def test_logout_ends_only_the_token_it_is_called_with(client: SvixClient) -> None:
    ended, kept = client.new_app_token(), client.new_app_token()
    assert client.logout(ended).status_code == 204
    assert client.authenticates(kept)


def test_logout_with_an_org_key_is_403_and_the_key_keeps_working(client: SvixClient) -> None:
    response = client.logout(ORG_KEY)
    assert response.status_code == 403
    assert response.json() == {"code": "insufficient access", "detail": "Only application tokens can be logged out."}
    assert client.dashboard_access().status_code == 200


def test_the_tokens_of_a_forgotten_application_are_forgotten_with_it(svix: RunningServer, client: SvixClient) -> None:
    # So logout's 404 (the token's application is gone) is never reached by a flow; the contract test injects it.
    token = client.new_app_token()
    svix.sync(lambda: svix.runtime.store.remove_application(APP_ID))
    response = client.logout(token)
    assert response.status_code == 401


def test_logout_ignores_a_body(client: SvixClient) -> None:
    token = client.new_app_token()
    assert client.logout(token, content=b"{not json").status_code == 204


# Expire-all


@pytest.mark.parametrize("body", [{"expiry": 0}, {"expiry": None}, {}], ids=["zero", "null", "absent"])
def test_expire_all_without_a_delay_ends_the_application_tokens_now(
    client: SvixClient, body: dict[str, object]
) -> None:
    tokens = [client.new_app_token(), client.new_app_token()]
    assert client.expire_all(APP_ID, body).status_code == 204
    assert not any(client.authenticates(token) for token in tokens)


def test_expire_all_with_a_delay_ends_the_tokens_once_the_clock_gets_there(
    svix: RunningServer, client: SvixClient
) -> None:
    token = client.new_app_token()
    assert client.expire_all(APP_ID, {"expiry": 60}).status_code == 204
    svix.advance_clock(59)
    assert client.authenticates(token)
    svix.advance_clock(1)
    assert not client.authenticates(token)


def test_tokens_issued_after_expire_all_are_not_affected(svix: RunningServer, client: SvixClient) -> None:
    assert client.expire_all(APP_ID, {"expiry": 60}).status_code == 204
    later = client.new_app_token()
    svix.advance_clock(61)
    assert client.authenticates(later)


def test_expire_all_never_extends_a_token(svix: RunningServer, client: SvixClient) -> None:
    token = client.new_app_token()
    assert client.expire_all(APP_ID, {"expiry": 60}).status_code == 204
    assert client.expire_all(APP_ID, {"expiry": 259200}).status_code == 204
    svix.advance_clock(60)
    assert not client.authenticates(token)


def test_expire_all_touches_only_the_application_it_names(svix: RunningServer, client: SvixClient) -> None:
    add_application(svix, "app_other")
    mine, other = client.new_app_token(APP_ID), client.new_app_token("app_other")
    assert client.expire_all(APP_UID, {"expiry": 0}).status_code == 204  # by uid
    assert not client.authenticates(mine)
    assert client.authenticates(other)


def test_expire_all_leaves_the_org_key_working(client: SvixClient) -> None:
    assert client.expire_all(APP_ID, {"expiry": 0}).status_code == 204
    assert client.dashboard_access().status_code == 200


# Invalid requests → 422 HTTPValidationError


@pytest.mark.parametrize(
    ("content", "loc"),
    [
        (b'{"expiry": 259201}', ["body", "expiry"]),
        (b'{"expiry": -1}', ["body", "expiry"]),
        (b'{"expiry": "60"}', ["body", "expiry"]),
        (b'{"expiry": 1.5}', ["body", "expiry"]),
        (b"[]", ["body"]),
        (b"", ["body"]),
        (b"null", ["body"]),
        (b'{"expiry": ', ["body"]),
    ],
    ids=["too-large", "negative", "string", "float", "array", "empty", "null", "malformed"],
)
def test_an_invalid_expire_all_body_is_422(client: SvixClient, content: bytes, loc: list[str]) -> None:
    response = client.expire_all(content=content, headers={"Content-Type": "application/json"})
    assert response.status_code == 422
    assert [entry["loc"] for entry in response.json()["detail"]] == [loc]


def test_the_largest_expiry_is_accepted(client: SvixClient) -> None:
    assert client.expire_all(APP_ID, {"expiry": 259200}).status_code == 204


@pytest.mark.parametrize(
    "body",
    [
        {"featureFlags": ["same", "same"]},
        {"featureFlags": ["bad flag"]},
        {"featureFlags": [""]},
        {"featureFlags": ["x" * 257]},
        {"featureFlags": "cool-new-feature"},
        # Upstream today (codegen/lib-openapi.json): not null, 1 to 25 flags.
        {"featureFlags": None},
        {"featureFlags": []},
        {"featureFlags": [f"flag-{n}" for n in range(26)]},
    ],
    ids=["duplicates", "bad-character", "empty-flag", "flag-too-long", "not-a-list", "null", "none", "too-many"],
)
def test_invalid_feature_flags_are_422(client: SvixClient, body: dict[str, object]) -> None:
    response = client.app_portal_access(APP_ID, body)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][:2] == ["body", "featureFlags"]


def test_a_body_that_is_not_json_is_422(client: SvixClient) -> None:
    response = client.app_portal_access(content=b"featureFlags=a", headers={"Content-Type": "text/plain"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body"]


@pytest.mark.parametrize(
    "app_id", ["bad app", "app!", "a" * 257, "app%0A"], ids=["space", "bang", "too-long", "newline"]
)
def test_an_invalid_app_id_is_422_at_the_path(client: SvixClient, app_id: str) -> None:
    for response in (
        client.dashboard_access(app_id),
        client.app_portal_access(app_id),
        client.expire_all(app_id, {"expiry": 0}),
    ):
        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"] == ["path", "app_id"]


def test_an_app_id_of_256_characters_is_valid(client: SvixClient) -> None:
    assert client.dashboard_access("a" * 256).status_code == 404


def test_a_bad_path_and_a_bad_body_are_reported_together(client: SvixClient) -> None:
    response = client.expire_all("bad app", {"expiry": -1})
    assert response.status_code == 422
    assert [entry["loc"] for entry in response.json()["detail"]] == [["path", "app_id"], ["body", "expiry"]]


def test_an_app_token_is_refused_before_its_request_is_validated(client: SvixClient) -> None:
    token = client.new_app_token()
    assert client.expire_all("bad app", {"expiry": -1}, token=token).status_code == 403


# Paths


@pytest.mark.parametrize("slash", [True, False], ids=["with-slash", "without-slash"])
def test_every_path_is_served_with_and_without_the_trailing_slash(client: SvixClient, slash: bool) -> None:
    token = client.dashboard_access(slash=slash).json()["token"]
    assert client.app_portal_access(slash=slash).status_code == 200
    assert client.logout(token, slash=slash).status_code == 204
    assert client.expire_all(body={"expiry": 0}, slash=slash).status_code == 204


def test_a_path_outside_the_contract_is_404_in_the_svix_shape(svix: RunningServer) -> None:
    response = httpx.post(
        f"{svix.api_url('svix')}/api/v1/auth/nothing/", headers={"Authorization": f"Bearer {ORG_KEY}"}
    )
    assert response.status_code == 404
    assert set(response.json()) == {"code", "detail"}


def test_the_operations_answer_only_post(svix: RunningServer) -> None:
    response = httpx.get(f"{svix.api_url('svix')}/api/v1/auth/logout/")
    assert response.status_code == 405
    assert "POST" in response.headers["Allow"]


def test_served_alone_the_api_answers_at_the_root() -> None:
    with svix_server(single_api="svix") as server, SvixClient(server) as client:
        assert server.api_url("svix") == server.url
        token = client.dashboard_access(slash=False).json()["token"]
        assert client.logout(token).status_code == 204


# Seed and reset


def test_the_seed_file_decides_the_org_keys_and_applications(tmp_path: Path) -> None:
    seed = tmp_path / "seed.yaml"
    seed.write_text(
        "svix:\n"
        "  org_keys: [testsk_qa_key, sk_live_looking_key]\n"
        "  applications:\n"
        "    - {id: app_qa, name: QA app, uid: qa-portal}\n",
        encoding="utf-8",
    )
    with svix_server(seed_file=seed) as server, SvixClient(server) as client:
        assert client.dashboard_access("app_qa", token=ORG_KEY).status_code == 401
        assert client.dashboard_access("qa-portal", token="testsk_qa_key").status_code == 200
        assert client.dashboard_access("app_qa", token="sk_live_looking_key").status_code == 200
        assert client.dashboard_access(APP_ID, token="testsk_qa_key").status_code == 404


def test_a_reset_forgets_issued_tokens_and_restores_the_seed(svix: RunningServer, client: SvixClient) -> None:
    token = client.new_app_token()
    svix.sync(lambda: svix.runtime.store.remove_application(APP_ID))
    svix.sync(svix.runtime.reset)
    assert not client.authenticates(token)
    assert client.dashboard_access(APP_ID).status_code == 200
