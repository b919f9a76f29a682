"""polario end to end: SCRAM login, refresh with rotation, logout, and the ways a session stops working."""

from __future__ import annotations

import pytest

from authkit_sdk.admin import AdminClient
from authkit_sdk.errors import InvalidRefreshTokenError, UnauthorizedError
from authkit_sdk.polario import AsyncPolarioClient, PolarioClient
from authkit_sdk.polario.generated import logout, models, refresh_session
from tests.e2e.flows import POLARIO_EMAIL, POLARIO_PASSWORD
from tests.e2e.targets import Target

SESSION_TTL = 900
"""The reference server's polario JWT lifetime (Settings.polario_token_ttl)."""


def raw_refresh_status(client: PolarioClient, refresh_token: str) -> int:
    """The status of a refresh with ``refresh_token``, sent with the generated client (the facade keeps its own)."""
    return refresh_session.sync_detailed(client=client.raw, body=models.AuthRefreshRequest(refresh_token)).status_code


def raw_logout_status(client: PolarioClient, session_token: str) -> int:
    """The status of a logout with ``session_token`` in the ``Session`` header."""
    return logout.sync_detailed(client=client.raw, session=session_token).status_code


def test_login_refresh_and_logout_end_the_session(target: Target) -> None:
    with target.client(PolarioClient) as polario:
        login = polario.login(POLARIO_EMAIL, POLARIO_PASSWORD, os="Linux", os_version="6.8", platform="web")
        first_session, first_refresh = polario.session_token, polario.refresh_token
        assert first_session and first_refresh == login.refresh_token and polario.device_id == login.device_id

        refreshed = polario.refresh()
        assert refreshed.device_id == login.device_id
        assert polario.refresh_token not in (None, first_refresh)
        last_session, last_refresh = polario.session_token, polario.refresh_token
        assert last_session not in (None, first_session)

        assert polario.logout().status == "ok"
        assert polario.session_token is None
        assert last_session and last_refresh
        assert raw_logout_status(polario, last_session) == 401
        assert raw_refresh_status(polario, last_refresh) == 416


def test_a_wrong_password_is_refused(target: Target) -> None:
    with target.client(PolarioClient) as polario, pytest.raises(UnauthorizedError) as refused:
        polario.login(POLARIO_EMAIL, "not-the-password")
    assert refused.value.status_code == 401
    assert polario.session_token is None


def test_a_replayed_refresh_token_is_refused_and_ends_the_whole_session(target: Target) -> None:
    with target.client(PolarioClient) as polario:
        polario.login(POLARIO_EMAIL, POLARIO_PASSWORD)
        used = polario.refresh_token
        assert used
        polario.refresh()
        current_session = polario.session_token
        assert current_session

        assert raw_refresh_status(polario, used) == 416  # reuse detected: the session is revoked

        with pytest.raises(InvalidRefreshTokenError):
            polario.refresh()
        assert raw_logout_status(polario, current_session) == 401


def test_a_session_token_expires_when_the_server_clock_passes_its_lifetime(target: Target, admin: AdminClient) -> None:
    with target.client(PolarioClient) as polario:
        polario.login(POLARIO_EMAIL, POLARIO_PASSWORD)
        expired = polario.session_token
        assert expired

        admin.advance_clock(SESSION_TTL + 1)

        assert raw_logout_status(polario, expired) == 401
        polario.refresh()  # the refresh token lives far longer: it still brings a fresh JWT
        assert polario.session_token != expired
        assert polario.logout().status == "ok"


@pytest.mark.asyncio
async def test_the_async_client_logs_in_refreshes_and_logs_out(target: Target) -> None:
    async with target.client(AsyncPolarioClient) as polario:
        await polario.login(POLARIO_EMAIL, POLARIO_PASSWORD, platform="web")
        first = polario.session_token
        await polario.refresh()
        assert polario.session_token not in (None, first)
        assert (await polario.logout()).status == "ok"
        with pytest.raises(UnauthorizedError):
            await polario.login(POLARIO_EMAIL, "not-the-password")
