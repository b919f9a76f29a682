"""A person logs in to bixarena through the fake Synapse login page, in headless Chromium.

The server shows its real login form (no automatic login): the browser opens ``/bixarena/auth/oidc/start``,
follows the redirect to the provider's page, picks or types a user, passes the callback (which sends a browser on
to the frontend, as upstream does) with the session cookie, and mints an internal JWT with ``fetch`` from the
frontend's page. The "frontend" is a page of the same origin here, so that its ``fetch`` carries the cookie.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import jwt
import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, expect

from tests.conftest import make_settings
from tests.support.server import RunningServer, running_server

pytestmark = pytest.mark.browser

MINT_IN_PAGE = """async (url) => {
  const answer = await fetch(url, {method: "POST"});
  return {status: answer.status, body: await answer.json()};
}"""


@pytest.fixture
def login_server() -> Iterator[RunningServer]:
    """A server that shows the login page (``idp_auto_login`` unset), whose frontend is on its own origin."""
    with running_server(make_settings()) as started:
        started.runtime.settings.bixarena_frontend_url = frontend_url(started)
        yield started


def frontend_url(server: RunningServer) -> str:
    """Where the callback sends the browser (a path the server does not serve: the frontend would be there)."""
    return f"{server.url}/frontend/"


@pytest.fixture
def page(chromium: Browser) -> Iterator[Page]:
    """A page in a fresh browser context, failing the test on any Content-Security-Policy violation."""
    context = chromium.new_context()
    opened = context.new_page()
    violations: list[str] = []

    def watch(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            violations.append(message.text)

    opened.on("console", watch)
    yield opened
    context.close()
    assert violations == []


def open_login_page(page: Page, server: RunningServer) -> None:
    page.goto(f"{server.api_url('bixarena')}/auth/oidc/start")
    assert page.url.startswith(f"{server.url}/synapse/authorize?")
    expect(page.get_by_role("heading", name="Sign in to continue to BixArena")).to_be_visible()


def mint_in_page(page: Page, server: RunningServer) -> dict[str, Any]:
    minted: dict[str, Any] = page.evaluate(MINT_IN_PAGE, f"{server.api_url('bixarena')}/token")
    return minted


def subject_of(token: str, server: RunningServer) -> str:
    """The token's subject, verified with nothing but the published JWKS (PyJWT's own JWKS client)."""
    key = jwt.PyJWKClient(f"{server.api_url('bixarena')}/.well-known/jwks.json").get_signing_key_from_jwt(token)
    claims = jwt.decode(token, key.key, algorithms=["RS256"], audience="urn:bixarena:api")
    return str(claims["sub"])


def test_a_person_picks_a_seeded_user_and_the_browser_then_mints_a_token(
    page: Page, login_server: RunningServer
) -> None:
    open_login_page(page, login_server)
    response = page.context.request.get(page.url)
    assert "default-src 'none'" in response.headers["content-security-policy"]
    # The stylesheet loaded under the CSP (the card is white on a tinted page).
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(240, 244, 248)"

    with page.expect_navigation(url=frontend_url(login_server)):
        page.get_by_role("button", name=re.compile("Grace Hopper")).click()

    cookies = {cookie["name"]: cookie for cookie in page.context.cookies()}
    assert "oidc_state" not in cookies
    session = cookies["JSESSIONID"]
    assert session["httpOnly"] is True
    assert session["sameSite"] == "Lax"
    assert session["secure"] is False  # plain http here; Secure is added over https
    minted = mint_in_page(page, login_server)
    assert minted["status"] == 200
    assert minted["body"]["expires_in"] == 600
    assert subject_of(minted["body"]["access_token"], login_server) == "3350396"


def test_a_person_types_a_new_user_and_is_logged_in_as_them(page: Page, login_server: RunningServer) -> None:
    open_login_page(page, login_server)
    page.get_by_label("Synapse user id").fill("4242")
    page.get_by_label("Name").fill("Rosalind Franklin")
    page.get_by_label("Email").fill("rosalind@example.org")

    with page.expect_navigation(url=frontend_url(login_server)):
        page.get_by_role("button", name="Sign in as new user").click()

    minted = mint_in_page(page, login_server)
    assert minted["status"] == 200
    assert subject_of(minted["body"]["access_token"], login_server) == "4242"
    user = login_server.sync(lambda: login_server.runtime.store.user("bixarena", "4242"))
    assert user is not None
    assert (user.name, user.email) == ("Rosalind Franklin", "rosalind@example.org")


def test_cancelling_on_the_login_page_ends_at_the_callback_with_the_providers_error(
    page: Page, login_server: RunningServer
) -> None:
    open_login_page(page, login_server)

    with page.expect_navigation(url=re.compile(r"/bixarena/auth/oidc/callback\?error=access_denied")):
        page.get_by_role("button", name="Cancel and go back").click()

    problem = page.evaluate("JSON.parse(document.body.innerText)")
    assert problem["status"] == 400
    assert problem["detail"].startswith("The identity provider returned an error: access_denied")
    assert "JSESSIONID" not in {cookie["name"] for cookie in page.context.cookies()}
