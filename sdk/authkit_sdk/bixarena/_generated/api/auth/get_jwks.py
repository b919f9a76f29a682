from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.basic_error import BasicError
from ...models.jwks_response import JwksResponse
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/.well-known/jwks.json",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BasicError | JwksResponse | None:
    if response.status_code == 200:
        response_200 = JwksResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = BasicError.from_dict(response.json())

        return response_400

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[BasicError | JwksResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[BasicError | JwksResponse]:
    """Get the JSON Web Key Set of the internal JWTs

     Returns the public keys that verify the JWTs minted by `POST /token` (RFC 7517 JWK Set; upstream
    `getJwks`). Match a token's `kid` header to a key's `kid`.

    **Reference server:** publishes the public half of every BixArena signing key it holds (generated at
    start or loaded from a key file): RSA-2048 keys, as upstream's `JwkKeyStore` (sage-monorepo at
    86cae545,
    `apps/bixarena/auth-service`), with `kty` (`RSA`), `n`, `e`, `kid` (a random UUID, as upstream),
    `alg`
    (`RS256`) and `use` (`sig`). Never private members. It never answers 400 on its own (the request has
    no input); a 400
    comes only from a fault injected through the admin API.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BasicError | JwksResponse]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> BasicError | JwksResponse | None:
    """Get the JSON Web Key Set of the internal JWTs

     Returns the public keys that verify the JWTs minted by `POST /token` (RFC 7517 JWK Set; upstream
    `getJwks`). Match a token's `kid` header to a key's `kid`.

    **Reference server:** publishes the public half of every BixArena signing key it holds (generated at
    start or loaded from a key file): RSA-2048 keys, as upstream's `JwkKeyStore` (sage-monorepo at
    86cae545,
    `apps/bixarena/auth-service`), with `kty` (`RSA`), `n`, `e`, `kid` (a random UUID, as upstream),
    `alg`
    (`RS256`) and `use` (`sig`). Never private members. It never answers 400 on its own (the request has
    no input); a 400
    comes only from a fault injected through the admin API.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BasicError | JwksResponse
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[BasicError | JwksResponse]:
    """Get the JSON Web Key Set of the internal JWTs

     Returns the public keys that verify the JWTs minted by `POST /token` (RFC 7517 JWK Set; upstream
    `getJwks`). Match a token's `kid` header to a key's `kid`.

    **Reference server:** publishes the public half of every BixArena signing key it holds (generated at
    start or loaded from a key file): RSA-2048 keys, as upstream's `JwkKeyStore` (sage-monorepo at
    86cae545,
    `apps/bixarena/auth-service`), with `kty` (`RSA`), `n`, `e`, `kid` (a random UUID, as upstream),
    `alg`
    (`RS256`) and `use` (`sig`). Never private members. It never answers 400 on its own (the request has
    no input); a 400
    comes only from a fault injected through the admin API.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BasicError | JwksResponse]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> BasicError | JwksResponse | None:
    """Get the JSON Web Key Set of the internal JWTs

     Returns the public keys that verify the JWTs minted by `POST /token` (RFC 7517 JWK Set; upstream
    `getJwks`). Match a token's `kid` header to a key's `kid`.

    **Reference server:** publishes the public half of every BixArena signing key it holds (generated at
    start or loaded from a key file): RSA-2048 keys, as upstream's `JwkKeyStore` (sage-monorepo at
    86cae545,
    `apps/bixarena/auth-service`), with `kty` (`RSA`), `n`, `e`, `kid` (a random UUID, as upstream),
    `alg`
    (`RS256`) and `use` (`sig`). Never private members. It never answers 400 on its own (the request has
    no input); a 400
    comes only from a fault injected through the admin API.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BasicError | JwksResponse
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
