"""The app factory: one sub-app per API under ``/<slug>`` (or one API at the root), the admin API, the IdP."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from aiohttp import web

from authkit_mock.core.journal import Journal
from authkit_mock.core.keys import load_or_create_keys
from authkit_mock.core.middlewares import root_middleware
from authkit_mock.core.runtime import API_SLUG, RUNTIME, Runtime, initial_seed
from authkit_mock.core.settings import IDP_PATH, Settings
from authkit_mock.core.store import MemoryStore
from authkit_mock.core.tokens import ALGORITHM, RS256, TokenAuthority

if TYPE_CHECKING:
    from authkit_mock.core.persistence import StateFile

ApiSetup = Callable[[web.Application, Runtime], None]


def _api_setups() -> dict[str, ApiSetup]:
    from authkit_mock.apis import authlance, bixarena, pacerpro, polario, svix

    return {
        "authlance": authlance.setup,
        "polario": polario.setup,
        "svix": svix.setup,
        "bixarena": bixarena.setup,
        "pacerpro": pacerpro.setup,
    }


# bixarena's audience is the one upstream declares; the others have none published, so they get their own.
AUDIENCES = {"bixarena": "urn:bixarena:api"}
# bixarena's internal JWTs are RS256 upstream (InternalJwtService signs with an RSA-2048 key of JwkKeyStore,
# Sage-Bionetworks/sage-monorepo@86cae545, apps/bixarena/auth-service): a backend that verifies real tokens with
# algorithms=["RS256"] must accept the mock's too. The other issuers (and the embedded provider) sign ES256.
ALGORITHMS = {"bixarena": RS256}


def audience(slug: str) -> str:
    """The ``aud`` of the tokens an API issues: its own, so no API accepts another's tokens."""
    return AUDIENCES.get(slug, f"urn:authkit:{slug}")


def create_runtime(settings: Settings, state: StateFile | None = None) -> Runtime:
    """Keys, token authorities and the seed for ``settings`` (the store is filled by :func:`create_app`).

    The keys come from the key file when one is set, else from the state file when there is one.
    """
    names = [*settings.apis, "synapse"] if "bixarena" in settings.apis else list(settings.apis)
    issuers = {name: ALGORITHMS.get(name, ALGORITHM) for name in names}
    if state is not None and settings.key_file is None:
        keys = state.signing_keys(issuers, settings.entropy)
    else:
        keys = load_or_create_keys(issuers, settings.key_file, settings.entropy)
    authorities = {
        name: TokenAuthority(
            issuer=settings.api_url(name) if name != "synapse" else f"{settings.base_url()}{IDP_PATH}",
            audience=audience(name),
            key=keys[name],
            clock=settings.clock,
            entropy=settings.entropy,
        )
        for name in issuers
    }
    limits = settings.limits
    return Runtime(
        settings=settings,
        seed=initial_seed(settings),
        authorities=authorities,
        journal=Journal(limits.journal_entries, limits.journal_bytes),
        new_store=lambda: MemoryStore(limits=limits),
    )


def create_app(settings: Settings) -> web.Application:
    """The reference server for ``settings``."""
    from authkit_mock.admin import create_admin_app
    from authkit_mock.core.seed_watch import add_seed_watch
    from authkit_mock.docs import add_docs
    from authkit_mock.protected import PREFIX, create_protected_app

    state = None
    if settings.state_file is not None:
        # Only runs with --state load SQLite and the persistence layer.
        from authkit_mock.core.persistence import StateFile, state_middleware

        state = StateFile(settings.state_file)
    runtime = create_runtime(settings, state)
    # The state file's commit (or the shared store's) runs inside CORS and the journal and outside error
    # rendering, so a failed commit is still journaled and gets CORS headers.
    between = state_middleware if state is not None else None
    connection = None
    if settings.store_url is not None:
        # Only runs with --store load redis-py and the shared store.
        from authkit_mock.core.redis.connection import RedisConnection
        from authkit_mock.core.redis.maps import RedisMaps
        from authkit_mock.core.redis.shared import shared_state_middleware

        between = shared_state_middleware
        connection = RedisConnection(settings.store_url, settings.store_prefix)
        # Before the APIs are set up: each builds its short-lived maps from ``runtime.maps`` there.
        runtime.maps = RedisMaps(connection)
    middlewares = [root_middleware(between, runtime)]
    root = web.Application(middlewares=middlewares, client_max_size=settings.max_body_bytes)
    root[RUNTIME] = runtime

    def mount(prefix: str, sub: web.Application) -> None:
        # Each sub-app holds the runtime too: ``request.config_dict`` (``runtime_of``, several times a request)
        # looks in the innermost app first, and a miss there costs a raised and caught KeyError.
        sub[RUNTIME] = runtime
        root.add_subapp(prefix, sub)

    setups = _api_setups()
    for slug in settings.apis:
        if settings.single_api == slug:
            root[API_SLUG] = slug
            setups[slug](root, runtime)
        else:
            sub = web.Application(client_max_size=settings.max_body_bytes)
            sub[API_SLUG] = slug
            setups[slug](sub, runtime)
            mount(f"/{slug}", sub)
    if "bixarena" in settings.apis:
        from authkit_mock.idp import create_idp_app

        mount(IDP_PATH, create_idp_app(runtime))
    mount("/__admin", create_admin_app(runtime))
    mount(PREFIX, create_protected_app())
    add_docs(root)
    add_seed_watch(root, runtime)
    if connection is not None:
        from authkit_mock.core.redis.shared import attach_shared_state

        attach_shared_state(root, runtime, connection)
    elif state is None:
        runtime.seed_local()
    else:
        from authkit_mock.core.persistence import attach_state

        attach_state(root, runtime, state)
    return root
