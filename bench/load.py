"""Load generators: ``wrk`` when installed (static requests), else (and for the SCRAM login) a bundled one.

Every run is bounded in time (``duration``) and in count (``MAX_OPERATIONS``); a short warm-up at the same
concurrency comes first and is not counted.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from bench.http import Connection, Request
from bench.scenarios import Step

MAX_OPERATIONS = 5_000_000
"""A bound on the operations of one run, whatever the duration."""


@dataclass(frozen=True)
class Result:
    """Throughput and latency of one run (one operation, one target, one concurrency)."""

    tool: str
    connections: int
    operations: int
    errors: int
    seconds: float
    per_second: float
    p50_ms: float
    p99_ms: float

    def as_dict(self) -> dict[str, object]:
        """The result as JSON-ready values."""
        return asdict(self)


def percentile(sorted_values: list[float], fraction: float) -> float:
    """The ``fraction`` quantile of ascending values (nearest rank); 0 for none."""
    if not sorted_values:
        return 0.0
    index = min(len(sorted_values) - 1, max(0, round(fraction * len(sorted_values)) - 1))
    return sorted_values[index]


async def _user(host: str, port: int, step: Step, deadline: float, latencies: list[float], errors: list[int]) -> None:
    connection = await Connection.open(host, port)
    try:
        while time.perf_counter() < deadline and len(latencies) < MAX_OPERATIONS:
            started = time.perf_counter()
            ok = await step(connection)
            latencies.append(time.perf_counter() - started)
            if not ok:
                errors[0] += 1
    finally:
        await connection.close()


async def _bundled(host: str, port: int, step: Step, connections: int, duration: float, warm_up: bool) -> Result:
    if warm_up:
        until = time.perf_counter() + min(1.0, duration / 5)
        await asyncio.gather(*(_user(host, port, step, until, [], [0]) for _ in range(connections)))
    latencies: list[float] = []
    errors = [0]
    started = time.perf_counter()
    deadline = started + duration
    await asyncio.gather(*(_user(host, port, step, deadline, latencies, errors) for _ in range(connections)))
    elapsed = time.perf_counter() - started
    latencies.sort()
    return Result(
        "bundled",
        connections,
        len(latencies),
        errors[0],
        round(elapsed, 3),
        round(len(latencies) / elapsed, 1),
        round(percentile(latencies, 0.50) * 1000, 3),
        round(percentile(latencies, 0.99) * 1000, 3),
    )


def run_bundled(host: str, port: int, step: Step, connections: int, duration: float, *, warm_up: bool = True) -> Result:
    """Run ``step`` from ``connections`` keep-alive connections for ``duration`` seconds (asyncio, one process),
    after an uncounted warm-up unless ``warm_up`` is false."""
    return asyncio.run(_bundled(host, port, step, connections, duration, warm_up))


def wrk_path() -> str | None:
    """Where ``wrk`` is installed, if it is (Debian/Ubuntu: ``apt-get install wrk``)."""
    return shutil.which("wrk")


def wrk_version() -> str | None:
    """``wrk``'s version line, if installed."""
    path = wrk_path()
    if path is None:
        return None
    done = subprocess.run([path, "-v"], capture_output=True, text=True, timeout=10, check=False)
    text = (done.stdout + done.stderr).strip()
    return text.splitlines()[0].split(" Copyright")[0] if text else "wrk"


def _lua_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def wrk_script(request: Request) -> str:
    """The Lua script that makes ``wrk`` send ``request`` (method, headers and body)."""
    lines = [f"wrk.method = {_lua_string(request.method)}", f"wrk.body = {_lua_string(request.body.decode())}"]
    lines += [f"wrk.headers[{_lua_string(name)}] = {_lua_string(value)}" for name, value in request.headers.items()]
    if request.method == "POST" and not request.body:
        lines.append('wrk.headers["Content-Length"] = "0"')
    return "\n".join(lines) + "\n"


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip()).groups()  # type: ignore[union-attr]
    return float(number) * _UNITS[unit]


def parse_wrk(output: str, connections: int, duration: float) -> Result:
    """A :class:`Result` from ``wrk --latency`` output."""
    requests = int(re.search(r"(\d+) requests in", output).group(1))  # type: ignore[union-attr]
    per_second = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    p50 = re.search(r"^\s+50%\s+(\S+)", output, re.MULTILINE)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE)
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    errors = int(bad.group(1)) if bad else 0
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    return Result(
        "wrk",
        connections,
        requests,
        errors,
        duration,
        per_second,
        round(_ms(p50.group(1)), 3) if p50 else 0.0,
        round(_ms(p99.group(1)), 3) if p99 else 0.0,
    )


def run_wrk(url: str, request: Request, connections: int, duration: float, *, warm_up: bool = True) -> Result:
    """Run ``wrk`` (one thread) with ``request`` against ``url`` for ``duration`` seconds, after a warm-up unless
    ``warm_up`` is false."""
    path = wrk_path()
    assert path is not None
    with tempfile.TemporaryDirectory(prefix="authkit-bench-") as folder:
        script = Path(folder) / "request.lua"
        script.write_text(wrk_script(request), encoding="utf-8")
        target = url + request.path

        def wrk(seconds: float) -> str:
            command = [
                path,
                "-t1",
                f"-c{connections}",
                f"-d{max(1, round(seconds))}s",
                "--latency",
                "-s",
                str(script),
                target,
            ]
            done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 30, check=True)
            return done.stdout

        if warm_up:
            wrk(1.0)
        return parse_wrk(wrk(duration), connections, duration)
