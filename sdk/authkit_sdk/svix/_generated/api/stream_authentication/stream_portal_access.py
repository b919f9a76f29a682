from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.app_portal_access_out import AppPortalAccessOut
from ...models.http_error_out import HttpErrorOut
from ...models.http_validation_error import HTTPValidationError
from ...models.stream_portal_access_in import StreamPortalAccessIn
from ...types import UNSET, Response, Unset


def _get_kwargs(
    stream_id: str,
    *,
    body: StreamPortalAccessIn,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["idempotency-key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/auth/stream-portal-access/{stream_id}".format(
            stream_id=quote(str(stream_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AppPortalAccessOut | HTTPValidationError | HttpErrorOut | None:
    if response.status_code == 200:
        response_200 = AppPortalAccessOut.from_dict(response.json())

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
) -> Response[AppPortalAccessOut | HTTPValidationError | HttpErrorOut]:
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
    body: StreamPortalAccessIn,
    idempotency_key: str | Unset = UNSET,
) -> Response[AppPortalAccessOut | HTTPValidationError | HttpErrorOut]:
    """Get stream portal access

     Use this function to get magic links (and authentication codes) for connecting your users to the
    Stream
    Consumer Portal (svix/svix-webhooks@4fc0cfb8b426 `codegen/lib-openapi.json`, operation
    `v1.authentication.stream-portal-access`; official SDK method `stream_portal_access`). The answer
    has the
    same shape as app portal access: a URL and the token it embeds.

    **authkit reference server:** needs an organisation API key. Issues a new stream token bound to the
    stream
    (its id or uid), carrying the feature flags and `sessionId`, living `expiry` seconds (default
    604800), and
    answers it with a login URL that embeds it → 200. Unknown (or expired) stream → 404; any other token
    as
    bearer → 403; an invalid body or `stream_id` → 422. Also served with a trailing slash.

    Args:
        stream_id (str):
        idempotency_key (str | Unset):
        body (StreamPortalAccessIn): Options of the stream token to create (svix/svix-
            webhooks@4fc0cfb8b426 `codegen/lib-openapi.json`, `StreamPortalAccessIn`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AppPortalAccessOut | HTTPValidationError | HttpErrorOut]
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
    body: StreamPortalAccessIn,
    idempotency_key: str | Unset = UNSET,
) -> AppPortalAccessOut | HTTPValidationError | HttpErrorOut | None:
    """Get stream portal access

     Use this function to get magic links (and authentication codes) for connecting your users to the
    Stream
    Consumer Portal (svix/svix-webhooks@4fc0cfb8b426 `codegen/lib-openapi.json`, operation
    `v1.authentication.stream-portal-access`; official SDK method `stream_portal_access`). The answer
    has the
    same shape as app portal access: a URL and the token it embeds.

    **authkit reference server:** needs an organisation API key. Issues a new stream token bound to the
    stream
    (its id or uid), carrying the feature flags and `sessionId`, living `expiry` seconds (default
    604800), and
    answers it with a login URL that embeds it → 200. Unknown (or expired) stream → 404; any other token
    as
    bearer → 403; an invalid body or `stream_id` → 422. Also served with a trailing slash.

    Args:
        stream_id (str):
        idempotency_key (str | Unset):
        body (StreamPortalAccessIn): Options of the stream token to create (svix/svix-
            webhooks@4fc0cfb8b426 `codegen/lib-openapi.json`, `StreamPortalAccessIn`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AppPortalAccessOut | HTTPValidationError | HttpErrorOut
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
    body: StreamPortalAccessIn,
    idempotency_key: str | Unset = UNSET,
) -> Response[AppPortalAccessOut | HTTPValidationError | HttpErrorOut]:
    """Get stream portal access

     Use this function to get magic links (and authentication codes) for connecting your users to the
    Stream
    Consumer Portal (svix/svix-webhooks@4fc0cfb8b426 `codegen/lib-openapi.json`, operation
    `v1.authentication.stream-portal-access`; official SDK method `stream_portal_access`). The answer
    has the
    same shape as app portal access: a URL and the token it embeds.

    **authkit reference server:** needs an organisation API key. Issues a new stream token bound to the
    stream
    (its id or uid), carrying the feature flags and `sessionId`, living `expiry` seconds (default
    604800), and
    answers it with a login URL that embeds it → 200. Unknown (or expired) stream → 404; any other token
    as
    bearer → 403; an invalid body or `stream_id` → 422. Also served with a trailing slash.

    Args:
        stream_id (str):
        idempotency_key (str | Unset):
        body (StreamPortalAccessIn): Options of the stream token to create (svix/svix-
            webhooks@4fc0cfb8b426 `codegen/lib-openapi.json`, `StreamPortalAccessIn`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AppPortalAccessOut | HTTPValidationError | HttpErrorOut]
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
    body: StreamPortalAccessIn,
    idempotency_key: str | Unset = UNSET,
) -> AppPortalAccessOut | HTTPValidationError | HttpErrorOut | None:
    """Get stream portal access

     Use this function to get magic links (and authentication codes) for connecting your users to the
    Stream
    Consumer Portal (svix/svix-webhooks@4fc0cfb8b426 `codegen/lib-openapi.json`, operation
    `v1.authentication.stream-portal-access`; official SDK method `stream_portal_access`). The answer
    has the
    same shape as app portal access: a URL and the token it embeds.

    **authkit reference server:** needs an organisation API key. Issues a new stream token bound to the
    stream
    (its id or uid), carrying the feature flags and `sessionId`, living `expiry` seconds (default
    604800), and
    answers it with a login URL that embeds it → 200. Unknown (or expired) stream → 404; any other token
    as
    bearer → 403; an invalid body or `stream_id` → 422. Also served with a trailing slash.

    Args:
        stream_id (str):
        idempotency_key (str | Unset):
        body (StreamPortalAccessIn): Options of the stream token to create (svix/svix-
            webhooks@4fc0cfb8b426 `codegen/lib-openapi.json`, `StreamPortalAccessIn`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AppPortalAccessOut | HTTPValidationError | HttpErrorOut
    """

    return (
        await asyncio_detailed(
            stream_id=stream_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
