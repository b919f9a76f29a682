"""svix idempotency keys on the reference server: replay, 422 for another request, 409 while in flight, per token,
24 hours of server time, and which outcomes are kept (see mockserver/authkit_mock/apis/svix/idempotency.py)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from aiohttp import web

from authkit_mock.apis.svix.idempotency import (
    IdempotencyStore,
    Record,
    RecordedError,
    RecordedResponse,
    fingerprint,
    record_key,
)
from authkit_mock.core.clock import Clock
from authkit_mock.core.errors import ApiError, RequestValidationError
from tests.conftest import clock_for
from tests.server.svix.client import (
    SvixClient,
    add_application,
    add_org_key,
    svix_server,
    with_request_in_flight,
)
from tests.support.maps import Processes
from tests.support.server import RunningServer

KEY_REUSED = {
    "detail": [
        {
            "loc": ["header", "idempotency-key"],
            "msg": "idempotency key already used for a different request",
            "type": "value_error.idempotency_key_reused",
        }
    ]
}


@pytest.fixture
def svix(request: pytest.FixtureRequest) -> Iterator[RunningServer]:
    with svix_server(**clock_for(request)) as server:
        yield server


@pytest.fixture
def client(svix: RunningServer) -> Iterator[SvixClient]:
    with SvixClient(svix) as started:
        yield started


def app_token_count(server: RunningServer) -> int:
    return sum(t.kind == "app_token" for t in server.sync(lambda: server.runtime.store.tokens_of("svix")))


# Replay


def test_the_same_key_and_request_replays_the_first_response_without_running_again(
    svix: RunningServer, client: SvixClient
) -> None:
    first = client.dashboard_access(key="k-1")
    again = client.dashboard_access(key="k-1")
    assert first.status_code == again.status_code == 200
    assert again.json() == first.json()
    assert again.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert app_token_count(svix) == 1


def test_a_replayed_expire_all_does_not_expire_tokens_issued_since(client: SvixClient) -> None:
    assert client.expire_all(body={"expiry": 0}, key="expire-1").status_code == 204
    later = client.new_app_token()
    replay = client.expire_all(body={"expiry": 0}, key="expire-1")
    assert replay.status_code == 204
    assert replay.headers["Idempotent-Replayed"] == "true"
    assert client.authenticates(later)


def test_the_body_is_compared_as_json_not_as_bytes(client: SvixClient) -> None:
    headers = {"Content-Type": "application/json"}
    first = client.app_portal_access(content=b'{"featureFlags":["a","b"]}', headers=headers, key="k-json")
    again = client.app_portal_access(content=b'{ "featureFlags" : [ "a", "b" ] }\n', headers=headers, key="k-json")
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()


def test_both_spellings_of_a_path_are_the_same_request(client: SvixClient) -> None:
    first = client.dashboard_access(key="k-slash", slash=True)
    again = client.dashboard_access(key="k-slash", slash=False)
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()


def test_a_request_without_a_key_always_runs(svix: RunningServer, client: SvixClient) -> None:
    client.dashboard_access()
    client.dashboard_access()
    assert app_token_count(svix) == 2


# Same key, another request → 422


def test_the_same_key_with_another_body_is_422_at_the_header(client: SvixClient) -> None:
    assert client.app_portal_access(body={"featureFlags": ["a"]}, key="k-2").status_code == 200
    response = client.app_portal_access(body={"featureFlags": ["b"]}, key="k-2")
    assert response.status_code == 422
    assert response.json() == KEY_REUSED


def test_the_same_key_on_another_path_or_operation_is_422(svix: RunningServer, client: SvixClient) -> None:
    add_application(svix, "app_other")
    assert client.expire_all(body={"expiry": 0}, key="k-3").status_code == 204
    assert client.expire_all("app_other", {"expiry": 0}, key="k-3").json() == KEY_REUSED
    assert client.dashboard_access(key="k-3").json() == KEY_REUSED
    # Another token has keys of its own: the same key runs there.
    assert client.logout(client.new_app_token(), key="k-3").status_code == 204


def test_keys_are_kept_per_token(svix: RunningServer, client: SvixClient) -> None:
    add_org_key(svix, "testsk_second_key")
    first = client.dashboard_access(key="shared")
    other = client.app_portal_access(body={"featureFlags": ["x"]}, token="testsk_second_key", key="shared")
    assert other.status_code == 200
    assert "Idempotent-Replayed" not in other.headers
    assert other.json()["token"] != first.json()["token"]


# Same key while the first is in flight → 409


def test_the_same_key_while_the_first_request_is_in_flight_is_409(svix: RunningServer, client: SvixClient) -> None:
    other = client.clone()
    first, second = with_request_in_flight(
        svix,
        "dashboard_access",
        lambda: other.dashboard_access(key="k-busy"),
        lambda: client.dashboard_access(key="k-busy"),
    )
    other.close()
    assert second.status_code == 409
    assert second.json() == {
        "code": "conflict",
        "detail": "A request with this idempotency key is already in progress.",
    }
    assert first.status_code == 200
    # The 409 was not recorded: the key now replays the first response.
    replay = client.dashboard_access(key="k-busy")
    assert replay.headers["Idempotent-Replayed"] == "true"
    assert replay.json() == first.json()
    assert app_token_count(svix) == 1


def test_a_different_request_with_a_key_in_flight_is_422_not_409(svix: RunningServer, client: SvixClient) -> None:
    add_application(svix, "app_other")
    other = client.clone()
    first, second = with_request_in_flight(
        svix,
        "dashboard_access",
        lambda: other.dashboard_access(key="k-busy-2"),
        lambda: client.dashboard_access("app_other", key="k-busy-2"),
    )
    other.close()
    assert first.status_code == 200
    assert second.json() == KEY_REUSED


# Expiry: 24 hours of server time


@pytest.mark.frozen_clock
def test_a_key_is_kept_for_24_hours_of_server_time(svix: RunningServer, client: SvixClient) -> None:
    assert client.app_portal_access(body={"featureFlags": ["a"]}, key="k-day").status_code == 200
    svix.advance_clock(24 * 3600 - 1)
    assert client.app_portal_access(body={"featureFlags": ["b"]}, key="k-day").status_code == 422
    svix.advance_clock(1)
    fresh = client.app_portal_access(body={"featureFlags": ["b"]}, key="k-day")
    assert fresh.status_code == 200
    assert "Idempotent-Replayed" not in fresh.headers


def test_a_reset_forgets_every_key(svix: RunningServer, client: SvixClient) -> None:
    first = client.dashboard_access(key="k-reset")
    svix.sync(svix.runtime.reset)
    again = client.dashboard_access(key="k-reset")
    assert "Idempotent-Replayed" not in again.headers
    assert again.json()["token"] != first.json()["token"]


# What is recorded


def test_an_error_the_operation_answered_is_replayed(svix: RunningServer, client: SvixClient) -> None:
    assert client.dashboard_access("app_later", key="k-404").status_code == 404
    add_application(svix, "app_later")
    replay = client.dashboard_access("app_later", key="k-404")
    assert replay.status_code == 404
    assert replay.headers["Idempotent-Replayed"] == "true"
    assert replay.json() == {"code": "not_found", "detail": "Entity not found"}
    assert client.dashboard_access("app_later").status_code == 200


def test_an_invalid_request_is_not_recorded_so_the_corrected_one_may_reuse_the_key(client: SvixClient) -> None:
    assert client.expire_all(body={"expiry": -5}, key="k-fix").status_code == 422
    response = client.expire_all(body={"expiry": 5}, key="k-fix")
    assert response.status_code == 204
    assert "Idempotent-Replayed" not in response.headers


def test_a_server_error_is_not_recorded_so_a_retry_runs_again(svix: RunningServer, client: SvixClient) -> None:
    svix.sync(lambda: svix.runtime.faults.add("svix", "dashboard_access", 503, 0, 1))
    failed = client.dashboard_access(key="k-retry", validate=False)  # 503 is not a documented status
    assert failed.status_code == 503
    retried = client.dashboard_access(key="k-retry")
    assert retried.status_code == 200
    assert "Idempotent-Replayed" not in retried.headers


def test_an_injected_fault_comes_after_authentication(svix: RunningServer, client: SvixClient) -> None:
    svix.sync(lambda: svix.runtime.faults.add("svix", "dashboard_access", 503, 0, 1))
    assert client.dashboard_access(token="appsk_unknown").status_code == 401
    assert client.dashboard_access(validate=False).status_code == 503


# The store itself


def test_the_fingerprint_covers_method_path_and_json_value() -> None:
    base = fingerprint("POST", "/a", b'{"x": 1, "y": 2}')
    assert fingerprint("post", "/a", b'{"y":2,"x":1}') == base
    assert fingerprint("PUT", "/a", b'{"x": 1, "y": 2}') != base
    assert fingerprint("POST", "/b", b'{"x": 1, "y": 2}') != base
    assert fingerprint("POST", "/a", b'{"x": 1, "y": 3}') != base
    assert fingerprint("POST", "/a", b"not json") != fingerprint("POST", "/a", b"not json!")
    # Parts are length-prefixed, so moving bytes from the path into the body changes the fingerprint.
    assert fingerprint("POST", "/a1", b"") != fingerprint("POST", "/a", b"1")


def test_the_fingerprint_of_a_request_does_not_change_between_versions() -> None:
    # Processes of two versions share the records in Valkey/Redis during a rolling restart: a retry that reaches
    # the newer one must still replay. SHA-256 of each part (method, path, canonical JSON) after its 8-byte length.
    assert fingerprint("POST", "/a", b'{"y": 2, "x": 1}') == (
        "e98cd2e7a78577363f0df160740eeaa17d145b5d66ec771c351dd092d6b72ef4"
    )


@pytest.mark.asyncio
async def test_the_store_decides_replay_conflict_and_reuse(processes: Processes) -> None:
    clock = Clock(source=lambda: 1000.0)
    async with processes(1) as [maps]:
        store = IdempotencyStore(maps, clock, ttl_seconds=10)
        claimed = await store.begin("token", "k", "fp")
        assert claimed == Record("fp", 1010.0)
        assert await store.in_flight("token", "k")
        with pytest.raises(ApiError) as conflict:
            await store.begin("token", "k", "fp")
        assert conflict.value.status == 409
        with pytest.raises(RequestValidationError) as reused:
            await store.begin("token", "k", "other")
        assert reused.value.errors[0].loc == ["header", "idempotency-key"]
        outcome = RecordedResponse.of(web.json_response({"ok": True}))
        assert isinstance(claimed, Record)
        await store.finish("token", "k", claimed, outcome)
        assert await store.begin("token", "k", "fp") == outcome
        assert isinstance(await store.begin("another token", "k", "fp"), Record)
        clock.advance(10)
        assert isinstance(await store.begin("token", "k", "other"), Record)


@pytest.mark.asyncio
async def test_a_finished_request_does_not_overwrite_a_record_that_is_no_longer_its_own(processes: Processes) -> None:
    clock = Clock(source=lambda: 1000.0)
    async with processes(1) as [maps]:
        store = IdempotencyStore(maps, clock, ttl_seconds=10)
        first = await store.begin("token", "k", "fp")
        assert isinstance(first, Record)
        await store.entries.remove(record_key("token", "k"))  # evicted while its request ran
        second = await store.begin("token", "k", "other")
        assert isinstance(second, Record)
        await store.finish("token", "k", first, RecordedError.of(ApiError(404, "gone")))
        assert await store.in_flight("token", "k")  # the second request's claim stands
        with pytest.raises(ApiError) as conflict:
            await store.begin("token", "k", "other")
        assert conflict.value.status == 409


async def counted_operation(runs: list[int]) -> web.StreamResponse:
    """An operation that counts its runs and gives way to the loop (a real handler awaits its store)."""
    runs.append(1)
    await asyncio.sleep(0)
    return web.json_response({"run": len(runs)})


@pytest.mark.asyncio
async def test_one_key_sent_to_two_processes_at_once_runs_the_operation_once(processes: Processes) -> None:
    clock = Clock(source=lambda: 1000.0)
    async with processes(2) as [one, other]:
        stores = [IdempotencyStore(maps, clock) for maps in (one, other)]
        runs: list[int] = []

        async def attempt(i: int) -> int:
            try:
                response = await stores[i % 2].run("token", "k", "fp", lambda: counted_operation(runs))
            except ApiError as error:
                return error.status
            return response.status

        statuses = await asyncio.gather(*(attempt(i) for i in range(20)))
        assert len(runs) == 1
        assert sorted(set(statuses)) in ([200, 409], [200])


@pytest.mark.asyncio
async def test_the_recorded_answer_replays_from_another_process(processes: Processes) -> None:
    clock = Clock(source=lambda: 1000.0)
    async with processes(2) as [one, other]:
        runs: list[int] = []
        first = await IdempotencyStore(one, clock).run("token", "k", "fp", lambda: counted_operation(runs))
        assert isinstance(first, web.Response)
        replayed = await IdempotencyStore(other, clock).run("token", "k", "fp", lambda: counted_operation(runs))
        assert isinstance(replayed, web.Response)
        assert len(runs) == 1
        assert (replayed.status, replayed.body) == (first.status, first.body)
        assert replayed.headers["Idempotent-Replayed"] == "true"
        assert replayed.headers["Content-Type"] == first.headers["Content-Type"]


def test_only_final_answers_are_recorded() -> None:
    assert RecordedResponse.of(web.Response(status=204)) is not None
    assert RecordedResponse.of(web.Response(status=503)) is None
    assert RecordedError.of(ApiError(404, "Entity not found")) is not None
    assert RecordedError.of(ApiError(403, "no")) is not None
    for status in (409, 422, 429, 500, 503):
        assert RecordedError.of(ApiError(status, "no")) is None
    assert RecordedError.of(RequestValidationError(400, [])) is None


def test_a_replayed_error_keeps_its_headers_and_says_it_was_replayed() -> None:
    recorded = RecordedError.of(ApiError(404, "gone", code="not_found", headers={"X-Why": "because"}))
    assert recorded is not None
    with pytest.raises(ApiError) as replayed:
        recorded.replay()
    assert (replayed.value.status, replayed.value.detail, replayed.value.code) == (404, "gone", "not_found")
    assert replayed.value.headers == {"X-Why": "because", "Idempotent-Replayed": "true"}


def test_the_key_header_is_used_as_sent(client: SvixClient) -> None:
    first = client.dashboard_access(key='"quoted-key"')
    assert client.dashboard_access(key="quoted-key").json()["token"] != first.json()["token"]
    assert client.dashboard_access(key='"quoted-key"').json() == first.json()
