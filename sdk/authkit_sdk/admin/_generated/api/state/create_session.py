from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.admin_error import AdminError
from ...models.admin_session import AdminSession
from ...models.admin_session_in import AdminSessionIn
from ...types import Response


def _get_kwargs(
    *,
    body: AdminSessionIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/sessions",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AdminError | AdminSession | None:
    if response.status_code == 201:
        response_201 = AdminSession.from_dict(response.json())

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
) -> Response[AdminError | AdminSession]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: AdminSessionIn,
) -> Response[AdminError | AdminSession]:
    """Add a session

     Adds an identity-provider session that the API will accept (for now only authlance, whose
    `POST /authlance/identity/me` exchanges a known session id for a JWT). `user` names an existing user
    of
    that API by subject or e-mail (unknown → 422). `id` defaults to a random UUID (Kratos session ids
    are
    UUIDs); an `id` that already exists → 409. `ttl_seconds` sets the lifetime on the server clock;
    without
    it the session never expires (`expires_at: null`).

    Args:
        body (AdminSessionIn): A session to add.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AdminError | AdminSession]
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
    body: AdminSessionIn,
) -> AdminError | AdminSession | None:
    """Add a session

     Adds an identity-provider session that the API will accept (for now only authlance, whose
    `POST /authlance/identity/me` exchanges a known session id for a JWT). `user` names an existing user
    of
    that API by subject or e-mail (unknown → 422). `id` defaults to a random UUID (Kratos session ids
    are
    UUIDs); an `id` that already exists → 409. `ttl_seconds` sets the lifetime on the server clock;
    without
    it the session never expires (`expires_at: null`).

    Args:
        body (AdminSessionIn): A session to add.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AdminError | AdminSession
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: AdminSessionIn,
) -> Response[AdminError | AdminSession]:
    """Add a session

     Adds an identity-provider session that the API will accept (for now only authlance, whose
    `POST /authlance/identity/me` exchanges a known session id for a JWT). `user` names an existing user
    of
    that API by subject or e-mail (unknown → 422). `id` defaults to a random UUID (Kratos session ids
    are
    UUIDs); an `id` that already exists → 409. `ttl_seconds` sets the lifetime on the server clock;
    without
    it the session never expires (`expires_at: null`).

    Args:
        body (AdminSessionIn): A session to add.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AdminError | AdminSession]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: AdminSessionIn,
) -> AdminError | AdminSession | None:
    """Add a session

     Adds an identity-provider session that the API will accept (for now only authlance, whose
    `POST /authlance/identity/me` exchanges a known session id for a JWT). `user` names an existing user
    of
    that API by subject or e-mail (unknown → 422). `id` defaults to a random UUID (Kratos session ids
    are
    UUIDs); an `id` that already exists → 409. `ttl_seconds` sets the lifetime on the server clock;
    without
    it the session never expires (`expires_at: null`).

    Args:
        body (AdminSessionIn): A session to add.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AdminError | AdminSession
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
