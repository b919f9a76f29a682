"""A credential that was revoked stays refused: logouts, pacerpro's JTI spin, svix's expire-all, refresh-token reuse.

Each row takes a genuine credential, revokes it the way its API documents, and presents it again.
"""

from __future__ import annotations

import httpx
import pytest

from authkit_mock.core.store import Stream
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

SVIX_STREAM, SVIX_SINK = "strm_demo", "sink_demo"


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


def svix_stream_token(server: RunningServer, stream: str = SVIX_STREAM) -> str:
    """A genuine svix stream token for ``stream``."""
    with client(server, "svix", headers={"Authorization": f"Bearer {SVIX_ORG_KEY}"}) as svix:
        response = svix.post(f"/api/v1/auth/stream-portal-access/{stream}", json={})
    assert response.status_code == 200, response.text
    token: str = response.json()["token"]
    return token


def _poller_token_with(server: RunningServer, token: str, stream: str = SVIX_STREAM) -> httpx.Response:
    with client(server, "svix") as svix:
        return svix.get(
            f"/api/v1/auth/stream/{stream}/sink/{SVIX_SINK}/poller/token", headers={"Authorization": f"Bearer {token}"}
        )


def svix_stream_token_after_stream_logout(server: RunningServer) -> httpx.Response:
    """A stream token reads its stream's poller token until stream-logout ends it."""
    token = svix_stream_token(server)
    with client(server, "svix") as svix:
        response = svix.post("/api/v1/auth/stream-logout", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 204, response.text
    return _poller_token_with(server, token)


def svix_stream_token_after_stream_expire_all(server: RunningServer) -> httpx.Response:
    token = svix_stream_token(server)
    with client(server, "svix", headers={"Authorization": f"Bearer {SVIX_ORG_KEY}"}) as svix:
        response = svix.post(f"/api/v1/auth/stream/{SVIX_STREAM}/expire-all", json={"expiry": 0})
    assert response.status_code == 204, response.text
    return _poller_token_with(server, token)


def svix_stream_token_on_another_stream(server: RunningServer) -> httpx.Response:
    """A stream token of another stream asks for the poller token of the demo stream's sink."""
    server.sync(lambda: _add_stream(server, "strm_other"))
    return _poller_token_with(server, svix_stream_token(server, "strm_other"))


def _add_stream(server: RunningServer, stream_id: str) -> None:
    store, now = server.runtime.store, server.runtime.clock_now
    store.add_stream(Stream(id=stream_id, name=stream_id, created_at=now))


def svix_poller_token_after_rotation(server: RunningServer) -> httpx.Response:
    """The sink's poller token, rotated with ``oldTokenExpiry`` 0, presented again: unknown now (401). While it
    still worked, it authenticated, and got 403 (a poller token may not call these operations)."""
    with client(server, "svix", headers={"Authorization": f"Bearer {SVIX_ORG_KEY}"}) as svix:
        old = svix.get(f"/api/v1/auth/stream/{SVIX_STREAM}/sink/{SVIX_SINK}/poller/token").json()["token"]
        rotate = f"/api/v1/auth/stream/{SVIX_STREAM}/sink/{SVIX_SINK}/poller/token/rotate"
        assert svix.post(rotate, json={"oldTokenExpiry": 0}).status_code == 201
    return _poller_token_with(server, old)


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
    Attack("svix", "stream_token_revoked_by_stream_logout", svix_stream_token_after_stream_logout, 401, 200),
    Attack("svix", "stream_token_revoked_by_stream_expire_all", svix_stream_token_after_stream_expire_all, 401, 200),
    Attack("svix", "stream_token_of_another_stream", svix_stream_token_on_another_stream, rejected=403, accepted=200),
    Attack("svix", "poller_token_rotated_out", svix_poller_token_after_rotation, rejected=401, accepted=403),
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
