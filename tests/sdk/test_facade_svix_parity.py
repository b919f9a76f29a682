"""The svix facade at parity with the official SDK (PyPI ``svix`` 2.9.x): the same eight Authentication methods with
the same argument names, today's request fields, idempotency keys on every POST, and the regional server chosen
from the token's suffix (all offline, with respx)."""

from __future__ import annotations

import inspect
import json
import uuid
from typing import Any

import httpx
import pydantic
import pytest
import respx

from authkit_sdk.svix import DEFAULT_BASE_URL, REGIONS, AsyncSvixClient, SvixClient, base_url_for
from authkit_sdk.svix._generated.models import ApplicationIn
from tests.sdk.facades import SVIX_TOKEN, api_router, mocked

svix_authentication: Any = pytest.importorskip("svix.api.authentication")

OFFICIAL_METHODS = sorted(
    name for name, _ in inspect.getmembers(svix_authentication.Authentication, inspect.isfunction) if name[0] != "_"
)
POLLER = {"id": "tok_1", "token": "pollsk_1", "createdAt": "2026-01-01T00:00:00Z"}


def _client(router: respx.Router, **kwargs: Any) -> SvixClient:
    return SvixClient(SVIX_TOKEN, httpx_args=mocked(router), retries=None, **kwargs)


def _bodies(router: respx.Router, operation_id: str) -> list[Any]:
    return [json.loads(call.request.content) for call in router[operation_id].calls]


def test_the_official_sdk_has_the_eight_methods_the_issue_names() -> None:
    assert OFFICIAL_METHODS == [
        "app_portal_access",
        "expire_all",
        "get_stream_poller_token",
        "logout",
        "rotate_stream_poller_token",
        "stream_expire_all",
        "stream_logout",
        "stream_portal_access",
    ]


@pytest.mark.parametrize("twin", [SvixClient, AsyncSvixClient])
@pytest.mark.parametrize("name", OFFICIAL_METHODS)
def test_each_official_method_is_on_both_twins_with_its_argument_names(twin: type[Any], name: str) -> None:
    official = inspect.signature(getattr(svix_authentication.Authentication, name)).parameters
    ours = inspect.signature(getattr(twin, name)).parameters
    # The path parameters keep their names; each field of the request model becomes a keyword argument of the
    # same (snake_case) name; the options' idempotency_key too.
    expected = {"idempotency_key"} if "options" in official else set()
    for parameter in official.values():
        if parameter.name in ("self", "options"):
            continue
        model = parameter.annotation
        if isinstance(model, type) and issubclass(model, pydantic.BaseModel):
            expected |= set(model.model_fields)
        else:
            expected.add(parameter.name)
    assert expected <= set(ours), expected - set(ours)
    assert inspect.iscoroutinefunction(getattr(twin, name)) == (twin is AsyncSvixClient)


def test_every_post_sends_a_fresh_uuid4_idempotency_key_and_the_get_none() -> None:
    router = api_router("svix")
    with _client(router) as client:
        client.stream_portal_access("strm_1")
        client.stream_expire_all("strm_1")
        client.rotate_stream_poller_token("strm_1", "sink_1")
        client.stream_logout()
        client.get_stream_poller_token("strm_1", "sink_1")
    posts = [call.request for call in router.calls if call.request.method == "POST"]
    keys = [request.headers["idempotency-key"] for request in posts]
    assert len(keys) == len(set(keys)) == 4
    assert all(uuid.UUID(key).version == 4 for key in keys)
    assert "idempotency-key" not in router["get_stream_poller_token"].calls.last.request.headers


