from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.auth_login_request import AuthLoginRequest
from ...models.auth_login_response import AuthLoginResponse
from ...models.model_swag_error import ModelSwagError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: AuthLoginRequest,
    platform: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(platform, Unset):
        headers["Platform"] = platform

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/auth/login",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AuthLoginResponse | ModelSwagError | None:
    if response.status_code == 200:
        response_200 = AuthLoginResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ModelSwagError.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ModelSwagError.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ModelSwagError.from_dict(response.json())

        return response_403

    if response.status_code == 500:
        response_500 = ModelSwagError.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AuthLoginResponse | ModelSwagError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: AuthLoginRequest,
    platform: str | Unset = UNSET,
) -> Response[AuthLoginResponse | ModelSwagError]:
    """SCRAM final message (log in)

     The client-final message of SCRAM-SHA-256 (RFC 5802 §5.1): call `POST /auth/auth` first. The client
    sends the `email`, the combined `nonce` from the challenge and the base64 `proof` (ClientProof)
    computed
    over the AuthMessage

    `n=<email>,r=<client nonce>,r=<nonce>,s=<salt>,i=<iterationCount>,c=biws,r=<nonce>`

    (email escaped `=` → `=3D`, `,` → `=2C`), together with a description of the device (`os`,
    `osVersion`,
    `deviceName`, `browser`). The `Platform` header must equal the one sent with the first message. On
    success
    the answer carries the base64 ServerSignature in `signature` — the client must check it to
    authenticate
    the server (RFC 5802 §5.1 `v=`) — a refresh token, the device id and, in the `Session` response
    header,
    the JWT to send in the `Session` request header from now on.

    **authkit reference server:** a challenge is used once, whatever the outcome. Wrong proof or unknown
    email → 401; an expired, unknown or already used nonce, or a nonce issued for another email → 401;
    `Platform` different from the first message's (a challenge requested without `Platform` must be
    answered without one) → 403; malformed body → 400. Success starts a session: a signed JWT (its own
    issuer and audience, verifiable with the server's JWKS), a refresh token bound to that session, and
    a
    device id. The server answers 500 only when a fault is injected through its admin API.

    Args:
        platform (str | Unset):
        body (AuthLoginRequest): The SCRAM client-final message and the device logging in.
            `email`, `nonce`, `proof` and `os` are
            required and must not be empty (upstream marks every field optional; the kit is stricter).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuthLoginResponse | ModelSwagError]
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
    body: AuthLoginRequest,
    platform: str | Unset = UNSET,
) -> AuthLoginResponse | ModelSwagError | None:
    """SCRAM final message (log in)

     The client-final message of SCRAM-SHA-256 (RFC 5802 §5.1): call `POST /auth/auth` first. The client
    sends the `email`, the combined `nonce` from the challenge and the base64 `proof` (ClientProof)
    computed
    over the AuthMessage

    `n=<email>,r=<client nonce>,r=<nonce>,s=<salt>,i=<iterationCount>,c=biws,r=<nonce>`

    (email escaped `=` → `=3D`, `,` → `=2C`), together with a description of the device (`os`,
    `osVersion`,
    `deviceName`, `browser`). The `Platform` header must equal the one sent with the first message. On
    success
    the answer carries the base64 ServerSignature in `signature` — the client must check it to
    authenticate
    the server (RFC 5802 §5.1 `v=`) — a refresh token, the device id and, in the `Session` response
    header,
    the JWT to send in the `Session` request header from now on.

    **authkit reference server:** a challenge is used once, whatever the outcome. Wrong proof or unknown
    email → 401; an expired, unknown or already used nonce, or a nonce issued for another email → 401;
    `Platform` different from the first message's (a challenge requested without `Platform` must be
    answered without one) → 403; malformed body → 400. Success starts a session: a signed JWT (its own
    issuer and audience, verifiable with the server's JWKS), a refresh token bound to that session, and
    a
    device id. The server answers 500 only when a fault is injected through its admin API.

    Args:
        platform (str | Unset):
        body (AuthLoginRequest): The SCRAM client-final message and the device logging in.
            `email`, `nonce`, `proof` and `os` are
            required and must not be empty (upstream marks every field optional; the kit is stricter).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuthLoginResponse | ModelSwagError
    """

    return sync_detailed(
        client=client,
        body=body,
        platform=platform,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: AuthLoginRequest,
    platform: str | Unset = UNSET,
) -> Response[AuthLoginResponse | ModelSwagError]:
    """SCRAM final message (log in)

     The client-final message of SCRAM-SHA-256 (RFC 5802 §5.1): call `POST /auth/auth` first. The client
    sends the `email`, the combined `nonce` from the challenge and the base64 `proof` (ClientProof)
    computed
    over the AuthMessage

    `n=<email>,r=<client nonce>,r=<nonce>,s=<salt>,i=<iterationCount>,c=biws,r=<nonce>`

    (email escaped `=` → `=3D`, `,` → `=2C`), together with a description of the device (`os`,
    `osVersion`,
    `deviceName`, `browser`). The `Platform` header must equal the one sent with the first message. On
    success
    the answer carries the base64 ServerSignature in `signature` — the client must check it to
    authenticate
    the server (RFC 5802 §5.1 `v=`) — a refresh token, the device id and, in the `Session` response
    header,
    the JWT to send in the `Session` request header from now on.

    **authkit reference server:** a challenge is used once, whatever the outcome. Wrong proof or unknown
    email → 401; an expired, unknown or already used nonce, or a nonce issued for another email → 401;
    `Platform` different from the first message's (a challenge requested without `Platform` must be
    answered without one) → 403; malformed body → 400. Success starts a session: a signed JWT (its own
    issuer and audience, verifiable with the server's JWKS), a refresh token bound to that session, and
    a
    device id. The server answers 500 only when a fault is injected through its admin API.

    Args:
        platform (str | Unset):
        body (AuthLoginRequest): The SCRAM client-final message and the device logging in.
            `email`, `nonce`, `proof` and `os` are
            required and must not be empty (upstream marks every field optional; the kit is stricter).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuthLoginResponse | ModelSwagError]
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
    body: AuthLoginRequest,
    platform: str | Unset = UNSET,
) -> AuthLoginResponse | ModelSwagError | None:
    """SCRAM final message (log in)

     The client-final message of SCRAM-SHA-256 (RFC 5802 §5.1): call `POST /auth/auth` first. The client
    sends the `email`, the combined `nonce` from the challenge and the base64 `proof` (ClientProof)
    computed
    over the AuthMessage

    `n=<email>,r=<client nonce>,r=<nonce>,s=<salt>,i=<iterationCount>,c=biws,r=<nonce>`

    (email escaped `=` → `=3D`, `,` → `=2C`), together with a description of the device (`os`,
    `osVersion`,
    `deviceName`, `browser`). The `Platform` header must equal the one sent with the first message. On
    success
    the answer carries the base64 ServerSignature in `signature` — the client must check it to
    authenticate
    the server (RFC 5802 §5.1 `v=`) — a refresh token, the device id and, in the `Session` response
    header,
    the JWT to send in the `Session` request header from now on.

    **authkit reference server:** a challenge is used once, whatever the outcome. Wrong proof or unknown
    email → 401; an expired, unknown or already used nonce, or a nonce issued for another email → 401;
    `Platform` different from the first message's (a challenge requested without `Platform` must be
    answered without one) → 403; malformed body → 400. Success starts a session: a signed JWT (its own
    issuer and audience, verifiable with the server's JWKS), a refresh token bound to that session, and
    a
    device id. The server answers 500 only when a fault is injected through its admin API.

    Args:
        platform (str | Unset):
        body (AuthLoginRequest): The SCRAM client-final message and the device logging in.
            `email`, `nonce`, `proof` and `os` are
            required and must not be empty (upstream marks every field optional; the kit is stricter).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuthLoginResponse | ModelSwagError
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            platform=platform,
        )
    ).parsed
