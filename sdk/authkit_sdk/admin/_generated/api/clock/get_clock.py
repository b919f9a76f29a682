from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.admin_error import AdminError
from ...models.clock import Clock
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/clock",
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> AdminError | Clock | None:
    if response.status_code == 200:
        response_200 = Clock.from_dict(response.json())

        return response_200

    if response.status_code == 403:
        response_403 = AdminError.from_dict(response.json())

        return response_403

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[AdminError | Clock]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[AdminError | Clock]:
    """Read the server clock

     The time every expiry is measured on: token and session lifetimes, SCRAM challenge and OIDC state
    lifetimes, svix expire-all deadlines, rate-limit windows. It is the wall clock plus
    `offset_seconds`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AdminError | Clock]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
) -> AdminError | Clock | None:
    """Read the server clock

     The time every expiry is measured on: token and session lifetimes, SCRAM challenge and OIDC state
    lifetimes, svix expire-all deadlines, rate-limit windows. It is the wall clock plus
    `offset_seconds`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AdminError | Clock
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[AdminError | Clock]:
    """Read the server clock

     The time every expiry is measured on: token and session lifetimes, SCRAM challenge and OIDC state
    lifetimes, svix expire-all deadlines, rate-limit windows. It is the wall clock plus
    `offset_seconds`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AdminError | Clock]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
) -> AdminError | Clock | None:
    """Read the server clock

     The time every expiry is measured on: token and session lifetimes, SCRAM challenge and OIDC state
    lifetimes, svix expire-all deadlines, rate-limit windows. It is the wall clock plus
    `offset_seconds`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AdminError | Clock
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
