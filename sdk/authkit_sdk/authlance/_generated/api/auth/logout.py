from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.controllers_auth_logout_response import ControllersAuthLogoutResponse
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/authlance/identity/me/logout",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ControllersAuthLogoutResponse | None:
    if response.status_code == 200:
        response_200 = ControllersAuthLogoutResponse.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ControllersAuthLogoutResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[ControllersAuthLogoutResponse]:
    """Logout user

     Clears the authentication cookie (`loopToken`) to log out the user. It takes no parameters and needs
    no
    authentication. It does not end the identity-provider session, and a JWT already issued stays valid
    until it expires.

    authkit reference server: always answers 200 with a `message` and a `Set-Cookie` header that clears
    `loopToken` (`Max-Age=0`), whether or not the request carried the cookie.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ControllersAuthLogoutResponse]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> ControllersAuthLogoutResponse | None:
    """Logout user

     Clears the authentication cookie (`loopToken`) to log out the user. It takes no parameters and needs
    no
    authentication. It does not end the identity-provider session, and a JWT already issued stays valid
    until it expires.

    authkit reference server: always answers 200 with a `message` and a `Set-Cookie` header that clears
    `loopToken` (`Max-Age=0`), whether or not the request carried the cookie.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ControllersAuthLogoutResponse
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[ControllersAuthLogoutResponse]:
    """Logout user

     Clears the authentication cookie (`loopToken`) to log out the user. It takes no parameters and needs
    no
    authentication. It does not end the identity-provider session, and a JWT already issued stays valid
    until it expires.

    authkit reference server: always answers 200 with a `message` and a `Set-Cookie` header that clears
    `loopToken` (`Max-Age=0`), whether or not the request carried the cookie.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ControllersAuthLogoutResponse]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> ControllersAuthLogoutResponse | None:
    """Logout user

     Clears the authentication cookie (`loopToken`) to log out the user. It takes no parameters and needs
    no
    authentication. It does not end the identity-provider session, and a JWT already issued stays valid
    until it expires.

    authkit reference server: always answers 200 with a `message` and a `Set-Cookie` header that clears
    `loopToken` (`Max-Age=0`), whether or not the request carried the cookie.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ControllersAuthLogoutResponse
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
