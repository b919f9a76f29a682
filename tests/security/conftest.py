"""One server per module, back at its seed before every test: the matrix has hundreds of rows, each starting clean."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.conftest import make_settings
from tests.security.actors import GRACE
from tests.support.server import RunningServer, running_server


@pytest.fixture(scope="module")
def shared_server() -> Iterator[RunningServer]:
    """A server for the whole module (its provider logs Grace Hopper in without showing the login page)."""
    with running_server(make_settings(idp_auto_login=GRACE)) as started:
        yield started


@pytest.fixture
def server(shared_server: RunningServer) -> RunningServer:
    """The module's server reset to the seed: a fresh store, no faults, the clock back at real time.

    Overrides the root ``server`` fixture (a new server per test), which would cost 0.1 s a row.
    """
    shared_server.sync(shared_server.runtime.reset)
    return shared_server
