"""The store in Valkey/Redis: every record a hash, every lookup an index, every request's writes one atomic script.

Key layout (all under the connection's prefix ``P``; a part that is a record key is its JSON, so no id can break
the layout):

- ``P rec:<kind>:<key>``: one record's fields (a field that is None is absent). Two bookkeeping fields: ``_idx``,
  the index keys the record is listed in (so eviction can unlist it without knowing its type), and ``_chars``, the
  grant characters an issued token carries.
- ``P idx:<kind>`` and ``P idx:<kind>:<api>``: sorted sets of record keys in the order they were added (``users_of``,
  the admin listings); ``P idx:sink:<stream>``: a stream's sinks; ``P own:<api>:<owner kind>:<owner>``: the tokens
  of one session, subject, application or stream (logout, revoke-all, expire-all).
- ``P issued:<kind>``: what requests made, oldest first, with ``P issued:chars``: the bounds of ``Limits``; past a
  bound the script evicts the oldest (an application with its tokens), as the memory store does.
- ``P uid:app``: application ids by uid. ``P seq``: the counter that orders everything.

Reads go to the server each time (no cache: another process may have changed the record a moment ago). Writes are
queued in the request's unit of work (a context variable: each request's task has its own) and written by
:meth:`RedisStore.flush` in one Lua script, which Redis runs atomically: a request's changes are stored whole or,
if the server cannot be reached, not at all (the client gets a 503). A change made to a record in place writes only
the changed fields, and only while the record still exists: two processes changing two fields of one token do not
undo each other, and a change to a record another process removed does not bring it back.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import cast

from authkit_mock.core.codec import columns, record_from_texts, to_text
from authkit_mock.core.redis.connection import RedisConnection, unavailable_as_503
from authkit_mock.core.settings import Limits
from authkit_mock.core.store import (
    WATCHER,
    Application,
    MemoryStore,
    Record,
    Session,
    Sink,
    Store,
    Stream,
    Token,
    User,
    owner_of,
)

KINDS: dict[type[Record], str] = {
    User: "user",
    Session: "session",
    Application: "app",
    Stream: "stream",
    Sink: "sink",
    Token: "token",
}

FLUSH = """
-- KEYS: none (every key is built from the prefix, ARGV[1]). ARGV[2]: the operations (JSON). ARGV[3]: the bounds.
local p = ARGV[1]
local ops = cjson.decode(ARGV[2])
local bounds = cjson.decode(ARGV[3])
local function unlist(key)
  local idx = redis.call('HGET', key, '_idx')
  if idx then
    local member = string.sub(key, string.len(p .. 'rec:') + 1)
    member = string.sub(member, string.find(member, ':', 1, true) + 1)
    for _, index in ipairs(cjson.decode(idx)) do redis.call('ZREM', index, member) end
  end
  local chars = tonumber(redis.call('HGET', key, '_chars') or '0')
  if chars > 0 then redis.call('DECRBY', p .. 'issued:chars', chars) end
  redis.call('DEL', key)
end
local function evict_app(app_id)
  local owned = p .. 'own:svix:app:' .. app_id
  for _, value in ipairs(redis.call('ZRANGE', owned, 0, -1)) do
    unlist(p .. 'rec:token:' .. value)
    redis.call('ZREM', p .. 'issued:token', value)
  end
  redis.call('DEL', owned)
  redis.call('ZREM', p .. 'issued:app', app_id)
  local key = p .. 'rec:app:' .. app_id
  local uid = redis.call('HGET', key, 'uid')
  if uid and redis.call('HGET', p .. 'uid:app', uid) == app_id then redis.call('HDEL', p .. 'uid:app', uid) end
  unlist(key)
