"""Forged, expired and foreign credentials are refused by every API that accepts them, over HTTP.

Three APIs accept JWTs: pacerpro (``Authorization: Bearer``), polario (the ``Session`` header) and bixarena, whose
callback verifies the ID token the provider hands it. Each of them meets every attack of ``forgery.JWT_ATTACKS``,
made from a genuine token of a fresh login. For bixarena the forgery replaces the ID token in the provider's token
response (a provider impersonated or a response tampered on the way), and the whole login runs over HTTP.

svix and authlance take opaque credentials (API keys, app tokens, session ids); they get the attacks that apply
to those: unknown, tampered, expired and foreign ones.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from unittest.mock import patch

import httpx
import jwt
import pytest
from multidict import MultiMapping

from authkit_mock.idp.provider import Provider
from tests.security.actors import (
    AUTHLANCE_SESSION,
    SVIX_ORG_KEY,
    Attack,
    Browser,
    client,
    pacerpro_token,
    polario_login,
    svix_app_token,
    table,
)
from tests.security.forgery import JWT_ATTACKS, Forge, Forger, genuine
from tests.support.server import RunningServer

Transform = Callable[[str], str]


@dataclass(frozen=True)
class JwtTarget:
    """An API that accepts a JWT: whose tokens it takes (``issuer``), another API's, and how a token reaches it."""

    api: str
    issuer: str
    other: str
    present: Callable[[RunningServer, Transform], httpx.Response]
    """Get a genuine token, pass it through the transform, and send the result where the API takes a token."""
    rejected: int
    accepted: int

    def attack(self, name: str, forge: Forge) -> Attack:
        """The row for one forgery against this API."""

        def run(server: RunningServer) -> httpx.Response:
            runtime = server.runtime
            forger = Forger(runtime.authority(self.issuer), runtime.authority(self.other), int(runtime.clock_now))
            return self.present(server, lambda token: forge(forger, token))

        return Attack(self.api, name, run, self.rejected, self.accepted)


def pacerpro_refresh(server: RunningServer, transform: Transform) -> httpx.Response:
    """``GET /session`` (refresh) with the transformed token of a fresh login."""
    token = transform(pacerpro_token(server))
    with client(server, "pacerpro") as pacerpro:
        return pacerpro.get("/session", headers={"Authorization": f"Bearer {token}"})


def polario_logout(server: RunningServer, transform: Transform) -> httpx.Response:
    """``GET /auth/logout`` with the transformed ``Session`` JWT of a fresh login (its session is live)."""
    token = transform(polario_login(server).jwt)
    with client(server, "polario") as polario:
        return polario.get("/auth/logout", headers={"Session": token})


def bixarena_login(server: RunningServer, transform: Transform) -> httpx.Response:
    """The whole OIDC login, with the provider's ID token transformed on its way to the callback."""
    exchange = Provider.exchange

    async def tampered_exchange(provider: Provider, form: MultiMapping[str]) -> dict[str, object]:
        body = await exchange(provider, form)
        return {**body, "id_token": transform(body["id_token"])}

    browser = Browser(server)
    try:
        with patch.object(Provider, "exchange", tampered_exchange):
            return browser.callback(browser.authorize(browser.start()))
    finally:
        browser.close()


JWT_TARGETS = (
    JwtTarget("pacerpro", "pacerpro", "polario", pacerpro_refresh, rejected=401, accepted=200),
    JwtTarget("polario", "polario", "pacerpro", polario_logout, rejected=401, accepted=200),
    # The ID token's issuer is the provider; the other is bixarena's own internal-token issuer.
    JwtTarget("bixarena", "synapse", "bixarena", bixarena_login, rejected=401, accepted=200),
)

JWT_ROWS = [target.attack(name, forge) for target in JWT_TARGETS for name, forge in JWT_ATTACKS.items()]


# --- opaque credentials -----------------------------------------------------------------------------------------


