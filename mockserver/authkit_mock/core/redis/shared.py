"""What every process of a ``--store redis://`` deployment shares besides the records: the signing keys (so any
process verifies any token), the clock's offset and the injected faults (so the admin API's clock and faults apply
to all), and the seeding at first start; and the middleware that brings each request in line with them.

Per request, one round trip reads the clock's offset and the faults (``MGET``); after the handler, the store's
queued writes go in one script and, when the request moved the clock (the admin API), the seconds it moved it are
added to the deployment's offset, so advances made at once at two processes both count. The faults are changed in
the store itself, one script per change or use (``faults.py``); only a change made outside a request (a reset, a
test) is written from this process's copy. A store that cannot be reached makes the request a 503 in the API's own
error shape (:class:`StoreUnavailableError`), never a traceback.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Mapping
from typing import cast

from aiohttp import web
from aiohttp.typedefs import Handler

from authkit_mock.core.errors import render_error
from authkit_mock.core.middlewares import api_of
from authkit_mock.core.redis.connection import UNREACHABLE, RedisConnection, StoreUnavailableError, answered
from authkit_mock.core.redis.faults import SharedFaults
from authkit_mock.core.redis.journal import SharedJournal
from authkit_mock.core.redis.store import RedisStore
from authkit_mock.core.runtime import Runtime
from authkit_mock.core.tokens import SigningKey, TokenAuthority

log = logging.getLogger("authkit_mock.store")

SEEDING_SECONDS = 30
"""How long a process waits for another one that is seeding the shared store at the same time."""


class SharedState:
    """The shared keys, clock offset and faults of one deployment, and the seeding of its store."""

    def __init__(self, connection: RedisConnection, runtime: Runtime, store: RedisStore, faults: SharedFaults) -> None:
        self.connection = connection
        self.runtime = runtime
        self.store = store
        self.faults = faults
        self._clock_key = connection.key("server:clock")
        self._faults_key = connection.key("server:faults")
        self._seeded = connection.key("server:seeded")
        self._seen_document: str | None = None
        """The faults document as last read from the store (it changes there when any process uses a fault)."""

    async def signing_keys(self, current: Mapping[str, SigningKey]) -> dict[str, SigningKey]:
        """One key per issuer: the deployment's, or this process's ``current`` one when the deployment has none yet
        (``SET NX``: the first process to start, or the first to find a store that lost its data, stores its own)."""
        keys: dict[str, SigningKey] = {}
        redis = self.connection.client
        for issuer, mine in current.items():
            key = self.connection.key(f"server:key:{issuer}")
            await redis.set(key, _jwk_text(mine), nx=True)
            stored = cast(str, await redis.get(key))
            found = SigningKey.from_jwk(_jwk_of(stored))
            keys[issuer] = found if found.algorithm == mine.algorithm else mine
        return keys

    async def use_shared_keys(self) -> None:
        """Sign with the deployment's keys: every process then verifies what any other issued."""
        runtime = self.runtime
        keys = await self.signing_keys({name: authority.key for name, authority in runtime.authorities.items()})
        for name, authority in list(runtime.authorities.items()):
            if keys[name] is authority.key:
                continue
            runtime.authorities[name] = TokenAuthority(
                issuer=authority.issuer,
                audience=authority.audience,
                key=keys[name],
                clock=runtime.settings.clock,
                entropy=runtime.settings.entropy,
            )

    async def seed_once(self) -> None:
        """Seed the shared store unless a process of this deployment did already (the first to start does, or the
        first to find it empty after Valkey/Redis lost its data; the others wait for it, so none serves an empty
        store). A reset keeps the mark (``RedisStore.wipe``)."""
        redis = self.connection.client
        done, lock = self.connection.key("server:seeded"), self.connection.key("server:seeding")
        if await redis.exists(done):
            return
        if await redis.set(lock, "1", nx=True, ex=SEEDING_SECONDS):
            await self.runtime.reset()
            await redis.set(done, "1")
            return
        for _ in range(SEEDING_SECONDS * 20):
            if await redis.exists(done):
                return
            await asyncio.sleep(0.05)  # another process is seeding: a real wait, at start only
        raise StoreUnavailableError

    async def before(self) -> None:
        """Bring this process in line with the deployment: the clock's offset and the faults; and seed the store
        again when it lost everything (a Valkey/Redis restarted without persistence)."""
        offset, faults, seeded = await self.connection.client.mget(self._clock_key, self._faults_key, self._seeded)
        if seeded is None:
            log.warning("the shared store holds no deployment (restarted empty?): seeding it again")
            # The running processes all sign with the deployment's keys: the first to get here stores them again,
            # so tokens issued before still verify, at every process.
            await self.use_shared_keys()
            await self.seed_once()
            offset, faults = None, None
        self.runtime.settings.clock.follow(float(offset) if offset else 0.0)
        document = str(faults) if faults else _NO_FAULTS
        # Requests overlap: this read may be older than a change this process made meanwhile, which it then
        # must not undo (the clock keeps its unshared advance in ``follow``; changed faults are kept here).
        if document != self._seen_document and not self.faults.changed:
            self.faults.restore(document)
            self._seen_document = document

    async def after(self) -> None:
        """Write the store's queued changes, and the clock and faults when this process changed them."""
        await self.store.flush()
        await self.commit_server_state()

    async def commit_server_state(self) -> None:
        """Share what this process changed since it last did: its clock advance (added to the deployment's
        offset, so concurrent advances all count) and its faults when changed outside a request (a reset, a test),
        in one transaction."""
        clock = self.runtime.settings.clock
        advance = clock.take_advance()
        faults = self.faults.take_changes()
        if not advance and faults is None:
            return
        # Taken before the write: a write that fails (a 503) is not applied, and the next request's read of the
        # deployment's clock and faults replaces this process's copies.
        async with self.connection.client.pipeline(transaction=True) as pipe:
            if advance:
                pipe.incrbyfloat(self._clock_key, advance)
            if faults is not None:
                pipe.set(self._faults_key, faults)
            written = await pipe.execute()
        if advance:
            clock.follow(float(written[0]))
        if faults is not None:
            self._seen_document = faults


