from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.basic_error import BasicError
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/auth/oidc/start",
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | BasicError | None:
    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

    if response.status_code == 302:
        response_302 = cast(Any, None)
        return response_302

    if response.status_code == 400:
        response_400 = BasicError.from_dict(response.json())

        return response_400

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | BasicError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[Any | BasicError]:
    """Start the Synapse OIDC authorization-code flow

     Starts an OpenID Connect login: redirects the browser to Synapse's authorize page with `state` and
    `nonce` (upstream `startOidc`: "Initiates the OIDC login by redirecting the user to Synapse with
    state
    and nonce"). Open it in the browser (top-level navigation); an API client that does not follow the
    redirect can read the authorize URL from `Location`.

    **Reference server:** creates a pending login (random `state` and `nonce`, a PKCE `code_verifier`,
    all
    kept server-side for 600 seconds on the server clock), sets the short-lived `oidc_state` cookie that
    binds the pending login to this browser, and answers 302 to the embedded fake Synapse's authorize
    URL
    (`/synapse/authorize`) with `response_type=code`, `scope=openid`, `client_id`, `redirect_uri`,
    `state`,
    `nonce`, `code_challenge` (BASE64URL(SHA-256(verifier)), RFC 7636 section 4.2) and
    `code_challenge_method=S256`. Each call starts a fresh login, also when a session already exists (a
    successful callback replaces it). It never answers 204 (see that response); it answers 400 only when
    the
    identity provider's discovery document cannot be fetched (e.g. a `--public-url` the server cannot
    reach).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | BasicError]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> Any | BasicError | None:
    """Start the Synapse OIDC authorization-code flow

     Starts an OpenID Connect login: redirects the browser to Synapse's authorize page with `state` and
    `nonce` (upstream `startOidc`: "Initiates the OIDC login by redirecting the user to Synapse with
    state
    and nonce"). Open it in the browser (top-level navigation); an API client that does not follow the
    redirect can read the authorize URL from `Location`.

    **Reference server:** creates a pending login (random `state` and `nonce`, a PKCE `code_verifier`,
    all
    kept server-side for 600 seconds on the server clock), sets the short-lived `oidc_state` cookie that
    binds the pending login to this browser, and answers 302 to the embedded fake Synapse's authorize
    URL
    (`/synapse/authorize`) with `response_type=code`, `scope=openid`, `client_id`, `redirect_uri`,
    `state`,
    `nonce`, `code_challenge` (BASE64URL(SHA-256(verifier)), RFC 7636 section 4.2) and
    `code_challenge_method=S256`. Each call starts a fresh login, also when a session already exists (a
    successful callback replaces it). It never answers 204 (see that response); it answers 400 only when
    the
    identity provider's discovery document cannot be fetched (e.g. a `--public-url` the server cannot
    reach).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | BasicError
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[Any | BasicError]:
    """Start the Synapse OIDC authorization-code flow

     Starts an OpenID Connect login: redirects the browser to Synapse's authorize page with `state` and
    `nonce` (upstream `startOidc`: "Initiates the OIDC login by redirecting the user to Synapse with
    state
    and nonce"). Open it in the browser (top-level navigation); an API client that does not follow the
    redirect can read the authorize URL from `Location`.

    **Reference server:** creates a pending login (random `state` and `nonce`, a PKCE `code_verifier`,
    all
    kept server-side for 600 seconds on the server clock), sets the short-lived `oidc_state` cookie that
    binds the pending login to this browser, and answers 302 to the embedded fake Synapse's authorize
    URL
    (`/synapse/authorize`) with `response_type=code`, `scope=openid`, `client_id`, `redirect_uri`,
    `state`,
    `nonce`, `code_challenge` (BASE64URL(SHA-256(verifier)), RFC 7636 section 4.2) and
    `code_challenge_method=S256`. Each call starts a fresh login, also when a session already exists (a
    successful callback replaces it). It never answers 204 (see that response); it answers 400 only when
    the
    identity provider's discovery document cannot be fetched (e.g. a `--public-url` the server cannot
    reach).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | BasicError]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> Any | BasicError | None:
    """Start the Synapse OIDC authorization-code flow

     Starts an OpenID Connect login: redirects the browser to Synapse's authorize page with `state` and
    `nonce` (upstream `startOidc`: "Initiates the OIDC login by redirecting the user to Synapse with
    state
    and nonce"). Open it in the browser (top-level navigation); an API client that does not follow the
    redirect can read the authorize URL from `Location`.

    **Reference server:** creates a pending login (random `state` and `nonce`, a PKCE `code_verifier`,
    all
    kept server-side for 600 seconds on the server clock), sets the short-lived `oidc_state` cookie that
    binds the pending login to this browser, and answers 302 to the embedded fake Synapse's authorize
    URL
    (`/synapse/authorize`) with `response_type=code`, `scope=openid`, `client_id`, `redirect_uri`,
    `state`,
    `nonce`, `code_challenge` (BASE64URL(SHA-256(verifier)), RFC 7636 section 4.2) and
    `code_challenge_method=S256`. Each call starts a fresh login, also when a session already exists (a
    successful callback replaces it). It never answers 204 (see that response); it answers 400 only when
    the
    identity provider's discovery document cannot be fetched (e.g. a `--public-url` the server cannot
    reach).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | BasicError
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
