"""Authlance identity API: exchange an identity-provider session for a JWT, and log out.

Neither call needs credentials. The client's cookie jar keeps the ``loopToken`` cookie the exchange sets (and
that logout clears), as a browser would.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx

from authkit_sdk._core.auth import cookie_value
from authkit_sdk._core.facade import DEFAULT_TIMEOUT, REFERENCE_SERVER, AsyncFacade, SyncFacade, Timeout
from authkit_sdk._core.responses import ApiErrors, Exchange, expect
from authkit_sdk.authlance import errors, generated, models
from authkit_sdk.authlance._generated.api.auth import exchange_session_for_token, logout
from authkit_sdk.authlance._generated.client import AuthenticatedClient
from authkit_sdk.authlance._generated.errors import UnexpectedStatus
from authkit_sdk.authlance._generated.models import (
    ControllersAuthAuthRequest,
    ControllersAuthAuthResponse,
    ControllersAuthErrorResponse,
    ControllersAuthLogoutResponse,
)

__all__ = [
    "DEFAULT_BASE_URL",
    "LOOP_TOKEN_COOKIE",
    "AsyncAuthlanceClient",
    "AuthlanceClient",
    "ControllersAuthAuthResponse",
    "ControllersAuthErrorResponse",
    "ControllersAuthLogoutResponse",
    "errors",
    "generated",
    "models",
]

DEFAULT_BASE_URL = f"{REFERENCE_SERVER}/authlance"
"""The reference server's Authlance API (its paths start with ``/authlance`` again, as upstream's do)."""

LOOP_TOKEN_COOKIE = "loopToken"
"""The auth cookie Authlance sets on a successful exchange."""


_ERRORS = ApiErrors("authlance", errors.AuthlanceError, UnexpectedStatus)


def _token(exchange: Exchange, cookies: httpx.Cookies) -> str:
    """The JWT of a successful exchange: ``token`` from the body or, since upstream marks that field optional,
    the ``loopToken`` cookie the same answer sets; :class:`MalformedResponseError` when there is neither."""
    result = expect(exchange, ControllersAuthAuthResponse)
    token = result.token or cookie_value(cookies, LOOP_TOKEN_COOKIE)
    if not token:
        raise exchange.malformed(f"a success without a token (no `token` field, no {LOOP_TOKEN_COOKIE} cookie)")
    return token


def _raw(base_url: str) -> AuthenticatedClient:
    return AuthenticatedClient(base_url=base_url, token="", raise_on_unexpected_status=True)


class AuthlanceClient(SyncFacade[AuthenticatedClient]):
    """Sync client of the Authlance identity API.

    Args:
        base_url: where the API is served (default: the reference server).
        timeout: seconds (or an :class:`httpx.Timeout`) before a request times out.
        httpx_client: an :class:`httpx.Client` to send through instead of building one.
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
        super().__init__(
            _raw(base_url),
            base_url=base_url,
            timeout=timeout,
            auth=None,
            errors=_ERRORS,
            httpx_client=httpx_client,
            httpx_args=httpx_args,
        )
        self._token: str | None = None

    @property
    def token(self) -> str | None:
        """The JWT of the last successful :meth:`exchange_session` (``None`` before one and after logout)."""
        return self._token

    @property
    def loop_token(self) -> str | None:
        """The ``loopToken`` cookie this client holds, if any."""
        return cookie_value(self.cookies, LOOP_TOKEN_COOKIE)

    def exchange_session(self, session_id: str) -> str:
        """Exchange an identity-provider session id for a signed JWT; return the JWT and keep its cookie."""
        request = exchange_session_for_token._get_kwargs(body=ControllersAuthAuthRequest(session=session_id))
        self._token = _token(self._send(request, exchange_session_for_token._parse_response), self.cookies)
        return self._token

    def logout(self) -> ControllersAuthLogoutResponse:
        """Log out: the server clears the ``loopToken`` cookie; the client forgets its JWT."""
        result = self._call(logout._get_kwargs(), logout._parse_response, ControllersAuthLogoutResponse)
        self._token = None
        return result


class AsyncAuthlanceClient(AsyncFacade[AuthenticatedClient]):
    """Async client of the Authlance identity API; the twin of :class:`AuthlanceClient` (same arguments)."""

    def __init__(
        self,
        *,
        base_url: str = DEFAULT_BASE_URL,
        timeout: Timeout = DEFAULT_TIMEOUT,
        httpx_client: httpx.AsyncClient | None = None,
        httpx_args: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(
            _raw(base_url),
            base_url=base_url,
            timeout=timeout,
            auth=None,
            errors=_ERRORS,
            httpx_client=httpx_client,
            httpx_args=httpx_args,
        )
        self._token: str | None = None

    @property
    def token(self) -> str | None:
        """The JWT of the last successful :meth:`exchange_session` (``None`` before one and after logout)."""
        return self._token

    @property
    def loop_token(self) -> str | None:
        """The ``loopToken`` cookie this client holds, if any."""
        return cookie_value(self.cookies, LOOP_TOKEN_COOKIE)

    async def exchange_session(self, session_id: str) -> str:
        """Exchange an identity-provider session id for a signed JWT; return the JWT and keep its cookie."""
        request = exchange_session_for_token._get_kwargs(body=ControllersAuthAuthRequest(session=session_id))
        exchange = await self._send(request, exchange_session_for_token._parse_response)
        self._token = _token(exchange, self.cookies)
        return self._token

    async def logout(self) -> ControllersAuthLogoutResponse:
        """Log out: the server clears the ``loopToken`` cookie; the client forgets its JWT."""
        result = await self._call(logout._get_kwargs(), logout._parse_response, ControllersAuthLogoutResponse)
        self._token = None
        return result
