from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.admin_error import AdminError
from ...models.admin_sink import AdminSink
from ...models.admin_sink_in import AdminSinkIn
from ...types import Response


def _get_kwargs(
    stream_id: str,
    *,
    body: AdminSinkIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/streams/{stream_id}/sinks".format(
            stream_id=quote(str(stream_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> AdminError | AdminSink | None:
    if response.status_code == 201:
        response_201 = AdminSink.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = AdminError.from_dict(response.json())

        return response_400

    if response.status_code == 403:
        response_403 = AdminError.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = AdminError.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = AdminError.from_dict(response.json())

        return response_409

    if response.status_code == 422:
        response_422 = AdminError.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AdminError | AdminSink]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    stream_id: str,
    *,
    client: AuthenticatedClient,
    body: AdminSinkIn,
) -> Response[AdminError | AdminSink]:
    """Add a sink to a svix stream

     Adds a poller sink to a live stream (named by its id or uid) and issues its first poller token
    (living
    `svix_poller_token_ttl` seconds). `id` defaults to `sink_` followed by 27 random characters. Unknown
    stream → 404; an `id` or `uid` already used by a sink of that stream, or a stream already holding
    `svix_max_sinks_per_stream` sinks (a setting, 100 by default) → 409.

    Args:
        stream_id (str):
        body (AdminSinkIn): A poller sink to add to a stream.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AdminError | AdminSink]
    """

    kwargs = _get_kwargs(
        stream_id=stream_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    stream_id: str,
    *,
    client: AuthenticatedClient,
    body: AdminSinkIn,
) -> AdminError | AdminSink | None:
    """Add a sink to a svix stream

     Adds a poller sink to a live stream (named by its id or uid) and issues its first poller token
    (living
    `svix_poller_token_ttl` seconds). `id` defaults to `sink_` followed by 27 random characters. Unknown
    stream → 404; an `id` or `uid` already used by a sink of that stream, or a stream already holding
    `svix_max_sinks_per_stream` sinks (a setting, 100 by default) → 409.

    Args:
        stream_id (str):
        body (AdminSinkIn): A poller sink to add to a stream.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AdminError | AdminSink
    """

    return sync_detailed(
        stream_id=stream_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    stream_id: str,
    *,
    client: AuthenticatedClient,
    body: AdminSinkIn,
) -> Response[AdminError | AdminSink]:
    """Add a sink to a svix stream

     Adds a poller sink to a live stream (named by its id or uid) and issues its first poller token
    (living
    `svix_poller_token_ttl` seconds). `id` defaults to `sink_` followed by 27 random characters. Unknown
    stream → 404; an `id` or `uid` already used by a sink of that stream, or a stream already holding
    `svix_max_sinks_per_stream` sinks (a setting, 100 by default) → 409.

    Args:
        stream_id (str):
        body (AdminSinkIn): A poller sink to add to a stream.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AdminError | AdminSink]
    """

    kwargs = _get_kwargs(
        stream_id=stream_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    stream_id: str,
    *,
    client: AuthenticatedClient,
    body: AdminSinkIn,
) -> AdminError | AdminSink | None:
    """Add a sink to a svix stream

     Adds a poller sink to a live stream (named by its id or uid) and issues its first poller token
    (living
    `svix_poller_token_ttl` seconds). `id` defaults to `sink_` followed by 27 random characters. Unknown
    stream → 404; an `id` or `uid` already used by a sink of that stream, or a stream already holding
    `svix_max_sinks_per_stream` sinks (a setting, 100 by default) → 409.

    Args:
        stream_id (str):
        body (AdminSinkIn): A poller sink to add to a stream.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AdminError | AdminSink
    """

    return (
        await asyncio_detailed(
            stream_id=stream_id,
            client=client,
            body=body,
        )
    ).parsed
