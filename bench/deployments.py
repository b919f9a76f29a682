"""The deployments ``scripts/bench --workers 1,2 --store memory,redis`` compares: each combination of worker count
and store, measured in the same run as the usual targets and alternated with them round by round.

One worker with the memory store is the usual ``authkit`` target (``bench/reference_server.py``), so its figures are
the default run's. Every other combination is ``authkit-mock serve`` itself (``--workers N --store URL``, svix's rate
limit lifted as on the usual target) on a redis-server started for the run, each under its own key prefix. Several
workers with the memory store are not a deployment (each worker would keep its own tokens, so a token from one is
refused by the other): that combination is skipped, and the run says so.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bench.scenarios import bixarena_session
from bench.targets import HOST, Target

STORES = ("memory", "redis")
LIFTED_RATE_LIMIT = f"{10**12}/60"
CLI = Path(sys.executable).with_name("authkit-mock")


@dataclass(frozen=True)
class Deployment:
    """One combination: how many worker processes, and which store."""

    workers: int
    store: str

    @property
    def name(self) -> str:
        """The target's name in the tables: ``authkit`` for one worker in memory (the usual target)."""
        return "authkit" if self.is_default else f"authkit {self.workers}w {self.store}"

    @property
    def is_default(self) -> bool:
        """One worker, memory store: the usual ``authkit`` target."""
        return (self.workers, self.store) == (1, "memory")


def parse(workers: str, stores: str) -> tuple[list[Deployment], list[str]]:
    """The combinations of ``--workers`` and ``--store`` to run, and a note for each one skipped."""
    counts = [int(w) for w in workers.split(",") if w.strip()]
    kinds = [s.strip() for s in stores.split(",") if s.strip()]
    if not counts or any(count < 1 for count in counts):
        raise SystemExit(f"scripts/bench: --workers {workers!r}: give worker counts of at least 1, e.g. 1,2")
    unknown = set(kinds) - set(STORES)
    if unknown or not kinds:
        raise SystemExit(f"scripts/bench: --store {stores!r}: choose from {', '.join(STORES)}")
    chosen: list[Deployment] = []
    skipped: list[str] = []
    for store in dict.fromkeys(kinds):
        for count in dict.fromkeys(counts):
            if count > 1 and store == "memory":
                skipped.append(f"{count} workers with the memory store: not a deployment (no shared state), skipped")
            else:
                chosen.append(Deployment(count, store))
    return chosen, skipped


def redis_target(port: int) -> Target:
    """A redis-server for the run, in memory only (no snapshots, no append-only file), on ``port``."""
    executable = shutil.which("redis-server")
    if executable is None:
        raise SystemExit("scripts/bench: --store redis needs redis-server (Debian: apt-get install redis-server)")
    command = [executable, "--port", str(port), "--bind", HOST, "--save", "", "--appendonly", "no"]
    return Target("redis-server", port, command, prefixed=False)


def served(deployment: Deployment, port: int, store_url: str) -> Target:
    """``authkit-mock serve`` for ``deployment`` on ``port``, its state under a prefix of its own."""
    command = [
        str(CLI), "serve", "--host", HOST, "--port", str(port),
        "--workers", str(deployment.workers),
        "--store", store_url,
        "--store-prefix", f"bench:{deployment.workers}w:",
        "--svix-rate-limit", LIFTED_RATE_LIMIT,
    ]  # fmt: skip
    return Target(deployment.name, port, command)


CPU_KEYS = ("server_cpu_us", "store_cpu_us")
"""The CPU time a request cost the server's processes and redis-server, in the rows of the deployments."""
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """CPU time (user and system) of process ``pid`` and of its children (the workers), from ``/proc``."""
    total = 0
    for process in [pid, *(int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split())]:
        with contextlib.suppress(FileNotFoundError):
            fields = Path(f"/proc/{process}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
    return total / TICKS


@dataclass
class CpuMeter:
    """The CPU time a target (and the store) used during one cell, divided over its requests."""

    server: int | None
    store: int | None
    started: float
    server_cpu: float
    store_cpu: float

    @classmethod
    def around(cls, target: Target, store: subprocess.Popen[bytes] | None) -> CpuMeter:
        """Start measuring ``target``'s processes and ``store`` (the redis-server, when it uses one)."""
        server = target.process.pid if target.process is not None else None
        store_pid = store.pid if store is not None else None
        return cls(
            server,
            store_pid,
            time.monotonic(),
            cpu_seconds(server) if server else 0.0,
            cpu_seconds(store_pid) if store_pid else 0.0,
        )

    def per_operation(self, per_second: float) -> dict[str, float]:
        """µs of CPU per request: the cell's CPU time (warm-up included) over the requests it served at the measured
        rate in the same time."""
        served = per_second * (time.monotonic() - self.started)
        if not served or self.server is None:
            return {}
        found = {"server_cpu_us": round(1e6 * (cpu_seconds(self.server) - self.server_cpu) / served, 1)}
        if self.store is not None:
            found["store_cpu_us"] = round(1e6 * (cpu_seconds(self.store) - self.store_cpu) / served, 1)
        return found


@contextmanager
def running(
    chosen: list[Deployment], port: int
) -> Iterator[tuple[list[Target], dict[str, str], subprocess.Popen[bytes] | None]]:
    """Every deployment of ``chosen`` but the usual target, started (with a redis-server on ``port`` when one uses
    Redis; the servers on the ports after it), each with a bixarena session for ``bixarena-token``; stopped after.
    Yields the servers, their sessions and the redis-server's process."""
    others = [deployment for deployment in chosen if not deployment.is_default]
    redis = redis_target(port) if any(deployment.store == "redis" for deployment in others) else None
    targets = [
        served(deployment, port + 1 + index, f"redis://{HOST}:{port}/0") for index, deployment in enumerate(others)
    ]
    sessions: dict[str, str] = {}
    try:
        if redis is not None:
            redis.start()
        for target in targets:
            target.start()
            sessions[target.name] = bixarena_session(f"{target.url}/bixarena")
        yield targets, sessions, redis.process if redis is not None else None
    finally:
        for target in targets:
            target.stop()
        if redis is not None:
            redis.stop()
