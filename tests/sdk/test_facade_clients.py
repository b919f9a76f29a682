"""What every facade shares: its own httpx client or an injected one, closing, the raw generated client."""

from __future__ import annotations

import httpx
import pytest
import respx

from authkit_sdk.pacerpro import AsyncPacerproClient, PacerproClient
from authkit_sdk.pacerpro.generated import AuthenticatedClient, refresh_session
from authkit_sdk.svix import SvixClient
from tests.sdk.facades import FACADES, api_router, make_facade, mocked


@pytest.mark.parametrize("slug", sorted(FACADES))
def test_the_default_base_url_is_the_reference_server_under_the_slug(slug: str) -> None:
    router = api_router(slug)
    facade = make_facade(slug, router)
    with facade:
        prefix = "__admin" if slug == "admin" else slug
        assert str(facade._http.base_url) == f"http://127.0.0.1:4010/{prefix}/"


def test_leaving_the_with_block_closes_the_client_it_built() -> None:
    with SvixClient("testsk_x", httpx_args=mocked(api_router("svix"))) as client:
        http = client._http
    assert http.is_closed


def test_an_injected_httpx_client_is_used_with_the_facade_auth_and_left_open() -> None:
    router = respx.Router(base_url="http://pacer.test/v1")
    route = router.get("/session").respond(200, json={"jwtToken": "jwt-2", "expiresAt": "2026-01-01T00:00:00Z"})
    http = httpx.Client(transport=httpx.MockTransport(router.handler))
    with PacerproClient("jwt-1", httpx_client=http, base_url="http://pacer.test/v1") as client:
        client.refresh()
    assert not http.is_closed
    request = route.calls.last.request
    assert request.headers["Authorization"] == "Bearer jwt-1"
    http.close()


def test_httpx_client_and_httpx_args_are_exclusive() -> None:
    with httpx.Client() as http, pytest.raises(ValueError, match="either"):
        PacerproClient(httpx_client=http, httpx_args={"timeout": 1})


def test_the_timeout_reaches_the_httpx_client() -> None:
    with PacerproClient(timeout=2.5) as client:
        assert client._http.timeout == httpx.Timeout(2.5)


def test_raw_is_the_generated_client_sharing_the_facade_httpx_client_and_auth() -> None:
    router = api_router("pacerpro")
    with PacerproClient("jwt-raw", httpx_args=mocked(router)) as client:
        assert isinstance(client.raw, AuthenticatedClient)
        assert client.raw.get_httpx_client() is client._http
        result = refresh_session.sync(client=client.raw)
    assert result is not None
    assert router["refresh_session"].calls.last.request.headers["Authorization"] == "Bearer jwt-raw"


@pytest.mark.asyncio
async def test_async_clients_close_with_async_with_close_or_aclose() -> None:
    router = api_router("pacerpro")
    async with AsyncPacerproClient(httpx_args=mocked(router)) as client:
        http = client._http
    assert http.is_closed
    for method in ("close", "aclose"):
        client = AsyncPacerproClient(httpx_args=mocked(router))
        await getattr(client, method)()
        assert client._http.is_closed
