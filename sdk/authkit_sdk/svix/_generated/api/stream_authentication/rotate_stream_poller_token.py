from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_token_out import ApiTokenOut
from ...models.http_error_out import HttpErrorOut
from ...models.http_validation_error import HTTPValidationError
from ...models.rotate_poller_token_in import RotatePollerTokenIn
from ...types import UNSET, Response, Unset


def _get_kwargs(
    stream_id: str,
    sink_id: str,
    *,
    body: RotatePollerTokenIn,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["idempotency-key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/auth/stream/{stream_id}/sink/{sink_id}/poller/token/rotate".format(
            stream_id=quote(str(stream_id), safe=""),
            sink_id=quote(str(sink_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApiTokenOut | HTTPValidationError | HttpErrorOut | None:
    if response.status_code == 201:
        response_201 = ApiTokenOut.from_dict(response.json())

        return response_201

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
    body: RotatePollerTokenIn,
    idempotency_key: str | Unset = UNSET,
) -> Response[ApiTokenOut | HTTPValidationError | HttpErrorOut]:
    """Rotate poller token

     Create a new auth token for the stream poller API (svix/svix-webhooks@4fc0cfb8b426
    `codegen/lib-openapi.json`, operation `v1.authentication.rotate-stream-poller-token`; official SDK
    method
    `rotate_stream_poller_token`). The new token becomes the sink's current one; the previous one keeps
    working `oldTokenExpiry` seconds more (default 300; 0 revokes it at once).

    **authkit reference server:** an organisation API key, or a stream token of the same stream. Issues
    the
    new poller token (living `expiry` seconds, default 31536000) → 201; from the next call on,
    `get-stream-poller-token` answers it. The previous current token then expires `oldTokenExpiry`
    seconds
    from now (never later than it would have); with 0 it is revoked before this answer is sent. At most
    a few
    (a setting, 10 by default) tokens of one sink work at once: a rotation beyond that ends the oldest
    at
    once. Unknown stream or sink → 404; another kind of token, or a stream token of another stream →
    403; an
    invalid body or path → 422. Also served with a trailing slash.

    Args:
        stream_id (str):
        sink_id (str):
        idempotency_key (str | Unset):
        body (RotatePollerTokenIn): How long the new poller token and the old one live (svix/svix-
            webhooks@4fc0cfb8b426 `codegen/lib-openapi.json`, `RotatePollerTokenIn`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiTokenOut | HTTPValidationError | HttpErrorOut]
    """

    kwargs = _get_kwargs(
        stream_id=stream_id,
        sink_id=sink_id,
        body=body,
        idempotency_key=idempotency_key,
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
    body: RotatePollerTokenIn,
    idempotency_key: str | Unset = UNSET,
) -> ApiTokenOut | HTTPValidationError | HttpErrorOut | None:
    """Rotate poller token

     Create a new auth token for the stream poller API (svix/svix-webhooks@4fc0cfb8b426
    `codegen/lib-openapi.json`, operation `v1.authentication.rotate-stream-poller-token`; official SDK
    method
    `rotate_stream_poller_token`). The new token becomes the sink's current one; the previous one keeps
    working `oldTokenExpiry` seconds more (default 300; 0 revokes it at once).

    **authkit reference server:** an organisation API key, or a stream token of the same stream. Issues
    the
    new poller token (living `expiry` seconds, default 31536000) → 201; from the next call on,
    `get-stream-poller-token` answers it. The previous current token then expires `oldTokenExpiry`
    seconds
    from now (never later than it would have); with 0 it is revoked before this answer is sent. At most
    a few
    (a setting, 10 by default) tokens of one sink work at once: a rotation beyond that ends the oldest
    at
    once. Unknown stream or sink → 404; another kind of token, or a stream token of another stream →
    403; an
    invalid body or path → 422. Also served with a trailing slash.

    Args:
        stream_id (str):
        sink_id (str):
        idempotency_key (str | Unset):
        body (RotatePollerTokenIn): How long the new poller token and the old one live (svix/svix-
            webhooks@4fc0cfb8b426 `codegen/lib-openapi.json`, `RotatePollerTokenIn`).

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
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    stream_id: str,
    sink_id: str,
    *,
    client: AuthenticatedClient,
    body: RotatePollerTokenIn,
    idempotency_key: str | Unset = UNSET,
) -> Response[ApiTokenOut | HTTPValidationError | HttpErrorOut]:
    """Rotate poller token

     Create a new auth token for the stream poller API (svix/svix-webhooks@4fc0cfb8b426
    `codegen/lib-openapi.json`, operation `v1.authentication.rotate-stream-poller-token`; official SDK
    method
    `rotate_stream_poller_token`). The new token becomes the sink's current one; the previous one keeps
    working `oldTokenExpiry` seconds more (default 300; 0 revokes it at once).

    **authkit reference server:** an organisation API key, or a stream token of the same stream. Issues
    the
    new poller token (living `expiry` seconds, default 31536000) → 201; from the next call on,
    `get-stream-poller-token` answers it. The previous current token then expires `oldTokenExpiry`
    seconds
    from now (never later than it would have); with 0 it is revoked before this answer is sent. At most
    a few
    (a setting, 10 by default) tokens of one sink work at once: a rotation beyond that ends the oldest
    at
    once. Unknown stream or sink → 404; another kind of token, or a stream token of another stream →
    403; an
    invalid body or path → 422. Also served with a trailing slash.

    Args:
        stream_id (str):
        sink_id (str):
        idempotency_key (str | Unset):
        body (RotatePollerTokenIn): How long the new poller token and the old one live (svix/svix-
            webhooks@4fc0cfb8b426 `codegen/lib-openapi.json`, `RotatePollerTokenIn`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiTokenOut | HTTPValidationError | HttpErrorOut]
    """

    kwargs = _get_kwargs(
        stream_id=stream_id,
        sink_id=sink_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    stream_id: str,
    sink_id: str,
    *,
    client: AuthenticatedClient,
    body: RotatePollerTokenIn,
    idempotency_key: str | Unset = UNSET,
) -> ApiTokenOut | HTTPValidationError | HttpErrorOut | None:
    """Rotate poller token

     Create a new auth token for the stream poller API (svix/svix-webhooks@4fc0cfb8b426
    `codegen/lib-openapi.json`, operation `v1.authentication.rotate-stream-poller-token`; official SDK
    method
    `rotate_stream_poller_token`). The new token becomes the sink's current one; the previous one keeps
    working `oldTokenExpiry` seconds more (default 300; 0 revokes it at once).

    **authkit reference server:** an organisation API key, or a stream token of the same stream. Issues
    the
    new poller token (living `expiry` seconds, default 31536000) → 201; from the next call on,
    `get-stream-poller-token` answers it. The previous current token then expires `oldTokenExpiry`
    seconds
    from now (never later than it would have); with 0 it is revoked before this answer is sent. At most
    a few
    (a setting, 10 by default) tokens of one sink work at once: a rotation beyond that ends the oldest
    at
    once. Unknown stream or sink → 404; another kind of token, or a stream token of another stream →
    403; an
    invalid body or path → 422. Also served with a trailing slash.

    Args:
        stream_id (str):
        sink_id (str):
        idempotency_key (str | Unset):
        body (RotatePollerTokenIn): How long the new poller token and the old one live (svix/svix-
            webhooks@4fc0cfb8b426 `codegen/lib-openapi.json`, `RotatePollerTokenIn`).

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
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
