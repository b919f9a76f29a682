"""The polario client's session state: the Session header captured, the refresh token rotated, logout."""

from __future__ import annotations

import json

import httpx
import pytest

from authkit_sdk import errors
from authkit_sdk.polario import errors as polario_errors
from tests.sdk.facades import RFC_PASSWORD, RFC_USER, api_router, make_facade


def test_refresh_sends_the_refresh_token_and_keeps_the_new_jwt_and_the_rotated_refresh_token() -> None:
    router = api_router("polario")
    with make_facade("polario", router) as client:
        client.login(RFC_USER, RFC_PASSWORD)
        result = client.refresh()
        assert json.loads(router["refresh_session"].calls.last.request.content) == {"refreshToken": "refresh-1"}
        assert result.refresh_token == "refresh-2"
        assert client.session_token == "jwt-session-2"
        assert client.refresh_token == "refresh-2"
        client.refresh()
        assert json.loads(router["refresh_session"].calls.last.request.content) == {"refreshToken": "refresh-2"}


def test_a_refresh_answer_without_a_new_refresh_token_keeps_the_old_one() -> None:
    router = api_router("polario")
    router["refresh_session"].mock(
        return_value=httpx.Response(
            200, json={"deviceId": "device-1", "sendbirdSessionToken": None}, headers={"Session": "jwt-3"}
        )
    )
    with make_facade("polario", router) as client:
        client.login(RFC_USER, RFC_PASSWORD)
        client.refresh()
        assert client.session_token == "jwt-3"
        assert client.refresh_token == "refresh-1"


def test_a_rejected_refresh_token_raises_invalid_refresh_token_error_and_keeps_the_state() -> None:
    router = api_router("polario")
    router["refresh_session"].mock(return_value=httpx.Response(416, json={"error": "invalid refresh token"}))
    with make_facade("polario", router) as client:
        client.login(RFC_USER, RFC_PASSWORD)
        with pytest.raises(polario_errors.InvalidRefreshTokenError, match="invalid refresh token") as raised:
            client.refresh()
        assert isinstance(raised.value, errors.InvalidRefreshTokenError)
        assert raised.value.body is not None
        assert raised.value.body.error == "invalid refresh token"  # typed: polario's ModelSwagError
        assert client.session_token == "jwt-session-1"


def test_logout_sends_the_session_header_and_forgets_the_session() -> None:
    router = api_router("polario")
    with make_facade("polario", router) as client:
        client.login(RFC_USER, RFC_PASSWORD)
        assert client.logout().status == "ok"
        assert router["logout"].calls.last.request.headers["Session"] == "jwt-session-1"
        assert (client.session_token, client.refresh_token, client.device_id) == (None, None, None)


def test_a_logout_answered_401_forgets_the_dead_session_and_raises() -> None:
    router = api_router("polario")
    router["logout"].mock(return_value=httpx.Response(401, json={"error": "invalid session"}))
    with make_facade("polario", router) as client:
        client.login(RFC_USER, RFC_PASSWORD)
        with pytest.raises(errors.UnauthorizedError):
            client.logout()
        assert client.session_token is None


def test_a_logout_that_fails_otherwise_keeps_the_session() -> None:
    router = api_router("polario")
    router["logout"].mock(return_value=httpx.Response(503, text="down"))
    with make_facade("polario", router) as client:
        client.login(RFC_USER, RFC_PASSWORD)
        with pytest.raises(errors.ServerError):
            client.logout()
        assert client.session_token == "jwt-session-1"


@pytest.mark.parametrize("method", ["refresh", "logout"])
def test_refresh_and_logout_before_login_raise_login_required_without_a_request(method: str) -> None:
    router = api_router("polario")
    with make_facade("polario", router) as client, pytest.raises(errors.LoginRequiredError):
        getattr(client, method)()
    assert not router.calls


@pytest.mark.asyncio
async def test_the_async_twin_refreshes_and_logs_out() -> None:
    router = api_router("polario")
    async with make_facade("polario", router, is_async=True) as client:
        await client.login(RFC_USER, RFC_PASSWORD)
        await client.refresh()
        assert (client.session_token, client.refresh_token) == ("jwt-session-2", "refresh-2")
        await client.logout()
        assert router["logout"].calls.last.request.headers["Session"] == "jwt-session-2"
        assert client.session_token is None
