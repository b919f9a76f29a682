"""polario sessions: refresh-token rotation and reuse detection, logout, and the JWTs the Session header accepts."""

from __future__ import annotations

import base64
import functools
import json
from collections.abc import Iterator

import jwt as pyjwt
import pytest

from authkit_mock.core.store import Token
from tests.server.polario.flow import DEMO_EMAIL, Login, PolarioClient
from tests.support.server import RunningServer

INVALID = {"error": "invalid refresh token"}
REUSED = {"error": "refresh token reused; session revoked"}
INVALID_SESSION = {"error": "invalid session"}


@pytest.fixture
def polario(server: RunningServer) -> Iterator[PolarioClient]:
    client = PolarioClient(server)
    yield client
    client.close()


def claims_of(token: str) -> dict[str, object]:
    claims: dict[str, object] = pyjwt.decode(token, options={"verify_signature": False})
    return claims


# --- refresh (POST /auth/session) ----------------------------------------------------------------------------


def test_the_login_jwt_names_the_session_and_verifies_with_polarios_authority(
    server: RunningServer, polario: PolarioClient
) -> None:
    login = polario.login()
    claims = server.sync(lambda: server.runtime.authority("polario").verify(login.jwt))
    assert claims["sub"] == DEMO_EMAIL
    assert claims["did"] == login.device_id
    assert claims["exp"] - claims["iat"] == server.settings.polario_token_ttl
    session = server.sync(lambda: server.runtime.store.session("polario", str(claims["sid"])))
    assert session is not None
    assert session.device_id == login.device_id
    record = server.sync(lambda: server.runtime.store.token(login.refresh_token))
    assert record is not None
    assert (record.kind, record.session_id) == ("refresh_token", session.id)


def test_a_refresh_rotates_the_jwt_and_the_refresh_token(polario: PolarioClient) -> None:
    login = polario.login()
    response = polario.refresh(login.refresh_token)
    assert response.status_code == 200
    body = response.json()
    assert body["deviceId"] == login.device_id
    assert body["sendbirdSessionToken"] is None
    new_jwt = response.headers["Session"]
    assert new_jwt != login.jwt
    assert claims_of(new_jwt)["sid"] == claims_of(login.jwt)["sid"]
    assert body["refreshToken"] != login.refresh_token
    # The new refresh token works in turn; the one just exchanged does not.
    assert polario.refresh(body["refreshToken"]).status_code == 200
    old = polario.refresh(login.refresh_token)
    assert old.status_code == 416


def test_a_reused_refresh_token_revokes_the_session(server: RunningServer, polario: PolarioClient) -> None:
    login = polario.login()
    first = polario.refresh(login.refresh_token)
    assert first.status_code == 200
    second = polario.refresh(first.json()["refreshToken"])
    newest_token, newest_jwt = second.json()["refreshToken"], second.headers["Session"]
    reuse = polario.refresh(login.refresh_token)
    assert reuse.status_code == 416
    assert reuse.json() == REUSED
    # Whoever holds the newest refresh token and JWT (the client or the thief) is logged out too.
    assert polario.refresh(newest_token).json() == INVALID
    assert polario.logout(newest_jwt).status_code == 401
    assert polario.logout(login.jwt).status_code == 401
    record = server.sync(lambda: server.runtime.store.token(newest_token))
    assert record is not None
    assert record.revoked


def test_a_reused_refresh_token_leaves_other_sessions_alone(polario: PolarioClient) -> None:
    mine, other = polario.login(), polario.login()
    rotated = polario.refresh(mine.refresh_token).json()["refreshToken"]
    assert polario.refresh(mine.refresh_token).status_code == 416
    assert polario.refresh(rotated).status_code == 416
    assert polario.refresh(other.refresh_token).status_code == 200


def test_an_unknown_refresh_token_is_a_416(polario: PolarioClient) -> None:
    response = polario.refresh("PocCmfHVh8A14GjT7KmooCQptmMjVG3GJpR8Cs_tjAA")
    assert response.status_code == 416
    assert response.json() == INVALID


def test_another_apis_opaque_token_is_not_a_refresh_token(server: RunningServer, polario: PolarioClient) -> None:
    login = polario.login()
    session_id = str(claims_of(login.jwt)["sid"])
    now = server.sync(lambda: server.runtime.clock_now)
    for api, kind in (("svix", "refresh_token"), ("polario", "app_token")):
        token = Token(api=api, kind=kind, token=f"{api}-{kind}", created_at=now, session_id=session_id)
        server.sync(functools.partial(server.runtime.store.add_token, token))
        assert polario.refresh(token.token).status_code == 416
    # The server records the JWTs it issues (for the admin API): a JWT is no refresh token either.
    assert polario.refresh(login.jwt).status_code == 416
    assert polario.refresh(login.refresh_token).status_code == 200


def test_an_expired_refresh_token_is_a_416(server: RunningServer, polario: PolarioClient) -> None:
    login = polario.login()
    server.advance_clock(server.settings.polario_refresh_ttl + 1)
    response = polario.refresh(login.refresh_token)
    assert response.status_code == 416
    assert response.json() == INVALID


@pytest.mark.frozen_clock
def test_a_refresh_token_works_until_it_expires(server: RunningServer, polario: PolarioClient) -> None:
    login = polario.login()
    server.advance_clock(server.settings.polario_refresh_ttl - 1)
    assert polario.refresh(login.refresh_token).status_code == 200


