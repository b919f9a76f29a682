"""The Valkey/Redis store against a real redis-server: what two processes sharing it see of each other's writes.

Two :class:`RedisStore` objects on two connection pools stand for two processes (the replica tests in
``tests/replica`` run real ``authkit-mock serve`` processes); two in-process servers on one store show the same
through HTTP.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import Iterator
from typing import cast

import httpx
import pytest

from authkit_mock.core.journal import JournalEntry
from authkit_mock.core.redis.connection import RedisConnection
from authkit_mock.core.redis.faults import SharedFaults
from authkit_mock.core.redis.journal import SharedJournal
from authkit_mock.core.redis.shared import SHARED
from authkit_mock.core.redis.store import RedisStore
from authkit_mock.core.settings import Limits
from authkit_mock.core.store import Application, Session, Token
from authkit_mock.testing import RunningServer, running_server
from tests.conftest import make_settings
from tests.support.redis import RedisServer

_prefixes = itertools.count()


@pytest.fixture
def prefix() -> str:
    """A key prefix of this test's own: one redis-server serves every test."""
    return f"test-store-{next(_prefixes)}:"


def two_stores(redis_server: RedisServer, prefix: str, limits: Limits | None = None) -> tuple[RedisStore, RedisStore]:
    """Two stores on one deployment, each with its own connection pool, as two processes have."""
    return (
        RedisStore(RedisConnection(redis_server.url(), prefix), limits or Limits()),
        RedisStore(RedisConnection(redis_server.url(), prefix), limits or Limits()),
    )


@pytest.fixture
def servers(redis_server: RedisServer, prefix: str) -> Iterator[tuple[RunningServer, RunningServer]]:
    """Two reference servers sharing one store."""
    settings = {"store_url": redis_server.url(), "store_prefix": prefix}
    # One deployment has one public URL (its load balancer's): it names the issuer of every token.
    with (
        running_server(make_settings(**settings)) as first,
        running_server(make_settings(**settings, public_url=first.url)) as second,
    ):
        yield first, second


def refresh_token(value: str, session: str = "s1") -> Token:
    return Token(api="polario", kind="refresh_token", token=value, created_at=0.0, session_id=session, subject="a")


def test_a_pacerpro_token_issued_by_one_server_is_accepted_and_revoked_by_the_other(
    servers: tuple[RunningServer, RunningServer],
) -> None:
    first, second = servers
    user = {"api": "pacerpro", "email": "shared@example.com", "password": "s3cret"}
    assert httpx.post(f"{first.url}/__admin/users", json=user).status_code == 201
    login = httpx.post(f"{second.address}/pacerpro/session", json={"email": user["email"], "password": "s3cret"})
    assert login.status_code == 200, login.text
    bearer = {"Authorization": f"Bearer {login.json()['jwtToken']}"}
    assert httpx.get(f"{first.url}/pacerpro/session", headers=bearer).status_code == 200
    assert httpx.delete(f"{first.url}/pacerpro/session", headers=bearer).status_code == 200
    assert httpx.get(f"{second.address}/pacerpro/session", headers=bearer).status_code == 401


def test_the_admin_clock_and_faults_of_one_server_apply_to_the_other(
    servers: tuple[RunningServer, RunningServer],
) -> None:
    first, second = servers
    assert httpx.post(f"{first.url}/__admin/clock/advance", json={"seconds": 3600}).status_code == 200
    assert httpx.get(f"{second.address}/__admin/clock").json()["offset_seconds"] == 3600
    fault = {"api": "authlance", "operation": "logout", "status": 503, "count": 1}
    assert httpx.post(f"{second.address}/__admin/faults", json=fault).status_code == 201
    assert httpx.get(f"{first.url}/authlance/authlance/identity/me/logout").status_code == 503
    # Used up on the first server, so gone on the second too.
    assert httpx.get(f"{second.address}/authlance/authlance/identity/me/logout").status_code == 200


def test_clock_advances_made_at_once_at_two_servers_both_count(servers: tuple[RunningServer, RunningServer]) -> None:
    # Both read the deployment's clock, both advance it, then both end their request: what is shared is each
    # advance, not each process's resulting offset (which would keep only the last writer's).
    async def advance(server: RunningServer, seconds: float) -> None:
        server.settings.clock.advance(seconds)

    for server in servers:
        server.call(server.runtime.refresh())
    for server, seconds in zip(servers, (100, 200), strict=True):
        server.call(advance(server, seconds))
    for server in servers:
        server.call(server.runtime.commit())
    for server in servers:
        assert httpx.get(f"{server.address}/__admin/clock").json()["offset_seconds"] == 300


