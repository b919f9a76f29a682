"""Several worker processes serving one port (``authkit-mock serve --workers N``).

The parent binds the listening socket (so ``--port 0`` works and the banner shows the real port), builds the app and
forks; each worker serves the same app on its inherited copy of the socket, and the kernel hands each new connection
to one of the workers waiting in ``accept``. The parent only supervises: it forwards SIGTERM and SIGINT to the
workers, and when one worker dies on its own it stops the others and exits non-zero (a deployment with one worker
fewer than asked for is not quietly kept running).

Workers share nothing but the socket: their state must live in a shared store (``--store redis://...``), which the
CLI requires before it forks.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field

FORWARDED = (signal.SIGTERM, signal.SIGINT)
STOP_GRACE_SECONDS = 10.0
"""How long the parent waits for workers to stop after SIGTERM before it kills them."""
_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """Ask Linux to send this worker SIGTERM when the parent dies (even by SIGKILL), so no worker is orphaned."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


@dataclass
class Supervisor:
    """The parent's view of its workers: which are alive, and why it is stopping."""

    workers: dict[int, int] = field(default_factory=dict)
    """Worker process id → worker number (1-based)."""
    stopping: bool = False
    status: int = 0
    deadline: float | None = None

    def stop_all(self, signum: int = signal.SIGTERM) -> None:
        """Send ``signum`` to every live worker and start the grace period."""
        self.stopping = True
        if self.deadline is None:
            self.deadline = time.monotonic() + STOP_GRACE_SECONDS
        for pid in self.workers:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signum)

    def on_signal(self, signum: int, _frame: object) -> None:
        """SIGTERM or SIGINT to the parent: the workers get SIGTERM (once each: workers run in their own process
        group, so a terminal's Ctrl-C reaches only the parent)."""
        self.stop_all(signal.SIGTERM)

    def reap(self, log: Callable[[str], None]) -> None:
        """Collect the workers that exited; the first one that exited without being asked stops the others."""
        while self.workers:
            try:
                pid, wait_status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                self.workers.clear()
                return
            if pid == 0:
                return
            number = self.workers.pop(pid, None)
            if number is None:
                continue
            code = os.waitstatus_to_exitcode(wait_status)
            if not self.stopping:
                how = f"was killed by signal {-code}" if code < 0 else f"exited with status {code}"
                log(f"worker {number} (pid {pid}) {how}; stopping the other workers")
                self.status = 1
                self.stop_all()
            elif code not in (0, -signal.SIGTERM):
                self.status = self.status or 1


def _worker(number: int, serve: Callable[[int], int]) -> None:
    """The forked child: its own process group, default signal handling, ``serve``, and exit with its status."""
    status = 1
    try:
        os.setpgid(0, 0)
        _die_with_parent()
        for signum in FORWARDED:
            signal.signal(signum, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, FORWARDED)
        status = serve(number)
    except SystemExit as exit_:
        status = exit_.code if isinstance(exit_.code, int) else 1
    except BaseException:  # a worker must never return into the parent's code
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)


def run_workers(count: int, serve: Callable[[int], int], log: Callable[[str], None]) -> int:
    """Fork ``count`` workers, each calling ``serve(number)`` (1-based) and exiting with what it returns; supervise
    them until all have exited. Returns 0 when they stopped because the parent was asked to stop, 1 when one died
    on its own (the others are then stopped) or did not stop cleanly."""
    supervisor = Supervisor()
    # A signal arriving while forking must not reach a half-made supervisor: block, fork, install handlers, unblock.
    signal.pthread_sigmask(signal.SIG_BLOCK, FORWARDED)
    try:
        for number in range(1, count + 1):
            sys.stdout.flush()
            sys.stderr.flush()
            pid = os.fork()
            if pid == 0:
                _worker(number, serve)
            supervisor.workers[pid] = number
        for signum in FORWARDED:
            signal.signal(signum, supervisor.on_signal)
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, FORWARDED)
    while supervisor.workers:
        supervisor.reap(log)
        if supervisor.deadline is not None and time.monotonic() > supervisor.deadline:
            log(f"{len(supervisor.workers)} worker(s) did not stop within {STOP_GRACE_SECONDS:.0f} s; killing them")
            supervisor.status = 1
            supervisor.stop_all(signal.SIGKILL)
            supervisor.deadline = time.monotonic() + STOP_GRACE_SECONDS
        time.sleep(0.05)  # the supervisor's poll: it has nothing else to do
    return supervisor.status
