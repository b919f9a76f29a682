"""Every store the server fills on a client's behalf stays within its bounds, and costs the same full as empty.

Each store is flooded over HTTP with its largest entries (``floods.py``), twice its bound and a few more, on a
server with small limits: its entry count and bytes stay within the limits and the server still answers. Then a
server with the default limits is filled to the default bound directly, and the same request is timed on it and
on an empty one, alternately (the fastest of 21 runs each, compared by ratio with a generous margin: eviction is
O(1), a scan of 10,000 entries would not be). With a bound switched off in the running server, the flood
overflows it.
"""

from __future__ import annotations

import asyncio
import functools
import gc
import socket
import time
from collections.abc import Awaitable, Callable, Iterator
from typing import Any, TypeVar

import httpx
import pytest
from aiohttp import web

import authkit_mock.core.middlewares
from authkit_mock.apis.bixarena.api import BIXARENA
from authkit_mock.apis.polario.api import POLARIO
from authkit_mock.apis.svix.api import SVIX_STATE
from authkit_mock.apis.svix.grants import MAX_GRANTS_CHARS
from authkit_mock.apis.svix.tokens import APP_TOKEN, STREAM_TOKEN
from authkit_mock.core.ephemeral import EphemeralMap, MemoryMap
from authkit_mock.core.journal import JournalEntry
from authkit_mock.core.settings import Limits
from authkit_mock.core.store import Session, Token
from authkit_mock.idp.authorization import AuthorizationRequest
from authkit_mock.idp.handlers import PROVIDER
from tests.conftest import make_settings
from tests.reliability.floods import CHALLENGE, FLAGS, FLOODS, GRACE, SVIX_APP, SVIX_ORG_KEY, Flood
from tests.support.server import RunningServer, checked_client, running_server

pytestmark = pytest.mark.single_process  # the in-memory stores' bounds: not run with the shared Redis store

T = TypeVar("T")
CAP = 40
SMALL = Limits(
    journal_bytes=CAP * (2 * 8 * 1024 + 8 * 1024 + 1024),
    pending_logins=CAP,
    authorization_codes=CAP,
    scram_challenges=CAP,
    idempotency_records=CAP,
    idempotency_bytes=CAP * 2048,
    tokens=CAP,
    # A quarter of what CAP tokens of the largest grants would carry: the byte bound bites before the count bound.
    grant_chars=CAP * MAX_GRANTS_CHARS // 4,
    sessions=CAP,
    provider_users=CAP,
)


SVIX_KINDS = {"svix_app_tokens": APP_TOKEN, "svix_stream_tokens": STREAM_TOKEN}
"""The svix tokens a request makes, by store: what they carry is their grants (``apis/svix/grants.py``)."""


def state_of(server: RunningServer, key: web.AppKey[T]) -> T:
    """The state an API keeps on its sub-app (``key``), found among the mounted apps."""
    for resource in server.app.router.resources():
        app = resource.get_info().get("app")
        if isinstance(app, web.Application) and key in app:
            return app[key]
    raise LookupError(key)


def held(server: RunningServer, store: str) -> tuple[int, int]:
    """(entries, bytes) a store holds now, bytes 0 where the store counts entries only."""
    return server.sync(lambda: _held(server, store))


async def _held(server: RunningServer, store: str) -> tuple[int, int]:
    runtime = server.runtime
    maps: dict[str, Callable[[], EphemeralMap[Any]]] = {
        "pending_logins": lambda: state_of(server, BIXARENA).logins.entries,
        "authorization_codes": lambda: state_of(server, PROVIDER).codes,
        "scram_challenges": lambda: state_of(server, POLARIO).challenges.entries,
        "idempotency_records": lambda: state_of(server, SVIX_STATE).idempotency.entries,
    }
    if store in maps:
        return await maps[store]().usage()
    if store == "journal":
        return len(runtime.journal), runtime.journal.bytes
    if store in SVIX_KINDS:
        tokens = [token for token in await runtime.store.tokens_of("svix") if token.kind == SVIX_KINDS[store]]
        return len(tokens), sum(len(token.grants or "") for token in tokens)
    if store == "polario_sessions":
        return len(await runtime.store.sessions_of("polario")), 0
    if store == "provider_users":
        return len(await runtime.store.users_of("bixarena")), 0
    return sum(1 for token in await runtime.store.tokens_of("pacerpro") if token.kind == "jwt"), 0


