"""A real ``authkit-mock serve`` process, flooded store by store with the largest entries it accepts, grows its RSS
by no more than the store's documented bound (docs/operations/reliability.md, the bounds table).

The server runs with small limits (command-line flags) so each flood passes its bound in a few hundred requests;
each test measures the process's RSS before and after its own flood. The allowance on top of a store's bound covers
what any run of requests costs once (allocator arenas, caches filled on first use). The journal, the svix app
tokens with the largest grants and the provider's codes run in the default suite; the other stores behind ``deep``.
Before the bounds, the journal flood alone grew the process by 400 MB (250 requests): the journal kept every
header whole, and the reference cycles of error answers held each request until the rarely run collector came.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator

import httpx
import pytest

from authkit_mock.apis.svix.grants import MAX_GRANTS_CHARS
from authkit_mock.core.settings import Limits
from tests.reliability.floods import FLOODS, GRACE, fat_journal
from tests.reliability.process import ServerProcess

pytestmark = pytest.mark.single_process  # the RSS of one process: not run with the shared Redis store

CAP = 100
FLOOD = 250
JOURNAL_BYTES = 4 * 1024 * 1024
ALLOWANCE = 24 * 1024 * 1024
"""RSS a few hundred requests may cost whatever the stores hold (measured: 3 to 12 MB on the first flood)."""

GARBAGE_WINDOW = 4 * Limits().collect_after_bytes
"""Garbage fat requests leave between two collections (``Limits.collect_after_bytes`` of raw headers and bodies;
as Python objects they take about three times as much)."""
BOUNDS = {
    "journal": JOURNAL_BYTES + GARBAGE_WINDOW,
    "svix_app_tokens": CAP * (MAX_GRANTS_CHARS + 2048),
    "svix_stream_tokens": CAP * (MAX_GRANTS_CHARS + 2048),
    "authorization_codes": 2 * CAP * 4096,
    "pending_logins": CAP * 2048,
    "scram_challenges": CAP * 1024,
    "idempotency_records": CAP * 2048,
    "pacerpro_jwt_records": CAP * 1024,
    "polario_sessions": CAP * 3 * 1024,
    "provider_users": CAP * 1024,
}
"""What each store may hold under the flags below: its byte bound, or its count bound times its largest entry (a svix
portal token: the largest grants accepted, and the token's record with its 64-character session id and indexes)."""
DEFAULT_SUITE = ("journal", "svix_app_tokens", "authorization_codes")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def server() -> Iterator[ServerProcess]:
    flags = [
        "--idp-auto-login",
        GRACE,
        "--journal-bytes",
        str(JOURNAL_BYTES),
        *(f"--max-{name}={CAP}" for name in ("tokens", "sessions", "pending-logins", "challenges", "codes")),
        f"--max-idempotency-records={CAP}",
        f"--max-provider-users={CAP}",
    ]
    with ServerProcess(free_port(), *flags) as started:
        yield started


@pytest.mark.parametrize(
    "store", [name if name in DEFAULT_SUITE else pytest.param(name, marks=pytest.mark.deep) for name in FLOODS]
)
def test_a_flood_grows_the_process_by_no_more_than_the_stores_bound(server: ServerProcess, store: str) -> None:
    with httpx.Client(base_url=server.url, timeout=30) as http:
        send = fat_journal if store == "journal" else FLOODS[store].send
        send(http, 0)  # first use of the code path (imports, caches) before measuring
        before = server.rss_bytes()
        count = 120 if store == "journal" else FLOOD  # 100 MB of headers: already past the bound without it
        statuses = [send(http, i) for i in range(1, count + 1)]
        after = server.rss_bytes()
        assert http.get("/__admin/health").status_code == 200
    assert all(status < 500 for status in statuses)
    growth = after - before
    print(f"{store}: RSS {before / 2**20:.1f} MB -> {after / 2**20:.1f} MB (+{growth / 2**20:.1f} MB)")
    assert growth <= BOUNDS[store] + ALLOWANCE, f"{store}: +{growth / 2**20:.1f} MB"
