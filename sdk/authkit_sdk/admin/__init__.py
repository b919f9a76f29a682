"""The reference server's admin API (``/__admin``), for QA: state, the request journal, faults and the clock.

Loopback requests need no credentials; from elsewhere the server wants its admin token, which
``AdminClient(token)`` sends as ``X-Admin-Token``. Typical use in a test: ``reset()``, ``add_user(...)``,
drive an API, then ``journal(api=...)`` to see what the server received, ``add_fault(...)`` to make an
operation fail, ``advance_clock(3600)`` to expire tokens without sleeping.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx

from authkit_sdk._core.auth import TokenAuth
from authkit_sdk._core.facade import DEFAULT_TIMEOUT, REFERENCE_SERVER, AsyncFacade, SyncFacade, Timeout
from authkit_sdk._core.responses import ApiErrors
from authkit_sdk.admin import _requests, errors, generated, models
from authkit_sdk.admin._generated.api.clock import get_clock
from authkit_sdk.admin._generated.api.faults import clear_faults, delete_fault, list_faults
from authkit_sdk.admin._generated.api.health import get_health
from authkit_sdk.admin._generated.api.journal import clear_journal
from authkit_sdk.admin._generated.api.state import (
    list_applications,
    list_sessions,
    list_tokens,
    list_users,
    reset_state,
)
from authkit_sdk.admin._generated.client import AuthenticatedClient
from authkit_sdk.admin._generated.errors import UnexpectedStatus
from authkit_sdk.admin._generated.models import (
    AdminApplication,
    AdminApplicationList,
    AdminError,
    AdminPollerTokenList,
    AdminSession,
    AdminSessionInApi,
    AdminSessionList,
    AdminSink,
    AdminStream,
    AdminStreamList,
    AdminToken,
    AdminTokenInApi,
    AdminTokenInKind,
    AdminTokenList,
    AdminUser,
    AdminUserInApi,
    AdminUserList,
    ApiSlug,
    Clock,
    Fault,
    FaultList,
    Health,
    JournalEntry,
    JournalEntryList,
    StatusOk,
)

__all__ = [
    "ADMIN_TOKEN_HEADER",
    "DEFAULT_BASE_URL",
    "AdminApplication",
    "AdminApplicationList",
    "AdminClient",
    "AdminError",
    "AdminPollerTokenList",
    "AdminSession",
    "AdminSessionList",
    "AdminSink",
    "AdminStream",
    "AdminStreamList",
    "AdminToken",
    "AdminTokenList",
    "AdminUser",
    "AdminUserList",
    "ApiSlug",
    "AsyncAdminClient",
    "Clock",
    "Fault",
    "FaultList",
    "Health",
    "JournalEntry",
    "JournalEntryList",
    "StatusOk",
    "errors",
    "generated",
    "models",
]

DEFAULT_BASE_URL = f"{REFERENCE_SERVER}/__admin"
"""The reference server's admin API."""

ADMIN_TOKEN_HEADER = "X-Admin-Token"
"""The header of the admin token (sent as is, no prefix)."""


_ERRORS = ApiErrors("admin", errors.AdminApiError, UnexpectedStatus)


def _raw(base_url: str, token: str | None) -> AuthenticatedClient:
    return AuthenticatedClient(
        base_url=base_url,
        token=token or "",
        prefix="",
        auth_header_name=ADMIN_TOKEN_HEADER,
        raise_on_unexpected_status=True,
    )