@pytest.mark.parametrize("body", [{}, {"refreshToken": ""}, {"refreshToken": 5}, {"refresh_token": "x"}, "x"])
def test_a_malformed_refresh_body_is_a_400(polario: PolarioClient, body: object) -> None:
    response = polario.http.post("/auth/session", json=body)
    assert response.status_code == 400
    assert response.json()["error"].startswith("invalid request body")


# --- logout (GET /auth/logout) and the Session header ------------------------------------------------------


def test_logout_ends_the_session(server: RunningServer, polario: PolarioClient) -> None:
    login = polario.login()
    response = polario.logout(login.jwt)
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert polario.logout(login.jwt).json() == INVALID_SESSION
    refresh = polario.refresh(login.refresh_token)
    assert refresh.status_code == 416
    assert refresh.json() == INVALID
    # What the admin API lists says so too: the refresh token and the JWT are revoked, not merely unusable.
    for value in (login.refresh_token, login.jwt):
        record = server.sync(lambda value=value: server.runtime.store.token(value))  # type: ignore[misc]
        assert record is not None
        assert record.revoked


def test_logout_revokes_every_jwt_of_the_session(polario: PolarioClient) -> None:
    login = polario.login()
    refreshed = polario.refresh(login.refresh_token)
    assert polario.logout(refreshed.headers["Session"]).status_code == 200
    assert polario.logout(login.jwt).status_code == 401
    assert polario.refresh(refreshed.json()["refreshToken"]).status_code == 416


def test_logout_leaves_other_sessions_alone(polario: PolarioClient) -> None:
    mine, other = polario.login(), polario.login()
    assert polario.logout(mine.jwt).status_code == 200
    assert polario.refresh(other.refresh_token).status_code == 200
    assert polario.logout(other.jwt).status_code == 200


@pytest.mark.parametrize("header", [None, "", "not-a-jwt", "Bearer x.y.z"])
def test_a_missing_or_malformed_session_header_is_a_401(polario: PolarioClient, header: str | None) -> None:
    response = polario.logout(header)
    assert response.status_code == 401
    assert response.json() == INVALID_SESSION


def test_the_jwt_with_a_bearer_prefix_is_a_401(polario: PolarioClient) -> None:
    login = polario.login()
    assert polario.logout(f"Bearer {login.jwt}").status_code == 401
    assert polario.logout(login.jwt).status_code == 200


def test_an_expired_jwt_is_a_401_while_its_session_lives_on(server: RunningServer, polario: PolarioClient) -> None:
    login = polario.login()
    server.advance_clock(server.settings.polario_token_ttl + 1)
    assert polario.logout(login.jwt).status_code == 401
    # The session itself is alive: a refresh gives a JWT that logs out.
    refreshed = polario.refresh(login.refresh_token)
    assert polario.logout(refreshed.headers["Session"]).status_code == 200


def test_a_jwt_signed_by_another_apis_authority_is_a_401(server: RunningServer, polario: PolarioClient) -> None:
    login = polario.login()
    claims = claims_of(login.jwt)
    lifetime = server.settings.polario_token_ttl
    for name in ("pacerpro", "authlance"):
        foreign, _ = server.sync(
            functools.partial(
                server.runtime.authority(name).mint,
                subject=DEMO_EMAIL,
                lifetime=lifetime,
                sid=claims["sid"],
                did=claims["did"],
            )
        )
        assert polario.logout(foreign).status_code == 401
    assert polario.logout(login.jwt).status_code == 200


def test_a_polario_jwt_for_a_session_that_does_not_exist_is_a_401(
    server: RunningServer, polario: PolarioClient
) -> None:
    token, _ = server.sync(
        lambda: server.runtime.authority("polario").mint(subject=DEMO_EMAIL, lifetime=900, sid="no-such-session")
    )
    assert polario.logout(token).status_code == 401


def test_a_polario_jwt_naming_another_users_session_is_a_401(server: RunningServer, polario: PolarioClient) -> None:
    login = polario.login()
    sid = claims_of(login.jwt)["sid"]
    token, _ = server.sync(
        lambda: server.runtime.authority("polario").mint(subject="mallory@example.com", lifetime=900, sid=sid)
    )
    assert polario.logout(token).status_code == 401
    assert polario.logout(login.jwt).status_code == 200


def unsigned(login: Login) -> str:
    header = {"alg": "none", "typ": "JWT", "kid": pyjwt.get_unverified_header(login.jwt)["kid"]}
    parts = [
        base64.urlsafe_b64encode(json.dumps(part).encode()).rstrip(b"=").decode()
        for part in (header, claims_of(login.jwt))
    ]
    return f"{parts[0]}.{parts[1]}."


def test_an_unsigned_or_tampered_jwt_is_a_401(polario: PolarioClient) -> None:
    login = polario.login()
    head, payload, signature = login.jwt.split(".")
    claims = claims_of(login.jwt) | {"sub": "mallory@example.com"}
    forged_payload = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    flipped = signature[:-2] + ("A" if signature[-2] != "A" else "B") + signature[-1]
    for token in (unsigned(login), f"{head}.{forged_payload}.{signature}", f"{head}.{payload}.{flipped}"):
        assert polario.logout(token).status_code == 401
    assert polario.logout(login.jwt).status_code == 200