def test_the_bodies_carry_today_s_fields_in_camel_case_and_leave_out_what_was_not_given() -> None:
    router = api_router("svix")
    with _client(router) as client:
        client.app_portal_access(
            "app_1",
            ["beta"],
            capabilities=["ViewBase", "ViewEndpointSecret"],
            expiry=3600,
            read_only=False,
            session_id="user_1",
            application=ApplicationIn(name="Acme"),
        )
        client.app_portal_access("app_1")
        client.expire_all("app_1", 0, session_ids=["user_1"])
        client.stream_portal_access("strm_1", ["beta"], expiry=7200, session_id="user_2")
        client.stream_portal_access("strm_1")
        client.stream_expire_all("strm_1", 60, session_ids=["user_2"])
        client.rotate_stream_poller_token("strm_1", "sink_1", expiry=86400, old_token_expiry=0)
        client.rotate_stream_poller_token("strm_1", "sink_1")
    assert _bodies(router, "app_portal_access") == [
        {
            "featureFlags": ["beta"],
            "capabilities": ["ViewBase", "ViewEndpointSecret"],
            "expiry": 3600,
            "readOnly": False,
            "sessionId": "user_1",
            "application": {"name": "Acme"},
        },
        {},
    ]
    assert _bodies(router, "expire_all") == [{"expiry": 0, "sessionIds": ["user_1"]}]
    assert _bodies(router, "stream_portal_access") == [
        {"featureFlags": ["beta"], "expiry": 7200, "sessionId": "user_2"},
        {},
    ]
    assert _bodies(router, "stream_expire_all") == [{"expiry": 60, "sessionIds": ["user_2"]}]
    assert _bodies(router, "rotate_stream_poller_token") == [{"expiry": 86400, "oldTokenExpiry": 0}, {}]


def test_an_unknown_capability_is_refused_before_anything_is_sent() -> None:
    router = api_router("svix")
    with _client(router) as client, pytest.raises(TypeError):
        client.app_portal_access("app_1", capabilities=["ViewEverything"])  # type: ignore[list-item]
    assert not router.calls


def test_the_poller_token_comes_back_typed() -> None:
    router = api_router("svix")
    router["rotate_stream_poller_token"].mock(return_value=httpx.Response(201, json={**POLLER, "token": "pollsk_2"}))
    with _client(router) as client:
        assert client.get_stream_poller_token("strm_1", "sink_1").token == "pollsk_1"
        rotated = client.rotate_stream_poller_token("strm_1", "sink_1")
    assert rotated.token == "pollsk_2"
    assert rotated.created_at.year == 2026


@pytest.mark.parametrize("region", REGIONS)
@pytest.mark.asyncio
async def test_a_token_with_a_regional_suffix_goes_to_that_region_s_server(region: str) -> None:
    token = f"sk_live_abc.{region}"
    router = respx.Router(base_url=f"https://api.{region}.svix.com", assert_all_called=True)
    route = router.get(path="/api/v1/auth/stream/strm_1/sink/sink_1/poller/token").respond(200, json=POLLER)
    with SvixClient(token, httpx_args=mocked(router), retries=None) as client:
        client.get_stream_poller_token("strm_1", "sink_1")
    async with AsyncSvixClient(token, httpx_args=mocked(router), retries=None) as twin:
        await twin.get_stream_poller_token("strm_1", "sink_1")
    assert route.call_count == 2
    assert {call.request.headers["Authorization"] for call in route.calls} == {f"Bearer {token}"}


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("testsk_demo_org_key", DEFAULT_BASE_URL),
        ("sk_live_abc", DEFAULT_BASE_URL),
        ("sk_live_abc.mars", DEFAULT_BASE_URL),
        ("sk_live_abc.eu", "https://api.eu.svix.com"),
        ("testsk_abc.in", "https://api.in.svix.com"),
    ],
)
def test_only_a_known_region_suffix_leaves_the_reference_server(token: str, expected: str) -> None:
    assert base_url_for(token) == expected


def test_a_base_url_given_wins_over_the_token_s_region() -> None:
    router = respx.Router(base_url="http://127.0.0.1:9/svix", assert_all_called=True)
    route = router.post(path="/api/v1/auth/stream-logout").respond(204)
    with SvixClient("sk_live_abc.eu", base_url="http://127.0.0.1:9/svix", httpx_args=mocked(router)) as client:
        client.stream_logout()
    assert route.call_count == 1
