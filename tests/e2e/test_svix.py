"""svix end to end: app and stream tokens issued, logged out and expired (all, or by session); poller tokens read
and rotated; retries that honour the rate limit's Retry-After."""

from __future__ import annotations

import pytest

from authkit_sdk import RetryPolicy
from authkit_sdk.admin import AdminClient
from authkit_sdk.errors import ForbiddenError, NotFoundError, RateLimitedError, UnauthorizedError
from authkit_sdk.svix import AsyncSvixClient, HttpErrorOut, SvixClient
from tests.e2e.flows import (
    SVIX_APP,
    SVIX_ORG_KEY,
    SVIX_POLLER_TOKEN,
    SVIX_SINK,
    SVIX_STREAM,
    AsyncClockSleep,
    ClockSleep,
)
from tests.e2e.targets import Target

MOST_CALLS = 1000
"""More calls than any rate limit worth testing allows per minute (the server started here allows 10)."""


def app_tokens(target: Target, count: int) -> list[str]:
    """``count`` fresh app tokens of the demo application (from both issuing operations)."""
    with target.client(SvixClient, token=SVIX_ORG_KEY) as org:
        tokens = [org.dashboard_access(SVIX_APP).token]
        tokens += [org.app_portal_access(SVIX_APP, ["beta"]).token for _ in range(count - 1)]
    return tokens[:count]


def assert_logged_out(target: Target, token: str) -> None:
    """``token`` no longer works (logging it out again is refused)."""
    with target.client(SvixClient, token=token, retries=None) as app, pytest.raises(UnauthorizedError):
        app.logout()


def test_an_app_token_logs_itself_out(target: Target) -> None:
    with target.client(SvixClient, token=SVIX_ORG_KEY) as org:
        portal = org.app_portal_access(SVIX_APP, feature_flags=["beta"])
    assert portal.url.startswith("http")

    with target.client(SvixClient, token=portal.token) as app:
        app.logout()
    assert_logged_out(target, portal.token)


def test_an_organisation_key_cannot_log_out_and_an_unknown_app_is_not_found(target: Target) -> None:
    with target.client(SvixClient, token=SVIX_ORG_KEY) as org:
        with pytest.raises(ForbiddenError) as forbidden:
            org.logout()
        assert isinstance(forbidden.value.body, HttpErrorOut) and forbidden.value.body.code
        with pytest.raises(NotFoundError):
            org.dashboard_access("app_that_does_not_exist")


def test_expire_all_ends_every_app_token_at_once(target: Target) -> None:
    first, second = app_tokens(target, 2)
    with target.client(SvixClient, token=SVIX_ORG_KEY) as org:
        org.expire_all(SVIX_APP)
    assert_logged_out(target, first)
    assert_logged_out(target, second)


def test_expire_all_with_a_delay_ends_the_tokens_when_the_server_clock_gets_there(
    target: Target, admin: AdminClient
) -> None:
    early, late = app_tokens(target, 2)
    with target.client(SvixClient, token=SVIX_ORG_KEY) as org:
        org.expire_all(SVIX_APP, expiry=60)

    admin.advance_clock(30)
    with target.client(SvixClient, token=early) as app:
        app.logout()  # still valid half-way

    admin.advance_clock(31)
    assert_logged_out(target, late)


def test_a_rate_limited_call_waits_for_retry_after_and_then_succeeds(target: Target, admin: AdminClient) -> None:
    key = admin.add_token(api="svix", kind="org_key").token  # a fresh key: a rate-limit window of its own
    sleep = ClockSleep(admin)
    policy = RetryPolicy(max_attempts=2, max_delay=3600)
    with target.client(SvixClient, token=key, retries=policy, sleep=sleep) as org:
        calls = 0
        while not sleep.waits and calls < MOST_CALLS:
            org.dashboard_access(SVIX_APP)
            calls += 1

    assert len(sleep.waits) == 1, f"no 429 in {calls} calls"
    assert sleep.waits[0] >= 1
    limited = admin.journal(api="svix", status=429).items
    assert len(limited) == 1
    assert limited[-1].operation == "dashboard_access"


def test_a_rate_limited_call_without_retries_raises_with_retry_after(target: Target, admin: AdminClient) -> None:
    key = admin.add_token(api="svix", kind="org_key").token
    with target.client(SvixClient, token=key, retries=None) as org, pytest.raises(RateLimitedError) as limited:
        for _ in range(MOST_CALLS):
            org.expire_all(SVIX_APP, expiry=60)
    assert limited.value.retry_after is not None and limited.value.retry_after >= 1

    admin.advance_clock(limited.value.retry_after)
    with target.client(SvixClient, token=key, retries=None) as org:
        org.expire_all(SVIX_APP, expiry=60)  # the next window is open


