from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.basic_error import BasicError
from ...models.oidc_callback_response import OidcCallbackResponse
from ...types import UNSET, Response


def _get_kwargs(
    *,
    code: str,
    state: str,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["code"] = code

    params["state"] = state

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/auth/oidc/callback",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | BasicError | OidcCallbackResponse | None:
    if response.status_code == 200:
        response_200 = OidcCallbackResponse.from_dict(response.json())

        return response_200

    if response.status_code == 302:
        response_302 = cast(Any, None)
        return response_302

    if response.status_code == 400:
        response_400 = BasicError.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = BasicError.from_dict(response.json())

        return response_401

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | BasicError | OidcCallbackResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    code: str,
    state: str,
) -> Response[Any | BasicError | OidcCallbackResponse]:
    """Complete the OIDC login (redirect callback)

     The redirect target of Synapse's authorize page. Validates `state` and `nonce`, exchanges the
    authorization code and establishes an authenticated session (upstream `oidcCallback`), delivered as
    the
    `JSESSIONID` cookie.

    **Reference server:**
    1. `code` or `state` missing or empty → 400 (also when the provider redirects back with an OAuth
    error
       such as `error=access_denied` and no `code`; `detail` then repeats the provider's error).
    2. `state` is checked against the pending login named by the `oidc_state` cookie (CSRF protection).
       No cookie, an unknown or expired (over 600 s) pending login, or a `state` that does not match →
    401.
       A pending login is used once: from here on, whatever the outcome, it is forgotten and the
    response
       clears the `oidc_state` cookie.
    3. The code is exchanged at the provider's token endpoint with the PKCE `code_verifier`. An unknown
    or
       expired code, a code issued for another login, or a code used a second time → 401.
    4. The ID token is verified: signature (provider JWKS), `iss`, `aud` (the client id), `exp` (server
       clock) and `nonce` (must equal the pending login's nonce). Any failure → 401.
    5. A session is created for the ID token's `sub` (the Synapse user id) and `JSESSIONID` is set
       (`Path=/; HttpOnly; SameSite=Lax`, plus `Secure` when served over https) → 200 `{"status":
    "ok"}`.
       The session lasts until logout, an admin reset, or 24 hours after login on the server clock.
    6. A browser navigation (the `Accept` header contains `text/html`) gets 302 to the frontend instead
    of the
       JSON body, with the same cookies, as upstream's `AuthApiDelegateImpl.callback` does (sage-
    monorepo at
       86cae545, `apps/bixarena/auth-service`). The frontend URL is upstream's `app.ui-base-url`; on the
       reference server it is the `--bixarena-frontend-url` option, by default `http://127.0.0.1:8000`
       (upstream's default).

    Args:
        code (str):
        state (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | BasicError | OidcCallbackResponse]
    """

    kwargs = _get_kwargs(
        code=code,
        state=state,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    code: str,
    state: str,
) -> Any | BasicError | OidcCallbackResponse | None:
    """Complete the OIDC login (redirect callback)

     The redirect target of Synapse's authorize page. Validates `state` and `nonce`, exchanges the
    authorization code and establishes an authenticated session (upstream `oidcCallback`), delivered as
    the
    `JSESSIONID` cookie.

    **Reference server:**
    1. `code` or `state` missing or empty → 400 (also when the provider redirects back with an OAuth
    error
       such as `error=access_denied` and no `code`; `detail` then repeats the provider's error).
    2. `state` is checked against the pending login named by the `oidc_state` cookie (CSRF protection).
       No cookie, an unknown or expired (over 600 s) pending login, or a `state` that does not match →
    401.
       A pending login is used once: from here on, whatever the outcome, it is forgotten and the
    response
       clears the `oidc_state` cookie.
    3. The code is exchanged at the provider's token endpoint with the PKCE `code_verifier`. An unknown
    or
       expired code, a code issued for another login, or a code used a second time → 401.
    4. The ID token is verified: signature (provider JWKS), `iss`, `aud` (the client id), `exp` (server
       clock) and `nonce` (must equal the pending login's nonce). Any failure → 401.
    5. A session is created for the ID token's `sub` (the Synapse user id) and `JSESSIONID` is set
       (`Path=/; HttpOnly; SameSite=Lax`, plus `Secure` when served over https) → 200 `{"status":
    "ok"}`.
       The session lasts until logout, an admin reset, or 24 hours after login on the server clock.
    6. A browser navigation (the `Accept` header contains `text/html`) gets 302 to the frontend instead
    of the
       JSON body, with the same cookies, as upstream's `AuthApiDelegateImpl.callback` does (sage-
    monorepo at
       86cae545, `apps/bixarena/auth-service`). The frontend URL is upstream's `app.ui-base-url`; on the
       reference server it is the `--bixarena-frontend-url` option, by default `http://127.0.0.1:8000`
       (upstream's default).

    Args:
        code (str):
        state (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | BasicError | OidcCallbackResponse
    """

    return sync_detailed(
        client=client,
        code=code,
        state=state,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    code: str,
    state: str,
) -> Response[Any | BasicError | OidcCallbackResponse]:
    """Complete the OIDC login (redirect callback)

     The redirect target of Synapse's authorize page. Validates `state` and `nonce`, exchanges the
    authorization code and establishes an authenticated session (upstream `oidcCallback`), delivered as
    the
    `JSESSIONID` cookie.

    **Reference server:**
    1. `code` or `state` missing or empty → 400 (also when the provider redirects back with an OAuth
    error
       such as `error=access_denied` and no `code`; `detail` then repeats the provider's error).
    2. `state` is checked against the pending login named by the `oidc_state` cookie (CSRF protection).
       No cookie, an unknown or expired (over 600 s) pending login, or a `state` that does not match →
    401.
       A pending login is used once: from here on, whatever the outcome, it is forgotten and the
    response
       clears the `oidc_state` cookie.
    3. The code is exchanged at the provider's token endpoint with the PKCE `code_verifier`. An unknown
    or
       expired code, a code issued for another login, or a code used a second time → 401.
    4. The ID token is verified: signature (provider JWKS), `iss`, `aud` (the client id), `exp` (server
       clock) and `nonce` (must equal the pending login's nonce). Any failure → 401.
    5. A session is created for the ID token's `sub` (the Synapse user id) and `JSESSIONID` is set
       (`Path=/; HttpOnly; SameSite=Lax`, plus `Secure` when served over https) → 200 `{"status":
    "ok"}`.
       The session lasts until logout, an admin reset, or 24 hours after login on the server clock.
    6. A browser navigation (the `Accept` header contains `text/html`) gets 302 to the frontend instead
    of the
       JSON body, with the same cookies, as upstream's `AuthApiDelegateImpl.callback` does (sage-
    monorepo at
       86cae545, `apps/bixarena/auth-service`). The frontend URL is upstream's `app.ui-base-url`; on the
       reference server it is the `--bixarena-frontend-url` option, by default `http://127.0.0.1:8000`
       (upstream's default).

    Args:
        code (str):
        state (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | BasicError | OidcCallbackResponse]
    """

    kwargs = _get_kwargs(
        code=code,
        state=state,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    code: str,
    state: str,
) -> Any | BasicError | OidcCallbackResponse | None:
    """Complete the OIDC login (redirect callback)

     The redirect target of Synapse's authorize page. Validates `state` and `nonce`, exchanges the
    authorization code and establishes an authenticated session (upstream `oidcCallback`), delivered as
    the
    `JSESSIONID` cookie.

    **Reference server:**
    1. `code` or `state` missing or empty → 400 (also when the provider redirects back with an OAuth
    error
       such as `error=access_denied` and no `code`; `detail` then repeats the provider's error).
    2. `state` is checked against the pending login named by the `oidc_state` cookie (CSRF protection).
       No cookie, an unknown or expired (over 600 s) pending login, or a `state` that does not match →
    401.
       A pending login is used once: from here on, whatever the outcome, it is forgotten and the
    response
       clears the `oidc_state` cookie.
    3. The code is exchanged at the provider's token endpoint with the PKCE `code_verifier`. An unknown
    or
       expired code, a code issued for another login, or a code used a second time → 401.
    4. The ID token is verified: signature (provider JWKS), `iss`, `aud` (the client id), `exp` (server
       clock) and `nonce` (must equal the pending login's nonce). Any failure → 401.
    5. A session is created for the ID token's `sub` (the Synapse user id) and `JSESSIONID` is set
       (`Path=/; HttpOnly; SameSite=Lax`, plus `Secure` when served over https) → 200 `{"status":
    "ok"}`.
       The session lasts until logout, an admin reset, or 24 hours after login on the server clock.
    6. A browser navigation (the `Accept` header contains `text/html`) gets 302 to the frontend instead
    of the
       JSON body, with the same cookies, as upstream's `AuthApiDelegateImpl.callback` does (sage-
    monorepo at
       86cae545, `apps/bixarena/auth-service`). The frontend URL is upstream's `app.ui-base-url`; on the
       reference server it is the `--bixarena-frontend-url` option, by default `http://127.0.0.1:8000`
       (upstream's default).

    Args:
        code (str):
        state (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | BasicError | OidcCallbackResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            code=code,
            state=state,
        )
    ).parsed
