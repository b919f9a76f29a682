"""Svix authentication API: app and stream portal access, expire-all, logout, and stream poller tokens.

The eight methods of the official SDK's ``Authentication`` resource (PyPI ``svix`` 2.9.x), with the same names and
argument names (the request models' fields become keyword arguments), plus the deprecated ``dashboard_access``.

``SvixClient(token)`` sends ``Authorization: Bearer <token>`` (an organisation API key, an application token for
:meth:`SvixClient.logout`, or a stream token for :meth:`SvixClient.stream_logout` and its stream's poller tokens).
Without ``base_url``, a token whose suffix names a region (``….eu``, ``us``, ``ca``, ``au``, ``in``) goes to that
region's server (``https://api.eu.svix.com``), as the official SDK does; any other token to the reference server.
Every POST carries an ``idempotency-key``: a fresh UUID4 per call unless you pass ``idempotency_key=``, sent
unchanged on each retry. A 429 or 5xx is retried as the :class:`~authkit_sdk.RetryPolicy` says, honouring
``Retry-After``; pass ``retries=None`` to turn that off.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Mapping, Sequence
from typing import Any

import httpx

from authkit_sdk._core.auth import TokenAuth
from authkit_sdk._core.facade import DEFAULT_TIMEOUT, REFERENCE_SERVER, AsyncFacade, SyncFacade, Timeout
from authkit_sdk._core.refreshing import Credentials, RefreshingAuth
from authkit_sdk._core.responses import ApiErrors
from authkit_sdk._core.retries import AsyncSleep, RetryPolicy, Sleep
from authkit_sdk.svix import _requests as requests
from authkit_sdk.svix import errors, generated, models
from authkit_sdk.svix._generated.client import AuthenticatedClient
from authkit_sdk.svix._generated.errors import UnexpectedStatus
from authkit_sdk.svix._generated.models import (
    ApiTokenOut,
    ApplicationIn,
    AppPortalAccessOut,
    AppPortalCapability,
    DashboardAccessOut,
    HttpErrorOut,
    HTTPValidationError,
    ValidationError,
)
from authkit_sdk.svix._requests import REGIONS, region_url

__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_RETRY_POLICY",
    "REGIONS",
    "ApiTokenOut",
    "AppPortalAccessOut",
    "AppPortalCapability",
    "ApplicationIn",
    "AsyncSvixClient",
    "DashboardAccessOut",
    "HTTPValidationError",
    "HttpErrorOut",
    "RefreshingAuth",
    "RetryPolicy",
    "SvixClient",
    "ValidationError",
    "base_url_for",
    "errors",
    "generated",
    "models",
    "region_url",
]

DEFAULT_BASE_URL = f"{REFERENCE_SERVER}/svix"
"""The reference server's svix API (the real service is ``https://api.svix.com``)."""

DEFAULT_RETRY_POLICY = RetryPolicy()
"""Three attempts, 0.5 s backoff doubling up to 30 s, jittered; ``Retry-After`` honoured."""

Capabilities = Sequence[AppPortalCapability]


def base_url_for(token: str) -> str:
    """Where a client of ``token`` goes when given no ``base_url``: its region's server, else the reference server."""
    return region_url(token) or DEFAULT_BASE_URL


_ERRORS = ApiErrors("svix", errors.SvixError, UnexpectedStatus)


def _raw(base_url: str, token: str) -> AuthenticatedClient:
    return AuthenticatedClient(base_url=base_url, token=token, raise_on_unexpected_status=True)


def _static_auth(token: str) -> RefreshingAuth:
    credentials = Credentials()
    credentials.keep(token)
    return RefreshingAuth(credentials, raise_on_401=True)


