"""Start time and memory: from process start to the first successful response, and resident memory after warm-up.

``scripts/bench`` measures them for ``authkit-mock serve`` and Prism. Run as a module, it compares this checkout's
``authkit-mock serve`` (five APIs) with an older revision's (``git archive``-d, as ``bench.compare`` does) and with
bare aiohttp servers, without and with the libraries the server imports (the floor), alternating starts:

    .tools/uv/bin/uv run --all-packages python -m bench.footprint --base REV --floor --rounds 7

``--python`` adds starts of this checkout under another interpreter (and, with ``--floor``, of the bare server with
the libraries under it), as ``bench.compare --python`` does for throughput.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from bench.http import Request
from bench.targets import HOST, ROOT, TargetError, child_environment

WARMUP_REQUESTS = 500
"""Requests sent before memory is read (below svix's 600-a-minute rate limit of the unmodified server)."""


@dataclass(frozen=True)
class Footprint:
    """How fast a server answers after start, and how much memory it holds once warm."""

    name: str
    start_to_first_response_s: float
    rss_mib: float
    start_cpu_s: float = 0.0
    """CPU time (user plus system) the started process had used by its first answer: a busy machine moves it much
    less than the wall-clock time."""

    def as_dict(self) -> dict[str, object]:
        """JSON-ready values."""
        return asdict(self)


def _children(pid: int) -> list[int]:
    children = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name (field 2) may hold spaces: the parent pid is the second field after its ')'.
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            children.append(int(entry.name))
    return children


def tree_rss_kib(pid: int) -> int:
    """``VmRSS`` of ``pid`` and all its descendants, in KiB (Linux ``/proc``)."""
    total, pending, seen = 0, [pid], set[int]()
    while pending and len(seen) < 1000:
        current = pending.pop()
        seen.add(current)
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
        pending += [child for child in _children(current) if child not in seen]
    return total


def _answer_status(port: int, wire: bytes) -> int | None:
    import socket

    try:
        with socket.create_connection((HOST, port), timeout=1.0) as connection:
            connection.sendall(wire)
            head = connection.recv(64)
            return int(head.split(b" ", 2)[1]) if head.startswith(b"HTTP/") else None
    except (OSError, ValueError, IndexError):
        return None


def measure_start(name: str, command: list[str], port: int, request: Request, starts: int = 3) -> Footprint:
    """The median of ``starts`` measured starts, after one unmeasured start (bytecode and OS caches warm)."""
    measure(name, command, port, request)
    runs = sorted(
        (measure(name, command, port, request) for _ in range(starts)), key=lambda f: f.start_to_first_response_s
    )
    return runs[len(runs) // 2]


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of process ``pid`` so far (Linux ``/proc``)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(
    name: str,
    command: list[str],
    port: int,
    request: Request,
    timeout: float = 60.0,
    environment: dict[str, str] | None = None,
) -> Footprint:
    """Start ``command``, poll ``request`` until it gets a 2xx, warm up, read the memory, and stop it."""
    wire = Request(request.method, request.path, {**request.headers, "Connection": "close"}, request.body).encode(
        f"{HOST}:{port}"
    )
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment or child_environment()
    )
    try:
        deadline = started + timeout
        while True:
            status = _answer_status(port, wire)
            if status is not None and 200 <= status < 300:
                break
            if process.poll() is not None or time.perf_counter() > deadline:
                raise TargetError(f"{name} gave no successful answer (exit {process.poll()}, last status {status})")
            time.sleep(0.005)
        first = time.perf_counter() - started
        cpu = cpu_seconds(process.pid)
        for _ in range(WARMUP_REQUESTS):
            _answer_status(port, wire)
        return Footprint(name, round(first, 3), round(tree_rss_kib(process.pid) / 1024, 1), round(cpu, 3))
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def reference_command(port: int) -> list[str]:
    """``authkit-mock serve`` exactly as users run it (all five APIs)."""
    return [str(Path(sys.executable).parent / "authkit-mock"), "serve", "--port", str(port), "--log-level", "warning"]


def prism_command_for(api: str, port: int) -> list[str]:
    """Prism's mock of one spec, as ``PrismProcess`` runs it."""
    from authkit_mock.core.specs import spec_file
    from authkit_mock.prism import prism_command

    return [*prism_command(), "mock", str(spec_file(api)), "--host", HOST, "--port", str(port)]


def cpu_model() -> str:
    """The processor's model name (Linux ``/proc/cpuinfo``), or the platform's processor string."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    import platform

    return platform.processor() or "unknown"


def cpu_count() -> int:
    """Cores this process may run on."""
    return len(os.sched_getaffinity(0))


FLOOR_SERVER = """
import sys
from aiohttp import web
{imports}
async def answer(request: web.Request) -> web.Response:
    return web.Response(text="{{}}", content_type="application/json")
app = web.Application()
app.router.add_route("*", "/{{tail:.*}}", answer)
web.run_app(app, host="127.0.0.1", port=int(sys.argv[1]), print=None, access_log=None)
"""
LIBRARIES = """
import jwt
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from pydantic import BaseModel
class Built(BaseModel):
    value: int = 0
Built(value=1)
"""
"""What the reference server imports before any code of its own (and one pydantic model built, as the first answer
builds some): a bare aiohttp server with them is the floor of its start and memory."""


def floor_server(port: int, libraries: bool, python: str = sys.executable) -> tuple[list[str], dict[str, str]]:
    """A bare aiohttp server answering ``{}`` to everything, with the server's libraries imported or not."""
    script = FLOOR_SERVER.format(imports=LIBRARIES if libraries else "")
    return [python, "-c", script, str(port)], child_environment()


def serve_from(tree: Path, port: int, python: str = sys.executable) -> tuple[list[str], dict[str, str]]:
    """``authkit-mock serve`` (five APIs) of the server in ``tree`` (its ``mockserver`` first on ``PYTHONPATH``)."""
    environment = child_environment()
    environment["PYTHONPATH"] = os.pathsep.join([str(tree / "mockserver"), str(tree)])
    # The command's own entry point (the `authkit-mock` script's), or cli.main in a revision from before it.
    script = (
        "import sys\n"
        "try:\n    from authkit_mock.launch import main\n"
        "except ImportError:\n    from authkit_mock.cli import main\n"
        "sys.exit(main())"
    )
    return [python, "-c", script, "serve", "--port", str(port), "--log-level", "warning"], environment


def main(argv: list[str] | None = None) -> int:
    """Alternate starts of this checkout's server, ``--base``'s and the bare servers; print medians and spread."""
    from bench.compare import export, python_version
    from bench.scenarios import CHEAP_READ, static_requests

    parser = argparse.ArgumentParser(prog="python -m bench.footprint", description=main.__doc__)
    parser.add_argument("--base", help="a revision to compare with (a commit, a tag, a branch)")
    parser.add_argument(
        "--floor", action="store_true", help="also bare aiohttp servers, without and with the libraries"
    )
    parser.add_argument("--rounds", type=int, default=5, help="measured starts of each (after one unmeasured)")
    parser.add_argument("--port", type=int, default=18480)
    parser.add_argument(
        "--python",
        help="another interpreter (an environment with the project's dependencies) to start this checkout's server "
        "under too, and the bare server with the libraries when --floor is given",
    )
    args = parser.parse_args(argv)
    interpreters = python_version(sys.executable)
    if args.python:
        interpreters += f"; --python: {python_version(args.python)}"
    request = static_requests(CHEAP_READ, "/svix", None)[0]
    with tempfile.TemporaryDirectory(prefix="authkit-footprint-") as scratch:
        targets = {"this checkout": serve_from(ROOT, args.port)}
        if args.base:
            targets[args.base] = serve_from(export(args.base, Path(scratch)), args.port)
        if args.python:
            targets["this checkout, --python"] = serve_from(ROOT, args.port, args.python)
        if args.floor:
            targets["aiohttp alone"] = floor_server(args.port, libraries=False)
            targets["aiohttp + libraries"] = floor_server(args.port, libraries=True)
            if args.python:
                targets["aiohttp + libraries, --python"] = floor_server(args.port, True, args.python)
        runs: dict[str, list[Footprint]] = {name: [] for name in targets}
        for round_ in range(args.rounds + 1):
            order = list(targets) if round_ % 2 == 0 else list(reversed(targets))
            for name in order:
                command, environment = targets[name]
                result = measure(name, command, args.port, request, environment=environment)
                if round_ > 0:  # the first round only fills the bytecode caches
                    runs[name].append(result)
    print(f"{args.rounds} alternating starts each, answering svix's cheap read; median (lowest-highest)")
    for name, results in runs.items():
        cells = []
        for field, unit in (("start_to_first_response_s", "s"), ("start_cpu_s", "s CPU"), ("rss_mib", "MiB")):
            values = [float(getattr(result, field)) for result in results]
            cells.append(f"{statistics.median(values):.3f} {unit} ({min(values):.3f}-{max(values):.3f})")
        print(f"  {name:>20}: start {cells[0]}, {cells[1]}; RSS after warm-up {cells[2]}")
    print(f"(load average now {os.getloadavg()[0]:.1f}; {interpreters})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
