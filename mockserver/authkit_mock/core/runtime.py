"""The running server's state in one object, kept behind a typed app key (no module-level state)."""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from aiohttp import web
from aiohttp.web_urldispatcher import AbstractRoute

from authkit_mock.core.credentials import CredentialCheck
from authkit_mock.core.ephemeral import MapFactory, MemoryMaps
from authkit_mock.core.faults import Faults
from authkit_mock.core.journal import Journal
from authkit_mock.core.seed import DEFAULT_SEED, Seed, load_seed
from authkit_mock.core.settings import Settings
from authkit_mock.core.store import MemoryStore, Store
from authkit_mock.core.tokens import TokenAuthority


@dataclass
class Runtime:
    """What every handler may need: settings, the store, token authorities, journal and faults."""

    settings: Settings
    seed: Seed
    authorities: dict[str, TokenAuthority]
    store: Store = field(default_factory=MemoryStore)
    journal: Journal = field(default_factory=Journal)
    faults: Faults = field(default_factory=Faults)
    operations: dict[AbstractRoute, tuple[str, str]] = field(default_factory=dict)
    """Which (api, operationId) each route serves: the journal, faults and errors look requests up here."""
    reset_hooks: list[Callable[[], object]] = field(default_factory=list)
    """Called on reset, after the store is rebuilt: each API clears its own short-lived protocol state (a hook may
    be a coroutine function; it is awaited)."""
    seeders: list[Callable[[MemoryStore, Seed], None]] = field(default_factory=list)
    """Each API adds its part of the seed to a fresh store."""
    credential_checks: dict[str, CredentialCheck] = field(default_factory=dict)
    """Each API's check of its own credential, for the protected stand-in resource (``authkit_mock.protected``)."""
    new_store: Callable[[], MemoryStore] = MemoryStore
    """Makes the fresh store a reset fills with the seed (``--state`` swaps in one that writes itself to the state
    file; a shared store copies what was filled into itself)."""
    maps: MapFactory = field(default_factory=MemoryMaps)
    """Where the APIs keep their short-lived protocol state (``core/ephemeral.py``): this process by default, a
    shared Valkey/Redis (``core/redis/maps.py``) when several processes act as one server."""
    commit_hooks: list[Callable[[], Awaitable[None]]] = field(default_factory=list)
    """Called by :meth:`commit` after the store is flushed (a shared store writes the clock and faults)."""
    refresh_hooks: list[Callable[[], Awaitable[None]]] = field(default_factory=list)
    """Called by :meth:`refresh` (a shared store reads the deployment's clock and faults into this process)."""

    async def refresh(self) -> None:
        """Read what other processes changed, before changing state outside a request (as a request does first)."""
        for hook in self.refresh_hooks:
            await hook()

    async def commit(self) -> None:
        """Write what changed outside a request (a test moving the clock, adding a record): requests write their
        own changes as they end."""
        await self.store.flush()
        for hook in self.commit_hooks:
            await hook()

    @property
    def clock_now(self) -> float:
        """The server clock's current time."""
        return self.settings.clock.now()

    def authority(self, name: str) -> TokenAuthority:
        """The token authority of an API (or of the embedded identity provider)."""
        return self.authorities[name]

    def register(self, route: AbstractRoute, api: str, operation_id: str) -> None:
        """Remember that ``route`` serves ``operation_id`` of ``api``."""
        self.operations[route] = (api, operation_id)

    def reload_seed(self) -> None:
        """Read the seed file again (a changed file replaces the seed used by the next reset)."""
        if self.settings.seed_file is not None:
            self.seed = load_seed(self.settings.seed_file)

    def seeded_store(self) -> MemoryStore:
        """A fresh store holding the seed (each API adds its part)."""
        store = self.new_store()
        for seeder in self.seeders:
            seeder(store, self.seed)
        return store

    def seed_local(self) -> None:
        """Start from the seed, in a store of this process only (memory, ``--state``), before the event loop runs:
        nothing short-lived exists yet, so no reset hook needs to run."""
        self.store = self.seeded_store()

    async def reset(self) -> None:
        """Back to the seed: a fresh store, no journal, no faults, the clock's offset back to zero, and each API's
        short-lived state cleared. A shared store is reset for every process that shares it."""
        self.store = await self.store.replaced_by(self.seeded_store())
        await self.maps.clear()
        self._clear_server_state()
        for hook in self.reset_hooks:
            if inspect.isawaitable(result := hook()):
                await result

    def _clear_server_state(self) -> None:
        self.journal.clear()
        self.faults.clear()
        self.settings.clock.reset()


RUNTIME = web.AppKey("runtime", Runtime)
API_SLUG = web.AppKey("api_slug", str)


def initial_seed(settings: Settings) -> Seed:
    """The seed file's content when one is set, otherwise the built-in demo seed."""
    return load_seed(settings.seed_file) if settings.seed_file is not None else DEFAULT_SEED
