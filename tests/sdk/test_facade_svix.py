"""The svix client: bearer auth, idempotency keys on every POST, and retries that honour Retry-After."""

from __future__ import annotations

import json
import uuid

import httpx
import pytest

from authkit_sdk import RetryPolicy, errors
from authkit_sdk.svix import AsyncSvixClient, SvixClient
from authkit_sdk.svix import errors as svix_errors
from authkit_sdk.svix.models import HttpErrorOut
from tests.sdk.facades import SVIX_TOKEN, api_router, mocked

RATE_LIMITED = {"code": "rate_limited", "detail": "Too many requests"}
PORTAL = {"url": "https://app.svix.com/login#key=x", "token": "appsk_1"}


def _limited(retry_after: str | None = "2") -> httpx.Response:
    headers = {} if retry_after is None else {"Retry-After": retry_after}
    return httpx.Response(429, json=RATE_LIMITED, headers=headers)


def _client(router: object, sleeps: list[float], **kwargs: object) -> SvixClient:
    return SvixClient(SVIX_TOKEN, httpx_args=mocked(router), sleep=sleeps.append, **kwargs)  # type: ignore[arg-type]


def _keys(route: object) -> list[str]:
    return [call.request.headers["idempotency-key"] for call in route.calls]  # type: ignore[attr-defined]


def test_every_call_sends_the_bearer_token_and_a_fresh_uuid4_idempotency_key() -> None:
    router = api_router("svix")
    with _client(router, []) as client:
        client.dashboard_access("app_1")
        client.dashboard_access("app_1")
        client.app_portal_access("app_1")
        client.expire_all("app_1")
        client.logout()
    keys = [call.request.headers["idempotency-key"] for call in router.calls]
    assert len(keys) == len(set(keys)) == 5
    assert all(uuid.UUID(key).version == 4 for key in keys)
    assert {call.request.headers["Authorization"] for call in router.calls} == {f"Bearer {SVIX_TOKEN}"}


def test_a_caller_given_idempotency_key_is_sent_as_is() -> None:
    router = api_router("svix")
    with _client(router, []) as client:
        client.expire_all("app_1", 0, idempotency_key="my-key-1")
    assert _keys(router["expire_all"]) == ["my-key-1"]


def test_bodies_follow_the_arguments() -> None:
    router = api_router("svix")
    with _client(router, []) as client:
        client.app_portal_access("app_1", ["a", "b"])
        client.app_portal_access("app_1")
        client.expire_all("app_1", 60)
        client.expire_all("app_1")
    assert [json.loads(call.request.content) for call in router["app_portal_access"].calls] == [
        {"featureFlags": ["a", "b"]},
        {},
    ]
    assert [json.loads(call.request.content) for call in router["expire_all"].calls] == [{"expiry": 60}, {}]


def test_a_429_is_retried_after_the_retry_after_delay_with_the_same_idempotency_key() -> None:
    router = api_router("svix")
    route = router["dashboard_access"].mock(
        side_effect=[_limited("2"), _limited("1"), httpx.Response(200, json=PORTAL)]
    )
    sleeps: list[float] = []
    with _client(router, sleeps) as client:
        assert client.dashboard_access("app_1").token == "appsk_1"
    assert sleeps == [2.0, 1.0]
    keys = _keys(route)
    assert len(keys) == 3
    assert len(set(keys)) == 1


def test_a_5xx_is_retried_with_jittered_exponential_backoff_without_retry_after() -> None:
    router = api_router("svix")
    route = router["expire_all"].mock(
        side_effect=[httpx.Response(503), httpx.Response(502), httpx.Response(500), httpx.Response(204)]
    )
    sleeps: list[float] = []
    policy = RetryPolicy(max_attempts=4, backoff=1.0, max_delay=3.0, jitter=0.5, rng=lambda: 0.5)
    with _client(router, sleeps, retries=policy) as client:
        client.expire_all("app_1", 10)
    # 1, 2, then 4 capped at 3 s; each reduced by jitter * rng = 25 %.
    assert sleeps == [0.75, 1.5, 2.25]
    assert len(set(_keys(route))) == 1


def test_attempts_are_bounded_and_the_last_error_is_raised() -> None:
    router = api_router("svix")
    route = router["logout"].mock(side_effect=lambda _request: _limited("1"))
    sleeps: list[float] = []
    with (
        _client(router, sleeps, retries=RetryPolicy(max_attempts=3)) as client,
        pytest.raises(errors.RateLimitedError) as raised,
    ):
        client.logout()
    assert route.call_count == 3
    assert sleeps == [1.0, 1.0]
    assert raised.value.retry_after == 1.0
    assert raised.value.code == "rate_limited"  # svix's HttpErrorOut.code, normalised onto every error
    assert isinstance(raised.value, svix_errors.RateLimitedError)
    assert isinstance(raised.value.body, HttpErrorOut)


