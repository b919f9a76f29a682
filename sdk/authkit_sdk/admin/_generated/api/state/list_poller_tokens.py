from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.admin_error import AdminError
from ...models.admin_poller_token_list import AdminPollerTokenList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    stream_id: str | Unset = UNSET,
    sink_id: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["stream_id"] = stream_id

    params["sink_id"] = sink_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/poller-tokens",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AdminError | AdminPollerTokenList | None:
    if response.status_code == 200:
        response_200 = AdminPollerTokenList.from_dict(response.json())

        return response_200

    if response.status_code == 403:
        response_403 = AdminError.from_dict(response.json())

        return response_403

    if response.status_code == 422:
        response_422 = AdminError.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AdminError | AdminPollerTokenList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    stream_id: str | Unset = UNSET,
    sink_id: str | Unset = UNSET,
) -> Response[AdminError | AdminPollerTokenList]:
    """List svix poller tokens

     Lists the poller tokens the server holds, in issue order: each sink's current one and the rotated-
    out ones
    still in their grace period (`oldTokenExpiry`) or ended and not yet dropped (a sink keeps at most
    `svix_max_poller_tokens_per_sink` working ones, a setting, 10 by default; dead ones are dropped at
    its
    next rotation). `live` is whether the token still works. `stream_id` and `sink_id` narrow the list.

    Args:
        stream_id (str | Unset):
        sink_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AdminError | AdminPollerTokenList]
    """

    kwargs = _get_kwargs(
        stream_id=stream_id,
        sink_id=sink_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    stream_id: str | Unset = UNSET,
    sink_id: str | Unset = UNSET,
) -> AdminError | AdminPollerTokenList | None:
    """List svix poller tokens

     Lists the poller tokens the server holds, in issue order: each sink's current one and the rotated-
    out ones
    still in their grace period (`oldTokenExpiry`) or ended and not yet dropped (a sink keeps at most
    `svix_max_poller_tokens_per_sink` working ones, a setting, 10 by default; dead ones are dropped at
    its
    next rotation). `live` is whether the token still works. `stream_id` and `sink_id` narrow the list.

    Args:
        stream_id (str | Unset):
        sink_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AdminError | AdminPollerTokenList
    """

    return sync_detailed(
        client=client,
        stream_id=stream_id,
        sink_id=sink_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    stream_id: str | Unset = UNSET,
    sink_id: str | Unset = UNSET,
) -> Response[AdminError | AdminPollerTokenList]:
    """List svix poller tokens

     Lists the poller tokens the server holds, in issue order: each sink's current one and the rotated-
    out ones
    still in their grace period (`oldTokenExpiry`) or ended and not yet dropped (a sink keeps at most
    `svix_max_poller_tokens_per_sink` working ones, a setting, 10 by default; dead ones are dropped at
    its
    next rotation). `live` is whether the token still works. `stream_id` and `sink_id` narrow the list.

    Args:
        stream_id (str | Unset):
        sink_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AdminError | AdminPollerTokenList]
    """

    kwargs = _get_kwargs(
        stream_id=stream_id,
        sink_id=sink_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    stream_id: str | Unset = UNSET,
    sink_id: str | Unset = UNSET,
) -> AdminError | AdminPollerTokenList | None:
    """List svix poller tokens

     Lists the poller tokens the server holds, in issue order: each sink's current one and the rotated-
    out ones
    still in their grace period (`oldTokenExpiry`) or ended and not yet dropped (a sink keeps at most
    `svix_max_poller_tokens_per_sink` working ones, a setting, 10 by default; dead ones are dropped at
    its
    next rotation). `live` is whether the token still works. `stream_id` and `sink_id` narrow the list.

    Args:
        stream_id (str | Unset):
        sink_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AdminError | AdminPollerTokenList
    """

    return (
        await asyncio_detailed(
            client=client,
            stream_id=stream_id,
            sink_id=sink_id,
        )
    ).parsed
