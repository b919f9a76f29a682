"""The running server's state in one object, kept behind a typed app key (no module-level state)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from aiohttp import web
from aiohttp.web_urldispatcher import AbstractRoute

from authkit_mock.core.credentials import CredentialCheck
from authkit_mock.core.ephemeral import MapFactory, MemoryMaps
from authkit_mock.core.faults import Faults
from authkit_mock.core.journal import Journal
from authkit_mock.core.seed import DEFAULT_SEED, Seed, load_seed
from authkit_mock.core.settings import Settings
from authkit_mock.core.store import Store
from authkit_mock.core.tokens import TokenAuthority


@dataclass
class Runtime:
    """What every handler may need: settings, the store, token authorities, journal and faults."""

    settings: Settings
    seed: Seed
    authorities: dict[str, TokenAuthority]
    store: Store = field(default_factory=Store)
    journal: Journal = field(default_factory=Journal)
    faults: Faults = field(default_factory=Faults)
    operations: dict[AbstractRoute, tuple[str, str]] = field(default_factory=dict)
    """Which (api, operationId) each route serves: the journal, faults and errors look requests up here."""
    reset_hooks: list[Callable[[], None]] = field(default_factory=list)
    """Called on reset, after the store is rebuilt: each API clears its own short-lived protocol state."""
    seeders: list[Callable[[Store, Seed], None]] = field(default_factory=list)
    """Each API adds its part of the seed to a fresh store."""
    credential_checks: dict[str, CredentialCheck] = field(default_factory=dict)
    """Each API's check of its own credential, for the protected stand-in resource (``authkit_mock.protected``)."""
    new_store: Callable[[], Store] = Store
    """Makes the fresh store a reset fills (``--state`` swaps in one that writes itself to the state file)."""
    maps: MapFactory = field(default_factory=MemoryMaps)
    """Where the APIs keep their short-lived protocol state (``core/ephemeral.py``): this process by default, a
    shared Valkey/Redis (``core/redis/maps.py``) when several processes act as one server."""

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

    def reset(self) -> None:
        """Back to the seed: a fresh store, no journal, no faults, the clock's offset back to zero."""
        store = self.new_store()
        for seeder in self.seeders:
            seeder(store, self.seed)
        self.store = store
        self.journal.clear()
        self.faults.clear()
        self.settings.clock.reset()
        if isinstance(self.maps, MemoryMaps):
            # A shared backend is cleared by ``await self.maps.clear()`` (it needs the event loop).
            self.maps.clear_now()
        for hook in self.reset_hooks:
            hook()


RUNTIME = web.AppKey("runtime", Runtime)
API_SLUG = web.AppKey("api_slug", str)


def initial_seed(settings: Settings) -> Seed:
    """The seed file's content when one is set, otherwise the built-in demo seed."""
    return load_seed(settings.seed_file) if settings.seed_file is not None else DEFAULT_SEED