@pytest.mark.asyncio
async def test_the_async_client_issues_expires_and_retries_after_a_rate_limit(
    target: Target, admin: AdminClient
) -> None:
    key = admin.add_token(api="svix", kind="org_key").token
    async with target.deployment.async_admin() as async_admin:
        sleep = AsyncClockSleep(async_admin)
        policy = RetryPolicy(max_attempts=2, max_delay=3600)
        async with target.client(AsyncSvixClient, token=key, retries=policy, sleep=sleep) as org:
            portal = await org.app_portal_access(SVIX_APP)
            await org.expire_all(SVIX_APP)
            async with target.client(AsyncSvixClient, token=portal.token, retries=None) as app:
                with pytest.raises(UnauthorizedError):
                    await app.logout()
            calls = 0
            while not sleep.waits and calls < MOST_CALLS:
                await org.dashboard_access(SVIX_APP)
                calls += 1
    assert len(sleep.waits) == 1 and sleep.waits[0] >= 1


def test_a_stream_token_reads_and_rotates_its_sink_s_poller_token_then_logs_itself_out(target: Target) -> None:
    with target.client(SvixClient, token=SVIX_ORG_KEY) as org:
        portal = org.stream_portal_access(SVIX_STREAM, ["beta"], expiry=3600, session_id="qa-run")
    with target.client(SvixClient, token=portal.token, retries=None) as stream:
        assert stream.get_stream_poller_token(SVIX_STREAM, SVIX_SINK).token == SVIX_POLLER_TOKEN
        rotated = stream.rotate_stream_poller_token(SVIX_STREAM, SVIX_SINK, old_token_expiry=0)
        assert stream.get_stream_poller_token(SVIX_STREAM, SVIX_SINK).token == rotated.token
        with pytest.raises(ForbiddenError):
            stream.logout()  # an app-token operation
        stream.stream_logout()
        with pytest.raises(UnauthorizedError):
            stream.get_stream_poller_token(SVIX_STREAM, SVIX_SINK)
    # The rotated-out poller token stopped at once; the new one authenticates (and may not call these operations).
    with target.client(SvixClient, token=SVIX_POLLER_TOKEN, retries=None) as old, pytest.raises(UnauthorizedError):
        old.get_stream_poller_token(SVIX_STREAM, SVIX_SINK)
    with target.client(SvixClient, token=rotated.token, retries=None) as new, pytest.raises(ForbiddenError):
        new.get_stream_poller_token(SVIX_STREAM, SVIX_SINK)


def test_expire_all_by_session_ends_only_that_session_s_tokens(target: Target, admin: AdminClient) -> None:
    with target.client(SvixClient, token=SVIX_ORG_KEY) as org:
        ada = org.stream_portal_access(SVIX_STREAM, session_id="ada").token
        bob = org.stream_portal_access(SVIX_STREAM, session_id="bob").token
        app = org.app_portal_access(SVIX_APP, capabilities=["ViewEndpointSecret"], session_id="ada").token
        org.stream_expire_all(SVIX_STREAM, session_ids=["ada"])
        org.expire_all(SVIX_APP, session_ids=["bob"])
    with target.client(SvixClient, token=ada, retries=None) as gone, pytest.raises(UnauthorizedError):
        gone.stream_logout()
    with target.client(SvixClient, token=bob, retries=None) as kept:
        kept.stream_logout()
    granted = {t.token: t for t in admin.tokens(api="svix").items}[app]
    assert granted.session_id == "ada" and not granted.revoked
    assert getattr(granted.grants, "capabilities", None) == ["ViewBase", "ViewEndpointSecret"]


@pytest.mark.asyncio
async def test_the_async_client_rotates_with_the_default_grace_of_five_minutes(
    target: Target, admin: AdminClient
) -> None:
    async with target.client(AsyncSvixClient, token=SVIX_ORG_KEY, retries=None) as org:
        rotated = await org.rotate_stream_poller_token(SVIX_STREAM, SVIX_SINK)
        assert (await org.get_stream_poller_token(SVIX_STREAM, SVIX_SINK)).token == rotated.token
    async with target.client(AsyncSvixClient, token=SVIX_POLLER_TOKEN, retries=None) as old:
        with pytest.raises(ForbiddenError):
            await old.stream_logout()  # still authenticates, for 300 s
        admin.advance_clock(300)
        with pytest.raises(UnauthorizedError):
            await old.stream_logout()
