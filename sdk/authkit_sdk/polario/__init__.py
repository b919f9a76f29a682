"""Polario session API: SCRAM-SHA-256 login, refresh and logout.

:meth:`PolarioClient.login` runs both SCRAM steps (RFC 5802, RFC 7677) and checks the server's signature in
constant time before it keeps anything: a server that cannot prove it knows the password raises
:class:`~authkit_sdk.errors.ServerSignatureError`. The session JWT comes in the ``Session`` response header and
goes back in the ``Session`` request header of :meth:`~PolarioClient.logout`; :meth:`~PolarioClient.refresh`
rotates the refresh token. :meth:`~PolarioClient.auth` is an :class:`httpx.Auth` for the app's own calls to
polario's protected API: it sends the ``Session`` header and refreshes it (before expiry, after expiry, and once on
a 401) with one refresh for all concurrent requests, so a rotated refresh token is never presented twice.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, ClassVar

import httpx

from authkit_sdk._core.errors import UnauthorizedError
from authkit_sdk._core.facade import DEFAULT_TIMEOUT, REFERENCE_SERVER, AsyncFacade, SyncFacade, Timeout
from authkit_sdk._core.refreshing import DEFAULT_MARGIN, Credentials, RefreshingAuth
from authkit_sdk._core.responses import ApiErrors, Exchange
from authkit_sdk._core.sessions import Resumable, SessionHook, SessionKeeper
from authkit_sdk._core.tokenstore import StoredSession, TokenStore
from authkit_sdk.polario import errors, generated, models
from authkit_sdk.polario._generated.api.auth import scram_first_message
from authkit_sdk.polario._generated.api.session import logout, refresh_session, scram_final_message
from authkit_sdk.polario._generated.client import AuthenticatedClient
from authkit_sdk.polario._generated.errors import UnexpectedStatus
from authkit_sdk.polario._generated.models import (
    AuthLoginRequestOs,
    AuthLoginResponse,
    AuthRefreshResponse,
    ModelSwagError,
    ModelSwagStatusOk,
)
from authkit_sdk.polario._generated.types import UNSET
from authkit_sdk.polario._login import MIN_ITERATIONS, SESSION_HEADER, Device, PolarioSession, ScramLogin
from authkit_sdk.scram import new_client_nonce

__all__ = [
    "DEFAULT_BASE_URL",
    "MIN_ITERATIONS",
    "SESSION_HEADER",
    "AsyncPolarioClient",
    "AuthLoginRequestOs",
    "AuthLoginResponse",
    "AuthRefreshResponse",
    "ModelSwagError",
    "ModelSwagStatusOk",
    "PolarioClient",
    "RefreshingAuth",
    "StoredSession",
    "errors",
    "generated",
    "models",
]

DEFAULT_BASE_URL = f"{REFERENCE_SERVER}/polario"
"""The reference server's polario API (the real service is ``https://custom.polario.de/api``)."""


_ERRORS = ApiErrors("polario", errors.PolarioError, UnexpectedStatus)


def _raw(base_url: str) -> AuthenticatedClient:
    return AuthenticatedClient(base_url=base_url, token="", raise_on_unexpected_status=True)


API = "polario"


