"""The bixarena OIDC login over loopback: start, the fake Synapse, the callback's checks, the session cookie.

The provider logs the fixed user in automatically (``idp_auto_login``), so a plain HTTP client can walk the
browser's redirects. Every bixarena response is validated against openapi/bixarena.yaml.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import jwt
import pytest

from tests.conftest import make_settings
from tests.server.bixarena.flow import GRACE, BixarenaClient, query_of, validator, with_query
from tests.support.server import RunningServer, running_server

STATE_COOKIE_ATTRIBUTES = "; Max-Age=600; Path=/; HttpOnly; SameSite=Lax"
CLEAR_STATE_COOKIE = "oidc_state=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax"


@pytest.fixture
def auto_server() -> Iterator[RunningServer]:
    """A server whose provider logs Grace Hopper in without showing its page."""
    with running_server(make_settings(idp_auto_login=GRACE)) as started:
        yield started


@pytest.fixture
def client(auto_server: RunningServer) -> Iterator[BixarenaClient]:
    started = BixarenaClient(auto_server)
    yield started
    started.close()


# --- the whole flow -----------------------------------------------------------------------------------------


def test_a_client_following_redirects_logs_in_and_mints_a_token(auto_server: RunningServer) -> None:
    base = auto_server.api_url("bixarena")
    with httpx.Client(follow_redirects=True) as http:
        landed = http.get(f"{base}/auth/oidc/start")
        minted = http.post(f"{base}/token")
    landed.request.read()  # a request httpx built for a redirect has unread (empty) content
    validator().validate_response(landed)
    assert [step.url.path for step in landed.history] == ["/bixarena/auth/oidc/start", "/synapse/authorize"]
    assert landed.status_code == 200
    assert landed.json() == {"status": "ok"}
    validator().validate(minted)
    assert minted.status_code == 200


def test_start_redirects_to_the_providers_authorize_page_with_state_nonce_and_an_s256_challenge(
    client: BixarenaClient, auto_server: RunningServer
) -> None:
    response = client.http.get(client.url("/auth/oidc/start"))
    assert response.status_code == 302
    location = response.headers["location"]
    assert location.startswith(f"{auto_server.url}/synapse/authorize?")
    params = query_of(location)
    assert params["response_type"] == "code"
    assert params["scope"] == "openid"
    assert params["client_id"] == "bixarena"
    assert params["redirect_uri"] == f"{auto_server.api_url('bixarena')}/auth/oidc/callback"
    assert params["code_challenge_method"] == "S256"
    assert len(params["code_challenge"]) == 43
    assert len(params["state"]) >= 32
    assert len(params["nonce"]) >= 32
    (cookie,) = response.headers.get_list("set-cookie")
    name, _, rest = cookie.partition("=")
    handle = rest.split(";")[0]
    assert name == "oidc_state"
    assert cookie == f"oidc_state={handle}{STATE_COOKIE_ATTRIBUTES}"
    # The cookie is an opaque handle, not the state itself (the state travels through the provider).
    assert handle != params["state"]


def test_each_start_begins_a_fresh_login(client: BixarenaClient) -> None:
    first, second = query_of(client.start()), query_of(client.start())
    for name in ("state", "nonce", "code_challenge"):
        assert first[name] != second[name]


def test_the_callback_sets_the_session_cookie_and_clears_the_state_cookie(client: BixarenaClient) -> None:
    response = client.log_in()
    assert response.json() == {"status": "ok"}
    session_cookie, cleared = response.headers.get_list("set-cookie")
    session_id = session_cookie.split(";")[0].removeprefix("JSESSIONID=")
    assert session_cookie == f"JSESSIONID={session_id}; Path=/; HttpOnly; SameSite=Lax"
    assert len(session_id) == 32
    assert cleared == CLEAR_STATE_COOKIE
    assert "oidc_state" not in client.http.cookies


def test_the_session_belongs_to_the_id_tokens_subject_and_lasts_24_hours(
    client: BixarenaClient, auto_server: RunningServer
) -> None:
    client.log_in()
    session_id = client.http.cookies["JSESSIONID"]
    session = auto_server.sync(lambda: auto_server.runtime.store.session("bixarena", session_id))
    assert session is not None
    assert session.user == GRACE
    assert session.expires_at is not None
    assert session.expires_at - session.created_at == 24 * 3600


def test_a_new_login_replaces_the_browsers_previous_session(client: BixarenaClient) -> None:
    client.log_in()
    first = client.http.cookies["JSESSIONID"]
    client.log_in()
    assert client.http.cookies["JSESSIONID"] != first
    with httpx.Client(cookies={"JSESSIONID": first}) as other:
        stale = other.post(client.url("/token"))
    assert stale.status_code == 401


def test_served_alone_at_the_root_bixarena_logs_in_with_the_provider_still_at_synapse() -> None:
    settings = make_settings(apis=("bixarena",), single_api="bixarena", idp_auto_login=GRACE)
    with running_server(settings) as alone:
        client = BixarenaClient(alone, prefix="/")
        authorize_url = client.start()
        assert query_of(authorize_url)["redirect_uri"] == f"{alone.url}/auth/oidc/callback"
        assert authorize_url.startswith(f"{alone.url}/synapse/authorize?")
        client.callback(client.authorize(authorize_url))
        minted = client.mint()
        client.close()
    assert minted.status_code == 200
    assert jwt.decode(minted.json()["access_token"], options={"verify_signature": False})["iss"] == alone.url


# --- 400: the callback lacks what it needs ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "detail"),
    [
        ({"state": "s"}, "Missing required query parameter: code"),
        ({"code": "c"}, "Missing required query parameter: state"),
        ({"code": "", "state": "s"}, "Missing required query parameter: code"),
        ({"code": "c", "state": ""}, "Missing required query parameter: state"),
        ({}, "Missing required query parameter: code"),
    ],
)
def test_a_callback_without_code_or_state_is_a_bad_request(
    client: BixarenaClient, query: dict[str, str], detail: str
) -> None:
    response = client.http.get(client.url("/auth/oidc/callback"), params=query)
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json() == {
        "type": "about:blank",
        "title": "Bad Request",
        "status": 400,
        "detail": detail,
        "instance": "/bixarena/auth/oidc/callback",
    }


def test_a_provider_error_in_the_callback_is_a_bad_request_repeating_the_error(client: BixarenaClient) -> None:
    state = query_of(client.start())["state"]
    response = client.http.get(client.url("/auth/oidc/callback"), params={"error": "access_denied", "state": state})
    assert response.status_code == 400
    assert response.json()["detail"] == "The identity provider returned an error: access_denied"


def test_a_bad_request_leaves_the_pending_login_usable(client: BixarenaClient) -> None:
    callback_url = client.authorize(client.start())
    missing_state = client.http.get(client.url("/auth/oidc/callback"), params={"code": query_of(callback_url)["code"]})
    assert missing_state.status_code == 400
    assert "set-cookie" not in missing_state.headers
    assert client.callback(callback_url).status_code == 200


# --- 401: state, code and nonce checks ----------------------------------------------------------------------


def assert_unauthorized(response: httpx.Response, detail: str) -> None:
    assert response.status_code == 401
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert (problem["title"], problem["status"], problem["instance"]) == (
        "Unauthorized",
        401,
        "/bixarena/auth/oidc/callback",
    )
    assert problem["detail"] == detail
    assert response.headers.get_list("set-cookie") == [CLEAR_STATE_COOKIE]


def test_a_callback_without_the_state_cookie_is_refused(client: BixarenaClient, auto_server: RunningServer) -> None:
    callback_url = client.authorize(client.start())
    with httpx.Client() as other_browser:
        response = other_browser.get(callback_url)
    validator().validate_response(response)
    assert_unauthorized(response, "No pending login for this browser (start the login again).")


def test_a_state_that_does_not_match_the_cookies_login_is_refused_and_the_login_is_forgotten(
    client: BixarenaClient,
) -> None:
    callback_url = client.authorize(client.start())
    cookie = client.http.cookies["oidc_state"]
    response = client.callback(with_query(callback_url, state="forged-state"))
    assert_unauthorized(response, "The state does not match the pending login of this browser.")
    # The pending login was used up by the failed attempt: the right state no longer works either.
    client.http.cookies.set("oidc_state", cookie)
    assert_unauthorized(client.callback(callback_url), "No pending login for this browser (start the login again).")


def test_a_state_from_another_browsers_login_is_refused(client: BixarenaClient, auto_server: RunningServer) -> None:
    victim = BixarenaClient(auto_server)
    victims_callback = victim.authorize(victim.start())
    client.start()
    response = client.callback(victims_callback)
    victim.close()
    assert_unauthorized(response, "The state does not match the pending login of this browser.")


def test_a_pending_login_expires_after_600_seconds(client: BixarenaClient, auto_server: RunningServer) -> None:
    callback_url = client.authorize(client.start())
    auto_server.advance_clock(601)
    assert_unauthorized(client.callback(callback_url), "The pending login has expired (start the login again).")


def test_an_expired_code_is_refused(client: BixarenaClient, auto_server: RunningServer) -> None:
    callback_url = client.authorize(client.start())
    auto_server.advance_clock(61)
    response = client.callback(callback_url)
    assert_unauthorized(response, "The authorization code was rejected by the identity provider: invalid_grant")


def test_a_replayed_callback_is_refused(client: BixarenaClient) -> None:
    callback_url = client.authorize(client.start())
    assert client.callback(callback_url).status_code == 200
    assert_unauthorized(client.callback(callback_url), "No pending login for this browser (start the login again).")


def test_a_code_used_twice_is_refused_even_within_a_fresh_login(client: BixarenaClient) -> None:
    used_code = query_of(str(client.log_in().request.url))["code"]
    fresh_state = query_of(client.start())["state"]
    response = client.http.get(client.url("/auth/oidc/callback"), params={"code": used_code, "state": fresh_state})
    assert_unauthorized(response, "The authorization code was rejected by the identity provider: invalid_grant")


def test_a_code_issued_for_another_login_is_refused(client: BixarenaClient, auto_server: RunningServer) -> None:
    other = BixarenaClient(auto_server)
    others_code = query_of(other.authorize(other.start()))["code"]
    other.close()
    my_state = query_of(client.start())["state"]
    response = client.http.get(client.url("/auth/oidc/callback"), params={"code": others_code, "state": my_state})
    # The code is bound to the other login's PKCE challenge: this login's verifier does not match it.
    assert_unauthorized(response, "The authorization code was rejected by the identity provider: invalid_grant")


def test_an_unknown_code_is_refused(client: BixarenaClient) -> None:
    state = query_of(client.start())["state"]
    response = client.http.get(client.url("/auth/oidc/callback"), params={"code": "made-up", "state": state})
    assert_unauthorized(response, "The authorization code was rejected by the identity provider: invalid_grant")


def test_an_id_token_with_another_nonce_is_refused(client: BixarenaClient) -> None:
    # Somebody alters the nonce on its way to the provider: the code and PKCE are fine, the ID token is not.
    tampered = with_query(client.start(), nonce="not-the-pending-logins-nonce")
    response = client.callback(client.authorize(tampered))
    assert_unauthorized(response, "The ID token nonce does not match the pending login.")
    assert "JSESSIONID" not in client.http.cookies


def test_an_admin_reset_forgets_pending_logins(client: BixarenaClient, auto_server: RunningServer) -> None:
    callback_url = client.authorize(client.start())
    auto_server.sync(auto_server.runtime.reset)
    assert_unauthorized(client.callback(callback_url), "No pending login for this browser (start the login again).")


def test_the_provider_unknown_auto_login_user_comes_back_as_access_denied() -> None:
    with running_server(make_settings(idp_auto_login="no-such-user")) as server:
        client = BixarenaClient(server)
        response = client.callback(client.authorize(client.start()))
        client.close()
    assert response.status_code == 400
    assert response.json()["detail"].startswith("The identity provider returned an error: access_denied")


def test_the_login_follows_the_host_name_the_client_used(auto_server: RunningServer) -> None:
    base = f"http://localhost:{auto_server.settings.port}/bixarena"
    with httpx.Client(follow_redirects=True) as http:
        landed = http.get(f"{base}/auth/oidc/start")
        minted = http.post(f"{base}/token")
    assert [str(step.url).split("?")[0] for step in landed.history] == [
        f"{base}/auth/oidc/start",
        f"http://localhost:{auto_server.settings.port}/synapse/authorize",
    ]
    assert landed.url.host == "localhost"
    assert landed.json() == {"status": "ok"}
    assert minted.status_code == 200
