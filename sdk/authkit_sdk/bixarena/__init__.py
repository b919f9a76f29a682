"""BixArena auth API: the OIDC login through Synapse, the session cookie, internal JWTs and their JWKS.

The client keeps cookies as a browser would: :meth:`~BixarenaClient.start_login` stores the cookie that binds
the login's ``state`` and returns the authorize URL (without following the redirect); once the user has
signed in there, :meth:`~BixarenaClient.complete_login` sends back ``code`` and ``state`` and the client keeps
the ``JSESSIONID`` session cookie. :meth:`~BixarenaClient.mint_token` then exchanges the session for a JWT,
which :meth:`~BixarenaClient.verify_token` checks against the server's JWKS (with the ``jwt`` extra).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import httpx

from authkit_sdk._core.auth import TokenAuth, cookie_value
from authkit_sdk._core.errors import LoginRequiredError
from authkit_sdk._core.facade import DEFAULT_TIMEOUT, REFERENCE_SERVER, AsyncFacade, SyncFacade, Timeout
from authkit_sdk._core.responses import ApiErrors, Exchange
from authkit_sdk.bixarena import errors, generated, models
from authkit_sdk.bixarena._generated.api.auth import (
    complete_oidc_login,
    get_jwks,
    logout,
    mint_internal_token,
    start_oidc_login,
)
from authkit_sdk.bixarena._generated.client import AuthenticatedClient
from authkit_sdk.bixarena._generated.errors import UnexpectedStatus
from authkit_sdk.bixarena._generated.models import (
    BasicError,
    InternalTokenResponse,
    JwksResponse,
    OidcCallbackResponse,
)
from authkit_sdk.bixarena._jwt import BIXARENA_AUDIENCE, ensure_jwt_extra, verify_with_jwks

__all__ = [
    "BIXARENA_AUDIENCE",
    "DEFAULT_BASE_URL",
    "SESSION_COOKIE",
    "AsyncBixarenaClient",
    "BasicError",
    "BixarenaClient",
    "InternalTokenResponse",
    "JwksResponse",
    "OidcCallbackResponse",
    "errors",
    "generated",
    "models",
]

DEFAULT_BASE_URL = f"{REFERENCE_SERVER}/bixarena"
"""The reference server's BixArena API (the real service is ``https://bixarena.ai/api/v1``)."""

SESSION_COOKIE = "JSESSIONID"
"""The BixArena session cookie."""


_ERRORS = ApiErrors("bixarena", errors.BixarenaError, UnexpectedStatus)


def _raw(base_url: str) -> AuthenticatedClient:
    # The bearer comes from the httpx client's auth (sent only once a token is minted), not from this field.
    return AuthenticatedClient(base_url=base_url, token="", raise_on_unexpected_status=True)


def _authorize_url(exchange: Exchange) -> str:
    """The absolute authorize URL of a start response (302 with ``Location``)."""
    response = exchange.response
    location = response.headers.get("location")
    if not location:
        raise exchange.malformed("no Location header: there is no authorize URL to follow")
    return str(response.request.url.join(location))


class _BixarenaBase:
    """The state both twins share: the minted JWT (sent as bearer once known) and the cookie jar."""

    _auth: TokenAuth
    cookies: httpx.Cookies

    @property
    def access_token(self) -> str | None:
        """The JWT of the last :meth:`mint_token`, sent as ``Authorization: Bearer`` from then on (raw calls)."""
        return self._auth.token

    @property
    def session_id(self) -> str | None:
        """The ``JSESSIONID`` cookie this client holds, if logged in."""
        return cookie_value(self.cookies, SESSION_COOKIE)

    def _forget(self) -> None:
        self._auth.token = None
        self.cookies.delete(SESSION_COOKIE)

    def _token_to_verify(self, token: str | None) -> str:
        ensure_jwt_extra()
        token = token or self._auth.token
        if not token:
            raise LoginRequiredError("no token to verify: pass one or call mint_token() first")
        return token