def bounds(store: str, limits: Limits) -> tuple[int, int]:
    """(entries, bytes) the store may hold at most under ``limits`` (bytes 0: not counted by that store)."""
    if store == "journal":
        return limits.journal_entries, limits.journal_bytes
    if store == "idempotency_records":
        return limits.idempotency_records, limits.idempotency_bytes
    if store in SVIX_KINDS:
        return limits.tokens, min(limits.tokens * MAX_GRANTS_CHARS, limits.grant_chars)
    if store == "pending_logins":
        return limits.pending_logins, limits.pending_logins * 2048
    if store == "authorization_codes":
        return limits.authorization_codes, limits.authorization_codes * 4096
    if store == "scram_challenges":
        return limits.scram_challenges, limits.scram_challenges * 1024
    seeded = {"provider_users": 3}  # the demo seed's Synapse users are not typed in
    count = {"polario_sessions": limits.sessions, "provider_users": limits.provider_users}.get(store, limits.tokens)
    return count + seeded.get(store, 0), 0


@pytest.fixture(scope="module")
def small_server() -> Iterator[RunningServer]:
    with running_server(make_settings(idp_auto_login=GRACE, limits=SMALL)) as started:
        yield started


@pytest.fixture(scope="module")
def default_server() -> Iterator[RunningServer]:
    with running_server(make_settings(idp_auto_login=GRACE)) as started:
        yield started


@pytest.fixture(scope="module")
def second_server() -> Iterator[RunningServer]:
    """Another server with the default limits: filled while ``default_server`` stays empty."""
    with running_server(make_settings(idp_auto_login=GRACE)) as started:
        yield started


def flood(server: RunningServer, flood: Flood, count: int) -> list[int]:
    with httpx.Client(base_url=server.url, timeout=30) as http:
        return [flood.send(http, i) for i in range(count)]


@pytest.mark.parametrize("store", FLOODS)
def test_a_flood_of_the_largest_entries_stays_within_the_stores_bounds(small_server: RunningServer, store: str) -> None:
    small_server.sync(small_server.runtime.reset)
    statuses = flood(small_server, FLOODS[store], 2 * CAP + 5)
    assert all(status < 500 for status in statuses), statuses
    entries, size = held(small_server, store)
    max_entries, max_bytes = bounds(store, SMALL)
    assert entries <= max_entries, f"{store}: {entries} entries, bound {max_entries}"
    assert size <= max_bytes, f"{store}: {size} bytes, bound {max_bytes}"
    if store != "provider_users":  # the typed-in people stay (refused beyond the bound, not evicted)
        # Reached: half the count bound, or half the byte bound where bytes bite first (svix grants).
        reached = entries >= min(max_entries, CAP) // 2 or (max_bytes > 0 and size >= max_bytes // 2)
        assert reached, f"{store}: the flood did not reach the store"
    assert httpx.get(f"{small_server.url}/__admin/health", timeout=10).status_code == 200


def test_the_svix_app_token_flood_carries_the_largest_grants_the_server_accepts(small_server: RunningServer) -> None:
    small_server.sync(small_server.runtime.reset)
    assert flood(small_server, FLOODS["svix_app_tokens"], 1) == [200]
    [token] = [
        token
        for token in small_server.sync(lambda: small_server.runtime.store.tokens_of("svix"))
        if token.kind == APP_TOKEN
    ]
    assert len(token.grants or "") == MAX_GRANTS_CHARS
    headers = {"Authorization": f"Bearer {SVIX_ORG_KEY}"}
    larger = [{"featureFlags": [*FLAGS, "one-more"]}, {"featureFlags": [FLAGS[0] + "x"]}]
    with httpx.Client(base_url=small_server.url, timeout=30) as http:
        for body in larger:
            answer = http.post(f"/svix/api/v1/auth/app-portal-access/{SVIX_APP}/", json=body, headers=headers)
            assert answer.status_code == 422, body


