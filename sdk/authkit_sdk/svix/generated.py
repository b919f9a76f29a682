"""The generated client of the Svix API (openapi-python-client output), for raw calls.

Every operation module has ``sync``, ``sync_detailed``, ``asyncio`` and ``asyncio_detailed`` functions (only the
``_detailed`` pair when no response has a body) that take a ``client=``: pass a facade's ``raw`` client to
share its cookies and auth. Errors come back as models inside the result union, not as exceptions; the
facade is the layer that raises. Never edit ``_generated``: regenerate it with ``scripts/generate``.
"""

from __future__ import annotations

from authkit_sdk.svix._generated import api, errors, models, types
from authkit_sdk.svix._generated.api.authentication import app_portal_access, dashboard_access, expire_all, logout
from authkit_sdk.svix._generated.api.stream_authentication import (
    get_stream_poller_token,
    rotate_stream_poller_token,
    stream_expire_all,
    stream_logout,
    stream_portal_access,
)
from authkit_sdk.svix._generated.client import AuthenticatedClient, Client
from authkit_sdk.svix._generated.errors import UnexpectedStatus
from authkit_sdk.svix._generated.types import UNSET, Response, Unset

__all__ = [
    "UNSET",
    "AuthenticatedClient",
    "Client",
    "Response",
    "UnexpectedStatus",
    "Unset",
    "api",
    "app_portal_access",
    "dashboard_access",
    "errors",
    "expire_all",
    "get_stream_poller_token",
    "logout",
    "models",
    "rotate_stream_poller_token",
    "stream_expire_all",
    "stream_logout",
    "stream_portal_access",
    "types",
]
