"""A real Valkey/Redis server for the tests (Debian's ``redis-server``, which ``scripts/test`` installs when
missing), started on a free loopback port with nothing written to disk, and stopped and started again on the same
port by the tests of what the reference server does while it is unreachable."""

from __future__ import annotations

import atexit
import functools
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.support.ports import free_port_run

REDIS_SERVER = "redis-server"


def free_port() -> int:
    """A loopback port nobody listens on right now, below the ephemeral range (:func:`free_port_run`)."""
    return free_port_run(1)


class RedisServer:
    """One ``redis-server`` process on ``port``: :meth:`start`, :meth:`stop`, and the URL of database ``db``."""

    def __init__(self, folder: Path, port: int | None = None) -> None:
        executable = shutil.which(REDIS_SERVER)
        if executable is None:
            raise RuntimeError(
                "redis-server is not installed: scripts/test installs Debian's redis-server package (as root), "
                "or install it yourself (apt-get install redis-server)"
            )
        self.executable = executable
        self.folder = folder
        self.port = port or free_port()
        self.process: subprocess.Popen[bytes] | None = None

    def url(self, db: int = 0) -> str:
        """The ``--store`` URL of database ``db``."""
        return f"redis://127.0.0.1:{self.port}/{db}"

    def start(self) -> None:
        """Start the server (in memory only: no RDB snapshots, no append-only file) and wait until it answers."""
        self.process = subprocess.Popen(
            [
                self.executable,
                "--port", str(self.port),
                "--bind", "127.0.0.1",
                "--save", "",
                "--appendonly", "no",
                "--dir", str(self.folder),
                "--databases", "64",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"redis-server exited with {self.process.returncode} on port {self.port}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2) as connection:
                    connection.sendall(b"PING\r\n")
                    if connection.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                pass
            time.sleep(0.02)  # waiting for a process to come up, not for the clock
        raise RuntimeError(f"redis-server did not answer on port {self.port} within 10 s")

    def stop(self) -> None:
        """Stop the server (everything it held is gone: it keeps nothing on disk)."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None


STORE_ENV = "AUTHKIT_TEST_STORE"
"""``redis``: the test servers keep their state in a session redis-server (``scripts/test --redis``)."""


def redis_mode() -> bool:
    """Whether this run uses the Redis backend for its test servers (``AUTHKIT_TEST_STORE=redis``)."""
    return os.environ.get(STORE_ENV, "memory") == "redis"


@functools.cache
def session_redis() -> RedisServer:
    """The redis-server every test server of a ``--redis`` run shares (started on first use, stopped at exit)."""
    started = RedisServer(Path(tempfile.mkdtemp(prefix="authkit-test-redis-")))
    started.start()
    atexit.register(started.stop)
    return started


_prefixes = itertools.count(1)


def shared_store_settings() -> dict[str, Any]:
    """The settings that put one test server's state in the session redis-server, under a prefix of its own (so
    servers of one run never see each other's state); nothing outside a ``--redis`` run."""
    if not redis_mode():
        return {}
    return {"store_url": session_redis().url(), "store_prefix": f"authkit-test:{os.getpid()}:{next(_prefixes)}:"}
