from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.admin_error import AdminError
from ...models.admin_stream import AdminStream
from ...models.admin_stream_in import AdminStreamIn
from ...types import Response


def _get_kwargs(
    *,
    body: AdminStreamIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/streams",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AdminError | AdminStream | None:
    if response.status_code == 201:
        response_201 = AdminStream.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = AdminError.from_dict(response.json())

        return response_400

    if response.status_code == 403:
        response_403 = AdminError.from_dict(response.json())

        return response_403

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
) -> Response[AdminError | AdminStream]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: AdminStreamIn,
) -> Response[AdminError | AdminStream]:
    """Add a svix stream

     Adds a svix stream (without sinks; add them with `create_sink`). `id` defaults to `strm_` followed
    by 27
    random characters; `id` and `uid` are 1 to 60 characters (the `stream_id` limits). An `id` or `uid`
    already used by a stream, or a server already holding `svix_max_streams` streams (a setting, 1000 by
    default) → 409. The stream lives `svix_stream_ttl` seconds.

    Args:
        body (AdminStreamIn): A svix stream to add.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AdminError | AdminStream]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: AdminStreamIn,
) -> AdminError | AdminStream | None:
    """Add a svix stream

     Adds a svix stream (without sinks; add them with `create_sink`). `id` defaults to `strm_` followed
    by 27
    random characters; `id` and `uid` are 1 to 60 characters (the `stream_id` limits). An `id` or `uid`
    already used by a stream, or a server already holding `svix_max_streams` streams (a setting, 1000 by
    default) → 409. The stream lives `svix_stream_ttl` seconds.

    Args:
        body (AdminStreamIn): A svix stream to add.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AdminError | AdminStream
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: AdminStreamIn,
) -> Response[AdminError | AdminStream]:
    """Add a svix stream

     Adds a svix stream (without sinks; add them with `create_sink`). `id` defaults to `strm_` followed
    by 27
    random characters; `id` and `uid` are 1 to 60 characters (the `stream_id` limits). An `id` or `uid`
    already used by a stream, or a server already holding `svix_max_streams` streams (a setting, 1000 by
    default) → 409. The stream lives `svix_stream_ttl` seconds.

    Args:
        body (AdminStreamIn): A svix stream to add.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AdminError | AdminStream]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: AdminStreamIn,
) -> AdminError | AdminStream | None:
    """Add a svix stream

     Adds a svix stream (without sinks; add them with `create_sink`). `id` defaults to `strm_` followed
    by 27
    random characters; `id` and `uid` are 1 to 60 characters (the `stream_id` limits). An `id` or `uid`
    already used by a stream, or a server already holding `svix_max_streams` streams (a setting, 1000 by
    default) → 409. The stream lives `svix_stream_ttl` seconds.

    Args:
        body (AdminStreamIn): A svix stream to add.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AdminError | AdminStream
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