_NO_FAULTS = '{"next": 1, "faults": []}'


def _jwk_text(key: SigningKey) -> str:
    return json.dumps(key.to_private_jwk())


def _jwk_of(text: str) -> dict[str, object]:
    loaded: dict[str, object] = json.loads(text)
    return loaded


SHARED = web.AppKey("shared_state", SharedState)


@web.middleware
async def shared_state_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Each request in its own unit of work, in line with the deployment before, written whole after."""
    shared = request.config_dict[SHARED]
    shared.store.begin()
    # Only the store's own steps are caught here: the handler's store calls raise StoreUnavailableError, which the
    # error rendering inside ``handler`` answers, and any other error of the handler (a client that went away is an
    # OSError too) keeps the handling it has without a shared store.
    try:
        await answered(shared.before())
    except StoreUnavailableError as error:
        return render_error(api_of(request), error, request.path)
    response = await handler(request)
    try:
        await answered(shared.after())
    except StoreUnavailableError as error:
        return render_error(api_of(request), error, request.path)
    return response


def attach_shared_state(root: web.Application, runtime: Runtime, connection: RedisConnection) -> None:
    """Keep ``runtime``'s state in the shared store: records, keys, clock, faults; seeded once per deployment."""
    limits = runtime.settings.limits
    store = RedisStore(connection, limits)
    runtime.store = store
    runtime.journal = SharedJournal(connection, limits.journal_entries, limits.journal_bytes)
    faults = runtime.faults = SharedFaults(connection)
    shared = SharedState(connection, runtime, store, faults)
    root[SHARED] = shared
    runtime.commit_hooks.append(shared.commit_server_state)
    runtime.refresh_hooks.append(shared.before)

    async def start(_: web.Application) -> None:
        try:
            await shared.use_shared_keys()
            await shared.seed_once()
        except UNREACHABLE as error:
            raise StoreUnavailableError from error

    async def close(_: web.Application) -> None:
        await connection.close()

    root.on_startup.append(start)
    root.on_cleanup.append(close)
