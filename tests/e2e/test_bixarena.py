"""bixarena end to end: the OIDC login through the embedded Synapse provider, the internal JWT checked against
the JWKS, logout, and a session outliving its lifetime.

The browser's part (following the authorize URL and signing in) is done with httpx; everything else through
the facade. Through Prism's proxy the OIDC start goes to the server directly, because Prism would follow its
redirect (see ``targets.PROXY_BYPASS``); and no call is made without the session cookie, because Prism answers
a request that lacks the operation's credential itself, without asking the server.
"""

from __future__ import annotations

import pytest

from authkit_sdk.admin import AdminClient
from authkit_sdk.bixarena import BIXARENA_AUDIENCE, SESSION_COOKIE, AsyncBixarenaClient, BasicError, BixarenaClient
from authkit_sdk.errors import TokenVerificationError, UnauthorizedError
from tests.e2e.flows import GRACE, async_authorize, authorize
from tests.e2e.targets import Target

SESSION_TTL = 24 * 3600
"""The reference server's bixarena session lifetime (Settings.bixarena_session_ttl)."""


def test_oidc_login_mints_a_token_that_verifies_with_the_jwks(target: Target) -> None:
    with target.client(BixarenaClient) as bixarena:
        code, state = authorize(bixarena.start_login())
        assert bixarena.complete_login(code, state).status == "ok"
        assert bixarena.session_id

        minted = bixarena.mint_token()
        assert (minted.token_type, minted.expires_in) == ("Bearer", 600)
        claims = bixarena.verify_token(issuer=target.deployment.api_url("bixarena"))
        assert claims["sub"] == GRACE and claims["aud"] == BIXARENA_AUDIENCE

        with pytest.raises(TokenVerificationError):
            bixarena.verify_token(audience="urn:someone-else")

        ended = bixarena.session_id
        bixarena.logout()
        assert bixarena.session_id is None and bixarena.access_token is None
        assert ended
        bixarena.cookies.set(SESSION_COOKIE, ended)  # the ended session's cookie, kept by someone
        with pytest.raises(UnauthorizedError):
            bixarena.mint_token()


def test_a_code_cannot_complete_a_second_login(target: Target) -> None:
    with target.client(BixarenaClient) as bixarena:
        code, state = authorize(bixarena.start_login())
        bixarena.complete_login(code, state)
        with pytest.raises(UnauthorizedError) as refused:
            bixarena.complete_login(code, state)
        assert isinstance(refused.value.body, BasicError) and refused.value.body.status == 401


def test_a_session_ends_when_the_server_clock_passes_its_lifetime(target: Target, admin: AdminClient) -> None:
    with target.client(BixarenaClient) as bixarena:
        bixarena.login_with(authorize)
        bixarena.mint_token()

        admin.advance_clock(SESSION_TTL + 1)

        with pytest.raises(UnauthorizedError):
            bixarena.mint_token()


@pytest.mark.asyncio
async def test_the_async_client_logs_in_mints_verifies_and_logs_out(target: Target) -> None:
    async with target.client(AsyncBixarenaClient) as bixarena:
        await bixarena.login_with(async_authorize)
        await bixarena.mint_token()
        assert (await bixarena.verify_token())["sub"] == GRACE
        ended = bixarena.session_id
        await bixarena.logout()
        assert ended
        bixarena.cookies.set(SESSION_COOKIE, ended)
        with pytest.raises(UnauthorizedError):
            await bixarena.mint_token()
