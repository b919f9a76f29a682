from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_token_out import ApiTokenOut
from ...models.http_error_out import HttpErrorOut
from ...models.http_validation_error import HTTPValidationError
from ...types import Response


def _get_kwargs(
    stream_id: str,
    sink_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/auth/stream/{stream_id}/sink/{sink_id}/poller/token".format(
            stream_id=quote(str(stream_id), safe=""),
            sink_id=quote(str(sink_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApiTokenOut | HTTPValidationError | HttpErrorOut | None:
    if response.status_code == 200:
        response_200 = ApiTokenOut.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = HttpErrorOut.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = HttpErrorOut.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = HttpErrorOut.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = HttpErrorOut.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = HttpErrorOut.from_dict(response.json())

        return response_409

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = HttpErrorOut.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ApiTokenOut | HTTPValidationError | HttpErrorOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    stream_id: str,
    sink_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[ApiTokenOut | HTTPValidationError | HttpErrorOut]:
    """Get poller token

     Get the current auth token for the stream poller (svix/svix-webhooks@4fc0cfb8b426
    `codegen/lib-openapi.json`, operation `v1.authentication.get-stream-poller-token`; official SDK
    method
    `get_stream_poller_token`). Upstream takes no `idempotency-key` here (a GET).

    **authkit reference server:** an organisation API key, or a stream token of the same stream. Answers
    the
    sink's current poller token (the one issued last, while it lives) → 200. Unknown stream or sink, or
    a
    sink whose current token has expired (rotate to get a new one) → 404; another kind of token, or a
    stream
    token of another stream → 403; an invalid path → 422. Also served with a trailing slash.

    Args:
        stream_id (str):
        sink_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiTokenOut | HTTPValidationError | HttpErrorOut]
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
    stream_id: str,
    sink_id: str,
    *,
    client: AuthenticatedClient,
) -> ApiTokenOut | HTTPValidationError | HttpErrorOut | None:
    """Get poller token

     Get the current auth token for the stream poller (svix/svix-webhooks@4fc0cfb8b426
    `codegen/lib-openapi.json`, operation `v1.authentication.get-stream-poller-token`; official SDK
    method
    `get_stream_poller_token`). Upstream takes no `idempotency-key` here (a GET).

    **authkit reference server:** an organisation API key, or a stream token of the same stream. Answers
    the
    sink's current poller token (the one issued last, while it lives) → 200. Unknown stream or sink, or
    a
    sink whose current token has expired (rotate to get a new one) → 404; another kind of token, or a
    stream
    token of another stream → 403; an invalid path → 422. Also served with a trailing slash.

    Args:
        stream_id (str):
        sink_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiTokenOut | HTTPValidationError | HttpErrorOut
    """

    return sync_detailed(
        stream_id=stream_id,
        sink_id=sink_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    stream_id: str,
    sink_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[ApiTokenOut | HTTPValidationError | HttpErrorOut]:
    """Get poller token

     Get the current auth token for the stream poller (svix/svix-webhooks@4fc0cfb8b426
    `codegen/lib-openapi.json`, operation `v1.authentication.get-stream-poller-token`; official SDK
    method
    `get_stream_poller_token`). Upstream takes no `idempotency-key` here (a GET).

    **authkit reference server:** an organisation API key, or a stream token of the same stream. Answers
    the
    sink's current poller token (the one issued last, while it lives) → 200. Unknown stream or sink, or
    a
    sink whose current token has expired (rotate to get a new one) → 404; another kind of token, or a
    stream
    token of another stream → 403; an invalid path → 422. Also served with a trailing slash.

    Args:
        stream_id (str):
        sink_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiTokenOut | HTTPValidationError | HttpErrorOut]
    """

    kwargs = _get_kwargs(
        stream_id=stream_id,
        sink_id=sink_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    stream_id: str,
    sink_id: str,
    *,
    client: AuthenticatedClient,
) -> ApiTokenOut | HTTPValidationError | HttpErrorOut | None:
    """Get poller token

     Get the current auth token for the stream poller (svix/svix-webhooks@4fc0cfb8b426
    `codegen/lib-openapi.json`, operation `v1.authentication.get-stream-poller-token`; official SDK
    method
    `get_stream_poller_token`). Upstream takes no `idempotency-key` here (a GET).

    **authkit reference server:** an organisation API key, or a stream token of the same stream. Answers
    the
    sink's current poller token (the one issued last, while it lives) → 200. Unknown stream or sink, or
    a
    sink whose current token has expired (rotate to get a new one) → 404; another kind of token, or a
    stream
    token of another stream → 403; an invalid path → 422. Also served with a trailing slash.

    Args:
        stream_id (str):
        sink_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiTokenOut | HTTPValidationError | HttpErrorOut
    """

    return (
        await asyncio_detailed(
            stream_id=stream_id,
            sink_id=sink_id,
            client=client,
        )
    ).parsed
