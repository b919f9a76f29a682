"""Sessions that survive a restart: what a client holds, as a value, and the stores that keep it.

A :class:`StoredSession` is everything a client needs to carry on without logging in again (the access token and
when it expires on the server's clock, the refresh token or session cookie, the device). A :class:`TokenStore`
keeps sessions by key; :class:`MemoryTokenStore` for one process, :class:`FileTokenStore` for a JSON file written
atomically with 0600 permissions (like MSAL's token cache or the AWS CLI's credentials file).
"""

from __future__ import annotations

import json
import os
import stat
import tempfile
import threading
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import attrs

__all__ = ["FileTokenStore", "InsecureTokenFileError", "MemoryTokenStore", "StoredSession", "TokenStore"]

_FIELDS = ("api", "access_token", "expires_at", "clock_skew", "refresh_token", "session_cookie", "device_id")


@attrs.frozen
class StoredSession:
    """A client's session as a plain value (JSON-ready with :meth:`to_dict`).

    Attributes:
        api: the API slug (``pacerpro``, ``polario``, ``bixarena``, ``svix``).
        access_token: the credential sent on requests (a JWT, or svix's app token), if any.
        expires_at: when ``access_token`` expires, in seconds since the epoch on the **server's** clock.
        clock_skew: the server's clock minus this machine's, as last estimated (seconds).
        refresh_token: polario's refresh token (it rotates: every refresh replaces it).
        session_cookie: bixarena's ``JSESSIONID`` (the session internal tokens are minted from).
        device_id: polario's device id.
    """

    api: str
    access_token: str | None = None
    expires_at: float | None = None
    clock_skew: float = 0.0
    refresh_token: str | None = None
    session_cookie: str | None = None
    device_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The session as a JSON-ready dict."""
        return {name: getattr(self, name) for name in _FIELDS}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StoredSession:
        """Read a session written by :meth:`to_dict`; :class:`ValueError` when it is not one."""
        if not isinstance(data, dict) or not isinstance(data.get("api"), str):
            raise ValueError("a stored session is a JSON object with an 'api' string")
        for name in ("expires_at", "clock_skew"):
            if not isinstance(data.get(name), int | float | None):
                raise ValueError(f"a stored session's {name} is a number")
        for name in ("access_token", "refresh_token", "session_cookie", "device_id"):
            if not isinstance(data.get(name), str | None):
                raise ValueError(f"a stored session's {name} is a string")
        return cls(
            api=data["api"],
            access_token=data.get("access_token"),
            expires_at=data.get("expires_at"),
            clock_skew=data.get("clock_skew") or 0.0,
            refresh_token=data.get("refresh_token"),
            session_cookie=data.get("session_cookie"),
            device_id=data.get("device_id"),
        )


@runtime_checkable
class TokenStore(Protocol):
    """Where sessions are kept, by key (the clients use their API's slug unless given ``store_key=``).

    Implement it to keep sessions elsewhere (a database, the system keyring); it must be safe to call from
    several threads.
    """

    def load(self, key: str) -> StoredSession | None:
        """The session saved under ``key``, or ``None``."""
        ...

    def save(self, key: str, session: StoredSession) -> None:
        """Keep ``session`` under ``key``, replacing what was there."""
        ...

    def delete(self, key: str) -> None:
        """Forget the session under ``key`` (nothing happens when there is none)."""
        ...


class MemoryTokenStore:
    """A :class:`TokenStore` in this process's memory (for tests, or to share one session between clients)."""

    def __init__(self) -> None:
        self._sessions: dict[str, StoredSession] = {}
        self._lock = threading.Lock()

    def load(self, key: str) -> StoredSession | None:
        """The session saved under ``key``, or ``None``."""
        with self._lock:
            return self._sessions.get(key)

    def save(self, key: str, session: StoredSession) -> None:
        """Keep ``session`` under ``key``."""
        with self._lock:
            self._sessions[key] = session

    def delete(self, key: str) -> None:
        """Forget the session under ``key``."""
        with self._lock:
            self._sessions.pop(key, None)


class InsecureTokenFileError(PermissionError):
    """The token file can be read or written by other users: it is refused rather than trusted or leaked."""


class FileTokenStore:
    """A :class:`TokenStore` in one JSON file: ``{"<key>": {session}, ...}``.

    Every save writes a new file next to the old one (created with 0600 permissions) and renames it over the old
    one, so a crash never leaves half a file and a reader never sees one. A file that other users may read or
    write (any group or other permission bit) is refused with :class:`InsecureTokenFileError` instead of read.
    Threads of one process share a lock; processes sharing a file should each use their own key.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()

    def load(self, key: str) -> StoredSession | None:
        """The session saved under ``key``, or ``None`` (also when the file does not exist yet)."""
        with self._lock:
            entry = self._read().get(key)
        return None if entry is None else StoredSession.from_dict(entry)

    def save(self, key: str, session: StoredSession) -> None:
        """Keep ``session`` under ``key`` (the whole file is rewritten atomically)."""
        with self._lock:
            sessions = self._read()
            sessions[key] = session.to_dict()
            self._write(sessions)

    def delete(self, key: str) -> None:
        """Forget the session under ``key``."""
        with self._lock:
            sessions = self._read()
            if sessions.pop(key, None) is not None:
                self._write(sessions)

    def _read(self) -> dict[str, Any]:
        try:
            handle = self.path.open("rb")
        except FileNotFoundError:
            return {}
        with handle:
            # Checked on the open file, not the path: the file read is the file checked.
            mode = os.fstat(handle.fileno()).st_mode
            if os.name == "posix" and mode & (stat.S_IRWXG | stat.S_IRWXO):
                raise InsecureTokenFileError(
                    f"{self.path} is accessible to other users (mode {stat.filemode(mode)}); "
                    "run `chmod 600` on it if it is yours"
                )
            data = json.loads(handle.read().decode("utf-8") or "{}")
        if not isinstance(data, dict):
            raise ValueError(f"{self.path} is not a token file (a JSON object of sessions)")
        return data

    def _write(self, sessions: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # mkstemp creates the file with 0600 on POSIX, before anything is written into it.
        descriptor, temporary = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=self.path.parent)
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(json.dumps(sessions, indent=2, sort_keys=True).encode("utf-8"))
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
