"""The servers measured: the reference server, Prism's mock, and the bare aiohttp floor, each a subprocess."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from authkit_mock.prism import PrismProcess, terminate

HOST = "127.0.0.1"
ROOT = Path(__file__).resolve().parent.parent


PYCACHE = Path(tempfile.gettempdir()) / "authkit-bench-pycache"


def child_environment() -> dict[str, str]:
    """The environment of the servers started here: with bytecode caching on (in a temporary folder, so no
    ``__pycache__`` lands in the checkout), as an installed server has it; ``PYTHONDONTWRITEBYTECODE`` would make
    every start compile every module again."""
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    environment["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    return environment


class TargetError(Exception):
    """A target did not start."""


def wait_listening(port: int, process: subprocess.Popen[bytes] | None, timeout: float = 60.0) -> None:
    """Block until something accepts connections on ``port`` (bounded by ``timeout``)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise TargetError(f"process exited with {process.returncode} before listening on {port}")
        try:
            with socket.create_connection((HOST, port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.02)
    raise TargetError(f"nothing listened on {HOST}:{port} within {timeout:.0f} s")


@dataclass
class Target:
    """A server under load: where it answers and how each API's paths are prefixed."""

    name: str
    port: int
    command: list[str] = field(default_factory=list)
    prefixed: bool = True
    """Whether paths are under ``/<api>`` (the reference server and the floor) or at the root (Prism)."""
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """The server's base URL."""
        return f"http://{HOST}:{self.port}"

    def prefix(self, api: str) -> str:
        """The path prefix of ``api`` on this target."""
        return f"/{api}" if self.prefixed else ""

    def start(self) -> None:
        """Start the subprocess and wait until it listens."""
        # A file, not a pipe nobody drains: a chatty server never blocks on its log.
        with tempfile.TemporaryFile() as log:
            self.process = subprocess.Popen(
                self.command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=child_environment()
            )
            try:
                wait_listening(self.port, self.process)
            except TargetError as error:
                log.seek(0)
                raise TargetError(f"{self.name}: {error}\n{log.read()[-2000:].decode(errors='replace')}") from None

    def stop(self) -> None:
        """Terminate the subprocess (killed after 10 s)."""
        if self.process is not None:
            terminate(self.process)
        self.process = None


def reference(port: int) -> Target:
    """The reference server (all five APIs; see ``bench/reference_server.py``)."""
    return Target("authkit", port, [sys.executable, "-m", "bench.reference_server", "--port", str(port)])


def floor(port: int, bodies: Path) -> Target:
    """The bare aiohttp floor serving ``bodies``."""
    command = [sys.executable, "-m", "bench.floor", "--port", str(port), "--bodies", str(bodies)]
    return Target("aiohttp floor", port, command)


@dataclass
class PrismTarget(Target):
    """Prism's mock of one spec (from the pinned npm install)."""

    api: str = ""
    prism: PrismProcess | None = None

    def start(self) -> None:
        """Start Prism for ``api`` and wait until it listens."""
        self.prism = PrismProcess(self.api, self.port, host=HOST)
        self.prism.start()
        self.prism.wait()
        self.process = self.prism.process

    def stop(self) -> None:
        """Stop Prism."""
        if self.prism is not None:
            self.prism.stop()
        self.prism = None
        self.process = None


def prism(api: str, port: int) -> PrismTarget:
    """Prism's mock of ``api``'s spec, at the root."""
    return PrismTarget("prism", port, prefixed=False, api=api)
