"""The bixarena OIDC login refuses forged, replayed and injected steps, at the relying party and at the provider.

``bixarena-*`` rows attack BixArena's callback (RFC 6749 section 10.12 CSRF, RFC 7636 code injection, OIDC Core
nonce replay protection): each one walks a real login over HTTP and changes one step. ``synapse-*`` rows attack
the embedded provider's own endpoints directly, as a client would (RFC 6749 sections 4.1.2, 4.1.3 and 10.6).
"""

from __future__ import annotations

from urllib.parse import urlsplit

import httpx
import pytest

from tests.security.actors import TRUST, Attack, Browser, table
from tests.server.bixarena.flow import Pkce, authorize_params, provider_code, query_of, token_request, with_query
from tests.support.server import RunningServer


def _callback(browser: Browser, code: str, state: str) -> httpx.Response:
    return browser.http.get(browser.url("/auth/oidc/callback"), params={"code": code, "state": state})


def _browser_attack(server: RunningServer, steps: type[BrowserSteps]) -> httpx.Response:
    browser, attacker = Browser(server), Browser(server)
    try:
        return steps(server, browser, attacker).run()
    finally:
        browser.close()
        attacker.close()


class BrowserSteps:
    """A victim's browser and an attacker's, both real HTTP clients with their own cookie jars."""

    def __init__(self, server: RunningServer, victim: Browser, attacker: Browser) -> None:
        self.server, self.victim, self.attacker = server, victim, attacker

    def run(self) -> httpx.Response:
        raise NotImplementedError


class StateMismatch(BrowserSteps):
    """The callback arrives with a state that is not the pending login's."""

    def run(self) -> httpx.Response:
        return self.victim.callback(with_query(self.victim.authorize(self.victim.start()), state="forged-state"))


class StateFromAnotherBrowser(BrowserSteps):
    """Login CSRF: the attacker's own callback URL (code and state) is fed to the victim's browser mid-login."""

    def run(self) -> httpx.Response:
        attackers_callback = self.attacker.authorize(self.attacker.start())
        self.victim.start()
        return self.victim.callback(attackers_callback)


class CodeReplay(BrowserSteps):
    """A code that already completed a login, replayed within a fresh login (its state is genuine)."""

    def run(self) -> httpx.Response:
        used_code = query_of(str(self.victim.log_in().request.url))["code"]
        fresh_state = query_of(self.victim.start())["state"]
        return _callback(self.victim, used_code, fresh_state)


class NonceMismatch(BrowserSteps):
    """The nonce is changed on its way to the provider: the ID token then carries another one."""

    def run(self) -> httpx.Response:
        tampered = with_query(self.victim.start(), nonce="attackers-nonce")
        return self.victim.callback(self.victim.authorize(tampered))


class PkceVerifierMismatch(BrowserSteps):
    """Code injection: a code the attacker got for his own PKCE challenge, with the victim's state."""

    def run(self) -> httpx.Response:
        victims_state = query_of(self.victim.start())["state"]
        attackers_code = query_of(self.attacker.authorize(self.attacker.start()))["code"]
        return _callback(self.victim, attackers_code, victims_state)


class RedirectUriMismatch(BrowserSteps):
    """A code issued for another (also registered) redirect URI, injected with the victim's own state.

    Everything else of the victim's authorization request is kept (its PKCE challenge and nonce), so only the
    redirect URI bound to the code differs. The provider registers the callback relative to the host the browser
    used, so the other URI is the same callback on ``localhost``.
    """

    def run(self) -> httpx.Response:
        authorize_url = self.victim.start()
        port = urlsplit(self.server.url).port
        other_uri = f"http://localhost:{port}/bixarena/auth/oidc/callback"
        redirected = self.attacker.http.get(
            with_query(authorize_url, redirect_uri=other_uri), headers={"Host": f"localhost:{port}"}
        )
        assert redirected.headers["location"].startswith(other_uri), redirected.text
        code = query_of(redirected.headers["location"])["code"]
        return _callback(self.victim, code, query_of(authorize_url)["state"])


