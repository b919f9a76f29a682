"""``python -m bench.compare --base REV``: this checkout's reference server against an older revision's, alternating.

A change's effect on speed is smaller than the swings of a shared machine between two runs of ``scripts/bench``. This
runs both servers at once (the revision ``git archive``-d into a temporary folder, run with its own ``bench`` and
``authkit_mock`` on ``PYTHONPATH``, and this checkout) and alternates them run by run, the order flipped each round,
so a noisy moment hits both. Besides throughput it reports each server's **CPU time per operation** (from
``/proc/PID/stat`` around each run), which moves much less with the machine's load than requests a second do.

    .tools/uv/bin/uv run --all-packages python -m bench.compare --base HEAD~3 --operations cheap-read,pacerpro-login

``--python`` runs this checkout's server under another interpreter (an environment with the project's dependencies,
such as ``UV_PROJECT_ENVIRONMENT=.venv-other uv sync --locked --all-packages --python /usr/bin/python3.11``); with
``--base HEAD`` and no change checked out, the two servers then differ only in the interpreter that runs them.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from bench import load
from bench.flows import FLOWS, flow_step
from bench.scenarios import OPERATIONS, Operation, bixarena_session, static_requests, step_for
from bench.targets import HOST, ROOT, child_environment, wait_listening

MEASURED = (*OPERATIONS, *FLOWS)


@dataclass
class Server:
    """One reference server of the comparison, and what its runs measured."""

    name: str
    root: Path
    port: int
    python: str = sys.executable
    """The interpreter that runs it."""
    process: subprocess.Popen[bytes] | None = None
    rates: dict[str, list[float]] = field(default_factory=dict)
    cpu_us: dict[str, list[float]] = field(default_factory=dict)
    p99_ms: dict[str, list[float]] = field(default_factory=dict)

    def start(self) -> None:
        """``python -m bench.reference_server`` of this server's tree."""
        environment = child_environment()
        environment["PYTHONPATH"] = os.pathsep.join([str(self.root / "mockserver"), str(self.root)])
        command = [self.python, "-m", "bench.reference_server", "--port", str(self.port)]
        self.process = subprocess.Popen(
            command, cwd=self.root, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        wait_listening(self.port, self.process)

    def stop(self) -> None:
        """Terminate it."""
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def cpu_seconds(self) -> float:
        """User plus system CPU time the server has used (Linux ``/proc``)."""
        assert self.process is not None
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def export(revision: str, folder: Path) -> Path:
    """The server and the bench of ``revision``, unpacked into ``folder``."""
    archive = subprocess.run(
        ["git", "archive", "--format=tar", revision, "mockserver", "bench"], cwd=ROOT, capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        # PEP 706's extraction filter came with Python 3.11.4 (Debian 12's python3.11 is 3.11.2, and ``--python`` may
        # run this module there too); the archive is this repository's own either way.
        if hasattr(tarfile, "data_filter"):
            tar.extractall(folder, filter="data")
        else:
            tar.extractall(folder)  # noqa: S202 (git archive of this repository: no links, no absolute paths)
    return folder


def drive(server: Server, operation: Operation, session: str | None, seconds: float, connections: int) -> load.Result:
    """``operation`` against ``server`` for ``seconds``, without the generators' own warm-up (see ``run_once``)."""
    host = f"{HOST}:{server.port}"
    if operation.kind == "flow":
        step = flow_step(operation, f"/{operation.api}", host)
        return load.run_bundled(HOST, server.port, step, connections, seconds, warm_up=False)
    requests = static_requests(operation, f"/{operation.api}", session)
    if operation.kind != "login" and load.wrk_path() is not None:
        return load.run_wrk(f"http://{host}", requests[0], connections, seconds, warm_up=False)
    step = step_for(operation, requests, host)
    return load.run_bundled(HOST, server.port, step, connections, seconds, warm_up=False)


def run_once(server: Server, operation: Operation, session: str | None, args: argparse.Namespace) -> None:
    """One run of ``operation`` against ``server``; its rate, p99 and CPU per operation are appended. The CPU window
    is exactly the counted run: the warm-up is a separate run (``main``)."""
    before = server.cpu_seconds()
    result = drive(server, operation, session, args.duration, args.connections)
    used = server.cpu_seconds() - before
    if result.errors:
        raise SystemExit(f"bench.compare: {result.errors} errors from {server.name} on {operation.key}")
    server.rates.setdefault(operation.key, []).append(result.per_second)
    server.p99_ms.setdefault(operation.key, []).append(result.p99_ms)
    server.cpu_us.setdefault(operation.key, []).append(used / max(1, result.operations) * 1e6)


def median(values: list[float]) -> float:
    """The median (the lower middle for an even count, so it is one of the runs)."""
    ordered = sorted(values)
    return ordered[(len(ordered) - 1) // 2]


def main(argv: list[str] | None = None) -> int:
    """Run the comparison; print one row per operation."""
    parser = argparse.ArgumentParser(prog="python -m bench.compare", description=__doc__)
    parser.add_argument("--base", required=True, help="the git revision to compare this checkout with")
    parser.add_argument("--operations", default="cheap-read,pacerpro-login,bixarena-token,scram-login")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--duration", type=float, default=3.0)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--port", type=int, default=4770, help="the first of the two ports used")
    parser.add_argument(
        "--python",
        default=sys.executable,
        help="the interpreter that runs this checkout's server (the base runs under this one's)",
    )
    parser.add_argument(
        "--fill",
        type=float,
        default=0.0,
        help="seconds of cheap reads (each issues a token) at each server before measuring: 15 leave the store at "
        "its default bound of 100,000 tokens, where every new token evicts the oldest, as after a long load test",
    )
    args = parser.parse_args(argv)
    operations = {o.key: o for o in MEASURED}
    chosen = [operations[key.strip()] for key in args.operations.split(",")]
    interpreters = (python_version(sys.executable), python_version(args.python))
    with tempfile.TemporaryDirectory(prefix="authkit-compare-") as folder:
        base = Server(f"base ({args.base})", export(args.base, Path(folder)), args.port)
        here = Server("this checkout", ROOT, args.port + 1, python=args.python)
        servers = [base, here]
        try:
            for server in servers:
                server.start()
            sessions = {
                server.name: bixarena_session(f"http://{HOST}:{server.port}/bixarena")
                if any(o.key == "bixarena-token" for o in chosen)
                else None
                for server in servers
            }
            if args.fill > 0:
                for server in servers:
                    drive(server, operations["cheap-read"], None, args.fill, args.connections)
            for operation in chosen:
                for server in servers:
                    drive(
                        server, operation, sessions[server.name], min(1.0, args.duration), args.connections
                    )  # warm-up
                for round_number in range(args.rounds):
                    for server in servers if round_number % 2 == 0 else servers[::-1]:
                        run_once(server, operation, sessions[server.name], args)
                print(row(operation.key, base, here), flush=True)
        finally:
            for server in servers:
                server.stop()
    load_average = os.getloadavg()[0]
    print(
        f"({args.rounds} alternating rounds of {args.duration:g} s at {args.connections} connections; "
        f"medians, spread in brackets; load average now {load_average:.1f}; "
        f"base under {interpreters[0]}, now under {interpreters[1]})"
    )
    return 0


def python_version(python: str) -> str:
    """What ``python`` says of itself: its version and where it is installed (a clear exit when it cannot run, or
    lacks the server's libraries)."""
    try:
        said = subprocess.run(
            # The server's libraries too: an interpreter without them is named here, not by a server that never answers.
            [
                python,
                "-c",
                "import aiohttp, jwt, platform, pydantic, sys; print(platform.python_version(), sys.base_prefix)",
            ],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SystemExit(f"bench.compare: cannot run the interpreter {python}: {error}") from None
    if said.returncode != 0:
        raise SystemExit(f"bench.compare: the interpreter {python} failed: {said.stderr.strip()[-300:]}")
    version, prefix = said.stdout.strip().split(" ", 1)
    return f"Python {version} ({prefix})"


def row(key: str, base: Server, here: Server) -> str:
    """One operation's line: ops/s and CPU µs per operation of both, and the ratios."""

    def cell(server: Server) -> str:
        rates = server.rates[key]
        return (
            f"{median(rates):7.0f}/s ({min(rates):.0f}-{max(rates):.0f}) "
            f"{median(server.cpu_us[key]):6.0f} µs CPU/op p99 {median(server.p99_ms[key]):5.1f} ms"
        )

    speed = median(here.rates[key]) / median(base.rates[key])
    cpu = median(here.cpu_us[key]) / median(base.cpu_us[key])
    return f"{key:<20} base {cell(base)} | now {cell(here)} | ops/s x{speed:.2f}, CPU/op x{cpu:.2f}"


if __name__ == "__main__":
    sys.exit(main())