def test_a_clock_read_that_lands_while_an_advance_is_written_does_not_undo_it(
    servers: tuple[RunningServer, RunningServer],
) -> None:
    first, second = servers

    async def overlap() -> None:
        shared = first.app[SHARED]
        client = shared.connection.client
        read, gate = asyncio.Event(), asyncio.Event()
        mget = client.mget

        async def late_mget(*keys: str) -> object:
            answer = await mget(*keys)
            read.set()
            await gate.wait()
            return answer

        client.mget = late_mget  # type: ignore[method-assign,assignment]
        try:
            shared.store.begin()
            stale = asyncio.create_task(shared.before())  # a request reads the clock (offset 0) ...
            await read.wait()
            first.settings.clock.advance(3600)  # ... an admin request moves it ...
            ending = asyncio.create_task(shared.after())
            await asyncio.sleep(0)  # ... and is writing it when the first read lands.
            gate.set()
            await stale
            await ending
        finally:
            del client.mget
        await shared.after()  # the next request to end writes nothing back

    first.call(overlap())
    assert httpx.get(f"{second.address}/__admin/clock").json()["offset_seconds"] == 3600
    assert httpx.get(f"{first.address}/__admin/clock").json()["offset_seconds"] == 3600


def test_a_reset_on_one_server_resets_the_other(servers: tuple[RunningServer, RunningServer]) -> None:
    first, second = servers
    user = {"api": "pacerpro", "email": "gone@example.com", "password": "x"}
    assert httpx.post(f"{first.url}/__admin/users", json=user).status_code == 201
    assert httpx.post(f"{second.address}/__admin/reset", json={}).status_code == 200
    emails = [u["email"] for u in httpx.get(f"{first.url}/__admin/users").json()["items"]]
    assert "gone@example.com" not in emails
    assert "demo@example.com" in emails  # the seed is back


def test_of_fifty_claims_of_one_token_through_two_processes_exactly_one_succeeds(
    redis_server: RedisServer, prefix: str
) -> None:
    async def run() -> list[bool]:
        one, two = two_stores(redis_server, prefix)
        one.add_token(refresh_token("r1"))
        await one.flush()
        records = [await store.token("r1") for store in (one, two) for _ in range(25)]
        claims = await asyncio.gather(
            *((one if n % 2 else two).claim(record) for n, record in enumerate(records) if record is not None)
        )
        await one.connection.close()
        await two.connection.close()
        return list(claims)

    assert sorted(asyncio.run(run())) == [False] * 49 + [True]


def test_read_then_write_would_let_both_processes_redeem_the_token(redis_server: RedisServer, prefix: str) -> None:
    """What the atomic claim guards against: checking ``used`` and writing it as two steps lets two processes
    both see it unused (the claim test above fails with this in place of :meth:`RedisStore.claim`)."""

    async def run() -> list[bool]:
        one, two = two_stores(redis_server, prefix)
        one.add_token(refresh_token("r1"))
        await one.flush()

        # The interleaving two processes can produce: both read, then both check and write.
        first, second = await one.token("r1"), await two.token("r1")
        results = []
        for store, record in ((one, first), (two, second)):
            assert record is not None
            results.append(not record.used)
            record.used = True
            await store.flush()
        await one.connection.close()
        await two.connection.close()
        return results

    assert asyncio.run(run()) == [True, True]


def test_two_processes_changing_two_fields_of_one_record_keep_both_changes(
    redis_server: RedisServer, prefix: str
) -> None:
    async def run() -> Token | None:
        one, two = two_stores(redis_server, prefix)
        one.add_token(refresh_token("r1"))
        await one.flush()
        first, second = await one.token("r1"), await two.token("r1")
        assert first is not None and second is not None
        first.revoked = True
        second.expires_at = 99.0
        await two.flush()
        await one.flush()
        found = await two.token("r1")
        await one.connection.close()
        await two.connection.close()
        return found

    found = asyncio.run(run())
    assert found is not None and (found.revoked, found.expires_at) == (True, 99.0)


def test_a_change_to_a_record_another_process_removed_does_not_bring_it_back(
    redis_server: RedisServer, prefix: str
) -> None:
    async def run() -> tuple[Token | None, list[Token]]:
        one, two = two_stores(redis_server, prefix)
        one.add_token(refresh_token("r1"))
        await one.flush()
        held = await one.token("r1")
        assert held is not None
        two.remove_token("r1")
        await two.flush()
        held.revoked = True
        await one.flush()
        found = await two.token("r1"), await two.tokens_owned("polario", session="s1")
        await one.connection.close()
        await two.connection.close()
        return found

    assert asyncio.run(run()) == (None, [])


