"""Each API's login and logout over plain HTTP, against any replica: what the replica tests do at one replica and
check at another. The seeded demo credentials are the built-in seed's (``tests/e2e/flows.py``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx

from tests.e2e.flows import (
    AUTHLANCE_SESSION,
    PACERPRO_EMAIL,
    PACERPRO_PASSWORD,
    POLARIO_EMAIL,
    POLARIO_PASSWORD,
    SVIX_APP,
    SVIX_ORG_KEY,
)
from tests.server.polario.flow import CLIENT_NONCE, proof_for

TIMEOUT = 10.0
ORG_KEY = {"Authorization": f"Bearer {SVIX_ORG_KEY}"}
DASHBOARD_ACCESS = f"/svix/api/v1/auth/dashboard-access/{SVIX_APP}/"
APP_PORTAL_ACCESS = f"/svix/api/v1/auth/app-portal-access/{SVIX_APP}/"


def protected(base: str, api: str, credential: dict[str, str]) -> int:
    """The status of the protected stand-in resource of ``api`` at ``base`` for ``credential`` (headers)."""
    return httpx.get(f"{base}/__protected/{api}/orders", headers=credential, timeout=TIMEOUT).status_code


def pacerpro_login(base: str) -> dict[str, str]:
    """Log the demo user in to pacerpro: its bearer header."""
    response = httpx.post(
        f"{base}/pacerpro/session", json={"email": PACERPRO_EMAIL, "password": PACERPRO_PASSWORD}, timeout=TIMEOUT
    )
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['jwtToken']}"}


def pacerpro_logout(base: str, credential: dict[str, str]) -> None:
    """``DELETE /session``: revoke every JWT of the user."""
    response = httpx.delete(f"{base}/pacerpro/session", headers=credential, timeout=TIMEOUT)
    assert response.status_code in (200, 204), response.text


def authlance_login(base: str) -> dict[str, str]:
    """Exchange the seeded identity session for an authlance JWT: its bearer header."""
    response = httpx.post(
        f"{base}/authlance/authlance/identity/me", json={"session": AUTHLANCE_SESSION}, timeout=TIMEOUT
    )
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['token']}"}


def svix_login(base: str) -> dict[str, str]:
    """An app token for the seeded application (dashboard access with the org key): its bearer header."""
    response = httpx.post(f"{base}{DASHBOARD_ACCESS}", headers=ORG_KEY, timeout=TIMEOUT)
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['token']}"}


def svix_logout(base: str, credential: dict[str, str]) -> None:
    """``POST /api/v1/auth/logout/`` with the app token itself."""
    response = httpx.post(f"{base}/svix/api/v1/auth/logout/", headers=credential, timeout=TIMEOUT)
    assert response.status_code == 204, response.text


def polario_challenge(base: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """A SCRAM challenge for the demo user at ``base``, and the final message (with its proof) that answers it."""
    response = httpx.post(
        f"{base}/polario/auth/auth", json={"email": POLARIO_EMAIL, "nonce": CLIENT_NONCE}, timeout=TIMEOUT
    )
    assert response.status_code == 200, response.text
    challenge: dict[str, Any] = response.json()
    proof = proof_for(POLARIO_EMAIL, POLARIO_PASSWORD, CLIENT_NONCE, challenge)
    final = {"email": POLARIO_EMAIL, "nonce": challenge["nonce"], "proof": proof, "os": "Mac", "osVersion": "14.5"}
    return challenge, final


@dataclass
class PolarioLogin:
    """What a polario login hands out: the JWT (sent in the ``Session`` header) and the refresh token."""

    jwt: str
    refresh_token: str

    @property
    def credential(self) -> dict[str, str]:
        """The header that carries the JWT."""
        return {"Session": self.jwt}


def polario_login(base: str) -> PolarioLogin:
    """The whole SCRAM login of the demo user at ``base``."""
    _, final = polario_challenge(base)
    response = httpx.post(f"{base}/polario/auth/login", json=final, timeout=TIMEOUT)
    assert response.status_code == 200, response.text
    return PolarioLogin(response.headers["Session"], response.json()["refreshToken"])


def polario_logout(base: str, credential: dict[str, str]) -> None:
    """``GET /auth/logout`` with the JWT."""
    response = httpx.get(f"{base}/polario/auth/logout", headers=credential, timeout=TIMEOUT)
    assert response.status_code == 200, response.text


@dataclass
class PendingBixarenaLogin:
    """A bixarena login started at one replica and signed in at the provider: the callback still to be made."""

    state_cookie: str
    code: str
    state: str

    def callback(self, base: str) -> httpx.Response:
        """The browser's return to bixarena's callback at ``base``."""
        return httpx.get(
            f"{base}/bixarena/auth/oidc/callback",
            params={"code": self.code, "state": self.state},
            cookies={"oidc_state": self.state_cookie},
            timeout=TIMEOUT,
        )


def bixarena_start(base: str) -> PendingBixarenaLogin:
    """Start the OIDC login at ``base`` and sign in at the provider (automatic login as Grace)."""
    started = httpx.get(f"{base}/bixarena/auth/oidc/start", timeout=TIMEOUT)
    assert started.status_code == 302, started.text
    signed_in = httpx.get(started.headers["location"], timeout=TIMEOUT)
    assert signed_in.status_code in (302, 303), signed_in.text
    query = parse_qs(urlsplit(signed_in.headers["location"]).query)
    return PendingBixarenaLogin(started.cookies["oidc_state"], query["code"][0], query["state"][0])


def bixarena_session(base: str) -> dict[str, str]:
    """A bixarena session (its cookie) from a whole login at ``base``."""
    returned = bixarena_start(base).callback(base)
    assert returned.status_code == 200, returned.text
    return {"Cookie": f"JSESSIONID={returned.cookies['JSESSIONID']}"}


def bixarena_token(base: str, session: dict[str, str]) -> httpx.Response:
    """``POST /token`` with the session cookie."""
    return httpx.post(f"{base}/bixarena/token", headers=session, timeout=TIMEOUT)


def bixarena_login(base: str) -> dict[str, str]:
    """A bixarena internal JWT from a whole login at ``base``: its bearer header."""
    minted = bixarena_token(base, bixarena_session(base))
    assert minted.status_code == 200, minted.text
    return {"Authorization": f"Bearer {minted.json()['access_token']}"}


def bixarena_logout(base: str, session: dict[str, str]) -> None:
    """``POST /auth/logout`` with the session cookie."""
    response = httpx.post(f"{base}/bixarena/auth/logout", headers=session, timeout=TIMEOUT)
    assert response.status_code == 204, response.text