@pytest.mark.parametrize("store", ["scram_challenges", "svix_app_tokens", "svix_stream_tokens"])
def test_without_its_bound_the_flooded_store_overflows(
    small_server: RunningServer, monkeypatch: pytest.MonkeyPatch, store: str
) -> None:
    small_server.sync(small_server.runtime.reset)
    if store == "scram_challenges":
        challenges = state_of(small_server, POLARIO).challenges.entries
        assert isinstance(challenges, MemoryMap)
        monkeypatch.setattr(challenges.bounded, "max_entries", 10**9)
        monkeypatch.setattr(challenges.bounded, "max_bytes", 10**12)
    else:
        monkeypatch.setattr(small_server.runtime.store, "limits", Limits(tokens=10**9))
    flood(small_server, FLOODS[store], 2 * CAP + 5)
    entries, size = held(small_server, store)
    max_entries, max_bytes = bounds(store, SMALL)
    assert entries > max_entries
    if store in SVIX_KINDS:
        assert size > max_bytes


# -- full costs the same as empty ----------------------------------------------------------------------------------

FULL = 10_000
"""Entries a store is filled with before timing: the default bound of most stores."""
FULL_TOKENS = Limits().tokens
"""The default bound of the issued tokens (100,000): what operations on one owner's tokens are timed against."""


def fill(server: RunningServer, store: str) -> None:
    """Put ``FULL`` small entries into ``store`` directly (on the server's loop): what a long flood leaves."""
    runtime = server.runtime
    now = runtime.clock_now

    def journal() -> None:
        for i in range(FULL):
            entry = JournalEntry(i, now, "authlance", None, "POST", "/x", "", 401, 1.0, (("a", "b"),), b"x" * 64, None)
            runtime.journal.add(entry)

    async def pending_logins() -> None:
        logins = state_of(server, BIXARENA).logins
        for _ in range(FULL):
            await logins.start(runtime.settings.entropy, now, "http://127.0.0.1/cb", "http://127.0.0.1/synapse")

    async def authorization_codes() -> None:
        provider = state_of(server, PROVIDER)
        request = AuthorizationRequest("bixarena", "http://127.0.0.1/cb", "openid", CHALLENGE, "s", "n")
        for _ in range(FULL):
            await provider.issue_code(request, GRACE)

    async def scram_challenges() -> None:
        challenges = state_of(server, POLARIO).challenges
        for i in range(FULL):
            await challenges.issue(f"{i}@example.com", f"nonce{i}", None, None, now, 60)

    async def idempotency_records() -> None:
        records = state_of(server, SVIX_STATE).idempotency
        for i in range(FULL):
            await records.begin(f"scope{i}", f"key{i}", "fingerprint")

    filled_by_the_maps: dict[str, Callable[[], Awaitable[None]]] = {
        "pending_logins": pending_logins,
        "authorization_codes": authorization_codes,
        "scram_challenges": scram_challenges,
        "idempotency_records": idempotency_records,
    }
    if store in filled_by_the_maps:
        server.call(filled_by_the_maps[store]())
        return

    def tokens(api: str = "pacerpro", count: int = FULL) -> None:
        for i in range(count):
            token = Token(api, "jwt", f"t{i}", now, subject="x", app_id="other", expires_at=now + 3600)
            runtime.store.add_token(token, issued=True)

    def sessions() -> None:
        for i in range(FULL):
            runtime.store.add_session(Session("polario", f"s{i}", "x", now), issued=True)

    def owners_tokens() -> None:
        tokens(OPERATIONS[store][1], FULL_TOKENS)

    fills: dict[str, Callable[[], None]] = {
        "journal": journal,
        "svix_app_tokens": lambda: tokens("svix"),
        "svix_stream_tokens": lambda: tokens("svix"),
        "pacerpro_jwt_records": tokens,
        "polario_sessions": sessions,
        **dict.fromkeys(OPERATIONS, owners_tokens),
    }
    server.sync(fills[store])