def test_a_retry_after_longer_than_max_delay_is_not_waited_for() -> None:
    router = api_router("svix")
    route = router["dashboard_access"].mock(side_effect=[_limited("120"), httpx.Response(200, json=PORTAL)])
    sleeps: list[float] = []
    with (
        _client(router, sleeps, retries=RetryPolicy(max_delay=30.0)) as client,
        pytest.raises(errors.RateLimitedError) as raised,
    ):
        client.dashboard_access("app_1")
    assert raised.value.retry_after == 120.0
    assert sleeps == []
    assert route.call_count == 1


def test_a_retry_after_http_date_is_honoured() -> None:
    router = api_router("svix")
    route = router["dashboard_access"].mock(
        side_effect=[_limited("Wed, 21 Oct 2015 07:28:00 GMT"), httpx.Response(200, json=PORTAL)]
    )
    sleeps: list[float] = []
    with _client(router, sleeps) as client:
        client.dashboard_access("app_1")
    assert sleeps == [0.0]  # a date in the past: retry at once
    assert route.call_count == 2


@pytest.mark.parametrize("retries", [None, RetryPolicy(max_attempts=1)], ids=["None", "one-attempt"])
def test_retries_can_be_turned_off(retries: RetryPolicy | None) -> None:
    router = api_router("svix")
    route = router["dashboard_access"].mock(side_effect=[_limited("1"), httpx.Response(200, json=PORTAL)])
    sleeps: list[float] = []
    with _client(router, sleeps, retries=retries) as client, pytest.raises(errors.RateLimitedError):
        client.dashboard_access("app_1")
    assert route.call_count == 1
    assert sleeps == []


@pytest.mark.parametrize("status", [401, 403, 404, 409, 422])
def test_client_errors_are_not_retried(status: int) -> None:
    router = api_router("svix")
    body = {"detail": [{"loc": ["path"], "msg": "bad", "type": "x"}]} if status == 422 else RATE_LIMITED
    route = router["logout"].mock(return_value=httpx.Response(status, json=body))
    sleeps: list[float] = []
    with _client(router, sleeps) as client, pytest.raises(errors.AuthkitError):
        client.logout()
    assert route.call_count == 1
    assert sleeps == []


def test_the_default_policy_gives_up_after_three_attempts_on_5xx() -> None:
    router = api_router("svix")
    route = router["app_portal_access"].mock(side_effect=lambda _request: httpx.Response(503, text="unavailable"))
    sleeps: list[float] = []
    with _client(router, sleeps) as client, pytest.raises(errors.ServerError) as raised:
        client.app_portal_access("app_1")
    assert route.call_count == 3
    assert len(sleeps) == 2
    assert 0.25 <= sleeps[0] <= 0.5
    assert 0.5 <= sleeps[1] <= 1.0
    assert raised.value.status_code == 503


def test_the_retry_policy_validates_its_settings() -> None:
    with pytest.raises(ValueError, match="max_attempts"):
        RetryPolicy(max_attempts=0)
    with pytest.raises(ValueError, match="jitter"):
        RetryPolicy(jitter=1.5)


@pytest.mark.asyncio
async def test_the_async_twin_retries_with_the_injected_sleep_and_the_same_key() -> None:
    router = api_router("svix")
    ok = httpx.Response(200, json=PORTAL)
    route = router["dashboard_access"].mock(side_effect=[_limited("3"), ok, httpx.Response(200, json=PORTAL)])
    sleeps: list[float] = []

    async def sleep(seconds: float) -> None:
        sleeps.append(seconds)

    async with AsyncSvixClient(SVIX_TOKEN, httpx_args=mocked(router), sleep=sleep) as client:
        first = await client.dashboard_access("app_1")
        await client.dashboard_access("app_1")
    assert first.token == "appsk_1"
    assert sleeps == [3.0]
    keys = _keys(route)
    assert keys[0] == keys[1] != keys[2]


def test_the_token_is_exposed_and_the_raw_client_shares_the_auth() -> None:
    router = api_router("svix")
    with _client(router, []) as client:
        assert client.token == SVIX_TOKEN
        from authkit_sdk.svix.generated import dashboard_access

        raw = dashboard_access.sync_detailed("app_1", client=client.raw)
        assert raw.status_code == 200
    assert router["dashboard_access"].calls.last.request.headers["Authorization"] == f"Bearer {SVIX_TOKEN}"
