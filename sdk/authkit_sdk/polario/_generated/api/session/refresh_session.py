from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.auth_refresh_request import AuthRefreshRequest
from ...models.auth_refresh_response import AuthRefreshResponse
from ...models.model_swag_error import ModelSwagError
from ...types import Response


def _get_kwargs(
    *,
    body: AuthRefreshRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/auth/session",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AuthRefreshResponse | ModelSwagError | None:
    if response.status_code == 200:
        response_200 = AuthRefreshResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ModelSwagError.from_dict(response.json())

        return response_400

    if response.status_code == 403:
        response_403 = ModelSwagError.from_dict(response.json())

        return response_403

    if response.status_code == 416:
        response_416 = ModelSwagError.from_dict(response.json())

        return response_416

    if response.status_code == 500:
        response_500 = ModelSwagError.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AuthRefreshResponse | ModelSwagError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: AuthRefreshRequest,
) -> Response[AuthRefreshResponse | ModelSwagError]:
    """Refresh the session JWT

     Exchanges a refresh token for a new JWT, returned in the `Session` response header. An invalid
    refresh
    token is answered with 416 Requested Range Not Satisfiable (an upstream quirk, kept as is).

    **authkit reference server:** refresh tokens rotate. A valid refresh token → a new JWT in the
    `Session`
    header and a new refresh token in `refreshToken`; the refresh token just presented stops working.
    Presenting a
    refresh token that was already used revokes the whole session (reuse detection: every JWT and the
    current refresh token of that session stop working) and is answered with 416. Unknown, used or
    revoked refresh token → 416; missing or empty `refreshToken` → 400. 403 is documented upstream; the
    reference server answers it, like 500, only when a fault is injected through its admin API.

    `refreshToken` in the answer is the kit's addition: upstream's `AuthRefreshResponse` has no such
    field,
    yet the old token stops working, so the reference server always sends the rotated token there and
    clients must store it. Against a service that does not send it, keep using the refresh token you
    have.

    Args:
        body (AuthRefreshRequest): A refresh token to exchange for a new JWT. `refreshToken` is
            required and must not be empty (upstream marks
            it optional; the kit is stricter).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuthRefreshResponse | ModelSwagError]
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
    client: AuthenticatedClient | Client,
    body: AuthRefreshRequest,
) -> AuthRefreshResponse | ModelSwagError | None:
    """Refresh the session JWT

     Exchanges a refresh token for a new JWT, returned in the `Session` response header. An invalid
    refresh
    token is answered with 416 Requested Range Not Satisfiable (an upstream quirk, kept as is).

    **authkit reference server:** refresh tokens rotate. A valid refresh token → a new JWT in the
    `Session`
    header and a new refresh token in `refreshToken`; the refresh token just presented stops working.
    Presenting a
    refresh token that was already used revokes the whole session (reuse detection: every JWT and the
    current refresh token of that session stop working) and is answered with 416. Unknown, used or
    revoked refresh token → 416; missing or empty `refreshToken` → 400. 403 is documented upstream; the
    reference server answers it, like 500, only when a fault is injected through its admin API.

    `refreshToken` in the answer is the kit's addition: upstream's `AuthRefreshResponse` has no such
    field,
    yet the old token stops working, so the reference server always sends the rotated token there and
    clients must store it. Against a service that does not send it, keep using the refresh token you
    have.

    Args:
        body (AuthRefreshRequest): A refresh token to exchange for a new JWT. `refreshToken` is
            required and must not be empty (upstream marks
            it optional; the kit is stricter).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuthRefreshResponse | ModelSwagError
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: AuthRefreshRequest,
) -> Response[AuthRefreshResponse | ModelSwagError]:
    """Refresh the session JWT

     Exchanges a refresh token for a new JWT, returned in the `Session` response header. An invalid
    refresh
    token is answered with 416 Requested Range Not Satisfiable (an upstream quirk, kept as is).

    **authkit reference server:** refresh tokens rotate. A valid refresh token → a new JWT in the
    `Session`
    header and a new refresh token in `refreshToken`; the refresh token just presented stops working.
    Presenting a
    refresh token that was already used revokes the whole session (reuse detection: every JWT and the
    current refresh token of that session stop working) and is answered with 416. Unknown, used or
    revoked refresh token → 416; missing or empty `refreshToken` → 400. 403 is documented upstream; the
    reference server answers it, like 500, only when a fault is injected through its admin API.

    `refreshToken` in the answer is the kit's addition: upstream's `AuthRefreshResponse` has no such
    field,
    yet the old token stops working, so the reference server always sends the rotated token there and
    clients must store it. Against a service that does not send it, keep using the refresh token you
    have.

    Args:
        body (AuthRefreshRequest): A refresh token to exchange for a new JWT. `refreshToken` is
            required and must not be empty (upstream marks
            it optional; the kit is stricter).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuthRefreshResponse | ModelSwagError]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: AuthRefreshRequest,
) -> AuthRefreshResponse | ModelSwagError | None:
    """Refresh the session JWT

     Exchanges a refresh token for a new JWT, returned in the `Session` response header. An invalid
    refresh
    token is answered with 416 Requested Range Not Satisfiable (an upstream quirk, kept as is).

    **authkit reference server:** refresh tokens rotate. A valid refresh token → a new JWT in the
    `Session`
    header and a new refresh token in `refreshToken`; the refresh token just presented stops working.
    Presenting a
    refresh token that was already used revokes the whole session (reuse detection: every JWT and the
    current refresh token of that session stop working) and is answered with 416. Unknown, used or
    revoked refresh token → 416; missing or empty `refreshToken` → 400. 403 is documented upstream; the
    reference server answers it, like 500, only when a fault is injected through its admin API.

    `refreshToken` in the answer is the kit's addition: upstream's `AuthRefreshResponse` has no such
    field,
    yet the old token stops working, so the reference server always sends the rotated token there and
    clients must store it. Against a service that does not send it, keep using the refresh token you
    have.

    Args:
        body (AuthRefreshRequest): A refresh token to exchange for a new JWT. `refreshToken` is
            required and must not be empty (upstream marks
            it optional; the kit is stricter).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuthRefreshResponse | ModelSwagError
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
