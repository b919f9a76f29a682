from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.session import Session
from ...models.user import User
from ...types import Response


def _get_kwargs(
    *,
    body: User,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/session",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | Session | None:
    if response.status_code == 200:
        response_200 = Session.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

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
    client: AuthenticatedClient | Client,
    body: User,
) -> Response[Error | Session]:
    """Initial authentication.

     Use this call to generate an authorization token for use in future calls. Provide your PacerPro
    credentials (email and password) in the `User` object; you get a `Session` (a JWT and when it
    expires)
    in return. Send the JWT as `Authorization: Bearer <jwtToken>` on later calls.

    authkit reference server: users come from the seed and the admin API (`/__admin`); passwords are
    stored
    hashed. Right credentials → 200 `Session`; the JWT is signed with the server's PacerPro key
    (published in
    its JWKS) and its `jti` is the user's current JTI. Wrong email or password → 401 `Error` with
    `type: "error"`. A malformed body (not a JSON object, `email` missing or not an email, `password`
    missing or
    empty) → 400 `Error`; the 400 is an addition to the upstream contract.

    Args:
        body (User): PacerPro credentials. Both fields are required, as upstream; a non-empty
            `password` is the kit's stricter
            rule.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Session]
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
    body: User,
) -> Error | Session | None:
    """Initial authentication.

     Use this call to generate an authorization token for use in future calls. Provide your PacerPro
    credentials (email and password) in the `User` object; you get a `Session` (a JWT and when it
    expires)
    in return. Send the JWT as `Authorization: Bearer <jwtToken>` on later calls.

    authkit reference server: users come from the seed and the admin API (`/__admin`); passwords are
    stored
    hashed. Right credentials → 200 `Session`; the JWT is signed with the server's PacerPro key
    (published in
    its JWKS) and its `jti` is the user's current JTI. Wrong email or password → 401 `Error` with
    `type: "error"`. A malformed body (not a JSON object, `email` missing or not an email, `password`
    missing or
    empty) → 400 `Error`; the 400 is an addition to the upstream contract.

    Args:
        body (User): PacerPro credentials. Both fields are required, as upstream; a non-empty
            `password` is the kit's stricter
            rule.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Session
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: User,
) -> Response[Error | Session]:
    """Initial authentication.

     Use this call to generate an authorization token for use in future calls. Provide your PacerPro
    credentials (email and password) in the `User` object; you get a `Session` (a JWT and when it
    expires)
    in return. Send the JWT as `Authorization: Bearer <jwtToken>` on later calls.

    authkit reference server: users come from the seed and the admin API (`/__admin`); passwords are
    stored
    hashed. Right credentials → 200 `Session`; the JWT is signed with the server's PacerPro key
    (published in
    its JWKS) and its `jti` is the user's current JTI. Wrong email or password → 401 `Error` with
    `type: "error"`. A malformed body (not a JSON object, `email` missing or not an email, `password`
    missing or
    empty) → 400 `Error`; the 400 is an addition to the upstream contract.

    Args:
        body (User): PacerPro credentials. Both fields are required, as upstream; a non-empty
            `password` is the kit's stricter
            rule.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Session]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: User,
) -> Error | Session | None:
    """Initial authentication.

     Use this call to generate an authorization token for use in future calls. Provide your PacerPro
    credentials (email and password) in the `User` object; you get a `Session` (a JWT and when it
    expires)
    in return. Send the JWT as `Authorization: Bearer <jwtToken>` on later calls.

    authkit reference server: users come from the seed and the admin API (`/__admin`); passwords are
    stored
    hashed. Right credentials → 200 `Session`; the JWT is signed with the server's PacerPro key
    (published in
    its JWKS) and its `jti` is the user's current JTI. Wrong email or password → 401 `Error` with
    `type: "error"`. A malformed body (not a JSON object, `email` missing or not an email, `password`
    missing or
    empty) → 400 `Error`; the 400 is an addition to the upstream contract.

    Args:
        body (User): PacerPro credentials. Both fields are required, as upstream; a non-empty
            `password` is the kit's stricter
            rule.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Session
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