# --- the provider's own endpoints ---------------------------------------------------------------------------------


def _exchange(server: RunningServer, form: dict[str, str]) -> httpx.Response:
    return httpx.post(f"{server.url}/synapse/token", data=form, verify=TRUST)


def provider_code_replay(server: RunningServer) -> httpx.Response:
    pkce = Pkce.generate()
    with httpx.Client(verify=TRUST) as http:
        code = provider_code(http, server, pkce)
    assert _exchange(server, token_request(server, code, pkce)).status_code == 200
    return _exchange(server, token_request(server, code, pkce))


def provider_pkce_verifier_mismatch(server: RunningServer) -> httpx.Response:
    pkce = Pkce.generate()
    with httpx.Client(verify=TRUST) as http:
        code = provider_code(http, server, pkce)
    return _exchange(server, token_request(server, code, pkce, code_verifier=Pkce.generate().verifier))


def provider_redirect_uri_mismatch(server: RunningServer) -> httpx.Response:
    pkce = Pkce.generate()
    with httpx.Client(verify=TRUST) as http:
        code = provider_code(http, server, pkce)
    other = f"{server.url}/bixarena/auth/oidc/other"
    return _exchange(server, token_request(server, code, pkce, redirect_uri=other))


def provider_unregistered_redirect_uri(server: RunningServer) -> httpx.Response:
    """An authorization request naming the attacker's site: refused on the provider's page, nothing redirected."""
    params = authorize_params(server, Pkce.generate(), redirect_uri="https://attacker.example/callback")
    return httpx.get(f"{server.url}/synapse/authorize", params=params, verify=TRUST)


def _browser_row(name: str, steps: type[BrowserSteps]) -> Attack:
    return Attack("bixarena", name, lambda server: _browser_attack(server, steps), rejected=401, accepted=200)


ROWS = [
    _browser_row("state_mismatch", StateMismatch),
    _browser_row("state_from_another_browser", StateFromAnotherBrowser),
    _browser_row("code_replay", CodeReplay),
    _browser_row("nonce_mismatch", NonceMismatch),
    _browser_row("pkce_verifier_mismatch", PkceVerifierMismatch),
    _browser_row("redirect_uri_mismatch", RedirectUriMismatch),
    Attack("synapse", "code_replay", provider_code_replay, rejected=400, accepted=200),
    Attack("synapse", "pkce_verifier_mismatch", provider_pkce_verifier_mismatch, rejected=400, accepted=200),
    Attack("synapse", "redirect_uri_mismatch", provider_redirect_uri_mismatch, rejected=400, accepted=200),
    Attack("synapse", "unregistered_redirect_uri", provider_unregistered_redirect_uri, rejected=400, accepted=302),
]
"""The whole table (``test_guards_matter`` and the figures read it too)."""


@pytest.mark.parametrize("attack", table(ROWS))
def test_the_forged_replayed_or_injected_login_step_is_refused(server: RunningServer, attack: Attack) -> None:
    response = attack.run(server)
    assert response.status_code == attack.rejected, response.text
    # No session and no redirect came out of it.
    assert not response.cookies.get("JSESSIONID")
    assert "location" not in response.headers
    if attack.api == "synapse" and attack.rejected == 400 and "json" in response.headers["content-type"]:
        assert response.json()["error"] == "invalid_grant"


def test_an_untouched_login_succeeds_so_each_refusal_is_the_attacks_doing(server: RunningServer) -> None:
    browser = Browser(server)
    try:
        assert browser.log_in().status_code == 200
    finally:
        browser.close()
    pkce = Pkce.generate()
    with httpx.Client(verify=TRUST) as http:
        code = provider_code(http, server, pkce)
    assert _exchange(server, token_request(server, code, pkce)).status_code == 200