class _PolarioBase(Resumable):
    """The session state and login settings both twins share."""

    API: ClassVar[str] = API

    def _setup(
        self, nonce_factory: Callable[[], str], min_iterations: int, keeper: SessionKeeper, margin: float
    ) -> StoredSession | None:
        self._session = PolarioSession()
        self._credentials = Credentials(header=SESSION_HEADER, prefix="", margin=margin)
        self._keeper = keeper
        self._nonce_factory = nonce_factory
        self._min_iterations = min_iterations
        return keeper.initial(None)

    def _resume(self, stored: StoredSession | None) -> None:
        if stored is None:
            return
        session = self._session
        session.session_token, session.refresh_token = stored.access_token, stored.refresh_token
        session.device_id = stored.device_id
        if stored.access_token is not None:
            self._credentials.keep(stored.access_token, expires_at=stored.expires_at, clock_skew=stored.clock_skew)

    def _kept(self, response: httpx.Response) -> None:
        """The session changed (login or refresh): hold its JWT for :meth:`auth` and save it."""
        token = self._session.session_token
        if token is not None:
            self._credentials.keep(token, response=response)
        self._keeper.changed(self.session)

    def _forget(self) -> None:
        self._session.forget()
        self._credentials.forget()
        self._keeper.changed(None)

    @property
    def session(self) -> StoredSession | None:
        """The session as a value to store (``None`` when logged out)."""
        session, credentials = self._session, self._credentials
        if session.refresh_token is None and session.session_token is None:
            return None
        return StoredSession(
            API,
            session.session_token,
            credentials.expires_at,
            credentials.clock_skew,
            refresh_token=session.refresh_token,
            device_id=session.device_id,
        )

    def _keep_refresh(self, exchange: Exchange) -> AuthRefreshResponse:
        result = self._session.keep_refresh(exchange)
        self._kept(exchange.response)
        return result

    @property
    def session_token(self) -> str | None:
        """The session JWT (from the ``Session`` header of login or refresh), or ``None``."""
        return self._session.session_token

    @property
    def refresh_token(self) -> str | None:
        """The current refresh token (rotated by each refresh), or ``None``."""
        return self._session.refresh_token

    @property
    def device_id(self) -> str | None:
        """The device id the server gave this login, or ``None``."""
        return self._session.device_id


class PolarioClient(_PolarioBase, SyncFacade[AuthenticatedClient]):
    """Sync client of the polario session API.

    Args:
        base_url: where the API is served (default: the reference server).
        timeout: seconds (or an :class:`httpx.Timeout`) before a request times out.
        min_iterations: the fewest PBKDF2 iterations a challenge may ask for (RFC 7677: 4096); a challenge
            with fewer is refused with :class:`~authkit_sdk.errors.MalformedResponseError`.
        nonce_factory: where client nonces come from (default: 32 characters from :mod:`secrets`; tests
            pass a fixed one to replay a known exchange).
        httpx_client: an :class:`httpx.Client` to send through instead of building one.
        httpx_args: more keyword arguments for the :class:`httpx.Client` built here (e.g. ``transport``).
        token_store: where the session is loaded from and every change of it saved (each rotation included).
        store_key: its key in ``token_store`` (default ``"polario"``).
        on_session_change: called with each new session, and with ``None`` after logout.
        refresh_margin: :meth:`auth` refreshes the JWT this many seconds before it expires (server clock).
    """

    def __init__(
        self,
        *,
        base_url: str = DEFAULT_BASE_URL,
        timeout: Timeout = DEFAULT_TIMEOUT,
        min_iterations: int = MIN_ITERATIONS,
        nonce_factory: Callable[[], str] = new_client_nonce,
        httpx_client: httpx.Client | None = None,
        httpx_args: Mapping[str, Any] | None = None,
        token_store: TokenStore | None = None,
        store_key: str | None = None,
        on_session_change: SessionHook | None = None,
        refresh_margin: float = DEFAULT_MARGIN,
    ) -> None:
        keeper = SessionKeeper(API, token_store, store_key, on_session_change)
        self._resume(self._setup(nonce_factory, min_iterations, keeper, refresh_margin))
        super().__init__(
            _raw(base_url),
            base_url=base_url,
            timeout=timeout,
            auth=None,
            errors=_ERRORS,
            httpx_client=httpx_client,
            httpx_args=httpx_args,
        )

    def auth(self) -> RefreshingAuth:
        """An :class:`httpx.Auth` for your own :class:`httpx.Client`: sends the ``Session`` header and keeps it fresh
        with :meth:`refresh` (before expiry, after it, and once on a 401), one refresh for all threads."""
        return RefreshingAuth(self._credentials, refresh=self.refresh)

    def login(
        self,
        email: str,
        password: str,
        *,
        os: AuthLoginRequestOs = "Other",
        os_version: str | None = None,
        device_name: str | None = None,
        browser: str | None = None,
        platform: str | None = None,
    ) -> AuthLoginResponse:
        """Log in with SCRAM-SHA-256 and keep the session once the server's signature is verified.

        ``os``, ``os_version``, ``device_name`` and ``browser`` describe the device; ``platform`` is sent as the
        ``Platform`` header of both messages (the session is bound to it).
        """
        attempt = ScramLogin.start(email, self._nonce_factory, self._min_iterations)
        header = UNSET if platform is None else platform
        first = scram_first_message._get_kwargs(body=attempt.first_message(), platform=header)
        challenge = self._send(first, scram_first_message._parse_response)
        body, expected = attempt.answer(challenge, password, Device(os, os_version, device_name, browser))
        final = scram_final_message._get_kwargs(body=body, platform=header)
        exchange = self._send(final, scram_final_message._parse_response)
        result, session_token = ScramLogin.verify(exchange, expected)
        self._session.keep_login(result, session_token)
        self._kept(exchange.response)
        return result

    def refresh(self) -> AuthRefreshResponse:
        """Exchange the refresh token for a new session JWT; keep it and the rotated refresh token."""
        request = refresh_session._get_kwargs(body=self._session.refresh_request())
        return self._keep_refresh(self._send(request, refresh_session._parse_response))

    def logout(self) -> ModelSwagStatusOk:
        """End the session on the server and forget it (also forgotten on 401: it had ended already)."""
        request = logout._get_kwargs(session=self._session.require_session())
        try:
            result = self._call(request, logout._parse_response, ModelSwagStatusOk)
        except UnauthorizedError:
            self._forget()
            raise
        self._forget()
        return result


