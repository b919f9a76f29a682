from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.admin_error import AdminError
from ...models.admin_stream_list import AdminStreamList
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/streams",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AdminError | AdminStreamList | None:
    if response.status_code == 200:
        response_200 = AdminStreamList.from_dict(response.json())

        return response_200

    if response.status_code == 403:
        response_403 = AdminError.from_dict(response.json())

        return response_403

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AdminError | AdminStreamList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[AdminError | AdminStreamList]:
    """List svix streams

     Lists the live svix streams (seeded or added), in creation order, each with its sinks and each
    sink's
    current poller token. Their `id` or `uid` is the `stream_id` of the svix stream operations, a sink's
    `id` or `uid` their `sink_id`. A stream added here lives `svix_stream_ttl` seconds (a setting, 30
    days by
    default; seeded ones stay until reset) and is then gone with its sinks and tokens.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AdminError | AdminStreamList]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
) -> AdminError | AdminStreamList | None:
    """List svix streams

     Lists the live svix streams (seeded or added), in creation order, each with its sinks and each
    sink's
    current poller token. Their `id` or `uid` is the `stream_id` of the svix stream operations, a sink's
    `id` or `uid` their `sink_id`. A stream added here lives `svix_stream_ttl` seconds (a setting, 30
    days by
    default; seeded ones stay until reset) and is then gone with its sinks and tokens.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AdminError | AdminStreamList
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[AdminError | AdminStreamList]:
    """List svix streams

     Lists the live svix streams (seeded or added), in creation order, each with its sinks and each
    sink's
    current poller token. Their `id` or `uid` is the `stream_id` of the svix stream operations, a sink's
    `id` or `uid` their `sink_id`. A stream added here lives `svix_stream_ttl` seconds (a setting, 30
    days by
    default; seeded ones stay until reset) and is then gone with its sinks and tokens.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AdminError | AdminStreamList]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
) -> AdminError | AdminStreamList | None:
    """List svix streams

     Lists the live svix streams (seeded or added), in creation order, each with its sinks and each
    sink's
    current poller token. Their `id` or `uid` is the `stream_id` of the svix stream operations, a sink's
    `id` or `uid` their `sink_id`. A stream added here lives `svix_stream_ttl` seconds (a setting, 30
    days by
    default; seeded ones stay until reset) and is then gone with its sinks and tokens.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AdminError | AdminStreamList
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
