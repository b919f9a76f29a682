"""Slow clients are cut off, and their connections are capped, while normal requests keep their latency.

A real ``authkit-mock serve`` process with short limits (1 s for a request head, 1 s for a body, 40 connections);
a bounded number of connections (20) drip their headers or body a byte at a time. The server must close them
after the timeout, answer the slow body 408, close connections beyond the cap at once, and keep answering
normal requests about as fast as before (fastest-of-N latencies compared by ratio, never a fixed threshold). These
tests wait for real server timeouts (the server clock is not involved): about a second each. With the head
timeout switched off (``--header-timeout 0``) the dripping connections stay open (``deep``: it waits 4 s).
"""

from __future__ import annotations

import contextlib
import socket
import time
from collections.abc import Iterator

import httpx
import pytest

from tests.reliability.process import ServerProcess
from tests.reliability.test_memory_bounds import free_port

TIMEOUT = 1.0
CAP = 40
SLOW = 20
DRIP = 0.1


def start(*flags: str) -> ServerProcess:
    return ServerProcess(free_port(), "--max-connections", str(CAP), "--body-timeout", str(TIMEOUT), *flags).start()


@pytest.fixture(scope="module")
def server() -> Iterator[ServerProcess]:
    started = start("--header-timeout", str(TIMEOUT))
    try:
        yield started
    finally:
        started.stop()


def fastest_ms(url: str, count: int = 15) -> float:
    with httpx.Client(timeout=10) as http:
        durations = []
        for _ in range(count):
            began = time.perf_counter()
            assert http.get(f"{url}/bixarena/.well-known/jwks.json").status_code == 200
            durations.append(time.perf_counter() - began)
    return min(durations) * 1000


def open_dripping(server: ServerProcess, count: int, head: bytes) -> list[socket.socket]:
    connections = []
    for _ in range(count):
        connection = socket.create_connection(("127.0.0.1", server.port), timeout=5)
        connection.sendall(head)
        connection.setblocking(False)
        connections.append(connection)
    return connections


def closed_by_server(connection: socket.socket) -> bool:
    """Whether the server closed ``connection`` (an end of stream or a reset), reading whatever it answered."""
    try:
        while True:
            data = connection.recv(65536)
            if not data:
                return True
    except BlockingIOError:
        return False
    except ConnectionError:
        return True


def drip_until_closed(connections: list[socket.socket], within: float, url: str) -> tuple[float, float]:
    """Send a byte on every open connection each ``DRIP`` seconds until all are closed (or ``within`` passes);
    returns (seconds until the last was closed, fastest normal request meanwhile in ms)."""
    began = time.monotonic()
    fastest = float("inf")
    open_ones = list(connections)
    while open_ones and time.monotonic() - began < within:
        for connection in list(open_ones):
            with contextlib.suppress(BlockingIOError, ConnectionError):
                connection.send(b"x")
            if closed_by_server(connection):
                open_ones.remove(connection)
        fastest = min(fastest, fastest_ms(url, count=1))
        time.sleep(DRIP)  # the client's pace, not a wait for the server
    for connection in connections:
        connection.close()
    return (time.monotonic() - began if not open_ones else float("inf")), fastest


def test_connections_dripping_their_headers_are_closed_and_others_keep_their_latency(server: ServerProcess) -> None:
    before = fastest_ms(server.url)
    slow = open_dripping(server, SLOW, b"GET /__admin/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
    took, during = drip_until_closed(slow, within=4 * TIMEOUT + 2, url=server.url)
    print(f"dripping heads closed after {took:.2f} s; normal request {before:.2f} ms before, {during:.2f} ms during")
    assert took <= 3 * TIMEOUT + 1, "dripping connections were not closed"
    assert during < 3 * before + 5, f"normal requests slowed from {before:.1f} ms to {during:.1f} ms"


def test_a_body_dripped_a_byte_at_a_time_gets_408_and_the_connection_closed(server: ServerProcess) -> None:
    head = (
        b"POST /authlance/authlance/identity/me HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        b"Content-Length: 10000\r\n\r\n{"
    )
    with socket.create_connection(("127.0.0.1", server.port), timeout=4 * TIMEOUT + 2) as connection:
        connection.sendall(head)
        began = time.monotonic()
        answer = b""
        try:
            while not answer.endswith(b"}") or b"\r\n\r\n" not in answer:
                connection.sendall(b" ")
                connection.settimeout(DRIP)
                try:
                    chunk = connection.recv(65536)
                except TimeoutError:
                    continue
                if not chunk:
                    break
                answer += chunk
        except ConnectionError:
            pass
    assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
    assert time.monotonic() - began <= 3 * TIMEOUT + 1
    journal = httpx.get(f"{server.url}/__admin/journal", params={"status": 408}).json()["items"]
    assert journal and journal[0]["operation"] == "exchange_session_for_token"


def test_connections_beyond_the_cap_are_closed_at_once_and_the_server_recovers(server: ServerProcess) -> None:
    held = open_dripping(server, CAP + 10, b"")
    time.sleep(0.3)  # let the server accept them all
    refused = sum(closed_by_server(connection) for connection in held)
    assert refused >= 10, f"only {refused} connections beyond the cap of {CAP} were closed"
    for connection in held:
        connection.close()
    assert httpx.get(f"{server.url}/__admin/health", timeout=10).status_code == 200


@pytest.mark.deep
def test_without_the_head_timeout_dripping_connections_stay_open() -> None:
    unguarded = start("--header-timeout", "0")
    try:
        slow = open_dripping(unguarded, 5, b"GET /__admin/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        took, _ = drip_until_closed(slow, within=4 * TIMEOUT, url=unguarded.url)
        assert took == float("inf"), "the connections were closed anyway: the timeout test could not fail"
    finally:
        unguarded.stop()