end
for _, op in ipairs(ops) do
  local key = p .. 'rec:' .. op.kind .. ':' .. op.member
  if op.op == 'put' then
    local seq = redis.call('INCR', p .. 'seq')
    redis.call('DEL', key)
    redis.call('HSET', key, '_idx', cjson.encode(op.idx), unpack(op.fields))
    for _, index in ipairs(op.idx) do redis.call('ZADD', index, 'NX', seq, op.member) end
    if op.uid then redis.call('HSET', p .. 'uid:app', op.uid, op.id) end
    if op.issued then
      redis.call('ZADD', p .. 'issued:' .. op.kind, 'NX', seq, op.issued)
      if op.chars > 0 then
        redis.call('HSET', key, '_chars', op.chars)
        redis.call('INCRBY', p .. 'issued:chars', op.chars)
      end
    end
  elseif op.op == 'set' then
    if redis.call('EXISTS', key) == 1 then
      if #op.fields > 0 then redis.call('HSET', key, unpack(op.fields)) end
      if #op.null > 0 then redis.call('HDEL', key, unpack(op.null)) end
    end
  elseif op.op == 'del' then
    if op.kind == 'app' then evict_app(op.id) else unlist(key) end
    if op.kind == 'token' then redis.call('ZREM', p .. 'issued:token', op.id) end
    if op.kind == 'session' then redis.call('ZREM', p .. 'issued:session', op.member) end
  end
end
local evicted = 0
while redis.call('ZCARD', p .. 'issued:token') > bounds.tokens
    or tonumber(redis.call('GET', p .. 'issued:chars') or '0') > bounds.grant_chars do
  local oldest = redis.call('ZPOPMIN', p .. 'issued:token')
  if #oldest == 0 then break end
  unlist(p .. 'rec:token:' .. oldest[1])
  evicted = evicted + 1
end
while redis.call('ZCARD', p .. 'issued:session') > bounds.sessions do
  local oldest = redis.call('ZPOPMIN', p .. 'issued:session')
  unlist(p .. 'rec:session:' .. oldest[1])
  evicted = evicted + 1
end
while redis.call('ZCARD', p .. 'issued:app') > bounds.applications do
  local oldest = redis.call('ZPOPMIN', p .. 'issued:app')
  evict_app(oldest[1])
  evicted = evicted + 1
end
return evicted
"""

CLAIM = """
-- KEYS[1]: a token's hash. Marks it used unless it is used already (or gone): 1 for the one call that did.
if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('HGET', KEYS[1], 'used') == '1' then return 0 end
redis.call('HSET', KEYS[1], 'used', '1')
return 1
"""

WIPE_BATCH = 500


def member_of(record: Record) -> str:
    """The record's key within its kind: a token's value, an application's or stream's id, and the JSON of a
    two-part key (so no id can be mistaken for another's)."""
    if isinstance(record, Token):
        return record.token
    if isinstance(record, User | Session):
        return json.dumps([record.api, record.id])
    if isinstance(record, Sink):
        return json.dumps([record.stream_id, record.id])
    if isinstance(record, Application | Stream):
        return record.id
    raise TypeError(f"not a stored record: {record!r}")


@dataclass
class UnitOfWork:
    """What one request changed: whole records added (``None``: every field) or fields changed in place, and
    records removed, by (kind, member). Written by :meth:`RedisStore.flush`."""

    changed: dict[tuple[str, str], tuple[Record, set[str] | None, bool]] = field(default_factory=dict)
    removed: dict[tuple[str, str], Record] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.changed or self.removed)


