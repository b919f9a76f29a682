"""Credentials that refresh themselves, and sessions that survive a restart.

Every client with a session hands out an :class:`httpx.Auth` for the app's own calls to the rest of the service::

    with PacerproClient.resume(FileTokenStore("~/.config/myapp/tokens.json")) as pacer, httpx.Client(
        base_url="https://api.pacerpro.com/v1", auth=pacer.auth()
    ) as http:
        http.get("/cases")  # bearer attached; refreshed before it expires, and once on a 401

:class:`RefreshingAuth` refreshes proactively within ``refresh_margin`` seconds of expiry (on the server's clock),
reactively once on a 401 (replaying the request when its body can be replayed), with one refresh shared by all
concurrent requests. :class:`TokenStore` keeps sessions: :class:`MemoryTokenStore`, :class:`FileTokenStore` (JSON,
0600, written atomically), or your own; each client saves every change (polario's rotations included) and calls
its ``on_session_change`` hook.
"""

from __future__ import annotations

from authkit_sdk._core.refreshing import DEFAULT_MARGIN, Credentials, RefreshingAuth, unverified_claims
from authkit_sdk._core.sessions import SessionHook
from authkit_sdk._core.tokenstore import (
    FileTokenStore,
    InsecureTokenFileError,
    MemoryTokenStore,
    StoredSession,
    TokenStore,
)

__all__ = [
    "DEFAULT_MARGIN",
    "Credentials",
    "FileTokenStore",
    "InsecureTokenFileError",
    "MemoryTokenStore",
    "RefreshingAuth",
    "SessionHook",
    "StoredSession",
    "TokenStore",
    "unverified_claims",
]