class AdminClient(SyncFacade[AuthenticatedClient]):
    """Sync client of the reference server's admin API.

    Args:
        token: the server's admin token, sent as ``X-Admin-Token`` (needed only from a non-loopback address).
        base_url: where the admin API is served (default: the local reference server).
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
        super().__init__(
            _raw(base_url, token),
            base_url=base_url,
            timeout=timeout,
            auth=TokenAuth(token, header=ADMIN_TOKEN_HEADER, prefix=""),
            errors=_ERRORS,
            httpx_client=httpx_client,
            httpx_args=httpx_args,
        )

    def health(self) -> Health:
        """Whether the server is up: the APIs it serves and its clock."""
        return self._call(get_health._get_kwargs(), get_health._parse_response, Health)

    def reset(self) -> StatusOk:
        """Put the server back to its seed (users, sessions, tokens, journal, faults, clock offset)."""
        return self._call(reset_state._get_kwargs(), reset_state._parse_response, StatusOk)

    def users(self, api: ApiSlug | None = None) -> AdminUserList:
        """The users of every API, or of ``api``."""
        return self._call(list_users._get_kwargs(api=_requests.opt(api)), list_users._parse_response, AdminUserList)

    def add_user(
        self,
        api: AdminUserInApi,
        *,
        email: str | None = None,
        password: str | None = None,
        name: str | None = None,
        subject: str | None = None,
    ) -> AdminUser:
        """Add a user to ``api`` (polario and pacerpro need email and password; bixarena a name)."""
        return self._call(*_requests.add_user(api, email, password, name, subject))

    def sessions(self, api: ApiSlug | None = None) -> AdminSessionList:
        """The identity-provider sessions (authlance), or those of ``api``."""
        return self._call(
            list_sessions._get_kwargs(api=_requests.opt(api)), list_sessions._parse_response, AdminSessionList
        )

    def add_session(
        self,
        user: str,
        *,
        api: AdminSessionInApi = "authlance",
        session_id: str | None = None,
        ttl_seconds: int | None = None,
    ) -> AdminSession:
        """Add a session of ``user`` (a subject or e-mail address) that ``exchange_session`` accepts."""
        return self._call(*_requests.add_session(user, api, session_id, ttl_seconds))

    def applications(self) -> AdminApplicationList:
        """The svix applications."""
        return self._call(list_applications._get_kwargs(), list_applications._parse_response, AdminApplicationList)

    def add_application(self, name: str, *, app_id: str | None = None, uid: str | None = None) -> AdminApplication:
        """Add a svix application (``app_id`` is generated when not given)."""
        return self._call(*_requests.add_application(name, app_id, uid))

    def streams(self) -> AdminStreamList:
        """The svix streams, with their sinks and each sink's current poller token."""
        return self._call(*_requests.streams())

    def add_stream(self, name: str, *, stream_id: str | None = None, uid: str | None = None) -> AdminStream:
        """Add a svix stream (``stream_id`` is generated when not given)."""
        return self._call(*_requests.add_stream(name, stream_id, uid))

    def add_sink(self, stream_id: str, name: str, *, sink_id: str | None = None, uid: str | None = None) -> AdminSink:
        """Add a poller sink, with its first poller token, to a svix stream."""
        return self._call(*_requests.add_sink(stream_id, name, sink_id, uid))

    def poller_tokens(self, *, stream_id: str | None = None, sink_id: str | None = None) -> AdminPollerTokenList:
        """The svix poller tokens the server holds (of one stream or sink)."""
        return self._call(*_requests.poller_tokens(stream_id, sink_id))

    def tokens(self, api: ApiSlug | None = None) -> AdminTokenList:
        """The tokens the server knows (svix keys and app tokens), or those of ``api``."""
        return self._call(list_tokens._get_kwargs(api=_requests.opt(api)), list_tokens._parse_response, AdminTokenList)

    def add_token(
        self, *, api: AdminTokenInApi = "svix", kind: AdminTokenInKind = "org_key", token: str | None = None
    ) -> AdminToken:
        """Add a token (a svix organisation API key; generated when ``token`` is not given)."""
        return self._call(*_requests.add_token(api, kind, token))

    def journal(
        self, *, api: ApiSlug | None = None, operation: str | None = None, status: int | None = None, limit: int = 100
    ) -> JournalEntryList:
        """The requests the server received, newest last, filtered by ``api``, ``operation`` and ``status``."""
        return self._call(*_requests.journal(api, operation, status, limit))

    def clear_journal(self) -> None:
        """Empty the request journal."""
        self._send(clear_journal._get_kwargs(), clear_journal._parse_response)

    def faults(self) -> FaultList:
        """The active faults, in the order they are tried."""
        return self._call(list_faults._get_kwargs(), list_faults._parse_response, FaultList)

    def add_fault(
        self, api: ApiSlug, operation: str, *, status: int | None = None, delay_ms: int = 0, count: int | None = None
    ) -> Fault:
        """Make ``operation`` of ``api`` (an operationId or ``*``) answer ``status`` and/or wait ``delay_ms``.

        It affects ``count`` requests, or every one until removed when ``count`` is ``None``.
        """
        return self._call(*_requests.add_fault(api, operation, status, delay_ms, count))

    def delete_fault(self, fault_id: int) -> None:
        """Remove one fault."""
        self._send(delete_fault._get_kwargs(fault_id), delete_fault._parse_response)

    def clear_faults(self) -> None:
        """Remove every fault."""
        self._send(clear_faults._get_kwargs(), clear_faults._parse_response)

    def clock(self) -> Clock:
        """The server clock (wall clock plus the offset)."""
        return self._call(get_clock._get_kwargs(), get_clock._parse_response, Clock)

    def advance_clock(self, seconds: float) -> Clock:
        """Move the server clock forward by ``seconds`` (expiries follow it; nothing sleeps)."""
        return self._call(*_requests.advance(seconds))


