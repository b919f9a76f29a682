"""The admin requests that take arguments, built once for both twins: ``(request, parser, model)`` triples.

Keyword arguments left at ``None`` become the generated code's ``UNSET``, so the field is left out of the body
or query and the server applies its documented default.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from authkit_sdk._core.responses import Parser
from authkit_sdk.admin._generated.api.clock import advance_clock
from authkit_sdk.admin._generated.api.faults import create_fault
from authkit_sdk.admin._generated.api.journal import list_journal
from authkit_sdk.admin._generated.api.state import (
    create_application,
    create_session,
    create_sink,
    create_stream,
    create_token,
    create_user,
    list_poller_tokens,
    list_streams,
)
from authkit_sdk.admin._generated.models import (
    AdminApplication,
    AdminApplicationIn,
    AdminPollerTokenList,
    AdminSession,
    AdminSessionIn,
    AdminSessionInApi,
    AdminSink,
    AdminSinkIn,
    AdminStream,
    AdminStreamIn,
    AdminStreamList,
    AdminToken,
    AdminTokenIn,
    AdminTokenInApi,
    AdminTokenInKind,
    AdminUser,
    AdminUserIn,
    AdminUserInApi,
    ApiSlug,
    Clock,
    ClockAdvanceIn,
    Fault,
    FaultIn,
    JournalEntryList,
)
from authkit_sdk.admin._generated.types import UNSET, Unset

__all__ = [
    "Prepared",
    "add_application",
    "add_fault",
    "add_session",
    "add_sink",
    "add_stream",
    "add_token",
    "add_user",
    "advance",
    "journal",
    "opt",
    "poller_tokens",
    "streams",
]

T = TypeVar("T")

Prepared = tuple[Mapping[str, Any], Parser, type[T]]
"""A request, the generated parser of its response, and the model of its success."""


def opt(value: T | None) -> T | Unset:
    """``None`` (the caller did not say) as UNSET (left out)."""
    return UNSET if value is None else value


def add_user(
    api: AdminUserInApi, email: str | None, password: str | None, name: str | None, subject: str | None
) -> Prepared[AdminUser]:
    """``POST /users``."""
    body = AdminUserIn(api=api, email=opt(email), password=opt(password), name=opt(name), subject=opt(subject))
    return create_user._get_kwargs(body=body), create_user._parse_response, AdminUser


def add_session(
    user: str, api: AdminSessionInApi, session_id: str | None, ttl_seconds: int | None
) -> Prepared[AdminSession]:
    """``POST /sessions``."""
    body = AdminSessionIn(api=api, user=user, id=opt(session_id), ttl_seconds=opt(ttl_seconds))
    return create_session._get_kwargs(body=body), create_session._parse_response, AdminSession


def add_application(name: str, app_id: str | None, uid: str | None) -> Prepared[AdminApplication]:
    """``POST /applications``."""
    body = AdminApplicationIn(name=name, id=opt(app_id), uid=opt(uid))
    return create_application._get_kwargs(body=body), create_application._parse_response, AdminApplication


def streams() -> Prepared[AdminStreamList]:
    """``GET /streams``."""
    return list_streams._get_kwargs(), list_streams._parse_response, AdminStreamList


def add_stream(name: str, stream_id: str | None, uid: str | None) -> Prepared[AdminStream]:
    """``POST /streams``."""
    body = AdminStreamIn(name=name, id=opt(stream_id), uid=opt(uid))
    return create_stream._get_kwargs(body=body), create_stream._parse_response, AdminStream


def add_sink(stream_id: str, name: str, sink_id: str | None, uid: str | None) -> Prepared[AdminSink]:
    """``POST /streams/{stream_id}/sinks``."""
    body = AdminSinkIn(name=name, id=opt(sink_id), uid=opt(uid))
    return create_sink._get_kwargs(stream_id, body=body), create_sink._parse_response, AdminSink


def poller_tokens(stream_id: str | None, sink_id: str | None) -> Prepared[AdminPollerTokenList]:
    """``GET /poller-tokens``."""
    request = list_poller_tokens._get_kwargs(stream_id=opt(stream_id), sink_id=opt(sink_id))
    return request, list_poller_tokens._parse_response, AdminPollerTokenList


def add_token(api: AdminTokenInApi, kind: AdminTokenInKind, token: str | None) -> Prepared[AdminToken]:
    """``POST /tokens``."""
    body = AdminTokenIn(api=api, kind=kind, token=opt(token))
    return create_token._get_kwargs(body=body), create_token._parse_response, AdminToken


def journal(api: ApiSlug | None, operation: str | None, status: int | None, limit: int) -> Prepared[JournalEntryList]:
    """``GET /journal``."""
    request = list_journal._get_kwargs(api=opt(api), operation=opt(operation), status=opt(status), limit=limit)
    return request, list_journal._parse_response, JournalEntryList


def add_fault(api: ApiSlug, operation: str, status: int | None, delay_ms: int, count: int | None) -> Prepared[Fault]:
    """``POST /faults`` (``status`` and ``count`` are sent as null when ``None``: only a delay, until removed)."""
    body = FaultIn(api=api, operation=operation, status=status, delay_ms=delay_ms, count=count)
    return create_fault._get_kwargs(body=body), create_fault._parse_response, Fault


def advance(seconds: float) -> Prepared[Clock]:
    """``POST /clock/advance``."""
    return advance_clock._get_kwargs(body=ClockAdvanceIn(seconds=seconds)), advance_clock._parse_response, Clock
