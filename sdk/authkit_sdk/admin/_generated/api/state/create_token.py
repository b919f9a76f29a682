from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.admin_error import AdminError
from ...models.admin_token import AdminToken
from ...models.admin_token_in import AdminTokenIn
from ...types import Response


def _get_kwargs(
    *,
    body: AdminTokenIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/tokens",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AdminError | AdminToken | None:
    if response.status_code == 201:
        response_201 = AdminToken.from_dict(response.json())

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
) -> Response[AdminError | AdminToken]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: AdminTokenIn,
) -> Response[AdminError | AdminToken]:
    """Add a token

     Adds a bearer token the API will accept (for now a svix organisation API key). `token` defaults to
    `testsk_` followed by 24 random characters; a given `token` must be a bearer token (RFC 6750
    `b64token`
    characters) and must not exist yet (409).

    Args:
        body (AdminTokenIn): A token to add.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AdminError | AdminToken]
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
    body: AdminTokenIn,
) -> AdminError | AdminToken | None:
    """Add a token

     Adds a bearer token the API will accept (for now a svix organisation API key). `token` defaults to
    `testsk_` followed by 24 random characters; a given `token` must be a bearer token (RFC 6750
    `b64token`
    characters) and must not exist yet (409).

    Args:
        body (AdminTokenIn): A token to add.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AdminError | AdminToken
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: AdminTokenIn,
) -> Response[AdminError | AdminToken]:
    """Add a token

     Adds a bearer token the API will accept (for now a svix organisation API key). `token` defaults to
    `testsk_` followed by 24 random characters; a given `token` must be a bearer token (RFC 6750
    `b64token`
    characters) and must not exist yet (409).

    Args:
        body (AdminTokenIn): A token to add.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AdminError | AdminToken]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: AdminTokenIn,
) -> AdminError | AdminToken | None:
    """Add a token

     Adds a bearer token the API will accept (for now a svix organisation API key). `token` defaults to
    `testsk_` followed by 24 random characters; a given `token` must be a bearer token (RFC 6750
    `b64token`
    characters) and must not exist yet (409).

    Args:
        body (AdminTokenIn): A token to add.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AdminError | AdminToken
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
