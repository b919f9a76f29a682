"""The fake Synapse's authorize endpoint with its login page: the HTML form, its CSP, and every way to answer it.

No automatic login here: the tests read the page and post its forms like a browser would (the browser test
drives the same page in Chromium). Errors before the client and redirect URI are known good are shown on the
provider's page; later ones go back to the client as RFC 6749 section 4.1.2.1 redirects.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest

from authkit_mock.core.store import User
from tests.conftest import make_settings
from tests.server.bixarena.flow import (
    GRACE,
    Pkce,
    authorize_params,
    callback_uri,
    query_of,
    token_request,
)
from tests.support.server import RunningServer, running_server

CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)


@pytest.fixture
def server() -> Iterator[RunningServer]:
    """A server whose provider shows its login page."""
    with running_server(make_settings()) as started:
        yield started


@pytest.fixture
def http(server: RunningServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=f"{server.url}/synapse") as client:
        yield client


@pytest.fixture
def pkce() -> Pkce:
    return Pkce.generate()


def post_form(http: httpx.Client, server: RunningServer, pkce: Pkce, **fields: str) -> httpx.Response:
    """Post the login form as the page would: the authorization request's hidden fields, plus ``fields``."""
    return http.post("/authorize", data={**authorize_params(server, pkce), **fields})


def page_error(response: httpx.Response) -> str:
    found = re.search(r'<p class="error" role="alert">(.*?)</p>', response.text)
    assert found is not None, response.text
    return found.group(1)


# --- the page ----------------------------------------------------------------------------------------------------


def test_the_login_page_is_html_under_a_strict_content_security_policy(
    http: httpx.Client, server: RunningServer, pkce: Pkce
) -> None:
    response = http.get("/authorize", params=authorize_params(server, pkce))
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.headers["content-security-policy"] == CSP
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "same-origin"
    assert response.headers["cache-control"] == "no-store"
    # Nothing the CSP would block: no script at all, no inline style.
    assert "<script" not in response.text
    assert "style=" not in response.text
    assert '<link rel="stylesheet" href="static/login.css">' in response.text


def test_the_login_page_offers_every_known_user_and_a_form_for_a_new_one(
    http: httpx.Client, server: RunningServer, pkce: Pkce
) -> None:
    server.sync(
        lambda: server.runtime.store.add_user(User(api="bixarena", id="777", name="Ada Admin", email="a@x.org"))
    )
    page = http.get("/authorize", params=authorize_params(server, pkce)).text
    for subject, name in [(GRACE, "Grace Hopper"), ("3350397", "Alan Turing"), ("777", "Ada Admin")]:
        assert f'name="login_as" value="{subject}"' in page
        assert name in page
    for field in ("subject", "name", "email"):
        assert f'id="{field}" name="{field}"' in page
    # Each form posts the authorization request back.
    assert page.count(f'name="code_challenge" value="{pkce.challenge}"') == 3


def test_values_from_the_request_are_escaped_in_the_page(http: httpx.Client, server: RunningServer, pkce: Pkce) -> None:
    hostile = '"><script>alert(1)</script>'
    page = http.get("/authorize", params=authorize_params(server, pkce, state=hostile)).text
    assert "<script>alert(1)" not in page
    assert 'value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in page


def test_the_stylesheet_is_served_from_the_providers_origin(http: httpx.Client) -> None:
    response = http.get("/static/login.css")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/css")
    assert ".card" in response.text


# --- answering the form --------------------------------------------------------------------------------------------


def test_picking_a_user_redirects_back_with_a_code_and_the_state(
    http: httpx.Client, server: RunningServer, pkce: Pkce
) -> None:
    response = post_form(http, server, pkce, login_as=GRACE)
    assert response.status_code == 303
    location = response.headers["location"]
    assert location.startswith(f"{callback_uri(server)}?")
    assert query_of(location)["state"] == "test-state"
    tokens = http.post("/token", data=token_request(server, query_of(location)["code"], pkce)).json()
    assert tokens["access_token"]


