from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.admin_error import AdminError
from ...models.admin_user import AdminUser
from ...models.admin_user_in import AdminUserIn
from ...types import Response


def _get_kwargs(
    *,
    body: AdminUserIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/users",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> AdminError | AdminUser | None:
    if response.status_code == 201:
        response_201 = AdminUser.from_dict(response.json())

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
) -> Response[AdminError | AdminUser]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: AdminUserIn,
) -> Response[AdminError | AdminUser]:
    """Add a user

     Adds a user to one API. What each API needs (otherwise 422):

    * `authlance`: `subject` (the identity id that sessions belong to) or `email`, or both; a missing
      `subject` is generated (a random UUID, like Kratos identity ids).
    * `polario`: `email` and `password`. The server derives and keeps the SCRAM-SHA-256 salt, iteration
      count (4096), StoredKey and ServerKey; the password itself is not kept.
    * `pacerpro`: `email` and `password` (stored hashed).
    * `bixarena`: a user of the embedded fake Synapse. `name` (the Synapse user name, shown on the login
      page); `subject` is the Synapse user id (a numeric string, generated if missing); `email`
    optional.

    `password` is accepted only for polario and pacerpro (422 otherwise). A user whose `email` (compared
    case-insensitively) or `subject` already exists in that API → 409.

    Args:
        body (AdminUserIn): A user to add; which fields each API needs is in `create_user`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AdminError | AdminUser]
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
    body: AdminUserIn,
) -> AdminError | AdminUser | None:
    """Add a user

     Adds a user to one API. What each API needs (otherwise 422):

    * `authlance`: `subject` (the identity id that sessions belong to) or `email`, or both; a missing
      `subject` is generated (a random UUID, like Kratos identity ids).
    * `polario`: `email` and `password`. The server derives and keeps the SCRAM-SHA-256 salt, iteration
      count (4096), StoredKey and ServerKey; the password itself is not kept.
    * `pacerpro`: `email` and `password` (stored hashed).
    * `bixarena`: a user of the embedded fake Synapse. `name` (the Synapse user name, shown on the login
      page); `subject` is the Synapse user id (a numeric string, generated if missing); `email`
    optional.

    `password` is accepted only for polario and pacerpro (422 otherwise). A user whose `email` (compared
    case-insensitively) or `subject` already exists in that API → 409.

    Args:
        body (AdminUserIn): A user to add; which fields each API needs is in `create_user`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AdminError | AdminUser
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: AdminUserIn,
) -> Response[AdminError | AdminUser]:
    """Add a user

     Adds a user to one API. What each API needs (otherwise 422):

    * `authlance`: `subject` (the identity id that sessions belong to) or `email`, or both; a missing
      `subject` is generated (a random UUID, like Kratos identity ids).
    * `polario`: `email` and `password`. The server derives and keeps the SCRAM-SHA-256 salt, iteration
      count (4096), StoredKey and ServerKey; the password itself is not kept.
    * `pacerpro`: `email` and `password` (stored hashed).
    * `bixarena`: a user of the embedded fake Synapse. `name` (the Synapse user name, shown on the login
      page); `subject` is the Synapse user id (a numeric string, generated if missing); `email`
    optional.

    `password` is accepted only for polario and pacerpro (422 otherwise). A user whose `email` (compared
    case-insensitively) or `subject` already exists in that API → 409.

    Args:
        body (AdminUserIn): A user to add; which fields each API needs is in `create_user`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AdminError | AdminUser]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: AdminUserIn,
) -> AdminError | AdminUser | None:
    """Add a user

     Adds a user to one API. What each API needs (otherwise 422):

    * `authlance`: `subject` (the identity id that sessions belong to) or `email`, or both; a missing
      `subject` is generated (a random UUID, like Kratos identity ids).
    * `polario`: `email` and `password`. The server derives and keeps the SCRAM-SHA-256 salt, iteration
      count (4096), StoredKey and ServerKey; the password itself is not kept.
    * `pacerpro`: `email` and `password` (stored hashed).
    * `bixarena`: a user of the embedded fake Synapse. `name` (the Synapse user name, shown on the login
      page); `subject` is the Synapse user id (a numeric string, generated if missing); `email`
    optional.

    `password` is accepted only for polario and pacerpro (422 otherwise). A user whose `email` (compared
    case-insensitively) or `subject` already exists in that API → 409.

    Args:
        body (AdminUserIn): A user to add; which fields each API needs is in `create_user`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AdminError | AdminUser
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
