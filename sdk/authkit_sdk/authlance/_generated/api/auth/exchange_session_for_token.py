from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.controllers_auth_auth_request import ControllersAuthAuthRequest
from ...models.controllers_auth_auth_response import ControllersAuthAuthResponse
from ...models.controllers_auth_error_response import ControllersAuthErrorResponse
from ...types import Response


def _get_kwargs(
    *,
    body: ControllersAuthAuthRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/authlance/identity/me",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ControllersAuthAuthResponse | ControllersAuthErrorResponse | None:
    if response.status_code == 200:
        response_200 = ControllersAuthAuthResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ControllersAuthErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ControllersAuthErrorResponse.from_dict(response.json())

        return response_401

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ControllersAuthAuthResponse | ControllersAuthErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ControllersAuthAuthRequest,
) -> Response[ControllersAuthAuthResponse | ControllersAuthErrorResponse]:
    """Exchange a session for JWT

     Accepts the id of an identity-provider `session` (upstream: an Ory Kratos session id) and returns a
    signed JWT for Authlance's protected API. The same JWT is set as the `loopToken` cookie
    (`SameSite=Lax; Path=/`, deliberately not `HttpOnly`: Authlance's browser code reads it from
    `document.cookie`, authlance/loop@dcf1fce5 `packages/core/src/browser/common/auth.ts`).

    authkit reference server: the known sessions come from the seed and the admin API (`/__admin`). A
    known,
    unexpired session id exchanges for a JWT whose subject is the session's user, signed with the
    server's
    Authlance key (published in its JWKS, with Authlance's own issuer and audience). A missing, empty or
    non-string `session` (or a body that is not a JSON object) is answered 400; an unknown or expired
    session
    is answered 401; both with a `ControllersAuthErrorResponse` body.

    Args:
        body (ControllersAuthAuthRequest): Authentication payload: the identity-provider session
            to exchange for a JWT. `session` is required and
            non-empty here (stricter than upstream, which marks no field required); other properties
            are ignored.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ControllersAuthAuthResponse | ControllersAuthErrorResponse]
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
    body: ControllersAuthAuthRequest,
) -> ControllersAuthAuthResponse | ControllersAuthErrorResponse | None:
    """Exchange a session for JWT

     Accepts the id of an identity-provider `session` (upstream: an Ory Kratos session id) and returns a
    signed JWT for Authlance's protected API. The same JWT is set as the `loopToken` cookie
    (`SameSite=Lax; Path=/`, deliberately not `HttpOnly`: Authlance's browser code reads it from
    `document.cookie`, authlance/loop@dcf1fce5 `packages/core/src/browser/common/auth.ts`).

    authkit reference server: the known sessions come from the seed and the admin API (`/__admin`). A
    known,
    unexpired session id exchanges for a JWT whose subject is the session's user, signed with the
    server's
    Authlance key (published in its JWKS, with Authlance's own issuer and audience). A missing, empty or
    non-string `session` (or a body that is not a JSON object) is answered 400; an unknown or expired
    session
    is answered 401; both with a `ControllersAuthErrorResponse` body.

    Args:
        body (ControllersAuthAuthRequest): Authentication payload: the identity-provider session
            to exchange for a JWT. `session` is required and
            non-empty here (stricter than upstream, which marks no field required); other properties
            are ignored.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ControllersAuthAuthResponse | ControllersAuthErrorResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ControllersAuthAuthRequest,
) -> Response[ControllersAuthAuthResponse | ControllersAuthErrorResponse]:
    """Exchange a session for JWT

     Accepts the id of an identity-provider `session` (upstream: an Ory Kratos session id) and returns a
    signed JWT for Authlance's protected API. The same JWT is set as the `loopToken` cookie
    (`SameSite=Lax; Path=/`, deliberately not `HttpOnly`: Authlance's browser code reads it from
    `document.cookie`, authlance/loop@dcf1fce5 `packages/core/src/browser/common/auth.ts`).

    authkit reference server: the known sessions come from the seed and the admin API (`/__admin`). A
    known,
    unexpired session id exchanges for a JWT whose subject is the session's user, signed with the
    server's
    Authlance key (published in its JWKS, with Authlance's own issuer and audience). A missing, empty or
    non-string `session` (or a body that is not a JSON object) is answered 400; an unknown or expired
    session
    is answered 401; both with a `ControllersAuthErrorResponse` body.

    Args:
        body (ControllersAuthAuthRequest): Authentication payload: the identity-provider session
            to exchange for a JWT. `session` is required and
            non-empty here (stricter than upstream, which marks no field required); other properties
            are ignored.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ControllersAuthAuthResponse | ControllersAuthErrorResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: ControllersAuthAuthRequest,
) -> ControllersAuthAuthResponse | ControllersAuthErrorResponse | None:
    """Exchange a session for JWT

     Accepts the id of an identity-provider `session` (upstream: an Ory Kratos session id) and returns a
    signed JWT for Authlance's protected API. The same JWT is set as the `loopToken` cookie
    (`SameSite=Lax; Path=/`, deliberately not `HttpOnly`: Authlance's browser code reads it from
    `document.cookie`, authlance/loop@dcf1fce5 `packages/core/src/browser/common/auth.ts`).

    authkit reference server: the known sessions come from the seed and the admin API (`/__admin`). A
    known,
    unexpired session id exchanges for a JWT whose subject is the session's user, signed with the
    server's
    Authlance key (published in its JWKS, with Authlance's own issuer and audience). A missing, empty or
    non-string `session` (or a body that is not a JSON object) is answered 400; an unknown or expired
    session
    is answered 401; both with a `ControllersAuthErrorResponse` body.

    Args:
        body (ControllersAuthAuthRequest): Authentication payload: the identity-provider session
            to exchange for a JWT. `session` is required and
            non-empty here (stricter than upstream, which marks no field required); other properties
            are ignored.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ControllersAuthAuthResponse | ControllersAuthErrorResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
