"""A credential that was revoked stays refused: logouts, pacerpro's JTI spin, svix's expire-all, refresh-token reuse.

Each row takes a genuine credential, revokes it the way its API documents, and presents it again.
"""

from __future__ import annotations

import httpx
import pytest

from tests.security.actors import (
    SVIX_APP,
    SVIX_ORG_KEY,
    Attack,
    Browser,
    client,
    pacerpro_token,
    polario_login,
    svix_app_token,
    table,
)
from tests.support.server import RunningServer


def pacerpro_token_after_jti_spin(server: RunningServer) -> httpx.Response:
    """Two tokens of one user; DELETE /session with the newer spins the JTI; the older is refused too."""
    older, newer = pacerpro_token(server), pacerpro_token(server)
    with client(server, "pacerpro") as pacerpro:
        assert pacerpro.delete("/session", headers={"Authorization": f"Bearer {newer}"}).status_code == 200
        return pacerpro.get("/session", headers={"Authorization": f"Bearer {older}"})


def svix_token_after_logout(server: RunningServer) -> httpx.Response:
    token = svix_app_token(server)
    with client(server, "svix") as svix:
        assert svix.post("/api/v1/auth/logout/", headers={"Authorization": f"Bearer {token}"}).status_code == 204
        return svix.post("/api/v1/auth/logout/", headers={"Authorization": f"Bearer {token}"})


def _expire_all(server: RunningServer, expiry: int) -> None:
    with client(server, "svix", headers={"Authorization": f"Bearer {SVIX_ORG_KEY}"}) as svix:
        response = svix.post(f"/api/v1/auth/app/{SVIX_APP}/expire-all/", json={"expiry": expiry})
    assert response.status_code == 204, response.text


def svix_token_after_expire_all(server: RunningServer) -> httpx.Response:
    token = svix_app_token(server)
    _expire_all(server, 0)
    with client(server, "svix") as svix:
        return svix.post("/api/v1/auth/logout/", headers={"Authorization": f"Bearer {token}"})


def svix_token_after_delayed_expire_all(server: RunningServer) -> httpx.Response:
    """expire-all with ``expiry`` 60: the token still works for 60 s of server time, then never again."""
    token = svix_app_token(server)
    _expire_all(server, 60)
    server.advance_clock(60)
    with client(server, "svix") as svix:
        return svix.post("/api/v1/auth/logout/", headers={"Authorization": f"Bearer {token}"})


def polario_jwt_after_logout(server: RunningServer) -> httpx.Response:
    login = polario_login(server)
    with client(server, "polario") as polario:
        assert polario.get("/auth/logout", headers={"Session": login.jwt}).status_code == 200
        return polario.get("/auth/logout", headers={"Session": login.jwt})


def polario_refresh_token_after_logout(server: RunningServer) -> httpx.Response:
    login = polario_login(server)
    with client(server, "polario") as polario:
        assert polario.get("/auth/logout", headers={"Session": login.jwt}).status_code == 200
        return polario.post("/auth/session", json={"refreshToken": login.refresh_token})


def polario_refresh_token_reused(server: RunningServer) -> httpx.Response:
    """The first refresh token, presented again after it was rotated (RFC 9700 section 4.14.2)."""
    login = polario_login(server)
    with client(server, "polario") as polario:
        assert polario.post("/auth/session", json={"refreshToken": login.refresh_token}).status_code == 200
        return polario.post("/auth/session", json={"refreshToken": login.refresh_token})


def polario_rotated_token_after_reuse(server: RunningServer) -> httpx.Response:
    """Reuse revokes the whole session: the legitimate, rotated refresh token stops working too."""
    login = polario_login(server)
    with client(server, "polario") as polario:
        rotated = polario.post("/auth/session", json={"refreshToken": login.refresh_token})
        assert rotated.status_code == 200
        assert polario.post("/auth/session", json={"refreshToken": login.refresh_token}).status_code == 416
        return polario.post("/auth/session", json={"refreshToken": rotated.json()["refreshToken"]})


def polario_jwt_after_reuse(server: RunningServer) -> httpx.Response:
    login = polario_login(server)
    with client(server, "polario") as polario:
        assert polario.post("/auth/session", json={"refreshToken": login.refresh_token}).status_code == 200
        assert polario.post("/auth/session", json={"refreshToken": login.refresh_token}).status_code == 416
        return polario.get("/auth/logout", headers={"Session": login.jwt})


def bixarena_session_after_logout(server: RunningServer) -> httpx.Response:
    """The session cookie captured before logout, sent again afterwards."""
    browser = Browser(server)
    try:
        browser.log_in()
        cookie = browser.http.cookies["JSESSIONID"]
        assert browser.http.post(browser.url("/auth/logout")).status_code == 204
        return browser.http.post(browser.url("/token"), headers={"Cookie": f"JSESSIONID={cookie}"})
    finally:
        browser.close()


ROWS = [
    Attack("pacerpro", "revoked_by_jti_spin", pacerpro_token_after_jti_spin, rejected=401, accepted=200),
    Attack("svix", "revoked_by_app_logout", svix_token_after_logout, rejected=401, accepted=204),
    Attack("svix", "revoked_by_expire_all", svix_token_after_expire_all, rejected=401, accepted=204),
    Attack("svix", "revoked_by_delayed_expire_all", svix_token_after_delayed_expire_all, rejected=401, accepted=204),
    Attack("polario", "jwt_revoked_by_logout", polario_jwt_after_logout, rejected=401, accepted=200),
    Attack(
        "polario", "refresh_token_revoked_by_logout", polario_refresh_token_after_logout, rejected=416, accepted=200
    ),
    Attack("polario", "refresh_token_reuse", polario_refresh_token_reused, rejected=416, accepted=200),
    Attack(
        "polario", "refresh_token_reuse_ends_the_session", polario_rotated_token_after_reuse, rejected=416, accepted=200
    ),
    Attack("polario", "jwt_after_refresh_token_reuse", polario_jwt_after_reuse, rejected=401, accepted=200),
    Attack("bixarena", "session_revoked_by_logout", bixarena_session_after_logout, rejected=401, accepted=200),
]
"""The whole table (``test_guards_matter`` and the figures read it too)."""


@pytest.mark.parametrize("attack", table(ROWS))
def test_the_revoked_credential_is_refused(server: RunningServer, attack: Attack) -> None:
    response = attack.run(server)
    assert response.status_code == attack.rejected, response.text


def test_before_the_delayed_expiry_the_token_still_works(server: RunningServer) -> None:
    token = svix_app_token(server)
    _expire_all(server, 60)
    server.advance_clock(59)
    with client(server, "svix") as svix:
        assert svix.post("/api/v1/auth/logout/", headers={"Authorization": f"Bearer {token}"}).status_code == 204
