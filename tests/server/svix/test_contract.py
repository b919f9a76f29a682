"""The svix API of the reference server against its contract, openapi/svix.yaml: every operation is served at its
documented path (both spellings), and every documented status of every operation is produced, with a response
that validates against the contract (the client validates each one; see tests/server/svix_client.py)."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable

import httpx

from authkit_mock.core.settings import RateLimit
from authkit_mock.testing import RunningServer
from tests.server.svix.client import (
    APP_ID,
    OPERATIONS,
    ORG_KEY,
    STREAM_ID,
    SvixClient,
    add_org_key,
    svix_server,
    with_request_in_flight,
)
from tests.support.specs import load_spec, operations

SPEC_OPERATIONS = list(operations(load_spec("svix"), "svix"))
DOCUMENTED = {(op.operation_id, int(status)) for op in SPEC_OPERATIONS for status in op.statuses}


def test_the_client_knows_the_contract_s_operations_and_paths() -> None:
    assert {op.operation_id: op.path for op in SPEC_OPERATIONS} == OPERATIONS
    assert {op.operation_id for op in SPEC_OPERATIONS if op.method == "get"} == {"get_stream_poller_token"}


def test_every_operation_is_served_with_and_without_the_trailing_slash() -> None:
    with svix_server() as server:
        served = Counter(operation_id for api, operation_id in server.runtime.operations.values() if api == "svix")
    assert served == dict.fromkeys(OPERATIONS, 2)


def test_every_documented_status_of_every_operation_is_produced_and_matches_the_contract() -> None:
    seen: set[tuple[str, int]] = set()
    with svix_server() as server, SvixClient(server, seen) as client, client.clone() as other:
        app_token = client.new_app_token()
        # 2xx
        client.expire_all(APP_ID, {"expiry": 60})
        client.app_portal_access(APP_ID, {"featureFlags": ["cool-new-feature"]})
        client.logout(client.new_app_token())
        client.stream_portal_access(STREAM_ID, {"expiry": 3600, "sessionId": "user_1"})
        client.stream_logout(client.new_stream_token())
        client.stream_expire_all(STREAM_ID, {"expiry": 60, "sessionIds": ["user_1"]})
        client.rotate_poller_token(body={"oldTokenExpiry": 0})
        client.get_poller_token()
        # 401: no bearer
        client.stream_portal_access(token=None)
        client.stream_logout(None)
        client.stream_expire_all(token=None)
        client.rotate_poller_token(token=None)
        client.get_poller_token(token=None)
        client.expire_all(token=None)
        client.dashboard_access(token=None)
        client.app_portal_access(token=None)
        client.logout(None)
        # 403: an application token where an org key is needed; an org key on logout
        client.expire_all(token=app_token)
        client.dashboard_access(token=app_token)
        client.app_portal_access(token=app_token)
        client.logout(ORG_KEY)
        client.stream_portal_access(token=app_token)
        client.stream_logout(ORG_KEY)
        client.stream_expire_all(token=app_token)
        client.rotate_poller_token(token=app_token)
        client.get_poller_token(token=app_token)
        # 404: an unknown application; logout of a token whose application is gone
        client.expire_all("app_unknown", {"expiry": 0})
        client.dashboard_access("app_unknown")
        client.app_portal_access("app_unknown")
        client.stream_portal_access("strm_unknown")
        client.stream_expire_all("strm_unknown")
        client.rotate_poller_token(sink_id="sink_unknown")
        client.get_poller_token("strm_unknown")
        # 422: an invalid body or path; an idempotency key reused for another request
        client.expire_all(APP_ID, {"expiry": 259201})
        client.dashboard_access("not valid!")
        client.app_portal_access(APP_ID, {"featureFlags": ["dup", "dup"]})
        client.logout(ORG_KEY, key="k-logout", json_body={"first": 1})  # 403, recorded under the key
        client.logout(ORG_KEY, key="k-logout", json_body={"second": 2})
        client.stream_portal_access(STREAM_ID, {"expiry": 60})
        client.stream_expire_all(STREAM_ID, {"sessionIds": ["not a session id"]})
        client.rotate_poller_token(body={"oldTokenExpiry": 86401})
        client.get_poller_token("s" * 61)
        client.stream_logout(ORG_KEY, key="k-stream-logout", json_body={"first": 1})
        client.stream_logout(ORG_KEY, key="k-stream-logout", json_body={"second": 2})
        # 409: the same key while the first request is in flight
        sends: dict[str, Callable[[SvixClient], httpx.Response]] = {
            "expire_all": lambda c: c.expire_all(APP_ID, {"expiry": 0}, key="k-409-expire"),
            "dashboard_access": lambda c: c.dashboard_access(key="k-409-dashboard"),
            "app_portal_access": lambda c: c.app_portal_access(key="k-409-portal"),
            "stream_portal_access": lambda c: c.stream_portal_access(key="k-409-stream-portal"),
            "stream_expire_all": lambda c: c.stream_expire_all(key="k-409-stream-expire"),
            "rotate_stream_poller_token": lambda c: c.rotate_poller_token(key="k-409-rotate"),
        }
        for operation_id, send in sends.items():
            with_request_in_flight(
                server, operation_id, functools.partial(send, other), functools.partial(send, client)
            )
        busy = client.new_app_token()
        with_request_in_flight(
            server, "logout", lambda: other.logout(busy, key="k-409"), lambda: client.logout(busy, key="k-409")
        )
        busy_stream = client.new_stream_token()
        with_request_in_flight(
            server,
            "stream_logout",
            lambda: other.stream_logout(busy_stream, key="k-409-stream"),
            lambda: client.stream_logout(busy_stream, key="k-409-stream"),
        )
        # 400: documented upstream on every operation; the reference server sends it only as an injected fault.
        fresh, fresh_stream = client.new_app_token(), client.new_stream_token()
        for operation_id in OPERATIONS:
            server.sync(functools.partial(server.runtime.faults.add, "svix", operation_id, 400, 0, 1))
        client.expire_all(APP_ID, {"expiry": 0})
        client.dashboard_access()
        client.app_portal_access()
        client.logout(fresh)
        client.stream_portal_access()
        client.stream_expire_all()
        client.rotate_poller_token()
        client.get_poller_token()
        client.stream_logout(fresh_stream)
        # 409 on the GET: upstream documents it there too, but a GET takes no idempotency key, so the reference
        # server sends it only as an injected fault.
        server.sync(functools.partial(server.runtime.faults.add, "svix", "get_stream_poller_token", 409, 0, 1))
        client.get_poller_token()
        # 404 on logout (the token's application is gone): forgetting an application forgets its tokens too, so
        # the reference server sends it only as an injected fault.
        orphan = client.new_app_token()
        server.sync(functools.partial(server.runtime.faults.add, "svix", "logout", 404, 0, 1))
        client.logout(orphan)
        orphan_stream = client.new_stream_token()
        server.sync(lambda: _remove_stream(server, STREAM_ID))
        client.stream_logout(orphan_stream)
    with svix_server(rate_limit=RateLimit(1, 60)) as limited, SvixClient(limited, seen) as client:
        # 429: one request allowed per token, then every operation is over the limit.
        app_token = client.new_app_token()
        client.expire_all(APP_ID, {"expiry": 0})
        client.dashboard_access()
        client.app_portal_access()
        client.dashboard_access(token=app_token)  # 403, and the app token's one request
        client.logout(app_token)
        client.stream_portal_access()
        client.stream_expire_all()
        client.rotate_poller_token()
        client.get_poller_token()
        add_org_key(limited, "testsk_second_key")
        stream_token = client.new_stream_token(token="testsk_second_key")
        client.stream_expire_all(token=stream_token)  # 403, and the stream token's one request
        client.stream_logout(stream_token)
    assert seen == DOCUMENTED, {"missing": DOCUMENTED - seen, "undocumented": seen - DOCUMENTED}


async def _remove_stream(server: RunningServer, stream_id: str) -> None:
    stream = await server.runtime.store.stream(stream_id, server.runtime.clock_now)
    assert stream is not None
    await server.runtime.store.remove_stream(stream)
