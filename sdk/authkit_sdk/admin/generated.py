"""The generated client of the authkit reference server admin API (openapi-python-client output), for raw calls.

Every operation module has ``sync``, ``sync_detailed``, ``asyncio`` and ``asyncio_detailed`` functions (only the
``_detailed`` pair when no response has a body) that take a ``client=``: pass a facade's ``raw`` client to
share its cookies and auth. Errors come back as models inside the result union, not as exceptions; the
facade is the layer that raises. Never edit ``_generated``: regenerate it with ``scripts/generate``.
"""

from __future__ import annotations

from authkit_sdk.admin._generated import api, errors, models, types
from authkit_sdk.admin._generated.api.clock import advance_clock, get_clock
from authkit_sdk.admin._generated.api.faults import clear_faults, create_fault, delete_fault, list_faults
from authkit_sdk.admin._generated.api.health import get_health
from authkit_sdk.admin._generated.api.journal import clear_journal, list_journal
from authkit_sdk.admin._generated.api.state import (
    create_application,
    create_session,
    create_sink,
    create_stream,
    create_token,
    create_user,
    list_applications,
    list_poller_tokens,
    list_sessions,
    list_streams,
    list_tokens,
    list_users,
    reset_state,
)
from authkit_sdk.admin._generated.client import AuthenticatedClient, Client
from authkit_sdk.admin._generated.errors import UnexpectedStatus
from authkit_sdk.admin._generated.types import UNSET, Response, Unset

__all__ = [
    "UNSET",
    "AuthenticatedClient",
    "Client",
    "Response",
    "UnexpectedStatus",
    "Unset",
    "advance_clock",
    "api",
    "clear_faults",
    "clear_journal",
    "create_application",
    "create_fault",
    "create_session",
    "create_sink",
    "create_stream",
    "create_token",
    "create_user",
    "delete_fault",
    "errors",
    "get_clock",
    "get_health",
    "list_applications",
    "list_faults",
    "list_journal",
    "list_poller_tokens",
    "list_sessions",
    "list_streams",
    "list_tokens",
    "list_users",
    "models",
    "reset_state",
    "types",
]