class SvixClient(SyncFacade[AuthenticatedClient]):
    """Sync client of the Svix authentication API.

    Args:
        token: the bearer token: an organisation API key (``testsk_…``), or an app token to log out.
        base_url: where the API is served (default: the token's region's server when its suffix names one, else the
            reference server; see :func:`base_url_for`).
        timeout: seconds (or an :class:`httpx.Timeout`) before a request times out.
        retries: the :class:`RetryPolicy` for 429 and 5xx, or ``None`` for no retries.
        sleep: how to wait between attempts (tests pass a fake).
        httpx_client: an :class:`httpx.Client` to send through instead of building one.
        httpx_args: more keyword arguments for the :class:`httpx.Client` built here (e.g. ``transport``).
    """

    def __init__(
        self,
        token: str,
        *,
        base_url: str | None = None,
        timeout: Timeout = DEFAULT_TIMEOUT,
        retries: RetryPolicy | None = DEFAULT_RETRY_POLICY,
        sleep: Sleep = time.sleep,
        httpx_client: httpx.Client | None = None,
        httpx_args: Mapping[str, Any] | None = None,
    ) -> None:
        self._auth = TokenAuth(token)
        base_url = base_url or base_url_for(token)
        super().__init__(
            _raw(base_url, token),
            base_url=base_url,
            timeout=timeout,
            auth=self._auth,
            errors=_ERRORS,
            httpx_client=httpx_client,
            httpx_args=httpx_args,
            retries=retries,
            sleep=sleep,
        )

    @property
    def token(self) -> str:
        """The bearer token this client sends."""
        return self._auth.token or ""

    def auth(self) -> RefreshingAuth:
        """An :class:`httpx.Auth` for your own :class:`httpx.Client`: sends this client's token as a bearer token.

        Svix tokens cannot be refreshed: a 401 raises :class:`~authkit_sdk.errors.UnauthorizedError` at once.
        """
        return _static_auth(self.token)

    def dashboard_access(self, app_id: str, *, idempotency_key: str | None = None) -> DashboardAccessOut:
        """Issue an app token for ``app_id`` and a dashboard URL embedding it (deprecated upstream)."""
        return self._call(*requests.dashboard_access_request(app_id, idempotency_key), DashboardAccessOut)

    def app_portal_access(
        self,
        app_id: str,
        feature_flags: Sequence[str] | None = None,
        *,
        capabilities: Capabilities | None = None,
        expiry: int | None = None,
        read_only: bool | None = None,
        session_id: str | None = None,
        application: ApplicationIn | None = None,
        idempotency_key: str | None = None,
    ) -> AppPortalAccessOut:
        """Issue an app token for ``app_id`` and an app portal URL embedding it.

        ``feature_flags`` (1 to 25) and ``capabilities`` (default: all) limit what it may do, ``expiry`` how long it
        lives (3600 to 604800 s), ``session_id`` lets :meth:`expire_all` end it alone, ``application`` creates the
        application when ``app_id`` does not exist yet; ``read_only`` is deprecated upstream.
        """
        request = requests.app_portal_access_request(
            app_id, feature_flags, capabilities, expiry, read_only, session_id, application, idempotency_key
        )
        return self._call(*request, AppPortalAccessOut)

    def expire_all(
        self,
        app_id: str,
        expiry: int | None = None,
        *,
        session_ids: Sequence[str] | None = None,
        idempotency_key: str | None = None,
    ) -> None:
        """Make every app token of ``app_id`` (of ``session_ids`` only, when given) expire in ``expiry`` seconds (at
        once when ``None`` or 0)."""
        self._send(*requests.expire_all_request(app_id, expiry, session_ids, idempotency_key))

    def logout(self, *, idempotency_key: str | None = None) -> None:
        """Log out this client's app token (any other token cannot log out here: 403)."""
        self._send(*requests.logout_request(idempotency_key))

    def stream_portal_access(
        self,
        stream_id: str,
        feature_flags: Sequence[str] | None = None,
        *,
        expiry: int | None = None,
        session_id: str | None = None,
        idempotency_key: str | None = None,
    ) -> AppPortalAccessOut:
        """Issue a stream token for ``stream_id`` and a stream portal URL embedding it (options as for apps)."""
        request = requests.stream_portal_access_request(stream_id, feature_flags, expiry, session_id, idempotency_key)
        return self._call(*request, AppPortalAccessOut)

    def stream_logout(self, *, idempotency_key: str | None = None) -> None:
        """Log out this client's stream token (any other token cannot log out here: 403)."""
        self._send(*requests.stream_logout_request(idempotency_key))

    def stream_expire_all(
        self,
        stream_id: str,
        expiry: int | None = None,
        *,
        session_ids: Sequence[str] | None = None,
        idempotency_key: str | None = None,
    ) -> None:
        """Make every stream token of ``stream_id`` (of ``session_ids`` only, when given) expire in ``expiry``
        seconds (at once when ``None`` or 0)."""
        self._send(*requests.stream_expire_all_request(stream_id, expiry, session_ids, idempotency_key))

    def rotate_stream_poller_token(
        self,
        stream_id: str,
        sink_id: str,
        *,
        expiry: int | None = None,
        old_token_expiry: int | None = None,
        idempotency_key: str | None = None,
    ) -> ApiTokenOut:
        """Issue the sink's next poller token (living ``expiry`` seconds); the old one works ``old_token_expiry``
        seconds more (upstream's default 300; 0: it stops at once)."""
        request = requests.rotate_stream_poller_token_request(
            stream_id, sink_id, expiry, old_token_expiry, idempotency_key
        )
        return self._call(*request, ApiTokenOut)

    def get_stream_poller_token(self, stream_id: str, sink_id: str) -> ApiTokenOut:
        """The sink's current poller token."""
        return self._call(*requests.get_stream_poller_token_request(stream_id, sink_id), ApiTokenOut)


