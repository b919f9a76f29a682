"""The admin client: X-Admin-Token only when given, and the requests QA relies on."""

from __future__ import annotations

import json

import pytest

from authkit_sdk.admin import AdminClient, AsyncAdminClient
from tests.sdk.facades import api_router, mocked


def test_the_admin_token_is_sent_as_is_when_given() -> None:
    router = api_router("admin")
    with AdminClient("s3cret", httpx_args=mocked(router)) as client:
        client.health()
    assert router["get_health"].calls.last.request.headers["X-Admin-Token"] == "s3cret"
    assert "Authorization" not in router["get_health"].calls.last.request.headers


def test_no_admin_token_header_without_a_token() -> None:
    router = api_router("admin")
    with AdminClient(httpx_args=mocked(router)) as client:
        client.health()
    assert "X-Admin-Token" not in router["get_health"].calls.last.request.headers


def test_requests_carry_the_given_fields_and_leave_out_the_others() -> None:
    router = api_router("admin")
    with AdminClient(httpx_args=mocked(router)) as client:
        user = client.add_user("polario", email="a@example.com", password="pw")
        client.add_fault("svix", "dashboard_access", status=429, count=2)
        client.advance_clock(3600)
        client.journal(api="svix", status=429, limit=5)
        client.delete_fault(7)
        client.users()
    assert user.email == "a@example.com"
    assert json.loads(router["create_user"].calls.last.request.content) == {
        "api": "polario",
        "email": "a@example.com",
        "password": "pw",
    }
    assert json.loads(router["create_fault"].calls.last.request.content) == {
        "api": "svix",
        "operation": "dashboard_access",
        "status": 429,
        "delay_ms": 0,
        "count": 2,
    }
    assert json.loads(router["advance_clock"].calls.last.request.content) == {"seconds": 3600}
    assert dict(router["list_journal"].calls.last.request.url.params) == {"api": "svix", "status": "429", "limit": "5"}
    assert router["delete_fault"].calls.last.request.url.path == "/__admin/faults/7"
    assert not router["list_users"].calls.last.request.url.params


@pytest.mark.asyncio
async def test_the_async_twin_moves_the_clock() -> None:
    router = api_router("admin")
    async with AsyncAdminClient("tok", httpx_args=mocked(router)) as client:
        clock = await client.advance_clock(60)
    assert clock.offset_seconds == 60.0
    assert router["advance_clock"].calls.last.request.headers["X-Admin-Token"] == "tok"