def fastest_ms(empty: RunningServer, full: RunningServer, flood: Flood, count: int = 21) -> tuple[float, float]:
    """The fastest of ``count`` runs of one request against each server, alternating, so both see the same load
    from the rest of the machine."""
    durations: dict[str, list[float]] = {"empty": [], "full": []}
    with (
        httpx.Client(base_url=empty.url, timeout=30) as to_empty,
        httpx.Client(base_url=full.url, timeout=30) as to_full,
    ):
        flood.send(to_empty, 0)  # warm connections (and caches) before timing
        flood.send(to_full, 0)
        for i in range(1, count + 1):
            for name, http in (("empty", to_empty), ("full", to_full)):
                started = time.perf_counter()
                assert flood.send(http, i) < 500
                durations[name].append(time.perf_counter() - started)
    return min(durations["empty"]) * 1000, min(durations["full"]) * 1000


def pacerpro_revoke_all(http: httpx.Client, i: int) -> int:
    """Log in and revoke every token of the user (once a scan of every pacerpro token)."""
    token = http.post("/pacerpro/session", json={"email": "demo@example.com", "password": "pacerpro-demo"})
    headers = {"Authorization": f"Bearer {token.json()['jwtToken']}"}
    return http.delete("/pacerpro/session", headers=headers).status_code


def svix_expire_all(http: httpx.Client, i: int) -> int:
    """Expire the demo application's tokens (once a scan of every svix token)."""
    headers = {"Authorization": f"Bearer {SVIX_ORG_KEY}"}
    return http.post(f"/svix/api/v1/auth/app/{SVIX_APP}/expire-all/", json={"expiry": 0}, headers=headers).status_code


OPERATIONS = {
    "pacerpro_revoke_all": (Flood("pacerpro_revoke_all", pacerpro_revoke_all, 0), "pacerpro"),
    # polario's logout walks the session's tokens the same way (Store.tokens_owned).
    "svix_expire_all": (Flood("svix_expire_all", svix_expire_all, 0), "svix"),
}
"""Operations that act on one owner's tokens, timed with 10,000 tokens of other owners of the same API."""

TIMED = [name for name in FLOODS if name not in ("provider_users", "journal")]
"""Every store but the provider's users (the login page lists them all: bounded by their cap, not O(1)) and the
journal (filled by every timed request anyway: timed through ``journal_entries`` below)."""


@pytest.mark.parametrize(
    "store",
    [
        *TIMED,
        "journal",
        "svix_expire_all",  # with every svix token scanned, as before: 29 ms full against 1 ms empty
        pytest.param("pacerpro_revoke_all", marks=pytest.mark.deep),
    ],
)
def test_a_request_costs_about_the_same_with_the_store_full_as_empty(
    default_server: RunningServer, second_server: RunningServer, store: str
) -> None:
    for server in (default_server, second_server):
        server.sync(server.runtime.reset)
    fill(second_server, store)
    for server in (default_server, second_server):
        # The cyclic collector walking 10,000 fresh objects once is not the store's cost.
        server.sync(gc.collect)
    if store in OPERATIONS:
        flood_of = OPERATIONS[store][0]
    else:
        flood_of = FLOODS["pacerpro_jwt_records" if store == "journal" else store]
    empty, full = fastest_ms(default_server, second_server, flood_of)
    print(f"{store}: {empty:.2f} ms empty, {full:.2f} ms full")
    # Generous: a loaded 2-core machine jitters; a scan of 10,000 entries per request costs several times more.
    assert full < 3 * empty, f"{store}: {full:.2f} ms full against {empty:.2f} ms empty"


