"""PacerPro session API: log in for a JWT, refresh it, revoke every token of the user.

The client keeps the JWT of the last :meth:`~PacerproClient.login` or :meth:`~PacerproClient.refresh` and
sends it as ``Authorization: Bearer <jwt>``; :meth:`~PacerproClient.logout_everywhere` forgets it.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

import httpx

from authkit_sdk._core.auth import TokenAuth
from authkit_sdk._core.errors import LoginRequiredError, UnauthorizedError
from authkit_sdk._core.facade import DEFAULT_TIMEOUT, REFERENCE_SERVER, AsyncFacade, SyncFacade, Timeout
from authkit_sdk._core.responses import ApiErrors, Exchange
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
    "Session",
    "errors",
    "generated",
    "models",
]

DEFAULT_BASE_URL = f"{REFERENCE_SERVER}/pacerpro"
"""The reference server's PacerPro API (the real service is ``https://api.pacerpro.com/v1``)."""


class _SessionState:
    """The JWT this client holds and when it expires; the bearer auth reads the same token."""

    def __init__(self, token: str | None) -> None:
        self.auth = TokenAuth(token)
        self.expires_at: datetime.datetime | None = None

    def keep(self, session: Session) -> Session:
        # Upstream marks both fields optional: one left out is held as unknown (None).
        self.auth.token = None if isinstance(session.jwt_token, Unset) else session.jwt_token
        self.expires_at = None if isinstance(session.expires_at, Unset) else session.expires_at
        return session

    def forget(self) -> None:
        self.auth.token = None
        self.expires_at = None

    def require(self) -> None:
        if not self.auth.token:
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


class PacerproClient(SyncFacade[AuthenticatedClient]):
    """Sync client of the PacerPro session API.

    Args:
        token: a JWT to start with, if you already have one (otherwise call :meth:`login`).
        base_url: where the API is served (default: the reference server).
        timeout: seconds (or an :class:`httpx.Timeout`) before a request times out.
        httpx_client: an :class:`httpx.Client` to send through instead of building one.
        httpx_args: more keyword arguments for the :class:`httpx.Client` built here (e.g. ``transport``).
    """

    def __init__(
        self,
        token: str | None = None,
        *,
        base_url: str = DEFAULT_BASE_URL,
        timeout: Timeout = DEFAULT_TIMEOUT,
        httpx_client: httpx.Client | None = None,
        httpx_args: Mapping[str, Any] | None = None,
    ) -> None:
        self._state = _SessionState(token)
        super().__init__(
            _raw(base_url),
            base_url=base_url,
            timeout=timeout,
            auth=self._state.auth,
            errors=_ERRORS,
            httpx_client=httpx_client,
            httpx_args=httpx_args,
        )

    @property
    def token(self) -> str | None:
        """The current JWT (``None`` before login and after :meth:`logout_everywhere`)."""
        return self._state.auth.token

    @property
    def expires_at(self) -> datetime.datetime | None:
        """When the current JWT expires, as the server said (``None`` if unknown)."""
        return self._state.expires_at

    def login(self, email: str, password: str) -> Session:
        """Log in with email and password; keep the JWT it returns."""
        request = create_session._get_kwargs(body=User(email=email, password=password))
        return self._state.keep(self._call(request, create_session._parse_response, Session))

    def refresh(self) -> Session:
        """Exchange the current JWT for a new one with a later expiry; keep the new one."""
        self._state.require()
        request = refresh_session._get_kwargs()
        return self._state.keep(self._call(request, refresh_session._parse_response, Session))

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


class AsyncPacerproClient(AsyncFacade[AuthenticatedClient]):
    """Async client of the PacerPro session API; the twin of :class:`PacerproClient` (same arguments)."""

    def __init__(
        self,
        token: str | None = None,
        *,
        base_url: str = DEFAULT_BASE_URL,
        timeout: Timeout = DEFAULT_TIMEOUT,
        httpx_client: httpx.AsyncClient | None = None,
        httpx_args: Mapping[str, Any] | None = None,
    ) -> None:
        self._state = _SessionState(token)
        super().__init__(
            _raw(base_url),
            base_url=base_url,
            timeout=timeout,
            auth=self._state.auth,
            errors=_ERRORS,
            httpx_client=httpx_client,
            httpx_args=httpx_args,
        )

    @property
    def token(self) -> str | None:
        """The current JWT (``None`` before login and after :meth:`logout_everywhere`)."""
        return self._state.auth.token

    @property
    def expires_at(self) -> datetime.datetime | None:
        """When the current JWT expires, as the server said (``None`` if unknown)."""
        return self._state.expires_at

    async def login(self, email: str, password: str) -> Session:
        """Log in with email and password; keep the JWT it returns."""
        request = create_session._get_kwargs(body=User(email=email, password=password))
        return self._state.keep(await self._call(request, create_session._parse_response, Session))

    async def refresh(self) -> Session:
        """Exchange the current JWT for a new one with a later expiry; keep the new one."""
        self._state.require()
        request = refresh_session._get_kwargs()
        return self._state.keep(await self._call(request, refresh_session._parse_response, Session))

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
