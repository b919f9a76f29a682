from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.http_error_out import HttpErrorOut
from ...models.http_validation_error import HTTPValidationError
from ...models.stream_token_expire_in import StreamTokenExpireIn
from ...types import UNSET, Response, Unset


def _get_kwargs(
    stream_id: str,
    *,
    body: StreamTokenExpireIn,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["idempotency-key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/auth/stream/{stream_id}/expire-all".format(
            stream_id=quote(str(stream_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | HTTPValidationError | HttpErrorOut | None:
    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

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
) -> Response[Any | HTTPValidationError | HttpErrorOut]:
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
    body: StreamTokenExpireIn,
    idempotency_key: str | Unset = UNSET,
) -> Response[Any | HTTPValidationError | HttpErrorOut]:
    """Stream expire all

     Expire all of the tokens associated with a specific stream (svix/svix-webhooks@4fc0cfb8b426
    `codegen/lib-openapi.json`, operation `v1.authentication.stream-expire-all`; official SDK method
    `stream_expire_all`). `expiry` is how many seconds until the old tokens expire; with `sessionIds`,
    only
    the stream tokens created with one of those session ids expire.

    **authkit reference server:** needs an organisation API key. Every stream token of that stream that
    exists now expires `expiry` seconds from now (immediately when 0, null or absent; never later than
    it
    would have), only those of the listed sessions when `sessionIds` is not empty; tokens issued
    afterwards
    and poller tokens are not affected → 204. Unknown stream → 404; another kind of token → 403; an
    invalid
    body or `stream_id` → 422. Also served with a trailing slash.

    Args:
        stream_id (str):
        idempotency_key (str | Unset):
        body (StreamTokenExpireIn): How soon the existing tokens of a stream expire (svix/svix-
            webhooks@4fc0cfb8b426 `codegen/lib-openapi.json`, `StreamTokenExpireIn`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | HTTPValidationError | HttpErrorOut]
    """

    kwargs = _get_kwargs(
        stream_id=stream_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    stream_id: str,
    *,
    client: AuthenticatedClient,
    body: StreamTokenExpireIn,
    idempotency_key: str | Unset = UNSET,
) -> Any | HTTPValidationError | HttpErrorOut | None:
    """Stream expire all

     Expire all of the tokens associated with a specific stream (svix/svix-webhooks@4fc0cfb8b426
    `codegen/lib-openapi.json`, operation `v1.authentication.stream-expire-all`; official SDK method
    `stream_expire_all`). `expiry` is how many seconds until the old tokens expire; with `sessionIds`,
    only
    the stream tokens created with one of those session ids expire.

    **authkit reference server:** needs an organisation API key. Every stream token of that stream that
    exists now expires `expiry` seconds from now (immediately when 0, null or absent; never later than
    it
    would have), only those of the listed sessions when `sessionIds` is not empty; tokens issued
    afterwards
    and poller tokens are not affected → 204. Unknown stream → 404; another kind of token → 403; an
    invalid
    body or `stream_id` → 422. Also served with a trailing slash.

    Args:
        stream_id (str):
        idempotency_key (str | Unset):
        body (StreamTokenExpireIn): How soon the existing tokens of a stream expire (svix/svix-
            webhooks@4fc0cfb8b426 `codegen/lib-openapi.json`, `StreamTokenExpireIn`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | HTTPValidationError | HttpErrorOut
    """

    return sync_detailed(
        stream_id=stream_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    stream_id: str,
    *,
    client: AuthenticatedClient,
    body: StreamTokenExpireIn,
    idempotency_key: str | Unset = UNSET,
) -> Response[Any | HTTPValidationError | HttpErrorOut]:
    """Stream expire all

     Expire all of the tokens associated with a specific stream (svix/svix-webhooks@4fc0cfb8b426
    `codegen/lib-openapi.json`, operation `v1.authentication.stream-expire-all`; official SDK method
    `stream_expire_all`). `expiry` is how many seconds until the old tokens expire; with `sessionIds`,
    only
    the stream tokens created with one of those session ids expire.

    **authkit reference server:** needs an organisation API key. Every stream token of that stream that
    exists now expires `expiry` seconds from now (immediately when 0, null or absent; never later than
    it
    would have), only those of the listed sessions when `sessionIds` is not empty; tokens issued
    afterwards
    and poller tokens are not affected → 204. Unknown stream → 404; another kind of token → 403; an
    invalid
    body or `stream_id` → 422. Also served with a trailing slash.

    Args:
        stream_id (str):
        idempotency_key (str | Unset):
        body (StreamTokenExpireIn): How soon the existing tokens of a stream expire (svix/svix-
            webhooks@4fc0cfb8b426 `codegen/lib-openapi.json`, `StreamTokenExpireIn`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | HTTPValidationError | HttpErrorOut]
    """

    kwargs = _get_kwargs(
        stream_id=stream_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    stream_id: str,
    *,
    client: AuthenticatedClient,
    body: StreamTokenExpireIn,
    idempotency_key: str | Unset = UNSET,
) -> Any | HTTPValidationError | HttpErrorOut | None:
    """Stream expire all

     Expire all of the tokens associated with a specific stream (svix/svix-webhooks@4fc0cfb8b426
    `codegen/lib-openapi.json`, operation `v1.authentication.stream-expire-all`; official SDK method
    `stream_expire_all`). `expiry` is how many seconds until the old tokens expire; with `sessionIds`,
    only
    the stream tokens created with one of those session ids expire.

    **authkit reference server:** needs an organisation API key. Every stream token of that stream that
    exists now expires `expiry` seconds from now (immediately when 0, null or absent; never later than
    it
    would have), only those of the listed sessions when `sessionIds` is not empty; tokens issued
    afterwards
    and poller tokens are not affected → 204. Unknown stream → 404; another kind of token → 403; an
    invalid
    body or `stream_id` → 422. Also served with a trailing slash.

    Args:
        stream_id (str):
        idempotency_key (str | Unset):
        body (StreamTokenExpireIn): How soon the existing tokens of a stream expire (svix/svix-
            webhooks@4fc0cfb8b426 `codegen/lib-openapi.json`, `StreamTokenExpireIn`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | HTTPValidationError | HttpErrorOut
    """

    return (
        await asyncio_detailed(
            stream_id=stream_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
