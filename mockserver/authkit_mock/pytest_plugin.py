"""The authkit pytest plugin: the real reference server in your tests, or offline answers from the contracts.

Installed with ``authkit-mockserver`` (``pytest11`` entry point ``authkit``); nothing to configure. Fixtures:

=========================  ==================================================================================
``authkit_settings``       (session) the server's :class:`~authkit_mock.core.settings.Settings`; override it in
                           a ``conftest.py`` to change lifetimes, the seed file, ...
``authkit_server``         (session) the reference server, started in this process on a free loopback port
                           (no subprocess, no fixed port: one per pytest-xdist worker)
``authkit``                the same server, reset to the seed before the test (store, journal, faults, clock);
                           ``.api_url(slug)``, ``.protected_url(slug)``, ``.admin_url``, ``.advance_clock(s)``
``authkit_admin``          an ``AdminClient`` of it: faults, journal, users, ``advance_clock`` (time travel)
``authkit_<api>``          a logged-out client of ``<api>`` (pacerpro, polario, bixarena, authlance), pointed
                           at it; ``authkit_svix`` holds the seeded organisation key
``authkit_<api>_demo``     pacerpro, polario and bixarena clients logged in as the seeded demo users
``authkit_offline``        no server and no socket: a respx router answering every operation of the five
                           contracts (and ``/__protected``) at the default URLs from the contracts' examples
=========================  ==================================================================================

The client fixtures need ``authkit-sdk``, the offline one ``respx`` (``pip install 'authkit-mockserver[pytest]'``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

import pytest

if TYPE_CHECKING:
    import respx

    from authkit_mock.core.settings import Settings
    from authkit_mock.testing import RunningServer
    from authkit_sdk.admin import AdminClient
    from authkit_sdk.authlance import AuthlanceClient
    from authkit_sdk.bixarena import BixarenaClient
    from authkit_sdk.pacerpro import PacerproClient
    from authkit_sdk.polario import PolarioClient
    from authkit_sdk.svix import SvixClient

# The built-in seed's demo credentials (authkit_mock.core.seed.DEFAULT_SEED), as `authkit-mock serve` prints them.
PACERPRO_DEMO = ("demo@example.com", "pacerpro-demo")
POLARIO_DEMO = ("demo@example.com", "pencil")
SVIX_ORG_KEY = "testsk_demo_org_key"
BIXARENA_DEMO_SUBJECT = "3350396"
"""Grace Hopper at the embedded Synapse provider."""
OFFLINE_ROOT = "http://127.0.0.1:4010"
"""Where the offline router answers: the SDK clients' default base URLs."""


def _needs_sdk() -> None:
    try:
        import authkit_sdk  # noqa: F401
    except ImportError:
        pytest.fail("this authkit fixture hands out SDK clients: pip install authkit-sdk", pytrace=False)


@pytest.fixture(scope="session")
def authkit_settings() -> Settings:
    """The reference server's settings (the defaults; override this fixture to change them)."""
    from authkit_mock.core.settings import Settings

    return Settings()


@pytest.fixture(scope="session")
def authkit_server(authkit_settings: Settings) -> Iterator[RunningServer]:
    """The reference server for the whole session, in this process on a free loopback port."""
    from authkit_mock.testing import running_server

    with running_server(authkit_settings) as server:
        yield server


@pytest.fixture
def authkit(authkit_server: RunningServer) -> RunningServer:
    """The session's reference server, reset to the seed before this test."""
    authkit_server.reset()
    return authkit_server


@pytest.fixture
def authkit_admin(authkit: RunningServer) -> Iterator[AdminClient]:
    """An ``AdminClient`` of the reset server (faults, journal, users, ``advance_clock``)."""
    _needs_sdk()
    from authkit_sdk.admin import AdminClient

    with AdminClient(base_url=authkit.admin_url) as admin:
        yield admin


@pytest.fixture
def authkit_pacerpro(authkit: RunningServer) -> Iterator[PacerproClient]:
    """A logged-out ``PacerproClient`` of the reset server."""
    _needs_sdk()
    from authkit_sdk.pacerpro import PacerproClient

    with PacerproClient(base_url=authkit.api_url("pacerpro")) as client:
        yield client


