"""PacerPro session API: log in for a JWT, refresh it, revoke every token of the user.

The client keeps the JWT of the last :meth:`~PacerproClient.login` or :meth:`~PacerproClient.refresh` and
sends it as ``Authorization: Bearer <jwt>``; :meth:`~PacerproClient.logout_everywhere` forgets it.
:meth:`~PacerproClient.auth` is an :class:`httpx.Auth` for the app's own calls to PacerPro's protected API: it
refreshes the JWT (``GET /session``) before it expires, and once on a 401. Only a live JWT can be refreshed.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, ClassVar

import httpx

from authkit_sdk._core.errors import LoginRequiredError, UnauthorizedError
from authkit_sdk._core.facade import DEFAULT_TIMEOUT, REFERENCE_SERVER, AsyncFacade, SyncFacade, Timeout
from authkit_sdk._core.refreshing import DEFAULT_MARGIN, AttachAuth, Credentials, RefreshingAuth
from authkit_sdk._core.responses import ApiErrors, Exchange, expect
from authkit_sdk._core.sessions import Resumable, SessionHook, SessionKeeper
from authkit_sdk._core.tokenstore import StoredSession, TokenStore
from authkit_sdk.pacerpro import errors, generated, models
from authkit_sdk.pacerpro._generated.api.authentication import create_session, refresh_session, revoke_all_sessions
from authkit_sdk.pacerpro._generated.client import AuthenticatedClient
from authkit_sdk.pacerpro._generated.errors import UnexpectedStatus
from authkit_sdk.pacerpro._generated.models import Empty, Error, Session, User
from authkit_sdk.pacerpro._generated.types import Unset

__all__ = [
    "DEFAULT_BASE_URL",
    "AsyncPacerproClient",
    "Empty",
    "Error",
    "PacerproClient",
    "RefreshingAuth",
    "Session",
    "StoredSession",
    "errors",
    "generated",
    "models",
]

DEFAULT_BASE_URL = f"{REFERENCE_SERVER}/pacerpro"
"""The reference server's PacerPro API (the real service is ``https://api.pacerpro.com/v1``)."""


API = "pacerpro"


class _SessionState:
    """The JWT this client holds and when it expires; the bearer auth reads the same credentials."""

    def __init__(self, token: str | None, keeper: SessionKeeper, margin: float) -> None:
        self.credentials = Credentials(margin=margin)
        self.auth = AttachAuth(self.credentials)
        self.keeper = keeper
        self.expires_at: datetime.datetime | None = None
        stored = keeper.initial(None)
        if token is not None:
            self.credentials.keep(token)
        elif stored is not None and stored.access_token is not None:
            self.credentials.keep(stored.access_token, expires_at=stored.expires_at, clock_skew=stored.clock_skew)
            if stored.expires_at is not None:
                self.expires_at = datetime.datetime.fromtimestamp(stored.expires_at, datetime.UTC)

    def keep(self, session: Session, response: httpx.Response) -> Session:
        # Upstream marks both fields optional: one left out is held as unknown (None); without a token the client
        # holds none, and the next call that needs one raises LoginRequiredError.
        token = None if isinstance(session.jwt_token, Unset) else session.jwt_token
        expires_at = None if isinstance(session.expires_at, Unset) else session.expires_at
        if token is None:
            self.credentials.forget()
        else:
            self.credentials.keep(token, expires_at=expires_at.timestamp() if expires_at else None, response=response)
        self.expires_at = expires_at
        self.keeper.changed(self.stored())
        return session

    def stored(self) -> StoredSession | None:
        """This client's session as a value (``None`` when logged out)."""
        credentials = self.credentials
        if credentials.token is None:
            return None
        return StoredSession(API, credentials.token, credentials.expires_at, credentials.clock_skew)

    def forget(self) -> None:
        self.credentials.forget()
        self.expires_at = None
        self.keeper.changed(None)

    def require(self) -> None:
        if not self.credentials.token:
            raise LoginRequiredError("no PacerPro token: call login() first")


_ERRORS = ApiErrors("pacerpro", errors.PacerproError, UnexpectedStatus)


def _revoked(exchange: Exchange) -> Empty:
    """The result of ``DELETE /session``: upstream declares no media type, so the body may be empty or ``{}``."""
    try:
        body = exchange.response.json()
    except ValueError:
        body = None
    return Empty.from_dict(body) if isinstance(body, dict) else Empty()


def _raw(base_url: str) -> AuthenticatedClient:
    # The token comes from the httpx client's auth (sent only once known), not from this field.
    return AuthenticatedClient(base_url=base_url, token="", raise_on_unexpected_status=True)