def test_without_its_byte_budget_and_cut_copies_the_journal_holds_every_header(
    small_server: RunningServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    small_server.sync(small_server.runtime.reset)
    monkeypatch.setattr(small_server.runtime.journal, "max_bytes", 10**12)
    monkeypatch.setattr(authkit_mock.core.middlewares, "kept_headers", lambda headers, limit: (tuple(headers), 0))
    flood(small_server, FLOODS["journal"], 2 * CAP + 5)
    assert held(small_server, "journal")[1] > 3 * bounds("journal", SMALL)[1]


def handling_a_request() -> bool:
    """Whether a request handler is running on the server's loop (called there)."""
    return any(getattr(task.get_coro(), "__name__", "") == "_handle_request" for task in asyncio.all_tasks())


def test_a_client_that_leaves_mid_body_is_journaled_as_a_client_abort_not_a_500(small_server: RunningServer) -> None:
    small_server.sync(small_server.runtime.reset)
    with socket.create_connection(("127.0.0.1", small_server.settings.port), timeout=10) as connection:
        connection.sendall(
            b"POST /authlance/authlance/identity/me HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b'Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"session": '
        )
        # Leave once the handler is reading the body (before it, aiohttp drops the request unanswered).
        deadline = time.monotonic() + 10
        while not small_server.sync(handling_a_request) and time.monotonic() < deadline:
            time.sleep(0.01)
    deadline = time.monotonic() + 10
    entries: list[JournalEntry] = []
    while not entries and time.monotonic() < deadline:
        entries = small_server.sync(small_server.runtime.journal.query)
        time.sleep(0.01)  # waiting for the server to notice the closed connection, not testing time
    assert [entry.status for entry in entries] == [499]


def test_admin_listings_are_paged(small_server: RunningServer) -> None:
    small_server.sync(small_server.runtime.reset)
    flood(small_server, FLOODS["pacerpro_jwt_records"], 25)
    with checked_client(small_server, "admin") as admin:
        everything = [token["token"] for token in admin.get("/tokens").json()["items"]]
        pages = [admin.get("/tokens", params={"limit": 10, "offset": offset}).json()["items"] for offset in (0, 10, 20)]
        assert [token["token"] for page in pages for token in page] == everything
        assert [len(page) for page in pages] == [10, 10, len(everything) - 20]
        newest = admin.get("/journal", params={"limit": 10}).json()["items"]
        older = admin.get("/journal", params={"limit": 10, "before": newest[-1]["id"]}).json()["items"]
        assert [entry["id"] for entry in older] == [newest[-1]["id"] - n for n in range(1, 11)]
        for path in ("/users", "/sessions", "/applications"):
            assert len(admin.get(path, params={"limit": 1}).json()["items"]) == 1


def test_applications_created_by_requests_are_bounded_and_found_by_uid_without_a_scan() -> None:
    limits = Limits(applications=3)
    with running_server(make_settings(limits=limits)) as server, httpx.Client(base_url=server.url) as http:
        headers = {"Authorization": "Bearer testsk_demo_org_key"}
        made = []
        for n in range(5):
            uid = f"created-{n}"
            body = {"application": {"name": f"App {n}"}}
            response = http.post(f"/svix/api/v1/auth/app-portal-access/{uid}", json=body, headers=headers)
            assert response.status_code == 200, response.text
            made.append((uid, response.json()["token"]))
        store = server.runtime.store
        assert sum(1 for app in server.sync(store.applications_of) if app.uid in dict(made)) == 3
        # The two oldest went with their tokens; the newest are found by uid (an index, not a scan).
        found = [server.sync(functools.partial(store.application, uid)) for uid, _ in made]
        assert [app is not None for app in found] == [False] * 2 + [True] * 3
        tokens = [server.sync(functools.partial(store.token, token)) for _, token in made]
        assert [token is not None for token in tokens] == [False] * 2 + [True] * 3
        seeded = http.post("/svix/api/v1/auth/app-portal-access/app_demo", json={}, headers=headers)
        assert seeded.status_code == 200  # the seeded application is never evicted
