from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/auth/logout",
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | None:
    if response.status_code == 204:
        return None

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[Any]:
    """Log out the current session

     Invalidates the current session (upstream `logout`: "Invalidate the current authenticated session",
    "Logged out (idempotent)"). Anonymous: the `JSESSIONID` session cookie is optional (the browser's or
    client's cookie jar sends it when it has one), and logging out without one, or with an unknown or
    ended
    one, still succeeds. The cookie is deliberately not declared as a per-operation cookie parameter, so
    that
    generated clients keep cookies in the client's jar.

    **Reference server:** ends the session named by `JSESSIONID` if there is a live one (minted JWTs
    stay
    valid until they expire; they are stateless), and always answers 204 with `Set-Cookie` clearing
    `JSESSIONID` (`Max-Age=0; Path=/; HttpOnly; SameSite=Lax`), and upstream's cache headers
    `Cache-Control: no-store, no-cache, must-revalidate, max-age=0` and `Pragma: no-cache`
    (`AuthApiDelegateImpl.logout`, sage-monorepo at 86cae545, `apps/bixarena/auth-service`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[Any]:
    """Log out the current session

     Invalidates the current session (upstream `logout`: "Invalidate the current authenticated session",
    "Logged out (idempotent)"). Anonymous: the `JSESSIONID` session cookie is optional (the browser's or
    client's cookie jar sends it when it has one), and logging out without one, or with an unknown or
    ended
    one, still succeeds. The cookie is deliberately not declared as a per-operation cookie parameter, so
    that
    generated clients keep cookies in the client's jar.

    **Reference server:** ends the session named by `JSESSIONID` if there is a live one (minted JWTs
    stay
    valid until they expire; they are stateless), and always answers 204 with `Set-Cookie` clearing
    `JSESSIONID` (`Max-Age=0; Path=/; HttpOnly; SameSite=Lax`), and upstream's cache headers
    `Cache-Control: no-store, no-cache, must-revalidate, max-age=0` and `Pragma: no-cache`
    (`AuthApiDelegateImpl.logout`, sage-monorepo at 86cae545, `apps/bixarena/auth-service`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)