class _PacerproBase:
    """What both twins share: the session state, its properties, and keeping a new JWT."""

    _state: _SessionState

    @property
    def token(self) -> str | None:
        """The current JWT (``None`` before login and after :meth:`logout_everywhere`)."""
        return self._state.credentials.token

    @property
    def expires_at(self) -> datetime.datetime | None:
        """When the current JWT expires, as the server said (``None`` if unknown)."""
        return self._state.expires_at

    @property
    def session(self) -> StoredSession | None:
        """The session as a value to store (``None`` when logged out)."""
        return self._state.stored()

    def _keep(self, exchange: Exchange) -> Session:
        return self._state.keep(expect(exchange, Session), exchange.response)


class PacerproClient(_PacerproBase, Resumable, SyncFacade[AuthenticatedClient]):
    """Sync client of the PacerPro session API.

    Args:
        token: a JWT to start with, if you already have one (otherwise call :meth:`login`).
        base_url: where the API is served (default: the reference server).
        timeout: seconds (or an :class:`httpx.Timeout`) before a request times out.
        httpx_client: an :class:`httpx.Client` to send through instead of building one.
        httpx_args: more keyword arguments for the :class:`httpx.Client` built here (e.g. ``transport``).
        token_store: where the session is loaded from and every change of it saved.
        store_key: its key in ``token_store`` (default ``"pacerpro"``).
        on_session_change: called with each new session, and with ``None`` after logout.
        refresh_margin: :meth:`auth` refreshes the JWT this many seconds before it expires (server clock).
    """

    API: ClassVar[str] = API

    def __init__(
        self,
        token: str | None = None,
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
        keeper = SessionKeeper(API, token_store, store_key, on_session_change)
        self._state = _SessionState(token, keeper, refresh_margin)
        super().__init__(
            _raw(base_url),
            base_url=base_url,
            timeout=timeout,
            auth=self._state.auth,
            errors=_ERRORS,
            httpx_client=httpx_client,
            httpx_args=httpx_args,
        )

    def auth(self) -> RefreshingAuth:
        """An :class:`httpx.Auth` for your own :class:`httpx.Client`: sends this client's JWT as a bearer token and
        keeps it fresh with :meth:`refresh` (before expiry, and once on a 401), one refresh for all threads."""
        return RefreshingAuth(self._state.credentials, refresh=self.refresh)

    def login(self, email: str, password: str) -> Session:
        """Log in with email and password; keep the JWT it returns."""
        request = create_session._get_kwargs(body=User(email=email, password=password))
        return self._keep(self._send(request, create_session._parse_response))

    def refresh(self) -> Session:
        """Exchange the current JWT for a new one with a later expiry; keep the new one."""
        self._state.require()
        request = refresh_session._get_kwargs()
        return self._keep(self._send(request, refresh_session._parse_response))

    def logout_everywhere(self) -> Empty:
        """Revoke every token of the user (this one included) and forget it.

        The token is also forgotten when the server answers 401 (it was no longer valid anyway).
        """
        self._state.require()
        try:
            result = _revoked(self._send(revoke_all_sessions._get_kwargs(), revoke_all_sessions._parse_response))
        except UnauthorizedError:
            self._state.forget()
            raise
        self._state.forget()
        return result


class AsyncPacerproClient(_PacerproBase, Resumable, AsyncFacade[AuthenticatedClient]):
    """Async client of the PacerPro session API; the twin of :class:`PacerproClient` (same arguments)."""

    API: ClassVar[str] = API

    def __init__(
        self,
        token: str | None = None,
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
        keeper = SessionKeeper(API, token_store, store_key, on_session_change)
        self._state = _SessionState(token, keeper, refresh_margin)
        super().__init__(
            _raw(base_url),
            base_url=base_url,
            timeout=timeout,
            auth=self._state.auth,
            errors=_ERRORS,
            httpx_client=httpx_client,
            httpx_args=httpx_args,
        )

    def auth(self) -> RefreshingAuth:
        """An :class:`httpx.Auth` for your own :class:`httpx.AsyncClient` (see :meth:`PacerproClient.auth`); one
        refresh task for all concurrent requests."""
        return RefreshingAuth(self._state.credentials, arefresh=self.refresh)

    async def login(self, email: str, password: str) -> Session:
        """Log in with email and password; keep the JWT it returns."""
        request = create_session._get_kwargs(body=User(email=email, password=password))
        return self._keep(await self._send(request, create_session._parse_response))

    async def refresh(self) -> Session:
        """Exchange the current JWT for a new one with a later expiry; keep the new one."""
        self._state.require()
        request = refresh_session._get_kwargs()
        return self._keep(await self._send(request, refresh_session._parse_response))

    async def logout_everywhere(self) -> Empty:
        """Revoke every token of the user (this one included) and forget it (also on 401)."""
        self._state.require()
        try:
            exchange = await self._send(revoke_all_sessions._get_kwargs(), revoke_all_sessions._parse_response)
            result = _revoked(exchange)
        except UnauthorizedError:
            self._state.forget()
            raise
        self._state.forget()
        return result
