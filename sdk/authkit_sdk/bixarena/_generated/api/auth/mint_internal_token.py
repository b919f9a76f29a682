from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.basic_error import BasicError
from ...models.internal_token_response import InternalTokenResponse
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/token",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BasicError | InternalTokenResponse | None:
    if response.status_code == 200:
        response_200 = InternalTokenResponse.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = BasicError.from_dict(response.json())

        return response_401

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[BasicError | InternalTokenResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[BasicError | InternalTokenResponse]:
    """Mint a short-lived internal JWT

     Exchanges the authenticated session (the `JSESSIONID` cookie) for an internal JWT that the rest of
    the
    BixArena API accepts as a bearer token (`jwtBearer`). Upstream `mintInternalToken`.

    **Reference server:** with a live session, mints an RS256 JWT as upstream's `InternalJwtService`
    does
    (sage-monorepo at 86cae545, `apps/bixarena/auth-service`), valid for 600 seconds by default (a
    setting),
    with header `alg` `RS256`, `typ` `JWT` and `kid` (a key of `GET /.well-known/jwks.json`) and claims
    `iss`
    (the reference server's BixArena issuer), `aud` (`urn:bixarena:api`, upstream's declared audience),
    `sub`
    (the Synapse user id of the session), `roles` (`["user"]`; upstream adds `admin` for administrators,
    whom
    the seed does not have), `iat`, `nbf`, `exp` and `jti` (a kit addition); `expires_in` is the
    lifetime in
    seconds. RS256 is slower to sign than the ES256 of the other APIs; fidelity to upstream decides.
    Each call mints
    a new token. No cookie, or an unknown, ended or expired session → 401. The 200 response also carries
    `Cache-Control: no-store` (a kit addition, as RFC 6749 section 5.1 asks of token responses).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BasicError | InternalTokenResponse]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
) -> BasicError | InternalTokenResponse | None:
    """Mint a short-lived internal JWT

     Exchanges the authenticated session (the `JSESSIONID` cookie) for an internal JWT that the rest of
    the
    BixArena API accepts as a bearer token (`jwtBearer`). Upstream `mintInternalToken`.

    **Reference server:** with a live session, mints an RS256 JWT as upstream's `InternalJwtService`
    does
    (sage-monorepo at 86cae545, `apps/bixarena/auth-service`), valid for 600 seconds by default (a
    setting),
    with header `alg` `RS256`, `typ` `JWT` and `kid` (a key of `GET /.well-known/jwks.json`) and claims
    `iss`
    (the reference server's BixArena issuer), `aud` (`urn:bixarena:api`, upstream's declared audience),
    `sub`
    (the Synapse user id of the session), `roles` (`["user"]`; upstream adds `admin` for administrators,
    whom
    the seed does not have), `iat`, `nbf`, `exp` and `jti` (a kit addition); `expires_in` is the
    lifetime in
    seconds. RS256 is slower to sign than the ES256 of the other APIs; fidelity to upstream decides.
    Each call mints
    a new token. No cookie, or an unknown, ended or expired session → 401. The 200 response also carries
    `Cache-Control: no-store` (a kit addition, as RFC 6749 section 5.1 asks of token responses).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BasicError | InternalTokenResponse
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[BasicError | InternalTokenResponse]:
    """Mint a short-lived internal JWT

     Exchanges the authenticated session (the `JSESSIONID` cookie) for an internal JWT that the rest of
    the
    BixArena API accepts as a bearer token (`jwtBearer`). Upstream `mintInternalToken`.

    **Reference server:** with a live session, mints an RS256 JWT as upstream's `InternalJwtService`
    does
    (sage-monorepo at 86cae545, `apps/bixarena/auth-service`), valid for 600 seconds by default (a
    setting),
    with header `alg` `RS256`, `typ` `JWT` and `kid` (a key of `GET /.well-known/jwks.json`) and claims
    `iss`
    (the reference server's BixArena issuer), `aud` (`urn:bixarena:api`, upstream's declared audience),
    `sub`
    (the Synapse user id of the session), `roles` (`["user"]`; upstream adds `admin` for administrators,
    whom
    the seed does not have), `iat`, `nbf`, `exp` and `jti` (a kit addition); `expires_in` is the
    lifetime in
    seconds. RS256 is slower to sign than the ES256 of the other APIs; fidelity to upstream decides.
    Each call mints
    a new token. No cookie, or an unknown, ended or expired session → 401. The 200 response also carries
    `Cache-Control: no-store` (a kit addition, as RFC 6749 section 5.1 asks of token responses).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BasicError | InternalTokenResponse]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
) -> BasicError | InternalTokenResponse | None:
    """Mint a short-lived internal JWT

     Exchanges the authenticated session (the `JSESSIONID` cookie) for an internal JWT that the rest of
    the
    BixArena API accepts as a bearer token (`jwtBearer`). Upstream `mintInternalToken`.

    **Reference server:** with a live session, mints an RS256 JWT as upstream's `InternalJwtService`
    does
    (sage-monorepo at 86cae545, `apps/bixarena/auth-service`), valid for 600 seconds by default (a
    setting),
    with header `alg` `RS256`, `typ` `JWT` and `kid` (a key of `GET /.well-known/jwks.json`) and claims
    `iss`
    (the reference server's BixArena issuer), `aud` (`urn:bixarena:api`, upstream's declared audience),
    `sub`
    (the Synapse user id of the session), `roles` (`["user"]`; upstream adds `admin` for administrators,
    whom
    the seed does not have), `iat`, `nbf`, `exp` and `jti` (a kit addition); `expires_in` is the
    lifetime in
    seconds. RS256 is slower to sign than the ES256 of the other APIs; fidelity to upstream decides.
    Each call mints
    a new token. No cookie, or an unknown, ended or expired session → 401. The 200 response also carries
    `Cache-Control: no-store` (a kit addition, as RFC 6749 section 5.1 asks of token responses).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BasicError | InternalTokenResponse
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
