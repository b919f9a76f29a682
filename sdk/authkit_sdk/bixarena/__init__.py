"""BixArena auth API: the OIDC login through Synapse, the session cookie, internal JWTs and their JWKS.

The client keeps cookies as a browser would: :meth:`~BixarenaClient.start_login` stores the cookie that binds
the login's ``state`` and returns the authorize URL (without following the redirect); once the user has
signed in there, :meth:`~BixarenaClient.complete_login` sends back ``code`` and ``state`` and the client keeps
the ``JSESSIONID`` session cookie. :meth:`~BixarenaClient.mint_token` then exchanges the session for a JWT,
which :meth:`~BixarenaClient.verify_token` checks against the server's JWKS (with the ``jwt`` extra).
:meth:`~BixarenaClient.auth` is an :class:`httpx.Auth` for the app's own calls to BixArena's protected API: it sends
the internal JWT as a bearer token and mints a new one from the session (before expiry, after it, and once on a 401).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any, ClassVar

import httpx

from authkit_sdk._core.auth import cookie_value
from authkit_sdk._core.errors import LoginRequiredError
from authkit_sdk._core.facade import DEFAULT_TIMEOUT, REFERENCE_SERVER, AsyncFacade, SyncFacade, Timeout
from authkit_sdk._core.refreshing import DEFAULT_MARGIN, AttachAuth, Credentials, RefreshingAuth
from authkit_sdk._core.responses import ApiErrors, Exchange, expect
from authkit_sdk._core.sessions import Resumable, SessionHook, SessionKeeper
from authkit_sdk._core.tokenstore import StoredSession, TokenStore
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
    "RefreshingAuth",
    "StoredSession",
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


API = "bixarena"


class _BixarenaBase(Resumable):
    """The state both twins share: the minted JWT (sent as bearer once known) and the cookie jar."""

    API: ClassVar[str] = API
    _credentials: Credentials
    _keeper: SessionKeeper
    cookies: httpx.Cookies

    def _setup(self, keeper: SessionKeeper, margin: float) -> AttachAuth:
        self._credentials = Credentials(margin=margin)
        self._keeper = keeper
        return AttachAuth(self._credentials)

    def _resume(self, base_url: str) -> None:
        stored = self._keeper.initial(None)
        if stored is None:
            return
        if stored.session_cookie is not None:
            host = httpx.URL(base_url).host
            self.cookies.set(SESSION_COOKIE, stored.session_cookie, domain=host, path="/")
        if stored.access_token is not None:
            self._credentials.keep(stored.access_token, expires_at=stored.expires_at, clock_skew=stored.clock_skew)

    @property
    def access_token(self) -> str | None:
        """The JWT of the last :meth:`mint_token`, sent as ``Authorization: Bearer`` from then on (raw calls)."""
        return self._credentials.token

    @property
    def session_id(self) -> str | None:
        """The ``JSESSIONID`` cookie this client holds, if logged in."""
        return cookie_value(self.cookies, SESSION_COOKIE)

    @property
    def session(self) -> StoredSession | None:
        """The session as a value to store (``None`` when logged out)."""
        session_id, credentials = self.session_id, self._credentials
        if session_id is None and credentials.token is None:
            return None
        return StoredSession(
            API, credentials.token, credentials.expires_at, credentials.clock_skew, session_cookie=session_id
        )

    def _require_session(self) -> None:
        if self.session_id is None:
            raise LoginRequiredError("no BixArena session: log in (complete_login or login_with) first")

    def _keep_token(self, exchange: Exchange) -> InternalTokenResponse:
        result = expect(exchange, InternalTokenResponse)
        credentials = self._credentials
        credentials.observe(exchange.response)
        expires_at = credentials.server_now() + result.expires_in if isinstance(result.expires_in, int) else None
        credentials.keep(result.access_token, expires_at=expires_at, response=exchange.response)
        self._keeper.changed(self.session)
        return result

    def _forget(self) -> None:
        self._credentials.forget()
        self.cookies.delete(SESSION_COOKIE)
        self._keeper.changed(None)

    def _token_to_verify(self, token: str | None) -> str:
        ensure_jwt_extra()
        token = token or self._credentials.token
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
        token_store: where the session is loaded from and every change of it saved.
        store_key: its key in ``token_store`` (default ``"bixarena"``).
        on_session_change: called with each new session, and with ``None`` after logout.
        refresh_margin: :meth:`auth` mints a new JWT this many seconds before the last one expires (server clock).
    """

    def __init__(
        self,
        *,
        base_url: str = DEFAULT_BASE_URL,
        timeout: Timeout = DEFAULT_TIMEOUT,
        httpx_client: httpx.Client | None = None,
        httpx_args: Mapping[str, Any] | None = None,
        token_store: TokenStore | None = None,
        store_key: str | None = None,
        on_session_change: SessionHook | None = None,
        refresh_margin: float = DEFAULT_MARGIN,
    ) -> None:
        auth = self._setup(SessionKeeper(API, token_store, store_key, on_session_change), refresh_margin)
        super().__init__(
            _raw(base_url),
            base_url=base_url,
            timeout=timeout,
            auth=auth,
            errors=_ERRORS,
            httpx_client=httpx_client,
            httpx_args=httpx_args,
        )
        self._resume(base_url)

    def start_login(self) -> str:
        """Start an OIDC login: keep the state-binding cookie and return the authorize URL to open."""
        return _authorize_url(self._send(start_oidc_login._get_kwargs(), start_oidc_login._parse_response))

    def complete_login(self, code: str, state: str) -> OidcCallbackResponse:
        """Finish the login with the ``code`` and ``state`` the provider redirected back with; keep the session."""
        request = complete_oidc_login._get_kwargs(code=code, state=state)
        result = self._call(request, complete_oidc_login._parse_response, OidcCallbackResponse)
        self._credentials.forget()  # a token minted from the previous session is not this session's
        self._keeper.changed(self.session)
        return result

    def login_with(self, authorize: Callable[[str], tuple[str, str]]) -> OidcCallbackResponse:
        """The whole login: ``authorize`` gets the authorize URL, signs in there and returns ``(code, state)``."""
        code, state = authorize(self.start_login())
        return self.complete_login(code, state)

    def mint_token(self) -> InternalTokenResponse:
        """Exchange the session for a short-lived internal JWT; keep it as :attr:`access_token`.

        Raises :class:`~authkit_sdk.errors.LoginRequiredError` without a session cookie (before any request).
        """
        self._require_session()
        return self._keep_token(self._send(mint_internal_token._get_kwargs(), mint_internal_token._parse_response))

    def auth(self) -> RefreshingAuth:
        """An :class:`httpx.Auth` for your own :class:`httpx.Client`: sends the internal JWT as a bearer token and
        mints a new one with :meth:`mint_token` (before expiry, after it, and once on a 401), one for all threads."""
        return RefreshingAuth(self._credentials, refresh=self.mint_token)

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
        token_store: TokenStore | None = None,
        store_key: str | None = None,
        on_session_change: SessionHook | None = None,
        refresh_margin: float = DEFAULT_MARGIN,
    ) -> None:
        auth = self._setup(SessionKeeper(API, token_store, store_key, on_session_change), refresh_margin)
        super().__init__(
            _raw(base_url),
            base_url=base_url,
            timeout=timeout,
            auth=auth,
            errors=_ERRORS,
            httpx_client=httpx_client,
            httpx_args=httpx_args,
        )
        self._resume(base_url)

    async def start_login(self) -> str:
        """Start an OIDC login: keep the state-binding cookie and return the authorize URL to open."""
        return _authorize_url(await self._send(start_oidc_login._get_kwargs(), start_oidc_login._parse_response))

    async def complete_login(self, code: str, state: str) -> OidcCallbackResponse:
        """Finish the login with the ``code`` and ``state`` the provider redirected back with; keep the session."""
        request = complete_oidc_login._get_kwargs(code=code, state=state)
        result = await self._call(request, complete_oidc_login._parse_response, OidcCallbackResponse)
        self._credentials.forget()  # a token minted from the previous session is not this session's
        self._keeper.changed(self.session)
        return result

    async def login_with(self, authorize: Callable[[str], Awaitable[tuple[str, str]]]) -> OidcCallbackResponse:
        """The whole login: ``authorize`` gets the authorize URL, signs in there and returns ``(code, state)``."""
        code, state = await authorize(await self.start_login())
        return await self.complete_login(code, state)

    async def mint_token(self) -> InternalTokenResponse:
        """Exchange the session for a short-lived internal JWT; keep it as :attr:`access_token`.

        Raises :class:`~authkit_sdk.errors.LoginRequiredError` without a session cookie (before any request).
        """
        self._require_session()
        request = mint_internal_token._get_kwargs()
        return self._keep_token(await self._send(request, mint_internal_token._parse_response))

    def auth(self) -> RefreshingAuth:
        """An :class:`httpx.Auth` for your own :class:`httpx.AsyncClient` (see :meth:`BixarenaClient.auth`)."""
        return RefreshingAuth(self._credentials, arefresh=self.mint_token)

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
