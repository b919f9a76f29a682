"""Prism (Stoplight's spec-example mock) for the same contracts: one process per spec, on its own port.

Used by ``authkit-mock prism`` for frontend teams and by the contract tests. Prism comes from the project's pinned
npm dev dependency (``node_modules/.bin/prism`` after ``npm ci``); outside a checkout, from npx at the same version.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from authkit_mock.core.specs import CHECKOUT_SPECS, spec_file

PRISM_VERSION = "5.14.2"


class PrismError(Exception):
    """Prism could not be found or did not start."""


def prism_command() -> list[str]:
    """How to run Prism here: the checkout's pinned install, else npx with the pinned version."""
    local = CHECKOUT_SPECS.parent / "node_modules" / ".bin" / "prism"
    if local.exists():
        return [str(local)]
    npx = shutil.which("npx")
    if npx is None:
        raise PrismError("Prism needs Node.js: install Node 18+ (npx), or run `npm ci` in the authkit checkout")
    return [npx, "--yes", f"@stoplight/prism-cli@{PRISM_VERSION}"]


def terminate(process: subprocess.Popen[bytes]) -> None:
    """Stop a child process: SIGTERM, then SIGKILL when it has not exited after 10 s."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def free_port(host: str = "127.0.0.1") -> int:
    """A port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind((host, 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class PrismProcess:
    """One Prism process serving one spec (``mock``, or ``proxy`` to an upstream)."""

    name: str
    port: int
    host: str = "127.0.0.1"
    upstream: str | None = None
    """With an upstream, Prism runs as a validating proxy (``prism proxy --errors``) in front of it."""
    spec: Path | None = None
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)
    _log: tempfile._TemporaryFileWrapper[bytes] | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        """Where this Prism answers."""
        return f"http://{self.host}:{self.port}"

    def start(self) -> None:
        """Launch Prism (returns at once; see :meth:`wait`)."""
        spec = str(self.spec or spec_file(self.name))
        mode = ["mock", spec] if self.upstream is None else ["proxy", "--errors", spec, self.upstream]
        command = [*prism_command(), *mode, "--host", self.host, "--port", str(self.port)]
        # Prism logs every request; a file (not a pipe nobody drains) keeps it from ever blocking on its log.
        self._log = tempfile.NamedTemporaryFile(prefix=f"prism-{self.name}-", suffix=".log")  # noqa: SIM115
        self.process = subprocess.Popen(command, stdout=self._log, stderr=subprocess.STDOUT)

    def log(self) -> str:
        """What Prism printed so far (the last 4,000 characters)."""
        if self._log is None:
            return ""
        self._log.flush()
        return Path(self._log.name).read_text(encoding="utf-8", errors="replace")[-4000:]

    def wait(self, timeout: float = 60.0) -> None:
        """Block until Prism accepts connections (about 2-3 s with a local install)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise PrismError(f"Prism for {self.name} exited: {self.log().strip()}")
            try:
                with socket.create_connection((self.host, self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.1)
        raise PrismError(f"Prism for {self.name} did not listen on {self.url} within {timeout:.0f} s")

    def stop(self) -> None:
        """Terminate Prism (and wait for it)."""
        if self.process is not None:
            terminate(self.process)
        if self._log is not None:
            self._log.close()
            self._log = None
