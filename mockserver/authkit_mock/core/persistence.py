"""``--state FILE``: users, sessions, applications, streams and their sinks, tokens, signing keys and the clock
offset kept in SQLite.

A restarted server loads the file instead of seeding, so it still accepts the tokens it issued and still refuses
the ones it revoked. The default stays in memory.

How changes reach the file without touching the handlers: handlers add records to the store's dictionaries, change
them in place (``token.revoked = True``) and remove them (``del store.tokens[...]``). A :class:`PersistentStore`
watches all three (its dictionaries adopt every record put in them and note every record taken out, and each
:class:`~authkit_mock.core.store.Record` reports its attribute changes), collecting the changed and removed records.
:func:`state_middleware` writes them in one transaction after the handler and *before* the
response leaves, so whatever a client was told about is committed. Writing everything changed so far (not only
what this request changed) keeps that true when requests interleave at ``await`` points.

The file is in WAL mode with ``synchronous=NORMAL``: a commit survives the process being killed (SIGKILL), not a
power cut (a mock does not need an fsync per request). It is opened in exclusive locking mode, so a second server
on the same file is refused at start instead of the two silently diverging.

Short-lived protocol state stays in memory and is lost on a restart, as a real server's would be after a
deploy: outstanding SCRAM challenges, pending OIDC logins, the provider's authorization codes and userinfo
access tokens, idempotency records, rate-limit windows, the journal and injected faults.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from aiohttp import web
from aiohttp.typedefs import Handler

from authkit_mock.core.codec import columns, decode, encode
from authkit_mock.core.entropy import Entropy
from authkit_mock.core.errors import ApiError, render_error
from authkit_mock.core.middlewares import api_of
from authkit_mock.core.runtime import RUNTIME, Runtime
from authkit_mock.core.store import WATCHER, Application, MemoryStore, Record, Session, Sink, Store, Stream, Token, User
from authkit_mock.core.tokens import SigningKey

log = logging.getLogger("authkit_mock.state")

SCHEMA_VERSION = 2
SCHEMA = """
CREATE TABLE schema_version (version INTEGER NOT NULL);
CREATE TABLE server (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE signing_keys (issuer TEXT PRIMARY KEY, jwk TEXT NOT NULL);
CREATE TABLE users (
    api TEXT NOT NULL, id TEXT NOT NULL, email TEXT, name TEXT, subject TEXT,
    password TEXT, scram TEXT, jti TEXT,
    PRIMARY KEY (api, id)
);
CREATE TABLE sessions (
    api TEXT NOT NULL, id TEXT NOT NULL, user TEXT NOT NULL, created_at REAL NOT NULL, expires_at REAL,
    active INTEGER NOT NULL, device_id TEXT,
    PRIMARY KEY (api, id)
);
CREATE TABLE applications (id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at REAL NOT NULL, uid TEXT);
CREATE TABLE streams (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at REAL NOT NULL, uid TEXT, expires_at REAL
);
CREATE TABLE sinks (
    stream_id TEXT NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL, created_at REAL NOT NULL, uid TEXT,
    current_token TEXT,
    PRIMARY KEY (stream_id, id)
);
CREATE TABLE tokens (
    token TEXT PRIMARY KEY, api TEXT NOT NULL, kind TEXT NOT NULL, created_at REAL NOT NULL, subject TEXT,
    app_id TEXT, session_id TEXT, expires_at REAL, revoked INTEGER NOT NULL, used INTEGER NOT NULL,
    stream_id TEXT, sink_id TEXT, grants TEXT
);
"""

TABLES: dict[type[Record], tuple[str, tuple[str, ...]]] = {
    User: ("users", ("api", "id")),
    Session: ("sessions", ("api", "id")),
    Application: ("applications", ("id",)),
    Stream: ("streams", ("id",)),
    Sink: ("sinks", ("stream_id", "id")),
    Token: ("tokens", ("token",)),
}
"""Each record type's table and primary key; the columns are the record's fields, in order."""

SEEDED = "seeded"
CLOCK_OFFSET = "clock_offset"

R = TypeVar("R", bound=Record)


class StateFileError(Exception):
    """A state file that cannot be opened, read or written; the message says which and why."""


# -- rows ----------------------------------------------------------------------------------------------------------


def _upsert_sql(kind: type[Record]) -> str:
    table, key = TABLES[kind]
    names = columns(kind)
    updates = ", ".join(f"{c} = excluded.{c}" for c in names if c not in key)
    # An upsert, not INSERT OR REPLACE: the row keeps its rowid, so records load back in creation order.
    # (Every name comes from TABLES and the record's fields, never from a request.)
    insert = f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"  # noqa: S608
    return f"{insert} ON CONFLICT ({', '.join(key)}) DO UPDATE SET {updates}"


# -- the watched store ---------------------------------------------------------------------------------------------


class _Adopting(dict[Any, R]):
    """A store dictionary that starts watching every record put in it."""

    def __init__(self, changed: Callable[[Record, str], None], removed: Callable[[Record], None]) -> None:
        super().__init__()
        self._changed = changed
        self._removed = removed

    def __setitem__(self, key: Any, record: R) -> None:
        super().__setitem__(key, record)
        object.__setattr__(record, WATCHER, self._changed)
        self._changed(record, "")

    def __delitem__(self, key: Any) -> None:
        record = self[key]
        super().__delitem__(key)
        object.__setattr__(record, WATCHER, None)
        self._removed(record)


class PersistentStore(MemoryStore):
    """A :class:`Store` that remembers which records were added or changed since they were last written."""

    def __init__(self, wipe: bool) -> None:
        super().__init__()
        self.wipe = wipe
        """True for a store made by a reset: the file's old records go when this one is first written."""
        self.changed: dict[int, Record] = {}
        self.removed: dict[int, Record] = {}
        self.users: dict[tuple[str, str], User] = _Adopting(self._change, self._remove)
        self.sessions: dict[tuple[str, str], Session] = _Adopting(self._change, self._remove)
        self.applications: dict[str, Application] = _Adopting(self._change, self._remove)
        self.streams: dict[str, Stream] = _Adopting(self._change, self._remove)
        self.sinks: dict[tuple[str, str], Sink] = _Adopting(self._change, self._remove)
        self.tokens: dict[str, Token] = _Adopting(self._change, self._remove)

    def _change(self, record: Record, _: str = "") -> None:
        self.removed.pop(id(record), None)
        self.changed[id(record)] = record

    def _remove(self, record: Record) -> None:
        self.changed.pop(id(record), None)
        self.removed[id(record)] = record


# -- the file ------------------------------------------------------------------------------------------------------


class StateFile:
    """The SQLite state file of one server (opened, checked and, when new, given the schema at construction)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._clock_offset: float | None = None
        try:
            # The server's loop runs in another thread than the one that built the app (tests do that); access
            # is still one at a time, from the loop.
            self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as error:
            raise StateFileError(f"cannot open state file {path}: {error}") from None
        try:
            self._db.execute("PRAGMA busy_timeout = 0")
            self._db.execute("PRAGMA locking_mode = EXCLUSIVE")
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = NORMAL")
            self._check_or_create()
        except sqlite3.OperationalError as error:
            self._db.close()
            if "locked" in str(error):
                raise StateFileError(f"state file {path} is in use by another process") from None
            raise StateFileError(f"cannot read state file {path}: {error}") from None
        except sqlite3.DatabaseError as error:
            self._db.close()
            raise StateFileError(f"state file {path} is not a readable authkit-mock state file: {error}") from None
        except StateFileError:
            self._db.close()
            raise

    def _check_or_create(self) -> None:
        tables = {row[0] for row in self._db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables:
            with self._transaction():
                for statement in SCHEMA.split(";"):
                    if statement.strip():
                        self._db.execute(statement)
                self._db.execute("INSERT INTO schema_version VALUES (?)", (SCHEMA_VERSION,))
            return
        if "schema_version" not in tables:
            raise StateFileError(f"{self.path} is an SQLite file but not an authkit-mock state file")
        versions = [row[0] for row in self._db.execute("SELECT version FROM schema_version")]
        if versions != [SCHEMA_VERSION]:
            raise StateFileError(
                f"state file {self.path} has schema version {versions}; this authkit-mock reads version "
                f"{SCHEMA_VERSION} (start with a new file)"
            )
        problems = [row[0] for row in self._db.execute("PRAGMA quick_check")]
        if problems != ["ok"]:
            raise StateFileError(f"state file {self.path} is damaged: {'; '.join(problems[:3])}")

    def _transaction(self) -> sqlite3.Connection:
        # ``with connection`` commits or rolls back; BEGIN IMMEDIATE takes the write lock up front.
        self._db.execute("BEGIN IMMEDIATE")
        return self._db

    def close(self) -> None:
        """Close the file (what was committed stays)."""
        self._db.close()

    def signing_keys(self, issuers: Mapping[str, str], entropy: Entropy | None = None) -> dict[str, SigningKey]:
        """One signing key per issuer (``issuers`` maps it to its algorithm): the file's, or a new one written to it."""
        keys: dict[str, SigningKey] = {}
        try:
            stored = dict(self._db.execute("SELECT issuer, jwk FROM signing_keys").fetchall())
            with self._transaction():
                for issuer, algorithm in issuers.items():
                    key = SigningKey.from_jwk(json.loads(stored[issuer])) if issuer in stored else None
                    if key is None or key.algorithm != algorithm:
                        key = SigningKey.generate(algorithm, entropy)
                        jwk = json.dumps(key.to_private_jwk())
                        self._db.execute("INSERT OR REPLACE INTO signing_keys VALUES (?, ?)", (issuer, jwk))
                    keys[issuer] = key
        except (sqlite3.Error, ValueError, KeyError, TypeError) as error:
            raise StateFileError(f"cannot read the signing keys of state file {self.path}: {error}") from None
        return keys

    def seeded(self) -> bool:
        """Whether the file holds a server's state already (it was seeded once; resets rewrite it)."""
        return self._db.execute("SELECT 1 FROM server WHERE name = ?", (SEEDED,)).fetchone() is not None

    def new_store(self) -> PersistentStore:
        """An empty store for a reset: when written, it replaces everything the file held."""
        return PersistentStore(wipe=True)

    def load(self) -> tuple[PersistentStore, float]:
        """The stored records, in creation order, and the clock offset they were written with."""
        store = PersistentStore(wipe=False)
        try:
            for kind, (table, _) in TABLES.items():
                names = columns(kind)
                for row in self._db.execute(f"SELECT {', '.join(names)} FROM {table} ORDER BY rowid"):  # noqa: S608
                    record = kind(**{name: decode(kind, name, value) for name, value in zip(names, row, strict=True)})
                    self._put(store, record)
            found = self._db.execute("SELECT value FROM server WHERE name = ?", (CLOCK_OFFSET,)).fetchone()
        except (sqlite3.Error, ValueError, TypeError) as error:
            raise StateFileError(f"cannot read state file {self.path}: {error}") from None
        store.changed.clear()
        store.removed.clear()
        self._clock_offset = float(found[0]) if found else 0.0
        return store, self._clock_offset

    @staticmethod
    def _put(store: MemoryStore, record: Record) -> None:
        if isinstance(record, User):
            store.add_user(record)
        elif isinstance(record, Session):
            store.add_session(record)
        elif isinstance(record, Token):
            store.add_token(record)
        elif isinstance(record, Application):
            store.add_application(record)
        elif isinstance(record, Stream):
            store.add_stream(record)
        elif isinstance(record, Sink):
            store.add_sink(record)

    def flush(self, store: Store, clock_offset: float) -> None:
        """Write the records changed since the last flush (and the clock offset, if it moved) in one transaction."""
        if not isinstance(store, PersistentStore):
            return
        if not store.changed and not store.removed and not store.wipe and clock_offset == self._clock_offset:
            return
        changed = list(store.changed.values())
        removed = list(store.removed.values())
        try:
            with self._transaction():
                if store.wipe:
                    for table, _ in TABLES.values():
                        self._db.execute(f"DELETE FROM {table}")  # noqa: S608
                    self._db.execute("INSERT OR REPLACE INTO server VALUES (?, ?)", (SEEDED, "1"))
                for kind, (table, key) in TABLES.items():
                    rows = [
                        [encode(name, getattr(record, name)) for name in columns(kind)]
                        for record in changed
                        if type(record) is kind
                    ]
                    if rows:
                        self._db.executemany(_upsert_sql(kind), rows)
                    gone = [[getattr(record, name) for name in key] for record in removed if type(record) is kind]
                    if gone:
                        where = " AND ".join(f"{name} = ?" for name in key)
                        self._db.executemany(f"DELETE FROM {table} WHERE {where}", gone)  # noqa: S608
                if clock_offset != self._clock_offset:
                    self._db.execute("INSERT OR REPLACE INTO server VALUES (?, ?)", (CLOCK_OFFSET, repr(clock_offset)))
        except sqlite3.Error as error:
            raise StateFileError(f"cannot write state file {self.path}: {error}") from None
        # Only forgotten once committed: a failed write is retried by the next request's flush.
        for record in changed:
            store.changed.pop(id(record), None)
        for record in removed:
            store.removed.pop(id(record), None)
        store.wipe = False
        self._clock_offset = clock_offset


STATE = web.AppKey("state_file", StateFile)


def flush(runtime: Runtime, state: StateFile) -> None:
    """Commit what changed in the runtime's store (and the clock offset)."""
    state.flush(runtime.store, runtime.settings.clock.offset)


@web.middleware
async def state_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Commit the store's changes after the handler and before the response is sent (also after a failure).

    If the commit fails the client gets a 500 instead of an answer the file does not back.
    """
    runtime, state = request.config_dict[RUNTIME], request.config_dict[STATE]
    try:
        response = await handler(request)
    except BaseException:
        try:
            flush(runtime, state)
        except StateFileError as error:
            log.error("%s", error)
        raise
    try:
        flush(runtime, state)
    except StateFileError as error:
        log.error("%s", error)
        return render_error(api_of(request), ApiError(500, "the state file could not be written"), request.path)
    return response


def attach_state(root: web.Application, runtime: Runtime, state: StateFile) -> None:
    """Make ``root`` keep its state in ``state``: load it (or seed and write it), and write every change."""
    root[STATE] = state
    limits = runtime.settings.limits

    def new_store() -> PersistentStore:
        store = state.new_store()
        store.limits = limits  # the configured bounds (evicted records stay in the file until the next reset)
        return store

    runtime.new_store = new_store

    async def close(_: web.Application) -> None:
        state.close()

    root.on_cleanup.append(close)
    # A reset (admin API, or a changed seed file outside any request) is written as soon as it is done.
    runtime.reset_hooks.append(lambda: flush(runtime, state))
    if state.seeded():
        runtime.store, offset = state.load()
        runtime.store.limits = limits
        if offset > runtime.settings.clock.offset:
            # Tokens issued while the clock was moved forward must not become "not yet valid" after a restart.
            runtime.settings.clock.advance(offset - runtime.settings.clock.offset)
    else:
        runtime.seed_local()
        flush(runtime, state)