def svix_logout(token: str, server: RunningServer) -> httpx.Response:
    """``POST /api/v1/auth/logout/`` as ``token`` (204 for a live application token)."""
    with client(server, "svix") as svix:
        return svix.post("/api/v1/auth/logout/", headers={"Authorization": f"Bearer {token}"})


def svix_unknown_token(server: RunningServer) -> httpx.Response:
    return svix_logout("appsk_" + "A" * 32, server)


def svix_tampered_token(server: RunningServer) -> httpx.Response:
    token = svix_app_token(server)
    return svix_logout(token[:-1] + ("B" if token[-1] != "B" else "C"), server)


def svix_expired_token(server: RunningServer) -> httpx.Response:
    token = svix_app_token(server)
    server.advance_clock(server.settings.svix_app_token_ttl)
    return svix_logout(token, server)


def svix_other_api_token(server: RunningServer) -> httpx.Response:
    return svix_logout(pacerpro_token(server), server)


def authlance_exchange(session_id: str, server: RunningServer) -> httpx.Response:
    """``POST /authlance/identity/me`` for ``session_id`` (200 with a JWT for a live session)."""
    with client(server, "authlance") as authlance:
        return authlance.post("/authlance/identity/me", json={"session": session_id})


def authlance_unknown_session(server: RunningServer) -> httpx.Response:
    return authlance_exchange("no-such-session", server)


def authlance_tampered_session(server: RunningServer) -> httpx.Response:
    return authlance_exchange(AUTHLANCE_SESSION[:-1] + "b", server)


def authlance_expired_session(server: RunningServer) -> httpx.Response:
    with client(server, "admin") as admin:
        added = admin.post("/sessions", json={"api": "authlance", "user": "user-ada", "id": "brief", "ttl_seconds": 60})
    assert added.status_code == 201, added.text
    server.advance_clock(60)
    return authlance_exchange("brief", server)


def authlance_other_api_session(server: RunningServer) -> httpx.Response:
    """The id of a live polario session (from its JWT's ``sid``): a real session, of another API."""
    sid = jwt.decode(polario_login(server).jwt, options={"verify_signature": False})["sid"]
    return authlance_exchange(sid, server)


OPAQUE_ROWS = [
    Attack("svix", "unknown_token", svix_unknown_token, rejected=401, accepted=204),
    Attack("svix", "tampered_token", svix_tampered_token, rejected=401, accepted=204),
    Attack("svix", "expired", svix_expired_token, rejected=401, accepted=204),
    Attack("svix", "other_api", svix_other_api_token, rejected=401, accepted=403),
    Attack("authlance", "unknown_session", authlance_unknown_session, rejected=401, accepted=200),
    Attack("authlance", "tampered_session", authlance_tampered_session, rejected=401, accepted=200),
    Attack("authlance", "expired", authlance_expired_session, rejected=401, accepted=200),
    Attack("authlance", "other_api", authlance_other_api_session, rejected=401, accepted=200),
]

ROWS = JWT_ROWS + OPAQUE_ROWS
"""The whole table (``test_guards_matter`` and the figures read it too)."""


@pytest.mark.parametrize("attack", table(ROWS))
def test_the_forged_or_foreign_credential_is_refused(server: RunningServer, attack: Attack) -> None:
    response = attack.run(server)
    assert response.status_code == attack.rejected, response.text


@pytest.mark.parametrize("target", [pytest.param(target, id=target.api) for target in JWT_TARGETS])
def test_the_genuine_token_is_accepted_so_each_refusal_is_the_attacks_doing(
    server: RunningServer, target: JwtTarget
) -> None:
    response = target.attack("genuine", genuine).run(server)
    assert response.status_code == target.accepted, response.text


def test_the_seeded_svix_key_and_authlance_session_are_accepted(server: RunningServer) -> None:
    assert svix_logout(svix_app_token(server), server).status_code == 204
    assert svix_logout(SVIX_ORG_KEY, server).status_code == 403  # authenticated, but may not log out
    assert authlance_exchange(AUTHLANCE_SESSION, server).status_code == 200
