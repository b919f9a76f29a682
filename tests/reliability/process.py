"""``authkit-mock serve`` as a real child process on a loopback port: started, waited for, measured, killed."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from authkit_mock.prism import terminate

CLI = Path(sys.executable).with_name("authkit-mock")
"""The console script installed next to the interpreter running the tests (the one users run)."""


def raise_open_file_limit(wanted: int) -> int:
    """Raise this process's soft limit on open files towards ``wanted`` (never above the hard limit); the new one.

    Children inherit it, so the server started afterwards can hold as many connections as the load generator.
    """
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        return target
    return soft


def healthy_within(url: str, process: subprocess.Popen[bytes], timeout: float) -> bool:
    """Whether the server ``process`` answers its admin health check at ``url`` within ``timeout`` seconds (False
    at once when the process exits)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            if httpx.get(f"{url}/__admin/health", timeout=2).status_code == 200:
                return True
        except httpx.TransportError:
            pass
        time.sleep(0.05)  # waiting for a child to listen, not testing time
    return False


class ServerProcess:
    """One ``authkit-mock serve`` child on ``127.0.0.1:port`` with extra command-line ``args``."""

    def __init__(self, port: int, *args: str, log: Path | None = None) -> None:
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.command = [str(CLI), "serve", "--host", "127.0.0.1", "--port", str(port), *args]
        self.log = log
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 30.0) -> ServerProcess:
        """Start the server and return once its admin health check answers."""
        if self.log is None:
            self.process = subprocess.Popen(self.command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        else:
            with self.log.open("ab") as output:  # the child keeps its own copy of the descriptor
                self.process = subprocess.Popen(self.command, stdout=output, stderr=subprocess.STDOUT)
        if healthy_within(self.url, self.process, timeout):
            return self
        status = self.process.poll()
        self.stop()
        if status is not None:
            raise RuntimeError(f"authkit-mock exited with status {status}: {self.command}")
        raise RuntimeError(f"authkit-mock did not answer within {timeout} s: {self.command}")

    @property
    def pid(self) -> int:
        """The child's process id."""
        assert self.process is not None
        return self.process.pid

    def rss_bytes(self) -> int:
        """The child's resident set size, from ``/proc`` (Linux)."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
        raise RuntimeError("no VmRSS in /proc status")

    def kill(self) -> None:
        """SIGKILL: no shutdown handler runs, nothing is flushed on the way out."""
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        """SIGTERM and wait (SIGKILL if it does not go)."""
        if self.process is not None:
            terminate(self.process)

    def __enter__(self) -> ServerProcess:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()
