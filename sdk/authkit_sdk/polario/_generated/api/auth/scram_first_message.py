from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.auth_authentication_request import AuthAuthenticationRequest
from ...models.auth_authentication_response import AuthAuthenticationResponse
from ...models.model_swag_error import ModelSwagError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: AuthAuthenticationRequest,
    platform: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(platform, Unset):
        headers["Platform"] = platform

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/auth/auth",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AuthAuthenticationResponse | ModelSwagError | None:
    if response.status_code == 200:
        response_200 = AuthAuthenticationResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ModelSwagError.from_dict(response.json())

        return response_400

    if response.status_code == 500:
        response_500 = ModelSwagError.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AuthAuthenticationResponse | ModelSwagError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: AuthAuthenticationRequest,
    platform: str | Unset = UNSET,
) -> Response[AuthAuthenticationResponse | ModelSwagError]:
    """SCRAM first message (request a login challenge)

     The client-first message of SCRAM-SHA-256 (RFC 5802 §5.1, RFC 7677). The client sends the user's
    `email`
    and a fresh random client `nonce`; the server answers the challenge: the combined `nonce` (the
    client
    nonce followed by the server's random nonce), the user's `salt` (base64), the PBKDF2
    `iterationCount` and
    the unix time in seconds at which the challenge `expires`. Upstream also uses this challenge before
    a
    password change; the optional `Platform` header names the client platform the session will be bound
    to.

    **authkit reference server:** appends its own random nonce to the client's and remembers the
    challenge
    (email, combined nonce, platform) until `expires`; a challenge can be answered by `POST /auth/login`
    once. Users are stored with a salt, an iteration count (4096 by default), StoredKey and ServerKey;
    the
    password itself is never kept. An unknown email still gets a challenge, with a fake salt that is
    stable
    for that email and the default iteration count, so the answer does not reveal whether the account
    exists (the login that follows fails with 401). A missing, empty or malformed `email` or `nonce` →
    400. The server answers 500 only when a fault is injected through its admin API.

    Args:
        platform (str | Unset):
        body (AuthAuthenticationRequest): The SCRAM client-first message. Both fields are required
            and must not be empty (upstream marks them
            optional; the kit is stricter).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuthAuthenticationResponse | ModelSwagError]
    """

    kwargs = _get_kwargs(
        body=body,
        platform=platform,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: AuthAuthenticationRequest,
    platform: str | Unset = UNSET,
) -> AuthAuthenticationResponse | ModelSwagError | None:
    """SCRAM first message (request a login challenge)

     The client-first message of SCRAM-SHA-256 (RFC 5802 §5.1, RFC 7677). The client sends the user's
    `email`
    and a fresh random client `nonce`; the server answers the challenge: the combined `nonce` (the
    client
    nonce followed by the server's random nonce), the user's `salt` (base64), the PBKDF2
    `iterationCount` and
    the unix time in seconds at which the challenge `expires`. Upstream also uses this challenge before
    a
    password change; the optional `Platform` header names the client platform the session will be bound
    to.

    **authkit reference server:** appends its own random nonce to the client's and remembers the
    challenge
    (email, combined nonce, platform) until `expires`; a challenge can be answered by `POST /auth/login`
    once. Users are stored with a salt, an iteration count (4096 by default), StoredKey and ServerKey;
    the
    password itself is never kept. An unknown email still gets a challenge, with a fake salt that is
    stable
    for that email and the default iteration count, so the answer does not reveal whether the account
    exists (the login that follows fails with 401). A missing, empty or malformed `email` or `nonce` →
    400. The server answers 500 only when a fault is injected through its admin API.

    Args:
        platform (str | Unset):
        body (AuthAuthenticationRequest): The SCRAM client-first message. Both fields are required
            and must not be empty (upstream marks them
            optional; the kit is stricter).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuthAuthenticationResponse | ModelSwagError
    """

    return sync_detailed(
        client=client,
        body=body,
        platform=platform,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: AuthAuthenticationRequest,
    platform: str | Unset = UNSET,
) -> Response[AuthAuthenticationResponse | ModelSwagError]:
    """SCRAM first message (request a login challenge)

     The client-first message of SCRAM-SHA-256 (RFC 5802 §5.1, RFC 7677). The client sends the user's
    `email`
    and a fresh random client `nonce`; the server answers the challenge: the combined `nonce` (the
    client
    nonce followed by the server's random nonce), the user's `salt` (base64), the PBKDF2
    `iterationCount` and
    the unix time in seconds at which the challenge `expires`. Upstream also uses this challenge before
    a
    password change; the optional `Platform` header names the client platform the session will be bound
    to.

    **authkit reference server:** appends its own random nonce to the client's and remembers the
    challenge
    (email, combined nonce, platform) until `expires`; a challenge can be answered by `POST /auth/login`
    once. Users are stored with a salt, an iteration count (4096 by default), StoredKey and ServerKey;
    the
    password itself is never kept. An unknown email still gets a challenge, with a fake salt that is
    stable
    for that email and the default iteration count, so the answer does not reveal whether the account
    exists (the login that follows fails with 401). A missing, empty or malformed `email` or `nonce` →
    400. The server answers 500 only when a fault is injected through its admin API.

    Args:
        platform (str | Unset):
        body (AuthAuthenticationRequest): The SCRAM client-first message. Both fields are required
            and must not be empty (upstream marks them
            optional; the kit is stricter).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuthAuthenticationResponse | ModelSwagError]
    """

    kwargs = _get_kwargs(
        body=body,
        platform=platform,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: AuthAuthenticationRequest,
    platform: str | Unset = UNSET,
) -> AuthAuthenticationResponse | ModelSwagError | None:
    """SCRAM first message (request a login challenge)

     The client-first message of SCRAM-SHA-256 (RFC 5802 §5.1, RFC 7677). The client sends the user's
    `email`
    and a fresh random client `nonce`; the server answers the challenge: the combined `nonce` (the
    client
    nonce followed by the server's random nonce), the user's `salt` (base64), the PBKDF2
    `iterationCount` and
    the unix time in seconds at which the challenge `expires`. Upstream also uses this challenge before
    a
    password change; the optional `Platform` header names the client platform the session will be bound
    to.

    **authkit reference server:** appends its own random nonce to the client's and remembers the
    challenge
    (email, combined nonce, platform) until `expires`; a challenge can be answered by `POST /auth/login`
    once. Users are stored with a salt, an iteration count (4096 by default), StoredKey and ServerKey;
    the
    password itself is never kept. An unknown email still gets a challenge, with a fake salt that is
    stable
    for that email and the default iteration count, so the answer does not reveal whether the account
    exists (the login that follows fails with 401). A missing, empty or malformed `email` or `nonce` →
    400. The server answers 500 only when a fault is injected through its admin API.

    Args:
        platform (str | Unset):
        body (AuthAuthenticationRequest): The SCRAM client-first message. Both fields are required
            and must not be empty (upstream marks them
            optional; the kit is stricter).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuthAuthenticationResponse | ModelSwagError
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            platform=platform,
        )
    ).parsed
