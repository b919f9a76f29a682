"""What every client with a session shares: saving each change of it, and building a client from a stored one.

Every login, refresh (polario's rotates the refresh token: losing the new one logs the user out) and logout is
saved to the client's :class:`~authkit_sdk.auth.TokenStore` and passed to its ``on_session_change`` hook.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, Self

from authkit_sdk._core.errors import LoginRequiredError
from authkit_sdk._core.tokenstore import StoredSession, TokenStore

__all__ = ["Resumable", "SessionHook", "SessionKeeper"]

SessionHook = Callable[[StoredSession | None], None]
"""Called with the new session after each change, or ``None`` after logout."""


class SessionKeeper:
    """Saves one client's session to its store (under ``key``) and tells its hook, on every change."""

    def __init__(
        self, api: str, store: TokenStore | None = None, key: str | None = None, hook: SessionHook | None = None
    ) -> None:
        self.api = api
        self.store = store
        self.key = key or api
        self.hook = hook

    def initial(self, session: StoredSession | None) -> StoredSession | None:
        """The session a new client starts from: the one given, else the one in the store, else none."""
        if session is None and self.store is not None:
            session = self.store.load(self.key)
        if session is not None and session.api != self.api:
            raise ValueError(f"a {session.api} session cannot resume a {self.api} client")
        return session

    def changed(self, session: StoredSession | None) -> None:
        """Save ``session`` (``None``: delete it) and call the hook."""
        if self.store is not None:
            if session is None:
                self.store.delete(self.key)
            else:
                self.store.save(self.key, session)
        if self.hook is not None:
            self.hook(session)


class Resumable:
    """Adds ``resume(store)`` to a client class whose constructor takes ``token_store`` and ``store_key``."""

    API: ClassVar[str]

    @classmethod
    def resume(cls, store: TokenStore, *, store_key: str | None = None, **kwargs: Any) -> Self:
        """A client that carries on the session saved in ``store`` (and saves every change of it there).

        Raises :class:`~authkit_sdk.errors.LoginRequiredError` when ``store`` holds no session under ``store_key``
        (default: the API's slug). Other keyword arguments go to the constructor.
        """
        key = store_key or cls.API
        if store.load(key) is None:
            raise LoginRequiredError(f"no {cls.API} session stored under {key!r}: log in first")
        build: Callable[..., Self] = cls  # the concrete client's constructor takes these
        return build(token_store=store, store_key=key, **kwargs)