def test_issued_tokens_sessions_and_applications_are_bounded_in_redis_too(
    redis_server: RedisServer, prefix: str
) -> None:
    limits = Limits(tokens=5, sessions=3, applications=2)

    async def run() -> tuple[int, int, int, list[str], bool]:
        one, two = two_stores(redis_server, prefix, limits)
        for n in range(4):
            app = one.add_application(Application(id=f"app_{n}", name="x", created_at=0.0, uid=f"uid-{n}"), True)
            one.add_token(Token(api="svix", kind="app_token", token=f"t-app-{n}", created_at=0.0, app_id=app.id))
        for n in range(10):
            (one if n % 2 else two).add_token(refresh_token(f"r{n}"), issued=True)
            (one if n % 2 else two).add_session(Session(api="polario", id=f"s{n}", user="a", created_at=0.0), True)
            await one.flush()
            await two.flush()
        tokens = await one.tokens_of("polario")
        sessions = await one.sessions_of("polario")
        apps = await two.applications_of()
        owned = [t.token for t in await one.tokens_owned("polario", session="s1")]
        gone_by_uid = await two.application("uid-0") is None
        await one.connection.close()
        await two.connection.close()
        return len(tokens), len(sessions), len(apps), owned, gone_by_uid

    tokens, sessions, apps, owned, gone_by_uid = asyncio.run(run())
    # The newest five tokens, three sessions and two applications stay; the evicted token left its owner's index.
    assert (tokens, sessions, apps) == (5, 3, 2)
    assert owned == [f"r{n}" for n in range(5, 10)]
    assert gone_by_uid


def test_the_journal_of_either_server_shows_the_requests_both_answered(
    servers: tuple[RunningServer, RunningServer],
) -> None:
    first, second = servers
    assert httpx.get(f"{first.url}/authlance/authlance/identity/me/logout").status_code == 200
    assert httpx.post(f"{second.address}/authlance/authlance/identity/me", json={"session": "nope"}).status_code == 401
    for server in (first, second):
        entries = httpx.get(f"{server.address}/__admin/journal", params={"api": "authlance"}).json()["items"]
        assert [(e["operation"], e["status"]) for e in entries] == [
            ("exchange_session_for_token", 401),
            ("logout", 200),
        ]
    older = httpx.get(f"{first.url}/__admin/journal", params={"before": entries[0]["id"]}).json()["items"]
    assert [e["operation"] for e in older] == ["logout"]
    assert httpx.delete(f"{second.address}/__admin/journal").status_code == 204
    assert httpx.get(f"{first.url}/__admin/journal").json()["items"] == []


def test_the_shared_journal_is_bounded_by_count_and_by_bytes(redis_server: RedisServer, prefix: str) -> None:
    def entry(n: int, body: bytes) -> JournalEntry:
        return JournalEntry(n, 0.0, "svix", "logout", "POST", "/p", "", 200, 1.0, (), body, None)

    async def run(capacity: int, max_bytes: int, body: bytes) -> tuple[int, int]:
        connection = RedisConnection(redis_server.url(), prefix)
        journal = SharedJournal(connection, capacity, max_bytes)
        for n in range(20):
            journal.add(entry(n, body))
            await journal.drained()
        held = await connection.client.xlen(connection.key("journal"))
        size = int(str(await connection.client.get(connection.key("journal:bytes"))))
        await journal.forget()
        await connection.close()
        return held, size

    assert asyncio.run(run(5, 10**9, b"x")) == (5, 5 * entry(0, b"x").size)
    big = entry(0, b"y" * 4000).size
    held, size = asyncio.run(run(100, 3 * big, b"y" * 4000))
    assert (held, size) == (3, 3 * big)