class AsyncSvixClient(AsyncFacade[AuthenticatedClient]):
    """Async client of the Svix authentication API; the twin of :class:`SvixClient` (same arguments)."""

    def __init__(
        self,
        token: str,
        *,
        base_url: str | None = None,
        timeout: Timeout = DEFAULT_TIMEOUT,
        retries: RetryPolicy | None = DEFAULT_RETRY_POLICY,
        sleep: AsyncSleep = asyncio.sleep,
        httpx_client: httpx.AsyncClient | None = None,
        httpx_args: Mapping[str, Any] | None = None,
    ) -> None:
        self._auth = TokenAuth(token)
        base_url = base_url or base_url_for(token)
        super().__init__(
            _raw(base_url, token),
            base_url=base_url,
            timeout=timeout,
            auth=self._auth,
            errors=_ERRORS,
            httpx_client=httpx_client,
            httpx_args=httpx_args,
            retries=retries,
            sleep=sleep,
        )

    @property
    def token(self) -> str:
        """The bearer token this client sends."""
        return self._auth.token or ""

    def auth(self) -> RefreshingAuth:
        """An :class:`httpx.Auth` for your own :class:`httpx.AsyncClient`: sends this client's token as a bearer token.

        Svix tokens cannot be refreshed: a 401 raises :class:`~authkit_sdk.errors.UnauthorizedError` at once.
        """
        return _static_auth(self.token)

    async def dashboard_access(self, app_id: str, *, idempotency_key: str | None = None) -> DashboardAccessOut:
        """Issue an app token for ``app_id`` and a dashboard URL embedding it (deprecated upstream)."""
        return await self._call(*requests.dashboard_access_request(app_id, idempotency_key), DashboardAccessOut)

    async def app_portal_access(
        self,
        app_id: str,
        feature_flags: Sequence[str] | None = None,
        *,
        capabilities: Capabilities | None = None,
        expiry: int | None = None,
        read_only: bool | None = None,
        session_id: str | None = None,
        application: ApplicationIn | None = None,
        idempotency_key: str | None = None,
    ) -> AppPortalAccessOut:
        """Issue an app token for ``app_id`` and an app portal URL embedding it.

        ``feature_flags`` (1 to 25) and ``capabilities`` (default: all) limit what it may do, ``expiry`` how long it
        lives (3600 to 604800 s), ``session_id`` lets :meth:`expire_all` end it alone, ``application`` creates the
        application when ``app_id`` does not exist yet; ``read_only`` is deprecated upstream.
        """
        request = requests.app_portal_access_request(
            app_id, feature_flags, capabilities, expiry, read_only, session_id, application, idempotency_key
        )
        return await self._call(*request, AppPortalAccessOut)

    async def expire_all(
        self,
        app_id: str,
        expiry: int | None = None,
        *,
        session_ids: Sequence[str] | None = None,
        idempotency_key: str | None = None,
    ) -> None:
        """Make every app token of ``app_id`` (of ``session_ids`` only, when given) expire in ``expiry`` seconds (at
        once when ``None`` or 0)."""
        await self._send(*requests.expire_all_request(app_id, expiry, session_ids, idempotency_key))

    async def logout(self, *, idempotency_key: str | None = None) -> None:
        """Log out this client's app token (any other token cannot log out here: 403)."""
        await self._send(*requests.logout_request(idempotency_key))

    async def stream_portal_access(
        self,
        stream_id: str,
        feature_flags: Sequence[str] | None = None,
        *,
        expiry: int | None = None,
        session_id: str | None = None,
        idempotency_key: str | None = None,
    ) -> AppPortalAccessOut:
        """Issue a stream token for ``stream_id`` and a stream portal URL embedding it (options as for apps)."""
        request = requests.stream_portal_access_request(stream_id, feature_flags, expiry, session_id, idempotency_key)
        return await self._call(*request, AppPortalAccessOut)

    async def stream_logout(self, *, idempotency_key: str | None = None) -> None:
        """Log out this client's stream token (any other token cannot log out here: 403)."""
        await self._send(*requests.stream_logout_request(idempotency_key))

    async def stream_expire_all(
        self,
        stream_id: str,
        expiry: int | None = None,
        *,
        session_ids: Sequence[str] | None = None,
        idempotency_key: str | None = None,
    ) -> None:
        """Make every stream token of ``stream_id`` (of ``session_ids`` only, when given) expire in ``expiry``
        seconds (at once when ``None`` or 0)."""
        await self._send(*requests.stream_expire_all_request(stream_id, expiry, session_ids, idempotency_key))

    async def rotate_stream_poller_token(
        self,
        stream_id: str,
        sink_id: str,
        *,
        expiry: int | None = None,
        old_token_expiry: int | None = None,
        idempotency_key: str | None = None,
    ) -> ApiTokenOut:
        """Issue the sink's next poller token (living ``expiry`` seconds); the old one works ``old_token_expiry``
        seconds more (upstream's default 300; 0: it stops at once)."""
        request = requests.rotate_stream_poller_token_request(
            stream_id, sink_id, expiry, old_token_expiry, idempotency_key
        )
        return await self._call(*request, ApiTokenOut)

    async def get_stream_poller_token(self, stream_id: str, sink_id: str) -> ApiTokenOut:
        """The sink's current poller token."""
        return await self._call(*requests.get_stream_poller_token_request(stream_id, sink_id), ApiTokenOut)
