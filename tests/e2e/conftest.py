"""The deployment the flows run against, and the two ways of reaching it (directly, through Prism's proxy).

By default one reference server is started for the session (automatic login at its identity provider, and a
small svix rate limit so that the rate-limit flows need few requests) and reset to its seed before every test
through the admin API. With ``AUTHKIT_BASE_URL`` set, the flows run against that deployment instead; it is
reset too when its admin API answers, and the flows that need the admin API are skipped when it does not.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from authkit_mock.core.settings import SLUGS, RateLimit
from authkit_mock.prism import PrismProcess, free_port
from authkit_sdk.admin import AdminClient
from tests.conftest import make_settings
from tests.e2e.flows import GRACE
from tests.e2e.targets import BASE_URL_ENV, Deployment, Target
from tests.support.server import running_server

SVIX_RATE_LIMIT = RateLimit(requests=10, per_seconds=60)


@pytest.fixture(scope="session")
def deployment() -> Iterator[Deployment]:
    """The deployment under test: ``AUTHKIT_BASE_URL``'s, or a reference server started here for the session."""
    outside = os.environ.get(BASE_URL_ENV)
    if outside:
        yield Deployment.outside(outside)
        return
    settings = make_settings(idp_auto_login=GRACE, rate_limit=SVIX_RATE_LIMIT)
    with running_server(settings) as server:
        yield Deployment(server.url, server=server)


@pytest.fixture(scope="session")
def prism_proxies(deployment: Deployment) -> Iterator[dict[str, PrismProcess]]:
    """Prism's validating proxy in front of each API of the deployment, started together once per session."""
    proxies = {slug: PrismProcess(slug, free_port(), upstream=deployment.api_url(slug)) for slug in SLUGS}
    try:
        for proxy in proxies.values():
            proxy.start()
        for proxy in proxies.values():
            proxy.wait()
        yield proxies
    finally:
        for proxy in proxies.values():
            proxy.stop()


@pytest.fixture(params=["direct", pytest.param("via-prism", marks=pytest.mark.prism)])
def target(request: pytest.FixtureRequest, deployment: Deployment) -> Target:
    """The deployment reset to its seed, reached directly or through Prism's validating proxy."""
    if deployment.admin_problem is None:
        with deployment.admin() as admin:
            admin.reset()
    if request.param == "direct":
        return Target(deployment)
    return Target(deployment, request.getfixturevalue("prism_proxies"))


@pytest.fixture
def admin(target: Target) -> Iterator[AdminClient]:
    """The deployment's admin API (the flow is skipped when it cannot be used)."""
    if target.deployment.admin_problem is not None:
        pytest.skip(f"needs the admin API: {target.deployment.admin_problem}")
    with target.deployment.admin() as client:
        yield client


@pytest.fixture
def proxied(deployment: Deployment, prism_proxies: dict[str, PrismProcess]) -> Target:
    """The deployment reset to its seed, reached through Prism's validating proxy only."""
    if deployment.admin_problem is None:
        with deployment.admin() as admin:
            admin.reset()
    return Target(deployment, prism_proxies)
