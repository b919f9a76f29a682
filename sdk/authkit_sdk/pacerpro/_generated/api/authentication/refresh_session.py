from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.session import Session
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/session",
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | Session | None:
    if response.status_code == 200:
        response_200 = Session.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | Session]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[Error | Session]:
    """Refresh authentication token

     Using a valid auth token, you can use this to refresh it, thus extending the time until it expires.
    See
    `POST /session` for the initial authentication.

    authkit reference server: a live token (valid signature, issuer and audience, not expired, and its
    `jti`
    still the user's current JTI) → 200 with a new JWT whose `expiresAt` is later than the old one's;
    the
    old token stays valid until it expires or is revoked. A missing, malformed, expired or revoked token
    →
    401 `Error`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Session]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
) -> Error | Session | None:
    """Refresh authentication token

     Using a valid auth token, you can use this to refresh it, thus extending the time until it expires.
    See
    `POST /session` for the initial authentication.

    authkit reference server: a live token (valid signature, issuer and audience, not expired, and its
    `jti`
    still the user's current JTI) → 200 with a new JWT whose `expiresAt` is later than the old one's;
    the
    old token stays valid until it expires or is revoked. A missing, malformed, expired or revoked token
    →
    401 `Error`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Session
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[Error | Session]:
    """Refresh authentication token

     Using a valid auth token, you can use this to refresh it, thus extending the time until it expires.
    See
    `POST /session` for the initial authentication.

    authkit reference server: a live token (valid signature, issuer and audience, not expired, and its
    `jti`
    still the user's current JTI) → 200 with a new JWT whose `expiresAt` is later than the old one's;
    the
    old token stays valid until it expires or is revoked. A missing, malformed, expired or revoked token
    →
    401 `Error`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Session]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
) -> Error | Session | None:
    """Refresh authentication token

     Using a valid auth token, you can use this to refresh it, thus extending the time until it expires.
    See
    `POST /session` for the initial authentication.

    authkit reference server: a live token (valid signature, issuer and audience, not expired, and its
    `jti`
    still the user's current JTI) → 200 with a new JWT whose `expiresAt` is later than the old one's;
    the
    old token stays valid until it expires or is revoked. A missing, malformed, expired or revoked token
    →
    401 `Error`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Session
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
