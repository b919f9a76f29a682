"""Several real ``authkit-mock serve --store redis://... --port 0`` processes on one real redis-server, as replicas
of one deployment behind a load balancer: each is its own process with its own port, all share the store (one URL,
one key prefix) and one public URL (the address clients know: here replica A's, standing in for the balancer's), so
every replica issues and accepts the same tokens."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from authkit_mock.prism import terminate
from tests.reliability.process import CLI, healthy_within

SERVING = re.compile(r"authkit-mock: serving on http://127\.0\.0\.1:(\d+) ")
LISTENING = re.compile(r"authkit-mock: listening on http://127\.0\.0\.1:(\d+)$")
"""The banner's second line when a public URL is given: the socket's own address."""


@dataclass
class Replica:
    """One ``authkit-mock serve`` child: started with ``--port 0``, its port read from the banner; its stderr (the
    server's log) kept in ``log`` for the tests that no traceback was written."""

    name: str
    store_url: str
    prefix: str
    log: Path
    options: tuple[str, ...] = ()
    port: int = 0
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        """The replica's own address."""
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 30.0) -> Replica:
        """Start the process and return once its admin health check answers."""
        command = [str(CLI), "serve", "--port", "0", "--store", self.store_url, "--store-prefix", self.prefix]
        with self.log.open("ab") as log:  # the child keeps its own copy of the descriptor
            self.process = subprocess.Popen([*command, *self.options], stdout=subprocess.PIPE, stderr=log)
        assert self.process.stdout is not None
        # The first line names the public URL; with one given (B and C), the second names the socket.
        public = "--public-url" in self.options
        lines = [self.process.stdout.readline().decode().rstrip() for _ in range(2 if public else 1)]
        found = (LISTENING if public else SERVING).match(lines[-1])
        if found is None:
            self.stop()
            raise RuntimeError(f"replica {self.name} did not start: {lines} {self.log_text()[-2000:]}")
        self.port = int(found.group(1))
        if healthy_within(self.url, self.process, timeout):
            return self
        self.stop()
        raise RuntimeError(f"replica {self.name} did not answer within {timeout} s: {self.log_text()[-2000:]}")

    def log_text(self) -> str:
        """Everything the replica wrote to stderr so far."""
        return self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""

    def stop(self) -> None:
        """SIGTERM and wait (SIGKILL if it does not go)."""
        if self.process is None:
            return
        terminate(self.process)
        if self.process.stdout is not None:
            self.process.stdout.close()
        self.process = None


def start_replicas(folder: Path, store_url: str, prefix: str, count: int, *options: str) -> list[Replica]:
    """``count`` replicas sharing ``store_url`` and ``prefix``: the first on its own address, the others given it
    as their public URL (so all of them issue tokens for, and call the identity provider at, one address)."""
    first = Replica("A", store_url, prefix, folder / "A.log", options).start()
    others = [
        Replica(name, store_url, prefix, folder / f"{name}.log", ("--public-url", first.url, *options))
        for name in "BCDEFG"[: count - 1]
    ]
    started = [first]
    try:
        for replica in others:
            started.append(replica.start())
    except BaseException:
        for replica in started:
            replica.stop()
        raise
    return started