class BixarenaClient(_BixarenaBase, SyncFacade[AuthenticatedClient]):
    """Sync client of the BixArena auth API.

    Args:
        base_url: where the API is served (default: the reference server).
        timeout: seconds (or an :class:`httpx.Timeout`) before a request times out.
        httpx_client: an :class:`httpx.Client` to send through instead of building one (redirects must
            not be followed).
        httpx_args: more keyword arguments for the :class:`httpx.Client` built here (e.g. ``transport``).
    """

    def __init__(
        self,
        *,
        base_url: str = DEFAULT_BASE_URL,
        timeout: Timeout = DEFAULT_TIMEOUT,
        httpx_client: httpx.Client | None = None,
        httpx_args: Mapping[str, Any] | None = None,
    ) -> None:
        self._auth = TokenAuth(None)
        super().__init__(
            _raw(base_url),
            base_url=base_url,
            timeout=timeout,
            auth=self._auth,
            errors=_ERRORS,
            httpx_client=httpx_client,
            httpx_args=httpx_args,
        )

    def start_login(self) -> str:
        """Start an OIDC login: keep the state-binding cookie and return the authorize URL to open."""
        return _authorize_url(self._send(start_oidc_login._get_kwargs(), start_oidc_login._parse_response))

    def complete_login(self, code: str, state: str) -> OidcCallbackResponse:
        """Finish the login with the ``code`` and ``state`` the provider redirected back with; keep the session."""
        request = complete_oidc_login._get_kwargs(code=code, state=state)
        return self._call(request, complete_oidc_login._parse_response, OidcCallbackResponse)

    def login_with(self, authorize: Callable[[str], tuple[str, str]]) -> OidcCallbackResponse:
        """The whole login: ``authorize`` gets the authorize URL, signs in there and returns ``(code, state)``."""
        code, state = authorize(self.start_login())
        return self.complete_login(code, state)

    def mint_token(self) -> InternalTokenResponse:
        """Exchange the session for a short-lived internal JWT; keep it as :attr:`access_token`."""
        result = self._call(
            mint_internal_token._get_kwargs(), mint_internal_token._parse_response, InternalTokenResponse
        )
        self._auth.token = result.access_token
        return result

    def jwks(self) -> JwksResponse:
        """The JWKS whose keys sign the internal JWTs."""
        return self._call(get_jwks._get_kwargs(), get_jwks._parse_response, JwksResponse)

    def verify_token(
        self,
        token: str | None = None,
        *,
        audience: str | None = BIXARENA_AUDIENCE,
        issuer: str | None = None,
        leeway: float = 0.0,
    ) -> dict[str, Any]:
        """Verify ``token`` (default: :attr:`access_token`) against the JWKS fetched now; return its claims.

        Needs ``pip install 'authkit-sdk[jwt]'``. Raises :class:`~authkit_sdk.errors.TokenVerificationError`.
        """
        token = self._token_to_verify(token)
        return verify_with_jwks(token, self.jwks().to_dict(), audience=audience, issuer=issuer, leeway=leeway)

    def logout(self) -> None:
        """End the session (always succeeds) and forget the session cookie and the minted JWT."""
        self._send(logout._get_kwargs(), logout._parse_response)
        self._forget()


class AsyncBixarenaClient(_BixarenaBase, AsyncFacade[AuthenticatedClient]):
    """Async client of the BixArena auth API; the twin of :class:`BixarenaClient` (same arguments)."""

    def __init__(
        self,
        *,
        base_url: str = DEFAULT_BASE_URL,
        timeout: Timeout = DEFAULT_TIMEOUT,
        httpx_client: httpx.AsyncClient | None = None,
        httpx_args: Mapping[str, Any] | None = None,
    ) -> None:
        self._auth = TokenAuth(None)
        super().__init__(
            _raw(base_url),
            base_url=base_url,
            timeout=timeout,
            auth=self._auth,
            errors=_ERRORS,
            httpx_client=httpx_client,
            httpx_args=httpx_args,
        )

    async def start_login(self) -> str:
        """Start an OIDC login: keep the state-binding cookie and return the authorize URL to open."""
        return _authorize_url(await self._send(start_oidc_login._get_kwargs(), start_oidc_login._parse_response))

    async def complete_login(self, code: str, state: str) -> OidcCallbackResponse:
        """Finish the login with the ``code`` and ``state`` the provider redirected back with; keep the session."""
        request = complete_oidc_login._get_kwargs(code=code, state=state)
        return await self._call(request, complete_oidc_login._parse_response, OidcCallbackResponse)

    async def login_with(self, authorize: Callable[[str], Awaitable[tuple[str, str]]]) -> OidcCallbackResponse:
        """The whole login: ``authorize`` gets the authorize URL, signs in there and returns ``(code, state)``."""
        code, state = await authorize(await self.start_login())
        return await self.complete_login(code, state)

    async def mint_token(self) -> InternalTokenResponse:
        """Exchange the session for a short-lived internal JWT; keep it as :attr:`access_token`."""
        request = mint_internal_token._get_kwargs()
        result = await self._call(request, mint_internal_token._parse_response, InternalTokenResponse)
        self._auth.token = result.access_token
        return result

    async def jwks(self) -> JwksResponse:
        """The JWKS whose keys sign the internal JWTs."""
        return await self._call(get_jwks._get_kwargs(), get_jwks._parse_response, JwksResponse)

    async def verify_token(
        self,
        token: str | None = None,
        *,
        audience: str | None = BIXARENA_AUDIENCE,
        issuer: str | None = None,
        leeway: float = 0.0,
    ) -> dict[str, Any]:
        """Verify ``token`` (default: :attr:`access_token`) against the JWKS fetched now; return its claims."""
        token = self._token_to_verify(token)
        keys = (await self.jwks()).to_dict()
        return verify_with_jwks(token, keys, audience=audience, issuer=issuer, leeway=leeway)

    async def logout(self) -> None:
        """End the session (always succeeds) and forget the session cookie and the minted JWT."""
        await self._send(logout._get_kwargs(), logout._parse_response)
        self._forget()
