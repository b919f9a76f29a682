"""polario sessions: the JWT and refresh token a login issues, refresh-token rotation with reuse detection, logout.

A session is a store :class:`~authkit_mock.core.store.Session`; its JWTs carry its id (``sid``) and are accepted
only while it is live, so ending the session revokes every JWT it ever issued. Refresh tokens are opaque store
:class:`~authkit_mock.core.store.Token` records bound to the session. Each refresh marks the presented token used and
issues the next one (rotation); a used token presented again means it leaked, so the whole session is revoked
(OAuth 2.0 Security BCP, RFC 9700 section 4.14.2).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from authkit_mock.core.runtime import Runtime
from authkit_mock.core.store import Session, Store, Token
from authkit_mock.core.tokens import InvalidTokenError

API = "polario"
REFRESH_TOKEN = "refresh_token"
"""The ``kind`` of a polario refresh token in the store."""
JWT = "jwt"
"""The ``kind`` of the record of an issued JWT (listed by the admin API, never looked up to accept one)."""


class InvalidRefreshTokenError(Exception):
    """A refresh token that cannot be exchanged; ``reused`` when it had been used already (the session is revoked)."""

    def __init__(self, reused: bool = False) -> None:
        super().__init__("refresh token reused; session revoked" if reused else "invalid refresh token")
        self.reused = reused


class InvalidSessionError(Exception):
    """A ``Session`` JWT that is missing, invalid, expired, or whose session has ended; the message says why."""


@dataclass(frozen=True)
class Issued:
    """What a login or a refresh hands out: a fresh JWT and the session's current refresh token."""

    session: Session
    device_id: str
    jwt: str
    refresh_token: str


class PolarioSessions:
    """Starts, refreshes and ends polario sessions in the runtime's store (read anew each time: reset replaces it)."""

    def __init__(self, runtime: Runtime) -> None:
        self._runtime = runtime

    @property
    def _store(self) -> Store:
        return self._runtime.store

    async def start(self, email: str) -> Issued:
        """A new session for ``email`` on a new device: its first JWT and refresh token."""
        session = Session(
            api=API, id=self._runtime.settings.entropy.token_hex(12), user=email, created_at=self._runtime.clock_now
        )
        return self._issue(self._store.add_session(session, issued=True))

    async def refresh(self, presented: str) -> Issued:
        """Rotate: the presented refresh token is used up, a new one and a new JWT are issued.

        Raises :class:`InvalidRefreshTokenError` for an unknown, expired or revoked token, or one whose session has
        ended; a token that was already used revokes its whole session first (reuse detection).
        """
        now = self._runtime.clock_now
        record = await self._store.token(presented)
        if record is None or record.api != API or record.kind != REFRESH_TOKEN or record.session_id is None:
            raise InvalidRefreshTokenError
        session = await self._store.session(API, record.session_id)
        if not record.used:
            if record.revoked or (record.expires_at is not None and now >= record.expires_at):
                raise InvalidRefreshTokenError
            if session is None or not session.live(now):
                raise InvalidRefreshTokenError
            # Used up atomically: of two requests presenting it at once (to two replicas), one gets the rotation
            # and the other is a reuse.
            if await self._store.claim(record):
                return self._issue(session)
        # A used token came back: either the client or an attacker holds a copy, and the server cannot tell
        # which; end the session so neither can go on (RFC 9700 section 4.14.2).
        if session is not None:
            await self.revoke(session)
        raise InvalidRefreshTokenError(reused=True)

    async def authenticate(self, jwt: str | None) -> Session:
        """The live session a ``Session`` JWT belongs to; :class:`InvalidSessionError` otherwise.

        The token must verify with polario's authority (signature, algorithm, key id, issuer, audience and
        lifetime by the server clock) and its ``sid`` must name a session that has not ended.
        """
        if not jwt:
            raise InvalidSessionError("no Session header")
        try:
            claims = self._runtime.authority(API).verify(jwt)
        except InvalidTokenError as error:
            raise InvalidSessionError(error.reason) from None
        session_id = claims.get("sid")
        session = await self._store.session(API, session_id) if isinstance(session_id, str) else None
        if session is None or not session.live(self._runtime.clock_now):
            raise InvalidSessionError("the session has ended")
        if claims["sub"] != session.user:
            raise InvalidSessionError("the token's subject is not the session's user")
        return session

    async def revoke(self, session: Session) -> None:
        """End ``session``: its JWTs stop being accepted and every refresh token of it is revoked."""
        session.active = False
        for token in await self._store.tokens_owned(API, session=session.id):
            token.revoked = True

    def _issue(self, session: Session) -> Issued:
        if session.device_id is None:
            # One device per login, kept by every refresh of it (a session added without one gets it here).
            session.device_id = str(uuid.UUID(bytes=self._runtime.settings.entropy.token_bytes(16), version=4))
        token, claims = self._runtime.authority(API).mint(
            subject=session.user,
            lifetime=self._runtime.settings.polario_token_ttl,
            sid=session.id,
            did=session.device_id,
        )
        # Recorded for the admin API's token list only: a JWT is accepted by verifying it and its session.
        self._store.add_token(
            Token(
                api=API,
                kind=JWT,
                token=token,
                created_at=self._runtime.clock_now,
                subject=session.user,
                session_id=session.id,
                expires_at=claims["exp"],
            ),
            issued=True,
        )
        return Issued(session, session.device_id, token, self._new_refresh_token(session))

    def _new_refresh_token(self, session: Session) -> str:
        now = self._runtime.clock_now
        record = self._store.add_token(
            Token(
                api=API,
                kind=REFRESH_TOKEN,
                token=self._runtime.settings.entropy.token_urlsafe(32),
                created_at=now,
                subject=session.user,
                session_id=session.id,
                # Each rotation starts a new lifetime: an active client stays logged in, an idle one is not.
                expires_at=now + self._runtime.settings.polario_refresh_ttl,
            ),
            issued=True,
        )
        return record.token
