"""Svix authentication API: app portal access, dashboard access, expire-all and logout.

``SvixClient(token)`` sends ``Authorization: Bearer <token>`` (an organisation API key, or an application token
for :meth:`SvixClient.logout`). Every call is a POST and carries an ``idempotency-key``: a fresh UUID4 per call
unless you pass ``idempotency_key=``, sent unchanged on each retry. A 429 or 5xx is retried as the
:class:`~authkit_sdk.RetryPolicy` says, honouring ``Retry-After``; pass ``retries=None`` to turn that off.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Mapping, Sequence
from typing import Any

import httpx

from authkit_sdk._core.auth import TokenAuth
from authkit_sdk._core.facade import DEFAULT_TIMEOUT, REFERENCE_SERVER, AsyncFacade, SyncFacade, Timeout
from authkit_sdk._core.idempotency import new_idempotency_key
from authkit_sdk._core.refreshing import Credentials, RefreshingAuth
from authkit_sdk._core.retries import AsyncSleep, RetryPolicy, Sleep
from authkit_sdk.svix import generated
from authkit_sdk.svix._generated.api.authentication import app_portal_access, dashboard_access, expire_all, logout
from authkit_sdk.svix._generated.client import AuthenticatedClient
from authkit_sdk.svix._generated.errors import UnexpectedStatus
from authkit_sdk.svix._generated.models import (
    ApplicationTokenExpireIn,
    AppPortalAccessIn,
    AppPortalAccessOut,
    DashboardAccessOut,
    HttpErrorOut,
    HTTPValidationError,
    ValidationError,
)
from authkit_sdk.svix._generated.types import UNSET

__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_RETRY_POLICY",
    "AppPortalAccessOut",
    "AsyncSvixClient",
    "DashboardAccessOut",
    "HTTPValidationError",
    "HttpErrorOut",
    "RefreshingAuth",
    "RetryPolicy",
    "SvixClient",
    "ValidationError",
    "generated",
]

DEFAULT_BASE_URL = f"{REFERENCE_SERVER}/svix"
"""The reference server's svix API (the real service is ``https://api.svix.com``)."""

DEFAULT_RETRY_POLICY = RetryPolicy()
"""Three attempts, 0.5 s backoff doubling up to 30 s, jittered; ``Retry-After`` honoured."""


def _raw(base_url: str, token: str) -> AuthenticatedClient:
    return AuthenticatedClient(base_url=base_url, token=token, raise_on_unexpected_status=True)


def _static_auth(token: str) -> RefreshingAuth:
    credentials = Credentials()
    credentials.keep(token)
    return RefreshingAuth(credentials, raise_on_401=True)


def _portal_body(feature_flags: Sequence[str] | None) -> AppPortalAccessIn:
    return AppPortalAccessIn(feature_flags=UNSET if feature_flags is None else list(feature_flags))


def _expire_body(expiry: int | None) -> ApplicationTokenExpireIn:
    return ApplicationTokenExpireIn(expiry=UNSET if expiry is None else expiry)


class SvixClient(SyncFacade[AuthenticatedClient]):
    """Sync client of the Svix authentication API.

    Args:
        token: the bearer token: an organisation API key (``testsk_…``), or an app token to log out.
        base_url: where the API is served (default: the reference server).
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
        base_url: str = DEFAULT_BASE_URL,
        timeout: Timeout = DEFAULT_TIMEOUT,
        retries: RetryPolicy | None = DEFAULT_RETRY_POLICY,
        sleep: Sleep = time.sleep,
        httpx_client: httpx.Client | None = None,
        httpx_args: Mapping[str, Any] | None = None,
    ) -> None:
        self._auth = TokenAuth(token)
        super().__init__(
            _raw(base_url, token),
            base_url=base_url,
            timeout=timeout,
            auth=self._auth,
            unexpected_status=UnexpectedStatus,
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
        request = dashboard_access._get_kwargs(app_id, idempotency_key=idempotency_key or new_idempotency_key())
        return self._call(request, dashboard_access._parse_response, DashboardAccessOut)

    def app_portal_access(
        self, app_id: str, feature_flags: Sequence[str] | None = None, *, idempotency_key: str | None = None
    ) -> AppPortalAccessOut:
        """Issue an app token for ``app_id`` (limited to ``feature_flags``) and an app portal URL embedding it."""
        request = app_portal_access._get_kwargs(
            app_id, body=_portal_body(feature_flags), idempotency_key=idempotency_key or new_idempotency_key()
        )
        return self._call(request, app_portal_access._parse_response, AppPortalAccessOut)

    def expire_all(self, app_id: str, expiry: int | None = None, *, idempotency_key: str | None = None) -> None:
        """Make every app token of ``app_id`` expire in ``expiry`` seconds (at once when ``None`` or 0)."""
        request = expire_all._get_kwargs(
            app_id, body=_expire_body(expiry), idempotency_key=idempotency_key or new_idempotency_key()
        )
        self._send(request, expire_all._parse_response)

    def logout(self, *, idempotency_key: str | None = None) -> None:
        """Log out this client's app token (an organisation key cannot log out: 403)."""
        request = logout._get_kwargs(idempotency_key=idempotency_key or new_idempotency_key())
        self._send(request, logout._parse_response)


class AsyncSvixClient(AsyncFacade[AuthenticatedClient]):
    """Async client of the Svix authentication API; the twin of :class:`SvixClient` (same arguments)."""

    def __init__(
        self,
        token: str,
        *,
        base_url: str = DEFAULT_BASE_URL,
        timeout: Timeout = DEFAULT_TIMEOUT,
        retries: RetryPolicy | None = DEFAULT_RETRY_POLICY,
        sleep: AsyncSleep = asyncio.sleep,
        httpx_client: httpx.AsyncClient | None = None,
        httpx_args: Mapping[str, Any] | None = None,
    ) -> None:
        self._auth = TokenAuth(token)
        super().__init__(
            _raw(base_url, token),
            base_url=base_url,
            timeout=timeout,
            auth=self._auth,
            unexpected_status=UnexpectedStatus,
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
        request = dashboard_access._get_kwargs(app_id, idempotency_key=idempotency_key or new_idempotency_key())
        return await self._call(request, dashboard_access._parse_response, DashboardAccessOut)

    async def app_portal_access(
        self, app_id: str, feature_flags: Sequence[str] | None = None, *, idempotency_key: str | None = None
    ) -> AppPortalAccessOut:
        """Issue an app token for ``app_id`` (limited to ``feature_flags``) and an app portal URL embedding it."""
        request = app_portal_access._get_kwargs(
            app_id, body=_portal_body(feature_flags), idempotency_key=idempotency_key or new_idempotency_key()
        )
        return await self._call(request, app_portal_access._parse_response, AppPortalAccessOut)

    async def expire_all(self, app_id: str, expiry: int | None = None, *, idempotency_key: str | None = None) -> None:
        """Make every app token of ``app_id`` expire in ``expiry`` seconds (at once when ``None`` or 0)."""
        request = expire_all._get_kwargs(
            app_id, body=_expire_body(expiry), idempotency_key=idempotency_key or new_idempotency_key()
        )
        await self._send(request, expire_all._parse_response)

    async def logout(self, *, idempotency_key: str | None = None) -> None:
        """Log out this client's app token (an organisation key cannot log out: 403)."""
        request = logout._get_kwargs(idempotency_key=idempotency_key or new_idempotency_key())
        await self._send(request, logout._parse_response)
