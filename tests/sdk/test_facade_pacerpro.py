"""The PacerPro client: the JWT captured from the login body, sent as bearer, replaced at refresh, revoked."""

from __future__ import annotations

import datetime
import json

import httpx
import pytest

from authkit_sdk import errors
from authkit_sdk.pacerpro import AsyncPacerproClient, PacerproClient
from authkit_sdk.pacerpro import errors as pacerpro_errors
from tests.sdk.facades import api_router, mocked


def test_login_captures_the_jwt_and_its_expiry_from_the_body_and_sends_no_bearer() -> None:
    router = api_router("pacerpro")
    with PacerproClient(httpx_args=mocked(router)) as client:
        assert client.token is None
        session = client.login("ada@example.com", "secret")
        request = router["create_session"].calls.last.request
        assert json.loads(request.content) == {"email": "ada@example.com", "password": "secret"}
        assert "Authorization" not in request.headers
        assert client.token == session.jwt_token == "jwt-login"
        assert client.expires_at == datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)


def test_refresh_sends_the_current_jwt_and_replaces_it() -> None:
    router = api_router("pacerpro")
    with PacerproClient(httpx_args=mocked(router)) as client:
        client.login("ada@example.com", "secret")
        client.refresh()
        assert router["refresh_session"].calls.last.request.headers["Authorization"] == "Bearer jwt-login"
        assert client.token == "jwt-refreshed"
        assert client.expires_at == datetime.datetime(2026, 1, 1, 1, tzinfo=datetime.UTC)
        client.refresh()
        assert router["refresh_session"].calls.last.request.headers["Authorization"] == "Bearer jwt-refreshed"


def test_logout_everywhere_revokes_with_the_current_jwt_and_forgets_it() -> None:
    router = api_router("pacerpro")
    with PacerproClient("jwt-given", httpx_args=mocked(router)) as client:
        client.logout_everywhere()
        assert router["revoke_all_sessions"].calls.last.request.headers["Authorization"] == "Bearer jwt-given"
        assert client.token is None
        assert client.expires_at is None
        with pytest.raises(errors.LoginRequiredError):
            client.refresh()
    assert router["refresh_session"].call_count == 0


def test_a_revoked_token_raises_unauthorized_with_the_error_body_and_is_forgotten() -> None:
    router = api_router("pacerpro")
    body = {"error": "unauthorized", "message": "token revoked", "status": 401, "type": "error"}
    router["revoke_all_sessions"].mock(return_value=httpx.Response(401, json=body))
    with PacerproClient("jwt-old", httpx_args=mocked(router)) as client:
        with pytest.raises(pacerpro_errors.UnauthorizedError, match="token revoked") as raised:
            client.logout_everywhere()
        assert raised.value.body is not None
        assert raised.value.body.message == "token revoked"  # typed: pacerpro's Error
        assert raised.value.message == "token revoked"
        assert client.token is None


def test_an_unknown_error_type_value_still_raises_the_typed_error_with_its_message() -> None:
    router = api_router("pacerpro")
    body = {"error": "unauthorized", "message": "no", "status": 401, "type": "catastrophe"}
    router["create_session"].mock(return_value=httpx.Response(401, json=body))
    with PacerproClient(httpx_args=mocked(router)) as client, pytest.raises(errors.UnauthorizedError) as raised:
        client.login("ada@example.com", "wrong")
    assert raised.value.body is None  # the enum value does not parse into the model...
    assert raised.value.message == "no"  # ...but the message is still read from the body


@pytest.mark.asyncio
async def test_the_async_twin_logs_in_refreshes_and_logs_out() -> None:
    router = api_router("pacerpro")
    async with AsyncPacerproClient(httpx_args=mocked(router)) as client:
        await client.login("ada@example.com", "secret")
        await client.refresh()
        assert router["refresh_session"].calls.last.request.headers["Authorization"] == "Bearer jwt-login"
        assert client.token == "jwt-refreshed"
        await client.logout_everywhere()
        assert client.token is None