def test_a_store_that_lost_its_data_is_seeded_again_by_the_next_request(
    servers: tuple[RunningServer, RunningServer], redis_server: RedisServer, prefix: str
) -> None:
    first, second = servers

    async def lose_everything() -> None:
        connection = RedisConnection(redis_server.url(), prefix)
        keys = [key async for key in connection.client.scan_iter(match=prefix + "*")]
        await connection.client.delete(*keys)
        await connection.close()

    user = {"api": "pacerpro", "email": "before@example.com", "password": "s3cret"}
    assert httpx.post(f"{first.url}/__admin/users", json=user).status_code == 201
    asyncio.run(lose_everything())
    # As after a restart without persistence: the first request finds no deployment and seeds it again.
    exchange = {"session": "demo-session-ada"}
    assert httpx.post(f"{second.address}/authlance/authlance/identity/me", json=exchange).status_code == 200
    emails = [u["email"] for u in httpx.get(f"{first.url}/__admin/users").json()["items"]]
    assert "demo@example.com" in emails
    assert "before@example.com" not in emails  # what was added since the seed is lost with the data
    # The running processes store their keys again: a process started now signs with them too.
    assert httpx.post(f"{first.url}/__admin/users", json=user).status_code == 201
    settings = {"store_url": redis_server.url(), "store_prefix": prefix, "public_url": first.url}
    with running_server(make_settings(**settings)) as third:
        login = httpx.post(f"{third.address}/pacerpro/session", json={"email": user["email"], "password": "s3cret"})
        issued_after = {"Authorization": f"Bearer {login.json()['jwtToken']}"}
        assert httpx.get(f"{first.url}/pacerpro/session", headers=issued_after).status_code == 200


def test_a_server_started_after_a_reset_signs_with_the_deployments_keys(redis_server: RedisServer, prefix: str) -> None:
    settings = {"store_url": redis_server.url(), "store_prefix": prefix}
    user = {"api": "pacerpro", "email": "keys@example.com", "password": "s3cret"}
    with running_server(make_settings(**settings)) as first:
        assert httpx.post(f"{first.url}/__admin/reset", json={}).status_code == 200
        assert httpx.post(f"{first.url}/__admin/users", json=user).status_code == 201
        with running_server(make_settings(**settings, public_url=first.url)) as later:
            login = httpx.post(f"{later.address}/pacerpro/session", json={"email": user["email"], "password": "s3cret"})
            bearer = {"Authorization": f"Bearer {login.json()['jwtToken']}"}
            # Verified by the first server: the later one signed with the key the deployment already had.
            assert httpx.get(f"{first.url}/pacerpro/session", headers=bearer).status_code == 200


def test_a_fault_for_three_requests_answers_three_of_many_at_two_servers(
    servers: tuple[RunningServer, RunningServer],
) -> None:
    first, second = servers
    fault = {"api": "authlance", "operation": "logout", "status": 503, "delay_ms": 50, "count": 3}
    assert httpx.post(f"{first.url}/__admin/faults", json=fault).status_code == 201

    async def logouts() -> list[int]:
        async with httpx.AsyncClient() as http:
            answers = await asyncio.gather(
                *(
                    http.get(f"{server.address}/authlance/authlance/identity/me/logout")
                    for server in (first, second) * 10
                )
            )
        return [answer.status_code for answer in answers]

    assert sorted(asyncio.run(logouts())) == [200] * 17 + [503] * 3
    assert httpx.get(f"{second.address}/__admin/faults").json()["items"] == []


def test_a_fault_added_at_one_process_while_another_uses_a_fault_keeps_the_count_down(
    redis_server: RedisServer, prefix: str
) -> None:
    async def run() -> list[dict[str, object]]:
        connections = [RedisConnection(redis_server.url(), prefix) for _ in range(3)]
        here, there = SharedFaults(connections[0]), SharedFaults(connections[1])
        redis = connections[2].client
        try:
            await here.create("svix", "*", 503, 0, 3)
            there.restore(cast(str, await redis.get(there.key)))  # as its next request reads it
            # Another process uses the fault (3 -> 2) while this one's copy still says 3; then this one adds one.
            assert await there.claim("svix", "logout") is not None
            await here.create("pacerpro", "*", 500, 0, None)
            document = json.loads(cast(str, await redis.get(here.key)))
        finally:
            for connection in connections:
                await connection.close()
        return cast(list[dict[str, object]], document["faults"])

    faults = asyncio.run(run())
    assert [(fault["id"], fault["api"], fault["remaining"]) for fault in faults] == [
        (1, "svix", 2),
        (2, "pacerpro", None),
    ]


def test_faults_added_at_two_processes_at_once_get_distinct_ids(redis_server: RedisServer, prefix: str) -> None:
    async def run() -> list[int]:
        connections = [RedisConnection(redis_server.url(), prefix) for _ in range(2)]
        processes = [SharedFaults(connection) for connection in connections]
        try:
            added = await asyncio.gather(*(processes[i % 2].create("authlance", "*", 500 + i, 0, 1) for i in range(20)))
        finally:
            for connection in connections:
                await connection.close()
        return [fault.id for fault in added]

    assert sorted(asyncio.run(run())) == list(range(1, 21))
