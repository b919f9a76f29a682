from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.admin_application import AdminApplication
from ...models.admin_application_in import AdminApplicationIn
from ...models.admin_error import AdminError
from ...types import Response


def _get_kwargs(
    *,
    body: AdminApplicationIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/applications",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AdminApplication | AdminError | None:
    if response.status_code == 201:
        response_201 = AdminApplication.from_dict(response.json())

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
) -> Response[AdminApplication | AdminError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: AdminApplicationIn,
) -> Response[AdminApplication | AdminError]:
    """Add a svix application

     Adds a svix application. `id` defaults to `app_` followed by 27 random characters (like Svix's ids);
    `id` and `uid` use the svix `app_id` alphabet (`^[a-zA-Z0-9\\-_.]+$`, 1 to 256 characters). An `id`
    or
    `uid` that is already the id or uid of an application → 409.

    Args:
        body (AdminApplicationIn): A svix application to add.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AdminApplication | AdminError]
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
    body: AdminApplicationIn,
) -> AdminApplication | AdminError | None:
    """Add a svix application

     Adds a svix application. `id` defaults to `app_` followed by 27 random characters (like Svix's ids);
    `id` and `uid` use the svix `app_id` alphabet (`^[a-zA-Z0-9\\-_.]+$`, 1 to 256 characters). An `id`
    or
    `uid` that is already the id or uid of an application → 409.

    Args:
        body (AdminApplicationIn): A svix application to add.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AdminApplication | AdminError
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: AdminApplicationIn,
) -> Response[AdminApplication | AdminError]:
    """Add a svix application

     Adds a svix application. `id` defaults to `app_` followed by 27 random characters (like Svix's ids);
    `id` and `uid` use the svix `app_id` alphabet (`^[a-zA-Z0-9\\-_.]+$`, 1 to 256 characters). An `id`
    or
    `uid` that is already the id or uid of an application → 409.

    Args:
        body (AdminApplicationIn): A svix application to add.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AdminApplication | AdminError]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: AdminApplicationIn,
) -> AdminApplication | AdminError | None:
    """Add a svix application

     Adds a svix application. `id` defaults to `app_` followed by 27 random characters (like Svix's ids);
    `id` and `uid` use the svix `app_id` alphabet (`^[a-zA-Z0-9\\-_.]+$`, 1 to 256 characters). An `id`
    or
    `uid` that is already the id or uid of an application → 409.

    Args:
        body (AdminApplicationIn): A svix application to add.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AdminApplication | AdminError
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
