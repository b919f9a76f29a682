"""authlance end to end: an identity-provider session exchanged for a JWT and its cookie, then logout."""

from __future__ import annotations

import jwt
import pytest

from authkit_sdk.admin import AdminClient
from authkit_sdk.authlance import AsyncAuthlanceClient, AuthlanceClient, ControllersAuthErrorResponse
from authkit_sdk.errors import UnauthorizedError
from tests.e2e.flows import AUTHLANCE_SESSION, AUTHLANCE_USER
from tests.e2e.targets import Target


def test_a_session_exchanges_for_a_jwt_kept_as_cookie_until_logout(target: Target) -> None:
    with target.client(AuthlanceClient) as authlance:
        token = authlance.exchange_session(AUTHLANCE_SESSION)
        assert authlance.token == token == authlance.loop_token
        assert jwt.decode(token, options={"verify_signature": False})["sub"] == AUTHLANCE_USER

        assert authlance.logout().message
        assert authlance.token is None
        assert authlance.loop_token is None


def test_an_unknown_session_is_refused(target: Target) -> None:
    with target.client(AuthlanceClient) as authlance, pytest.raises(UnauthorizedError) as refused:
        authlance.exchange_session("kratos-session-nobody-has")
    assert isinstance(refused.value.body, ControllersAuthErrorResponse) and refused.value.body.error
    assert authlance.loop_token is None


def test_a_session_stops_exchanging_when_the_server_clock_passes_its_expiry(target: Target, admin: AdminClient) -> None:
    session = admin.add_session(AUTHLANCE_USER, ttl_seconds=60)
    with target.client(AuthlanceClient) as authlance:
        authlance.exchange_session(session.id)

        admin.advance_clock(61)

        with pytest.raises(UnauthorizedError):
            authlance.exchange_session(session.id)


@pytest.mark.asyncio
async def test_the_async_client_exchanges_and_logs_out(target: Target) -> None:
    async with target.client(AsyncAuthlanceClient) as authlance:
        token = await authlance.exchange_session(AUTHLANCE_SESSION)
        assert authlance.loop_token == token
        await authlance.logout()
        assert authlance.loop_token is None