class AsyncPolarioClient(_PolarioBase, AsyncFacade[AuthenticatedClient]):
    """Async client of the polario session API; the twin of :class:`PolarioClient` (same arguments).

    PBKDF2 runs in the event loop's thread (about 2 ms at 4096 iterations).
    """

    def __init__(
        self,
        *,
        base_url: str = DEFAULT_BASE_URL,
        timeout: Timeout = DEFAULT_TIMEOUT,
        min_iterations: int = MIN_ITERATIONS,
        nonce_factory: Callable[[], str] = new_client_nonce,
        httpx_client: httpx.AsyncClient | None = None,
        httpx_args: Mapping[str, Any] | None = None,
        token_store: TokenStore | None = None,
        store_key: str | None = None,
        on_session_change: SessionHook | None = None,
        refresh_margin: float = DEFAULT_MARGIN,
    ) -> None:
        keeper = SessionKeeper(API, token_store, store_key, on_session_change)
        self._resume(self._setup(nonce_factory, min_iterations, keeper, refresh_margin))
        super().__init__(
            _raw(base_url),
            base_url=base_url,
            timeout=timeout,
            auth=None,
            errors=_ERRORS,
            httpx_client=httpx_client,
            httpx_args=httpx_args,
        )

    def auth(self) -> RefreshingAuth:
        """An :class:`httpx.Auth` for your own :class:`httpx.AsyncClient` (see :meth:`PolarioClient.auth`)."""
        return RefreshingAuth(self._credentials, arefresh=self.refresh)

    async def login(
        self,
        email: str,
        password: str,
        *,
        os: AuthLoginRequestOs = "Other",
        os_version: str | None = None,
        device_name: str | None = None,
        browser: str | None = None,
        platform: str | None = None,
    ) -> AuthLoginResponse:
        """Log in with SCRAM-SHA-256 and keep the session once the server's signature is verified."""
        attempt = ScramLogin.start(email, self._nonce_factory, self._min_iterations)
        header = UNSET if platform is None else platform
        first = scram_first_message._get_kwargs(body=attempt.first_message(), platform=header)
        challenge = await self._send(first, scram_first_message._parse_response)
        body, expected = attempt.answer(challenge, password, Device(os, os_version, device_name, browser))
        final = scram_final_message._get_kwargs(body=body, platform=header)
        exchange = await self._send(final, scram_final_message._parse_response)
        result, session_token = ScramLogin.verify(exchange, expected)
        self._session.keep_login(result, session_token)
        self._kept(exchange.response)
        return result

    async def refresh(self) -> AuthRefreshResponse:
        """Exchange the refresh token for a new session JWT; keep it and the rotated refresh token."""
        request = refresh_session._get_kwargs(body=self._session.refresh_request())
        return self._keep_refresh(await self._send(request, refresh_session._parse_response))

    async def logout(self) -> ModelSwagStatusOk:
        """End the session on the server and forget it (also forgotten on 401: it had ended already)."""
        request = logout._get_kwargs(session=self._session.require_session())
        try:
            result = await self._call(request, logout._parse_response, ModelSwagStatusOk)
        except UnauthorizedError:
            self._forget()
            raise
        self._forget()
        return result
