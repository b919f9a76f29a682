"""The Authlance client: the JWT of an exchanged session, and the loopToken cookie kept and cleared."""

from __future__ import annotations

import json

import pytest

from authkit_sdk.authlance import AsyncAuthlanceClient, AuthlanceClient
from tests.sdk.facades import api_router, mocked


def test_exchange_returns_the_jwt_and_keeps_the_loop_token_cookie_until_logout() -> None:
    router = api_router("authlance")
    with AuthlanceClient(httpx_args=mocked(router)) as client:
        assert client.exchange_session("kratos-1") == "jwt-authlance"
        request = router["exchange_session_for_token"].calls.last.request
        assert request.url.path == "/authlance/authlance/identity/me"
        assert json.loads(request.content) == {"session": "kratos-1"}
        assert "Authorization" not in request.headers
        assert client.token == "jwt-authlance"
        assert client.loop_token == "jwt-authlance"
        assert client.logout().message == "logged out"
        assert router["logout"].calls.last.request.headers["Cookie"] == "loopToken=jwt-authlance"
        assert client.loop_token is None
        assert client.token is None


@pytest.mark.asyncio
async def test_the_async_twin_keeps_and_clears_the_cookie() -> None:
    router = api_router("authlance")
    async with AsyncAuthlanceClient(httpx_args=mocked(router)) as client:
        assert await client.exchange_session("kratos-1") == "jwt-authlance"
        assert client.loop_token == "jwt-authlance"
        await client.logout()
        assert client.loop_token is None