class RedisStore(Store):
    """:class:`~authkit_mock.core.store.Store` in Valkey/Redis, shared by every process started with the same URL
    and prefix (module docstring)."""

    def __init__(self, connection: RedisConnection, limits: Limits) -> None:
        self.connection = connection
        self.limits = limits
        self._redis = connection.client
        self._flush = self._redis.register_script(FLUSH)
        self._claim = self._redis.register_script(CLAIM)
        # One unit of work per request: aiohttp runs each request in its own task, and a task has its own context.
        self._work: ContextVar[UnitOfWork | None] = ContextVar(f"authkit-redis-work-{id(self)}", default=None)

    # -- the unit of work ------------------------------------------------------------------------------------------

    def begin(self) -> None:
        """Start a new unit of work in the current context (the middleware does, as a request begins)."""
        self._work.set(UnitOfWork())

    def _unit(self) -> UnitOfWork:
        unit = self._work.get()
        if unit is None:
            unit = UnitOfWork()
            self._work.set(unit)
        return unit

    def _key(self, kind: str, member: str) -> str:
        return self.connection.key(f"rec:{kind}:{member}")

    def _put(self, record: Record, issued: bool = False) -> None:
        key = (KINDS[type(record)], member_of(record))
        unit = self._unit()
        unit.removed.pop(key, None)
        previous = unit.changed.get(key)
        unit.changed[key] = (record, None, issued or (previous is not None and previous[2]))
        self._watch(record)

    def _watch(self, record: Record) -> None:
        object.__setattr__(record, WATCHER, self._changed)

    def _changed(self, record: Record, name: str) -> None:
        key = (KINDS[type(record)], member_of(record))
        unit = self._unit()
        entry = unit.changed.get(key)
        if entry is None:
            unit.changed[key] = (record, {name}, False)
        elif entry[1] is not None:
            entry[1].add(name)

    def _remove(self, record: Record) -> None:
        key = (KINDS[type(record)], member_of(record))
        unit = self._unit()
        unit.changed.pop(key, None)
        unit.removed[key] = record

    def _pending(self, kind: str, member: str) -> tuple[bool, Record | None]:
        """(known here, the record): what this request already added or removed, before it is written."""
        unit = self._work.get()
        if unit is None:
            return False, None
        if (kind, member) in unit.removed:
            return True, None
        entry = unit.changed.get((kind, member))
        # A record this request added, or fetched and changed: this request's view of it is the newest.
        return (True, entry[0]) if entry is not None else (False, None)

    # -- writes (queued) -------------------------------------------------------------------------------------------

    def add_user(self, user: User) -> User:
        self._put(user)
        return user

    def add_session(self, session: Session, issued: bool = False) -> Session:
        self._put(session, issued)
        return session

    def add_token(self, token: Token, issued: bool = False) -> Token:
        self._put(token, issued)
        return token

    def remove_token(self, value: str) -> None:
        self._remove(Token(api="", kind="", token=value, created_at=0.0))

    def add_application(self, app: Application, issued: bool = False) -> Application:
        self._put(app, issued)
        return app

    def add_stream(self, stream: Stream) -> Stream:
        self._put(stream)
        return stream

    def add_sink(self, sink: Sink) -> Sink:
        self._put(sink)
        return sink

    @unavailable_as_503
    async def remove_application(self, app_id: str) -> None:
        # The script removes the application's tokens and its uid with it, as one step.
        self._remove(Application(id=app_id, name="", created_at=0.0))

    @unavailable_as_503
    async def remove_stream(self, stream: Stream) -> None:
        for sink in await self.sinks_of(stream.id):
            self._remove(sink)
        self._remove(stream)

    # -- reads -----------------------------------------------------------------------------------------------------

    async def _get(self, kind_type: type[Record], member: str) -> Record | None:
        kind = KINDS[kind_type]
        known, pending = self._pending(kind, member)
        if known:
            return pending
        texts = cast(dict[str, str], await self._redis.hgetall(self._key(kind, member)))
        if not texts:
            return None
        record = record_from_texts(kind_type, texts)
        self._watch(record)
        return record

    async def _listed(self, kind_type: type[Record], index: str) -> list[Record]:
        kind = KINDS[kind_type]
        members = cast(list[str], await self._redis.zrange(self.connection.key(index), 0, -1))
        if not members:
            return []
        async with self._redis.pipeline(transaction=False) as pipe:
            for member in members:
                pipe.hgetall(self._key(kind, member))
            found: list[dict[str, str]] = await pipe.execute()
        records = []
        for member, texts in zip(members, found, strict=True):
            known, pending = self._pending(kind, member)
            record = pending if known else (record_from_texts(kind_type, texts) if texts else None)
            if record is not None:
                self._watch(record)
                records.append(record)
        return records

    def _added(self, kind_type: type[Record]) -> Iterable[Record]:
        unit = self._work.get()
        if unit is None:
            return ()
        return [record for record, fields, _ in unit.changed.values() if fields is None and type(record) is kind_type]

    async def _all(self, kind_type: type[Record], index: str) -> list[Record]:
        listed = await self._listed(kind_type, index)
        seen = {member_of(record) for record in listed}
        return listed + [record for record in self._added(kind_type) if member_of(record) not in seen]

    @unavailable_as_503
    async def user(self, api: str, user_id: str) -> User | None:
        found = await self._get(User, json.dumps([api, user_id]))
        return found if isinstance(found, User) else None

    @unavailable_as_503
    async def users_of(self, api: str | None = None) -> list[User]:
        found = await self._all(User, "idx:user" if api is None else f"idx:user:{api}")
        return [user for user in found if isinstance(user, User) and (api is None or user.api == api)]

    @unavailable_as_503
    async def session(self, api: str, session_id: str) -> Session | None:
        found = await self._get(Session, json.dumps([api, session_id]))
        return found if isinstance(found, Session) else None

    @unavailable_as_503
    async def sessions_of(self, api: str | None = None) -> list[Session]:
        found = await self._all(Session, "idx:session" if api is None else f"idx:session:{api}")
        return [s for s in found if isinstance(s, Session) and (api is None or s.api == api)]

    @unavailable_as_503
    async def token(self, value: str) -> Token | None:
        found = await self._get(Token, value)
        return found if isinstance(found, Token) else None

    @unavailable_as_503
    async def tokens_of(self, api: str | None = None) -> list[Token]:
        found = await self._all(Token, "idx:token" if api is None else f"idx:token:{api}")
        return [t for t in found if isinstance(t, Token) and (api is None or t.api == api)]

    @unavailable_as_503
    async def tokens_owned(
        self,
        api: str,
        *,
        session: str | None = None,
        subject: str | None = None,
        app: str | None = None,
        stream: str | None = None,
    ) -> list[Token]:
        kind, owner = owner_of(session=session, subject=subject, app=app, stream=stream)
        listed = [t for t in await self._listed(Token, f"own:{api}:{kind}:{owner}") if isinstance(t, Token)]
        seen = {t.token for t in listed}
        added = [
            t
            for t in self._added(Token)
            if isinstance(t, Token)
            and t.token not in seen
            and t.api == api
            and getattr(t, _OWNER_FIELDS[kind]) == owner
        ]
        return listed + added

    @unavailable_as_503
    async def claim(self, token: Token) -> bool:
        claimed = bool(await self._claim(keys=[self._key("token", token.token)]))
        object.__setattr__(token, "used", True)  # not a change to write: the script made it
        return claimed

    @unavailable_as_503
    async def application(self, app_id: str) -> Application | None:
        found = await self._get(Application, app_id)
        if found is None:
            by_uid = cast(str | None, await self._redis.hget(self.connection.key("uid:app"), app_id))
            found = await self._get(Application, by_uid) if by_uid is not None else None
        return found if isinstance(found, Application) else None

    @unavailable_as_503
    async def applications_of(self) -> list[Application]:
        return [app for app in await self._all(Application, "idx:app") if isinstance(app, Application)]

    @unavailable_as_503
    async def stream(self, stream_id: str, now: float) -> Stream | None:
        found = await self._get(Stream, stream_id)
        if found is None:
            # Streams are few (``svix_max_streams``): a uid is looked for among them.
            found = next((s for s in await self.streams_of() if s.uid == stream_id), None)
        return found if isinstance(found, Stream) and found.live(now) else None

    @unavailable_as_503
    async def streams_of(self) -> list[Stream]:
        return [stream for stream in await self._all(Stream, "idx:stream") if isinstance(stream, Stream)]

    @unavailable_as_503
    async def sink(self, stream_id: str, sink_id: str) -> Sink | None:
        found = await self._get(Sink, json.dumps([stream_id, sink_id]))
        if found is None:
            found = next((s for s in await self.sinks_of(stream_id) if s.uid == sink_id), None)
        return found if isinstance(found, Sink) else None

    @unavailable_as_503
    async def sinks_of(self, stream_id: str) -> list[Sink]:
        found = await self._all(Sink, f"idx:sink:{stream_id}")
        return [sink for sink in found if isinstance(sink, Sink) and sink.stream_id == stream_id]

    # -- writing ---------------------------------------------------------------------------------------------------

    def _indexes(self, record: Record) -> list[str]:
        key = self.connection.key
        kind = KINDS[type(record)]
        if isinstance(record, User | Session):
            return [key(f"idx:{kind}"), key(f"idx:{kind}:{record.api}")]
        if isinstance(record, Token):
            owners = [key(f"own:{record.api}:{k}:{o}") for k, o in _owners(record)]
            return [key("idx:token"), key(f"idx:token:{record.api}"), *owners]
        if isinstance(record, Sink):
            return [key(f"idx:sink:{record.stream_id}")]
        return [key(f"idx:{kind}")]

    def _operation(self, record: Record, fields: set[str] | None, issued: bool) -> dict[str, object]:
        kind, member = KINDS[type(record)], member_of(record)
        names = columns(type(record)) if fields is None else sorted(fields & set(columns(type(record))))
        texts = {name: to_text(name, getattr(record, name)) for name in names}
        flat = [part for name, text in texts.items() if text is not None for part in (name, text)]
        if fields is not None:
            return {
                "op": "set",
                "kind": kind,
                "member": member,
                "fields": flat,
                "null": [n for n, t in texts.items() if t is None],
            }
        operation: dict[str, object] = {
            "op": "put",
            "kind": kind,
            "member": member,
            "fields": flat,
            "idx": self._indexes(record),
        }
        if isinstance(record, Application) and record.uid is not None:
            operation.update(uid=record.uid, id=record.id)
        if issued:
            operation.update(issued=member if not isinstance(record, Application) else record.id)
            operation.update(chars=len(record.grants or "") if isinstance(record, Token) else 0)
        return operation

    def _operations(self, unit: UnitOfWork) -> list[dict[str, object]]:
        operations = []
        for (kind, member), record in unit.removed.items():
            identity = record.token if isinstance(record, Token) else getattr(record, "id", member)
            operations.append({"op": "del", "kind": kind, "member": member, "id": identity})
        for record, fields, issued in unit.changed.values():
            if fields is None or fields:
                operations.append(self._operation(record, fields, issued))
        return operations

    @unavailable_as_503
    async def flush(self) -> None:
        """Write the current unit of work in one script (atomic in Redis) and start a new one."""
        unit = self._work.get()
        if not unit:
            return
        self._work.set(UnitOfWork())
        await self._write(self._operations(unit))

    async def _write(self, operations: list[dict[str, object]]) -> None:
        limits = self.limits
        bounds = {
            "tokens": limits.tokens,
            "grant_chars": limits.grant_chars,
            "sessions": limits.sessions,
            "applications": limits.applications,
        }
        await self._flush(args=[self.connection.prefix, json.dumps(operations), json.dumps(bounds)])

    @unavailable_as_503
    async def replaced_by(self, seeded: MemoryStore) -> Store:
        """Empty the store (every key under the prefix: records, indexes, short-lived state, faults, clock offset)
        and write ``seeded`` into it, for every process that shares it."""
        await self.wipe()
        unit = UnitOfWork()
        for record in seeded.records():
            unit.changed[(KINDS[type(record)], member_of(record))] = (record, None, False)
        await self._write(self._operations(unit))
        self._work.set(UnitOfWork())
        return self

    @unavailable_as_503
    async def wipe(self) -> None:
        """Delete every key under the prefix but the signing keys and the seeding marks (``shared.py``): a reset
        keeps the deployment's keys, as a restart does (every process signs with them), and keeps it seeded, so no
        other process takes the empty moment for a store that lost its data and seeds it too."""
        batch: list[str] = []
        kept = {self.connection.key("server:seeded"), self.connection.key("server:seeding")}
        signing_keys = self.connection.key("server:key:")
        async for key in self._redis.scan_iter(match=self.connection.prefix + "*", count=WIPE_BATCH):
            if key in kept or key.startswith(signing_keys):
                continue
            batch.append(key)
            if len(batch) >= WIPE_BATCH:
                await self._redis.unlink(*batch)
                batch = []
        if batch:
            await self._redis.unlink(*batch)


_OWNER_FIELDS = {"session": "session_id", "subject": "subject", "app": "app_id", "stream": "stream_id"}


def _owners(token: Token) -> list[tuple[str, str]]:
    return [(kind, value) for kind, name in _OWNER_FIELDS.items() if (value := getattr(token, name)) is not None]
