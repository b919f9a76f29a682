"""``serve --store`` and ``--workers``: the shared store is checked at start, and several worker processes serve one
port through the socket the parent bound, which forwards signals to them and never keeps running one worker short."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import httpx
import pytest

from authkit_mock.cli import build_parser, main, settings_from
from tests.reliability.process import CLI
from tests.support.redis import RedisServer, free_port


def test_the_store_options_reach_the_settings() -> None:
    argv = ["serve", "--store", "redis://127.0.0.1:6379/3", "--store-prefix", "qa:", "--workers", "4"]

    settings = settings_from(build_parser().parse_args(argv))

    assert (settings.store_url, settings.store_prefix) == ("redis://127.0.0.1:6379/3", "qa:")


def test_memory_is_the_default_store_and_means_no_shared_store() -> None:
    default = settings_from(build_parser().parse_args(["serve"]))
    memory = settings_from(build_parser().parse_args(["serve", "--store", "memory"]))

    assert default.store_url is None
    assert memory.store_url is None


def test_an_unreachable_store_at_start_is_one_line_and_no_banner(capsys: pytest.CaptureFixture[str]) -> None:
    nobody = f"redis://127.0.0.1:{free_port()}/0"

    assert main(["serve", "--port", "0", "--store", nobody]) == 1

    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.splitlines()) == 1, err
    assert err.startswith(f"authkit-mock serve: cannot reach the store at {nobody}: ")
    assert "Traceback" not in err


def test_a_password_in_the_store_url_is_never_printed(capsys: pytest.CaptureFixture[str]) -> None:
    port = free_port()

    assert main(["serve", "--port", "0", "--store", f"redis://ops:s3cret@127.0.0.1:{port}/0"]) == 1

    err = capsys.readouterr().err
    assert err.startswith(f"authkit-mock serve: cannot reach the store at redis://ops:***@127.0.0.1:{port}/0: ")
    assert "s3cret" not in err


def children(pid: int) -> list[int]:
    """The process ids of the children ``pid``'s main thread forked (Linux ``/proc``)."""
    return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


@contextmanager
def serving(*args: str) -> Iterator[tuple[subprocess.Popen[str], int]]:
    """``authkit-mock serve --port 0 ARGS`` in a child process: the process and the port its banner printed."""
    command = [str(CLI), "serve", "--port", "0", *args]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as server:
        try:
            assert server.stdout is not None
            first = server.stdout.readline()
            found = re.match(r"authkit-mock: serving on http://127\.0\.0\.1:(\d+) ", first)
            assert found is not None, first + (server.stderr.read() if server.stderr else "")
            yield server, int(found.group(1))
        finally:
            if server.poll() is None:
                server.kill()
            for stream in (server.stdout, server.stderr):
                if stream is not None:
                    stream.close()


def workers_of(server: subprocess.Popen[str], count: int) -> list[int]:
    """The worker processes of ``server`` once all ``count`` have been forked."""
    deadline = time.monotonic() + 10
    while len(found := children(server.pid)) < count and time.monotonic() < deadline:
        time.sleep(0.02)  # waiting for forks, not testing time
    return found


def accepted_by(server_port: int, client: socket.socket, candidates: list[int]) -> int | None:
    """Which of ``candidates`` holds the server side of ``client``'s connection (``/proc/net/tcp`` and each
    process's open descriptors)."""
    client_port = client.getsockname()[1]
    inode = None
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local, remote = fields[1], fields[2]
        if int(local.split(":")[1], 16) == server_port and int(remote.split(":")[1], 16) == client_port:
            inode = fields[9]
    assert inode is not None
    for pid in candidates:
        for descriptor in Path(f"/proc/{pid}/fd").iterdir():
            try:
                if os.readlink(descriptor) == f"socket:[{inode}]":
                    return pid
            except FileNotFoundError:
                continue
    return None


def test_two_workers_answer_on_one_port_from_two_processes(redis_server: RedisServer) -> None:
    with serving("--workers", "2", "--store", redis_server.url(), "--store-prefix", "workers-test:") as (server, port):
        workers = workers_of(server, 2)
        assert len(workers) == 2
        owners: set[int | None] = set()
        with ExitStack() as stack:
            # New connections, each kept open after its answer, until both workers have accepted one.
            for _ in range(500):
                client = stack.enter_context(socket.create_connection(("127.0.0.1", port), timeout=10))
                client.sendall(b"GET /__admin/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                assert client.recv(64).startswith(b"HTTP/1.1 200 ")
                owners.add(accepted_by(port, client, workers))
                if owners == set(workers):
                    break
        assert owners == set(workers)
        server.terminate()
        assert server.wait(timeout=20) == 0


def test_stopping_the_parent_stops_every_worker(redis_server: RedisServer) -> None:
    with serving("--workers", "2", "--store", redis_server.url(), "--store-prefix", "workers-test:") as (server, port):
        workers = workers_of(server, 2)
        assert httpx.get(f"http://127.0.0.1:{port}/__admin/health", timeout=10).status_code == 200

        server.send_signal(signal.SIGINT)

        assert server.wait(timeout=20) == 0, server.stderr.read() if server.stderr else ""
        for pid in workers:
            assert not Path(f"/proc/{pid}").exists()


def test_a_worker_that_dies_stops_the_others_and_the_server_fails(redis_server: RedisServer) -> None:
    with serving("--workers", "2", "--store", redis_server.url(), "--store-prefix", "workers-test:") as (server, _):
        first, second = workers_of(server, 2)

        os.kill(first, signal.SIGKILL)

        assert server.wait(timeout=20) == 1
        assert server.stderr is not None
        said = server.stderr.read()
        assert f"(pid {first}) was killed by signal 9; stopping the other workers" in said
        assert "Traceback" not in said
        assert not Path(f"/proc/{second}").exists()


def test_the_svix_rate_limit_option_reaches_the_settings() -> None:
    settings = settings_from(build_parser().parse_args(["serve", "--svix-rate-limit", "12/30"]))

    assert (settings.rate_limit.requests, settings.rate_limit.per_seconds) == (12, 30.0)