class AsyncAdminClient(AsyncFacade[AuthenticatedClient]):
    """Async client of the reference server's admin API; the twin of :class:`AdminClient` (same arguments)."""

    def __init__(
        self,
        token: str | None = None,
        *,
        base_url: str = DEFAULT_BASE_URL,
        timeout: Timeout = DEFAULT_TIMEOUT,
        httpx_client: httpx.AsyncClient | None = None,
        httpx_args: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(
            _raw(base_url, token),
            base_url=base_url,
            timeout=timeout,
            auth=TokenAuth(token, header=ADMIN_TOKEN_HEADER, prefix=""),
            errors=_ERRORS,
            httpx_client=httpx_client,
            httpx_args=httpx_args,
        )

    async def health(self) -> Health:
        """Whether the server is up: the APIs it serves and its clock."""
        return await self._call(get_health._get_kwargs(), get_health._parse_response, Health)

    async def reset(self) -> StatusOk:
        """Put the server back to its seed (users, sessions, tokens, journal, faults, clock offset)."""
        return await self._call(reset_state._get_kwargs(), reset_state._parse_response, StatusOk)

    async def users(self, api: ApiSlug | None = None) -> AdminUserList:
        """The users of every API, or of ``api``."""
        return await self._call(
            list_users._get_kwargs(api=_requests.opt(api)), list_users._parse_response, AdminUserList
        )

    async def add_user(
        self,
        api: AdminUserInApi,
        *,
        email: str | None = None,
        password: str | None = None,
        name: str | None = None,
        subject: str | None = None,
    ) -> AdminUser:
        """Add a user to ``api`` (polario and pacerpro need email and password; bixarena a name)."""
        return await self._call(*_requests.add_user(api, email, password, name, subject))

    async def sessions(self, api: ApiSlug | None = None) -> AdminSessionList:
        """The identity-provider sessions (authlance), or those of ``api``."""
        return await self._call(
            list_sessions._get_kwargs(api=_requests.opt(api)), list_sessions._parse_response, AdminSessionList
        )

    async def add_session(
        self,
        user: str,
        *,
        api: AdminSessionInApi = "authlance",
        session_id: str | None = None,
        ttl_seconds: int | None = None,
    ) -> AdminSession:
        """Add a session of ``user`` (a subject or e-mail address) that ``exchange_session`` accepts."""
        return await self._call(*_requests.add_session(user, api, session_id, ttl_seconds))

    async def applications(self) -> AdminApplicationList:
        """The svix applications."""
        return await self._call(
            list_applications._get_kwargs(), list_applications._parse_response, AdminApplicationList
        )

    async def add_application(
        self, name: str, *, app_id: str | None = None, uid: str | None = None
    ) -> AdminApplication:
        """Add a svix application (``app_id`` is generated when not given)."""
        return await self._call(*_requests.add_application(name, app_id, uid))

    async def streams(self) -> AdminStreamList:
        """The svix streams, with their sinks and each sink's current poller token."""
        return await self._call(*_requests.streams())

    async def add_stream(self, name: str, *, stream_id: str | None = None, uid: str | None = None) -> AdminStream:
        """Add a svix stream (``stream_id`` is generated when not given)."""
        return await self._call(*_requests.add_stream(name, stream_id, uid))

    async def add_sink(
        self, stream_id: str, name: str, *, sink_id: str | None = None, uid: str | None = None
    ) -> AdminSink:
        """Add a poller sink, with its first poller token, to a svix stream."""
        return await self._call(*_requests.add_sink(stream_id, name, sink_id, uid))

    async def poller_tokens(self, *, stream_id: str | None = None, sink_id: str | None = None) -> AdminPollerTokenList:
        """The svix poller tokens the server holds (of one stream or sink)."""
        return await self._call(*_requests.poller_tokens(stream_id, sink_id))

    async def tokens(self, api: ApiSlug | None = None) -> AdminTokenList:
        """The tokens the server knows (svix keys and app tokens), or those of ``api``."""
        return await self._call(
            list_tokens._get_kwargs(api=_requests.opt(api)), list_tokens._parse_response, AdminTokenList
        )

    async def add_token(
        self, *, api: AdminTokenInApi = "svix", kind: AdminTokenInKind = "org_key", token: str | None = None
    ) -> AdminToken:
        """Add a token (a svix organisation API key; generated when ``token`` is not given)."""
        return await self._call(*_requests.add_token(api, kind, token))

    async def journal(
        self, *, api: ApiSlug | None = None, operation: str | None = None, status: int | None = None, limit: int = 100
    ) -> JournalEntryList:
        """The requests the server received, newest last, filtered by ``api``, ``operation`` and ``status``."""
        return await self._call(*_requests.journal(api, operation, status, limit))

    async def clear_journal(self) -> None:
        """Empty the request journal."""
        await self._send(clear_journal._get_kwargs(), clear_journal._parse_response)

    async def faults(self) -> FaultList:
        """The active faults, in the order they are tried."""
        return await self._call(list_faults._get_kwargs(), list_faults._parse_response, FaultList)

    async def add_fault(
        self, api: ApiSlug, operation: str, *, status: int | None = None, delay_ms: int = 0, count: int | None = None
    ) -> Fault:
        """Make ``operation`` of ``api`` (an operationId or ``*``) answer ``status`` and/or wait ``delay_ms``.

        It affects ``count`` requests, or every one until removed when ``count`` is ``None``.
        """
        return await self._call(*_requests.add_fault(api, operation, status, delay_ms, count))

    async def delete_fault(self, fault_id: int) -> None:
        """Remove one fault."""
        await self._send(delete_fault._get_kwargs(fault_id), delete_fault._parse_response)

    async def clear_faults(self) -> None:
        """Remove every fault."""
        await self._send(clear_faults._get_kwargs(), clear_faults._parse_response)

    async def clock(self) -> Clock:
        """The server clock (wall clock plus the offset)."""
        return await self._call(get_clock._get_kwargs(), get_clock._parse_response, Clock)

    async def advance_clock(self, seconds: float) -> Clock:
        """Move the server clock forward by ``seconds`` (expiries follow it; nothing sleeps)."""
        return await self._call(*_requests.advance(seconds))
