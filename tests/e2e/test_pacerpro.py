"""pacerpro end to end: password login, refresh, revoke-all, and the ways a token stops working."""

from __future__ import annotations

import datetime

import pytest

from authkit_sdk.admin import AdminClient
from authkit_sdk.errors import UnauthorizedError
from authkit_sdk.pacerpro import AsyncPacerproClient, Error, PacerproClient
from tests.e2e.flows import PACERPRO_EMAIL, PACERPRO_PASSWORD
from tests.e2e.targets import Target

TOKEN_TTL = 3600
"""The reference server's pacerpro JWT lifetime (Settings.pacerpro_token_ttl)."""


def test_login_refresh_and_revoke_all_sessions(target: Target, admin: AdminClient) -> None:
    with target.client(PacerproClient) as pacer:
        session = pacer.login(PACERPRO_EMAIL, PACERPRO_PASSWORD)
        assert pacer.token == session.jwt_token and pacer.expires_at == session.expires_at

        admin.advance_clock(60)
        refreshed = pacer.refresh()
        assert refreshed.jwt_token != session.jwt_token
        assert isinstance(refreshed.expires_at, datetime.datetime) and isinstance(session.expires_at, datetime.datetime)
        assert refreshed.expires_at > session.expires_at

        assert pacer.logout_everywhere().to_dict() == {}
        assert pacer.token is None


def test_a_wrong_password_is_refused_with_the_error_shape(target: Target) -> None:
    with target.client(PacerproClient) as pacer, pytest.raises(UnauthorizedError) as refused:
        pacer.login(PACERPRO_EMAIL, "not-the-password")
    assert refused.value.status_code == 401
    assert isinstance(refused.value.body, Error) and refused.value.body.type_ == "error"


def test_revoke_all_ends_every_token_of_the_user(target: Target) -> None:
    with target.client(PacerproClient) as laptop, target.client(PacerproClient) as phone:
        laptop.login(PACERPRO_EMAIL, PACERPRO_PASSWORD)
        phone.login(PACERPRO_EMAIL, PACERPRO_PASSWORD)
        revoked = phone.token

        laptop.logout_everywhere()

        with pytest.raises(UnauthorizedError):
            phone.refresh()
        with target.client(PacerproClient, token=revoked) as stale, pytest.raises(UnauthorizedError):
            stale.logout_everywhere()
        phone.login(PACERPRO_EMAIL, PACERPRO_PASSWORD)  # a new login gets a token of the new generation
        phone.refresh()


def test_a_token_expires_when_the_server_clock_passes_its_lifetime(target: Target, admin: AdminClient) -> None:
    with target.client(PacerproClient) as pacer:
        pacer.login(PACERPRO_EMAIL, PACERPRO_PASSWORD)
        admin.advance_clock(TOKEN_TTL - 10)
        pacer.refresh()  # still valid: the refreshed token runs from now

        admin.advance_clock(TOKEN_TTL + 1)

        with pytest.raises(UnauthorizedError):
            pacer.refresh()


@pytest.mark.asyncio
async def test_the_async_client_logs_in_refreshes_and_revokes(target: Target) -> None:
    async with target.client(AsyncPacerproClient) as pacer:
        await pacer.login(PACERPRO_EMAIL, PACERPRO_PASSWORD)
        await pacer.refresh()
        revoked = pacer.token
        await pacer.logout_everywhere()
        async with target.client(AsyncPacerproClient, token=revoked) as stale:
            with pytest.raises(UnauthorizedError):
                await stale.refresh()
        with pytest.raises(UnauthorizedError):
            await pacer.login(PACERPRO_EMAIL, "not-the-password")