@pytest.fixture
def authkit_pacerpro_demo(authkit_pacerpro: PacerproClient) -> PacerproClient:
    """A ``PacerproClient`` logged in as the seeded demo user."""
    authkit_pacerpro.login(*PACERPRO_DEMO)
    return authkit_pacerpro


@pytest.fixture
def authkit_polario(authkit: RunningServer) -> Iterator[PolarioClient]:
    """A logged-out ``PolarioClient`` of the reset server."""
    _needs_sdk()
    from authkit_sdk.polario import PolarioClient

    with PolarioClient(base_url=authkit.api_url("polario")) as client:
        yield client


@pytest.fixture
def authkit_polario_demo(authkit_polario: PolarioClient) -> PolarioClient:
    """A ``PolarioClient`` logged in (SCRAM-SHA-256) as the seeded demo user."""
    authkit_polario.login(*POLARIO_DEMO)
    return authkit_polario


@pytest.fixture
def authkit_bixarena(authkit: RunningServer) -> Iterator[BixarenaClient]:
    """A logged-out ``BixarenaClient`` of the reset server."""
    _needs_sdk()
    from authkit_sdk.bixarena import BixarenaClient

    with BixarenaClient(base_url=authkit.api_url("bixarena")) as client:
        yield client


@pytest.fixture
def authkit_bixarena_demo(authkit_bixarena: BixarenaClient) -> BixarenaClient:
    """A ``BixarenaClient`` logged in through the embedded provider as the seeded user (no internal JWT yet)."""
    authkit_bixarena.login_with(provider_login)
    return authkit_bixarena


@pytest.fixture
def authkit_svix(authkit: RunningServer) -> Iterator[SvixClient]:
    """A ``SvixClient`` of the reset server holding the seeded organisation API key."""
    _needs_sdk()
    from authkit_sdk.svix import SvixClient

    with SvixClient(SVIX_ORG_KEY, base_url=authkit.api_url("svix"), retries=None) as client:
        yield client


@pytest.fixture
def authkit_authlance(authkit: RunningServer) -> Iterator[AuthlanceClient]:
    """A ``AuthlanceClient`` of the reset server."""
    _needs_sdk()
    from authkit_sdk.authlance import AuthlanceClient

    with AuthlanceClient(base_url=authkit.api_url("authlance")) as client:
        yield client


@pytest.fixture
def authkit_offline() -> Iterator[respx.MockRouter]:
    """Every httpx request of the test answered offline from the contracts' examples (no server, no socket).

    The router (respx) answers at the SDK's default base URLs (``http://127.0.0.1:4010/<api>``); its routes are named
    ``<api>.<operationId>``, so ``authkit_offline.routes["pacerpro.create_session"].calls`` shows what was sent.
    Add your own routes to it to answer otherwise. A request nothing answers fails the test.
    """
    try:
        from authkit_mock.offline import OFFLINE_SPECS, offline_router
    except ImportError:
        pytest.fail("authkit_offline needs respx: pip install 'authkit-mockserver[pytest]'", pytrace=False)
    urls = {name: f"{OFFLINE_ROOT}/{name}" for name in OFFLINE_SPECS}
    urls["protected"] = f"{OFFLINE_ROOT}/__protected"
    with offline_router(urls) as router:
        yield router


def provider_login(authorize_url: str, subject: str = BIXARENA_DEMO_SUBJECT) -> tuple[str, str]:
    """Sign in at the embedded provider as a browser would (picking ``subject`` on its login form); the ``code``
    and ``state`` it redirects back with. Pass it to ``BixarenaClient.login_with``."""
    import httpx

    with httpx.Client() as browser:
        response = browser.get(authorize_url)
        if response.status_code == 200:  # the login form (unless the server logs in automatically)
            fields: dict[str, Any] = {
                name: values[0] for name, values in parse_qs(urlsplit(authorize_url).query).items()
            }
            response = browser.post(authorize_url.split("?", 1)[0], data={**fields, "login_as": subject})
        if response.status_code not in (302, 303):
            raise AssertionError(f"the provider answered {response.status_code}: {response.text[:300]}")
        query = parse_qs(urlsplit(response.headers["location"]).query)
        return query["code"][0], query["state"][0]
