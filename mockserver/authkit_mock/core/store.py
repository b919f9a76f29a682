"""Everything the reference server remembers: users, sessions, applications and tokens of all five APIs.

One store serves every API, so the admin API can list, add and reset in one place. Short-lived protocol
state (SCRAM challenges, OIDC logins, authorization codes, idempotency records) lives with the API that owns it,
in maps of ``ephemeral.py``.

:class:`Store` is the one interface every handler uses; it has three backends: :class:`MemoryStore` (the default,
and what the seed is built in), the SQLite ``--state`` file (``persistence.py``, a watched ``MemoryStore``) and
Valkey/Redis (``authkit_mock.core.redis``), which several processes share. The interface is shaped by the shared
one:

- **Reads are awaited**: a shared store asks the server for the record.
- **Writes are not**: ``add_*``, ``remove_token`` and changes made to a record in place (``token.revoked = True``)
  are applied to memory at once, or queued by a shared store and written in one transaction by :meth:`Store.flush`
  after the handler and before the response leaves (so whatever a client was told about is stored, and a failed
  write leaves nothing half-applied).
- **One-use and compare-and-set steps are single calls** that the backend makes atomic (:meth:`Store.claim`):
  never read-then-write in Python, which two processes could interleave.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Protocol

from authkit_mock.core.passwords import PasswordHash, ScramCredentials
from authkit_mock.core.settings import Limits

WATCHER = "_watcher"
"""The attribute a store that persists itself (``--state``, see ``persistence.py``) sets on the records it holds."""


class Record:
    """A stored record: handlers change records in place, so each change is reported to the record's watcher.

    A persisted store needs to know what changed without every handler telling it; records of the default
    in-memory store have no watcher.
    """

    def __setattr__(self, name: str, value: object) -> None:
        object.__setattr__(self, name, value)
        watcher: Callable[[Record, str], None] | None = self.__dict__.get(WATCHER)
        if watcher is not None:
            # The field's name too: a shared store writes only that field, so two processes changing two fields
            # of one record (one revokes, one marks it used) do not undo each other.
            watcher(self, name)


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


def _owners(token: Token) -> list[tuple[str, str, str]]:
    owners = [
        ("session", token.session_id),
        ("subject", token.subject),
        ("app", token.app_id),
        ("stream", token.stream_id),
    ]
    return [(token.api, kind, owner) for kind, owner in owners if owner is not None]


class Store(Protocol):
    """What handlers may ask of the state, whichever backend keeps it (see the module's docstring)."""

    limits: Limits

    def add_user(self, user: User) -> User:
        """Add (or replace) a user; returns it."""
        ...

    def add_session(self, session: Session, issued: bool = False) -> Session:
        """Add a session; returns it. ``issued``: made by a request, so counted against ``limits.sessions``."""
        ...

    def add_token(self, token: Token, issued: bool = False) -> Token:
        """Add an opaque token; returns it. ``issued``: made by a request, so counted against ``limits.tokens``."""
        ...

    def remove_token(self, value: str) -> None:
        """Forget a token that can no longer be used (nothing happens when the store does not have it)."""
        ...

    def add_application(self, app: Application, issued: bool = False) -> Application:
        """Add a svix application; returns it. ``issued``: made by a request, so counted against
        ``limits.applications``."""
        ...

    def add_stream(self, stream: Stream) -> Stream:
        """Add a svix stream; returns it."""
        ...

    def add_sink(self, sink: Sink) -> Sink:
        """Add a sink to its svix stream; returns it."""
        ...

    async def remove_application(self, app_id: str) -> None:
        """Forget a svix application and the tokens bound to it."""
        ...

    async def remove_stream(self, stream: Stream) -> None:
        """Forget a svix stream and its sinks (their tokens stop working with them: the lookups fail)."""
        ...

    async def user(self, api: str, user_id: str) -> User | None:
        """The user of ``api`` with this id (an email or a subject, as the API keys its users)."""
        ...

    async def users_of(self, api: str | None = None) -> list[User]:
        """Every user, or those of one API, in the order they were added."""
        ...

    async def session(self, api: str, session_id: str) -> Session | None:
        """The session of ``api`` with this id."""
        ...

    async def sessions_of(self, api: str | None = None) -> list[Session]:
        """Every session, or those of one API, in the order they were added."""
        ...

    async def token(self, value: str) -> Token | None:
        """The record of an opaque token, if the server knows it."""
        ...

    async def tokens_of(self, api: str | None = None) -> list[Token]:
        """Every token, or those of one API, in the order they were added."""
        ...

    async def tokens_owned(
        self,
        api: str,
        *,
        session: str | None = None,
        subject: str | None = None,
        app: str | None = None,
        stream: str | None = None,
    ) -> list[Token]:
        """The tokens of ``api`` bound to one session, subject, application or svix stream (give one), in issue
        order, from an index: the cost follows what the owner holds, not what the store holds."""
        ...

    async def application(self, app_id: str) -> Application | None:
        """A svix application by id or uid."""
        ...

    async def applications_of(self) -> list[Application]:
        """Every svix application, in the order they were added."""
        ...

    async def stream(self, stream_id: str, now: float) -> Stream | None:
        """A live svix stream by id or uid."""
        ...

    async def streams_of(self) -> list[Stream]:
        """Every svix stream (live or not), in the order they were added."""
        ...

    async def sink(self, stream_id: str, sink_id: str) -> Sink | None:
        """A sink of the stream with id ``stream_id``, by id or uid."""
        ...

    async def sinks_of(self, stream_id: str) -> list[Sink]:
        """The sinks of one stream, in creation order."""
        ...

    async def claim(self, token: Token) -> bool:
        """Mark ``token`` used, atomically: True for the one call that did, False when it was used already (a
        replayed one-use token; two processes redeeming it at once get one True between them)."""
        ...

    async def flush(self) -> None:
        """Write what was queued since the last flush, in one transaction (a no-op for the memory store)."""
        ...

    async def replaced_by(self, seeded: MemoryStore) -> Store:
        """The store to use after a reset to ``seeded`` (a fresh store holding the seed): ``seeded`` itself for a
        store of this process; a shared store empties itself, copies ``seeded`` in, and stays."""
        ...


@dataclass
class MemoryStore:
    """The state of every API in this process's memory, indexed the way the handlers look it up: the default
    backend, and the one a seed is built in.

    Sessions and tokens are made by cheap requests (a login, an exchange, an app-portal link), so both are bounded
    by ``limits``: past the bound the oldest record is forgotten, in O(1) (dictionaries keep insertion order), and
    that credential stops working, as an old session of a real service would. Users are added by the admin API and
    the seed (bounded by the body limit) and by the provider's login page (bounded by the provider). Only what
    requests issued (``issued=True``) is counted and evicted: seeded and admin-added credentials (an org key, a
    demo session) are never pushed out by a flood.
    """

    users: dict[tuple[str, str], User] = field(default_factory=dict)
    sessions: dict[tuple[str, str], Session] = field(default_factory=dict)
    applications: dict[str, Application] = field(default_factory=dict)
    tokens: dict[str, Token] = field(default_factory=dict)
    streams: dict[str, Stream] = field(default_factory=dict)
    sinks: dict[tuple[str, str], Sink] = field(default_factory=dict)
    """Keyed by (stream id, sink id)."""
    limits: Limits = field(default_factory=Limits)
    # The issued records in issue order, oldest first, for the bounds. OrderedDict, not dict: at a bound every new
    # record evicts the oldest, and finding a dict's first entry steps over every slot deleted before it until the
    # dict is rebuilt (about 18 µs per eviction at 100,000 tokens, more than half a cheap read); an OrderedDict's
    # first entry is one link away.
    _issued_sessions: OrderedDict[tuple[str, str], None] = field(default_factory=OrderedDict, repr=False)
    _issued_tokens: OrderedDict[str, int] = field(default_factory=OrderedDict, repr=False)
    """Tokens made by requests, oldest first, with the characters of grants each carries."""
    _issued_grant_chars: int = field(default=0, repr=False)
    _issued_applications: OrderedDict[str, None] = field(default_factory=OrderedDict, repr=False)
    _application_uids: dict[str, str] = field(default_factory=dict, repr=False)
    """svix application ids by uid: an app-portal request names either, and must not scan every application."""
    _owned: dict[tuple[str, str, str], dict[str, None]] = field(default_factory=dict, repr=False)
    """Tokens by (api, owner kind, owner): logout, revoke-all and expire-all find theirs without a scan."""

    def add_user(self, user: User) -> User:
        """Add (or replace) a user; returns it."""
        self.users[(user.api, user.id)] = user
        return user

    async def user(self, api: str, user_id: str) -> User | None:
        """The user of ``api`` with this id (an email or a subject, as the API keys its users)."""
        return self.users.get((api, user_id))

    async def users_of(self, api: str | None = None) -> list[User]:
        """Every user, or those of one API."""
        return [user for user in self.users.values() if api is None or user.api == api]

    def add_session(self, session: Session, issued: bool = False) -> Session:
        """Add a session; returns it. ``issued``: made by a request, so counted against ``limits.sessions``."""
        key = (session.api, session.id)
        self.sessions[key] = session
        if issued:
            self._issued_sessions[key] = None
            while len(self._issued_sessions) > self.limits.sessions:
                oldest = next(iter(self._issued_sessions))
                del self._issued_sessions[oldest]
                if oldest in self.sessions:
                    # ``del``, not ``pop``: the --state store watches deletions to drop the record from its file.
                    del self.sessions[oldest]
        return session

    async def session(self, api: str, session_id: str) -> Session | None:
        """The session of ``api`` with this id."""
        return self.sessions.get((api, session_id))

    async def sessions_of(self, api: str | None = None) -> list[Session]:
        """Every session, or those of one API."""
        return [session for session in self.sessions.values() if api is None or session.api == api]

    def add_token(self, token: Token, issued: bool = False) -> Token:
        """Add an opaque token; returns it. ``issued``: made by a request, so counted against ``limits.tokens``."""
        self.tokens[token.token] = token
        for owner in _owners(token):
            self._owned.setdefault(owner, {})[token.token] = None
        if issued:
            self._issued_tokens[token.token] = len(token.grants or "")
            self._issued_grant_chars += len(token.grants or "")
            while len(self._issued_tokens) > self.limits.tokens or self._issued_grant_chars > self.limits.grant_chars:
                # Evicted from memory and, with --state, from the file too: a restart does not bring it back.
                self.remove_token(next(iter(self._issued_tokens)))
        return token

    def remove_token(self, value: str) -> None:
        """Forget a token that can no longer be used, if the store has it, and drop it from the indexes."""
        token = self.tokens.get(value)
        if token is not None:
            del self.tokens[value]  # del, not pop: a PersistentStore sees deletions, so the file forgets it too
        self._unindex_token(value, token)

    def _unindex_token(self, value: str, token: Token | None) -> None:
        self._issued_grant_chars -= self._issued_tokens.pop(value, 0)
        for owner in _owners(token) if token is not None else ():
            owned = self._owned.get(owner)
            if owned is not None:
                owned.pop(value, None)
                if not owned:
                    del self._owned[owner]

    def owned(self, api: str, kind: str, owner: str) -> list[Token]:
        """The tokens of ``api`` whose ``kind`` of owner (session, subject, app, stream) is ``owner``."""
        keys = self._owned.get((api, kind, owner), {})
        return [token for key in keys if (token := self.tokens.get(key)) is not None]

    async def tokens_owned(
        self,
        api: str,
        *,
        session: str | None = None,
        subject: str | None = None,
        app: str | None = None,
        stream: str | None = None,
    ) -> list[Token]:
        """The tokens of ``api`` bound to one session, subject, application or svix stream (give one), in issue
        order: from an index, so the cost follows what the owner holds, not what the store holds."""
        return self.owned(api, *owner_of(session=session, subject=subject, app=app, stream=stream))

    async def token(self, value: str) -> Token | None:
        """The record of an opaque token, if the server knows it."""
        return self.tokens.get(value)

    async def tokens_of(self, api: str | None = None) -> list[Token]:
        """Every token, or those of one API."""
        return [token for token in self.tokens.values() if api is None or token.api == api]

    async def claim(self, token: Token) -> bool:
        """Mark ``token`` used: True when it was not used yet (one event loop: nothing runs in between)."""
        if token.used:
            return False
        token.used = True
        return True

    def add_application(self, app: Application, issued: bool = False) -> Application:
        """Add a svix application; returns it. ``issued``: created by a request, so counted against
        ``limits.applications`` (past it the oldest created one goes, with its tokens)."""
        self.applications[app.id] = app
        if app.uid is not None:
            self._application_uids[app.uid] = app.id
        if issued:
            self._issued_applications[app.id] = None
            while len(self._issued_applications) > self.limits.applications:
                self.drop_application(next(iter(self._issued_applications)))
        return app

    def drop_application(self, app_id: str) -> None:
        """Forget a svix application and the tokens bound to it, at once."""
        self._issued_applications.pop(app_id, None)
        app = self.applications.get(app_id)
        if app is None:
            return
        for token in self.owned("svix", "app", app_id):  # applications are svix's
            self.remove_token(token.token)
        if app.uid is not None and self._application_uids.get(app.uid) == app_id:
            del self._application_uids[app.uid]
        del self.applications[app_id]  # del, not pop: a PersistentStore sees deletions

    async def remove_application(self, app_id: str) -> None:
        """Forget a svix application and the tokens bound to it."""
        self.drop_application(app_id)

    async def application(self, app_id: str) -> Application | None:
        """A svix application by id or uid (both looked up in O(1))."""
        found = self.applications.get(app_id)
        if found is not None:
            return found
        by_uid = self._application_uids.get(app_id)
        return self.applications.get(by_uid) if by_uid is not None else None

    async def applications_of(self) -> list[Application]:
        """Every svix application."""
        return list(self.applications.values())

    def add_stream(self, stream: Stream) -> Stream:
        """Add a svix stream; returns it."""
        self.streams[stream.id] = stream
        return stream

    async def stream(self, stream_id: str, now: float) -> Stream | None:
        """A live svix stream by id or uid."""
        found = self.streams.get(stream_id)
        if found is None:
            found = next((s for s in self.streams.values() if s.uid == stream_id), None)
        return found if found is not None and found.live(now) else None

    async def streams_of(self) -> list[Stream]:
        """Every svix stream."""
        return list(self.streams.values())

    def add_sink(self, sink: Sink) -> Sink:
        """Add a sink to its svix stream; returns it."""
        self.sinks[(sink.stream_id, sink.id)] = sink
        return sink

    async def sink(self, stream_id: str, sink_id: str) -> Sink | None:
        """A sink of the stream with id ``stream_id``, by id or uid."""
        found = self.sinks.get((stream_id, sink_id))
        if found is not None:
            return found
        return next((s for s in self.sinks.values() if s.stream_id == stream_id and s.uid == sink_id), None)

    async def sinks_of(self, stream_id: str) -> list[Sink]:
        """The sinks of one stream, in creation order."""
        return [sink for sink in self.sinks.values() if sink.stream_id == stream_id]

    async def remove_stream(self, stream: Stream) -> None:
        """Forget a stream and its sinks (their tokens stop working with them: the lookups fail)."""
        for key in [key for key, sink in self.sinks.items() if sink.stream_id == stream.id]:
            del self.sinks[key]
        del self.streams[stream.id]

    async def flush(self) -> None:
        """Nothing to write: every change is already in memory (``--state`` writes in its own middleware)."""

    async def replaced_by(self, seeded: MemoryStore) -> Store:
        """``seeded``: this process's next store."""
        return seeded

    def records(self) -> Iterator[Record]:
        """Every record, users first and tokens last (the order a copy must add them in)."""
        yield from self.users.values()
        yield from self.sessions.values()
        yield from self.applications.values()
        yield from self.streams.values()
        yield from self.sinks.values()
        yield from self.tokens.values()


def owner_of(
    *, session: str | None = None, subject: str | None = None, app: str | None = None, stream: str | None = None
) -> tuple[str, str]:
    """The (kind, owner) of the one owner given to :meth:`Store.tokens_owned`."""
    given = [("session", session), ("subject", subject), ("app", app), ("stream", stream)]
    return next(((kind, owner) for kind, owner in given if owner is not None), ("app", ""))