def test_a_new_user_is_registered_and_logged_in(http: httpx.Client, server: RunningServer, pkce: Pkce) -> None:
    response = post_form(
        http, server, pkce, action="create", subject="4242", name=" Rosalind Franklin ", email="rosalind@example.org"
    )
    assert response.status_code == 303
    code = query_of(response.headers["location"])["code"]
    access_token = http.post("/token", data=token_request(server, code, pkce)).json()["access_token"]
    assert http.get("/userinfo", headers={"Authorization": f"Bearer {access_token}"}).json() == {"sub": "4242"}
    user = server.sync(lambda: server.runtime.store.user("bixarena", "4242"))
    assert user is not None
    assert (user.name, user.email) == ("Rosalind Franklin", "rosalind@example.org")


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        (
            {"subject": "", "name": "N", "email": "n@example.org"},
            "Fill in the Synapse user id, the name and the email.",
        ),
        (
            {"subject": "4242", "name": "", "email": "n@example.org"},
            "Fill in the Synapse user id, the name and the email.",
        ),
        ({"subject": "42 42", "name": "N", "email": "n@example.org"}, "A Synapse user id has 1 to 64 letters"),
        ({"subject": "4242", "name": "N" * 101, "email": "n@example.org"}, "The name has at most 100 characters."),
        ({"subject": "4242", "name": "N", "email": "not-an-email"}, "The email is not valid"),
        ({"subject": GRACE, "name": "N", "email": "n@example.org"}, f"User {GRACE} already exists"),
    ],
)
def test_a_bad_new_user_shows_the_form_again_with_the_problem(
    http: httpx.Client, server: RunningServer, pkce: Pkce, typed: dict[str, str], problem: str
) -> None:
    response = post_form(http, server, pkce, action="create", **typed)
    assert response.status_code == 400
    assert response.headers["content-security-policy"] == CSP
    assert page_error(response).startswith(problem.replace("'", "&#x27;"))
    assert f'name="code_challenge" value="{pkce.challenge}"' in response.text


def test_picking_an_unknown_user_shows_the_form_again(http: httpx.Client, server: RunningServer, pkce: Pkce) -> None:
    response = post_form(http, server, pkce, login_as="nobody")
    assert response.status_code == 400
    assert page_error(response).startswith("There is no user")


def test_cancelling_redirects_back_with_access_denied(http: httpx.Client, server: RunningServer, pkce: Pkce) -> None:
    response = post_form(http, server, pkce, action="cancel")
    assert response.status_code == 302
    params = query_of(response.headers["location"])
    assert (params["error"], params["state"]) == ("access_denied", "test-state")
    assert "code" not in params


@pytest.mark.parametrize(
    "headers", [{"Sec-Fetch-Site": "cross-site"}, {"Sec-Fetch-Site": "same-site"}, {"Origin": "http://evil.example"}]
)
def test_a_form_posted_from_another_site_is_refused(
    http: httpx.Client, server: RunningServer, pkce: Pkce, headers: dict[str, str]
) -> None:
    response = http.post("/authorize", data={**authorize_params(server, pkce), "login_as": GRACE}, headers=headers)
    assert response.status_code == 403
    assert "location" not in response.headers


def test_a_form_posted_from_the_page_itself_is_accepted(http: httpx.Client, server: RunningServer, pkce: Pkce) -> None:
    headers = {"Sec-Fetch-Site": "same-origin", "Origin": server.url}
    response = http.post("/authorize", data={**authorize_params(server, pkce), "login_as": GRACE}, headers=headers)
    assert response.status_code == 303


# --- bad authorization requests ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "changes",
    [
        {"client_id": "someone-else"},
        {"client_id": ""},
        {"redirect_uri": "http://evil.example/bixarena/auth/oidc/callback"},
        {"redirect_uri": ""},
    ],
)
def test_an_unknown_client_or_redirect_uri_is_shown_on_the_page_and_never_redirected(
    http: httpx.Client, server: RunningServer, pkce: Pkce, changes: dict[str, str]
) -> None:
    for response in (
        http.get("/authorize", params=authorize_params(server, pkce, **changes)),
        http.post("/authorize", data={**authorize_params(server, pkce, **changes), "login_as": GRACE}),
    ):
        assert response.status_code == 400
        assert "location" not in response.headers
        assert response.headers["content-security-policy"] == CSP
        assert "This login request is not valid" in response.text


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"code_challenge": ""}, "invalid_request"),
        ({"code_challenge_method": "plain"}, "invalid_request"),
        ({"code_challenge_method": ""}, "invalid_request"),
        ({"code_challenge": "too-short"}, "invalid_request"),
        ({"response_type": "token"}, "unsupported_response_type"),
        ({"scope": "profile"}, "invalid_scope"),
    ],
)
def test_a_bad_authorization_request_goes_back_to_the_client_as_an_error(
    http: httpx.Client, server: RunningServer, pkce: Pkce, changes: dict[str, str], error: str
) -> None:
    response = http.get("/authorize", params=authorize_params(server, pkce, **changes))
    assert response.status_code == 302
    params = query_of(response.headers["location"])
    assert response.headers["location"].startswith(f"{callback_uri(server)}?")
    assert (params["error"], params["state"]) == (error, "test-state")
    assert params["error_description"]


def test_a_repeated_authorization_parameter_is_an_invalid_request(
    http: httpx.Client, server: RunningServer, pkce: Pkce
) -> None:
    params = httpx.QueryParams(authorize_params(server, pkce)).add("nonce", "second")
    response = http.get("/authorize", params=params)
    assert response.status_code == 302
    assert query_of(response.headers["location"])["error"] == "invalid_request"
