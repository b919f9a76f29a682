"""Everything the reference server remembers: users, sessions, applications and tokens of all five APIs.

One store serves every API, so the admin API can list, add and reset in one place. Short-lived protocol
state (SCRAM challenges, OIDC logins, authorization codes, idempotency records) lives with the API that owns it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from authkit_mock.core.passwords import PasswordHash, ScramCredentials

WATCHER = "_watcher"
"""The attribute a store that persists itself (``--state``, see ``persistence.py``) sets on the records it holds."""


class Record:
    """A stored record: handlers change records in place, so each change is reported to the record's watcher.

    A persisted store needs to know what changed without every handler telling it; records of the default
    in-memory store have no watcher.
    """

    def __setattr__(self, name: str, value: object) -> None:
        object.__setattr__(self, name, value)
        watcher: Callable[[Record], None] | None = self.__dict__.get(WATCHER)
        if watcher is not None:
            watcher(self)


@dataclass
class User(Record):
    """A person known to one API (or to the embedded identity provider, for bixarena)."""

    api: str
    id: str
    email: str | None = None
    name: str | None = None
    subject: str | None = None
    password: PasswordHash | None = None
    scram: ScramCredentials | None = None
    jti: str | None = None
    """pacerpro: the user's current JWT id; replacing it revokes every token issued so far."""


@dataclass
class Session(Record):
    """A login of one user to one API."""

    api: str
    id: str
    user: str
    created_at: float
    expires_at: float | None = None
    active: bool = True
    device_id: str | None = None

    def live(self, now: float) -> bool:
        """Whether the session can still be used at ``now``."""
        return self.active and (self.expires_at is None or now < self.expires_at)


@dataclass
class Application(Record):
    """A svix application (the ``app_id`` of the auth operations is its id or its uid)."""

    id: str
    name: str
    created_at: float
    uid: str | None = None


@dataclass
class Stream(Record):
    """A svix stream (the ``stream_id`` of the stream auth operations is its id or its uid)."""

    id: str
    name: str
    created_at: float
    uid: str | None = None
    expires_at: float | None = None
    """When the stream goes away (streams added through the admin API); None for seeded ones."""

    def live(self, now: float) -> bool:
        """Whether the stream still exists at ``now``."""
        return self.expires_at is None or now < self.expires_at


@dataclass
class Sink(Record):
    """A poller sink of a svix stream; ``current_token`` is its current poller token (the last one issued)."""

    stream_id: str
    id: str
    name: str
    created_at: float
    uid: str | None = None
    current_token: str | None = None


@dataclass
class Token(Record):
    """An opaque credential the server issued or was seeded with (JWTs are verified, not stored)."""

    api: str
    kind: str
    token: str
    created_at: float
    subject: str | None = None
    app_id: str | None = None
    session_id: str | None = None
    expires_at: float | None = None
    revoked: bool = False
    used: bool = False
    stream_id: str | None = None
    """svix stream tokens and poller tokens: the stream they belong to."""
    sink_id: str | None = None
    """svix poller tokens: the sink they poll."""
    grants: str | None = None
    """svix portal tokens: what the token carries (feature flags, capabilities, read-only), as a JSON object."""

    def live(self, now: float) -> bool:
        """Whether the token can still be used at ``now``."""
        return not self.revoked and not self.used and (self.expires_at is None or now < self.expires_at)


@dataclass
class Store:
    """The state of every API, indexed the way the handlers look it up."""

    users: dict[tuple[str, str], User] = field(default_factory=dict)
    sessions: dict[tuple[str, str], Session] = field(default_factory=dict)
    applications: dict[str, Application] = field(default_factory=dict)
    tokens: dict[str, Token] = field(default_factory=dict)
    streams: dict[str, Stream] = field(default_factory=dict)
    sinks: dict[tuple[str, str], Sink] = field(default_factory=dict)
    """Keyed by (stream id, sink id)."""

    def add_user(self, user: User) -> User:
        """Add (or replace) a user; returns it."""
        self.users[(user.api, user.id)] = user
        return user

    def user(self, api: str, user_id: str) -> User | None:
        """The user of ``api`` with this id (an email or a subject, as the API keys its users)."""
        return self.users.get((api, user_id))

    def users_of(self, api: str | None = None) -> Iterator[User]:
        """Every user, or those of one API."""
        return (user for user in self.users.values() if api is None or user.api == api)

    def add_session(self, session: Session) -> Session:
        """Add a session; returns it."""
        self.sessions[(session.api, session.id)] = session
        return session

    def session(self, api: str, session_id: str) -> Session | None:
        """The session of ``api`` with this id."""
        return self.sessions.get((api, session_id))

    def sessions_of(self, api: str | None = None) -> Iterator[Session]:
        """Every session, or those of one API."""
        return (session for session in self.sessions.values() if api is None or session.api == api)

    def add_token(self, token: Token) -> Token:
        """Add an opaque token; returns it."""
        self.tokens[token.token] = token
        return token

    def remove_token(self, value: str) -> None:
        """Forget a token (one that can no longer be used), if the store has it."""
        if value in self.tokens:
            del self.tokens[value]

    def token(self, value: str) -> Token | None:
        """The record of an opaque token, if the server knows it."""
        return self.tokens.get(value)

    def tokens_of(self, api: str | None = None) -> Iterator[Token]:
        """Every token, or those of one API."""
        return (token for token in self.tokens.values() if api is None or token.api == api)

    def application(self, app_id: str) -> Application | None:
        """A svix application by id or uid."""
        found = self.applications.get(app_id)
        if found is not None:
            return found
        return next((app for app in self.applications.values() if app.uid == app_id), None)

    def stream(self, stream_id: str, now: float) -> Stream | None:
        """A live svix stream by id or uid."""
        found = self.streams.get(stream_id)
        if found is None:
            found = next((s for s in self.streams.values() if s.uid == stream_id), None)
        return found if found is not None and found.live(now) else None

    def sink(self, stream: Stream, sink_id: str) -> Sink | None:
        """A sink of ``stream`` by id or uid."""
        found = self.sinks.get((stream.id, sink_id))
        if found is not None:
            return found
        return next((s for s in self.sinks.values() if s.stream_id == stream.id and s.uid == sink_id), None)

    def sinks_of(self, stream_id: str) -> list[Sink]:
        """The sinks of one stream, in creation order."""
        return [sink for sink in self.sinks.values() if sink.stream_id == stream_id]

    def remove_stream(self, stream: Stream) -> None:
        """Forget a stream and its sinks (their tokens stop working with them: the lookups fail)."""
        for sink in self.sinks_of(stream.id):
            del self.sinks[(sink.stream_id, sink.id)]
        del self.streams[stream.id]
