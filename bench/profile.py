"""``python -m bench.profile``: where the reference server's time goes for one benchmarked operation.

Runs the bench's reference server (``bench/reference_server.py --profile``: the serving is profiled, not the
start) under cProfile, drives one operation at it with
the same load generators as ``scripts/bench`` for ``--seconds``, stops it, and prints the functions that took the
most time, and the time per request in a few groups: the kernel's socket calls, the signature and password
hash the contract requires, waiting for work, and everything else (aiohttp and the server's Python). cProfile
slows Python code (not C calls) down, so "everything else" is an upper bound.

    .tools/uv/bin/uv run --all-packages python -m bench.profile --operation bixarena-token
"""

from __future__ import annotations

import argparse
import pstats
import sys
import tempfile
from pathlib import Path

from bench import load
from bench.flows import FLOWS, flow_step
from bench.scenarios import OPERATIONS, Operation, bixarena_session, static_requests, step_for
from bench.targets import HOST, Target

GROUPS = {
    "kernel: socket send/recv": ("'send' of '_socket", "'recv' of '_socket", "sendall", "_socket.socket' objects}"),
    "required crypto: signatures, PBKDF2, HMAC": ("sign' of 'cryptography", "pbkdf2_hmac", "_hashlib.hmac"),
    "waiting for work (epoll)": ("'poll' of 'select.epoll'",),
}


def group_of(name: str) -> str:
    """The group a profiled function belongs to."""
    for group, needles in GROUPS.items():
        if any(needle in name for needle in needles):
            return group
    return "everything else (aiohttp and the server's Python)"


def drive(operation: Operation, server: Target, connections: int, seconds: float) -> load.Result:
    """Run ``operation`` against the started ``server`` for ``seconds``, as ``scripts/bench`` would."""
    session = bixarena_session(f"{server.url}/bixarena") if operation.key == "bixarena-token" else None
    host = f"{HOST}:{server.port}"
    if operation.kind == "flow":
        step = flow_step(operation, server.prefix(operation.api), host)
        return load.run_bundled(HOST, server.port, step, connections, seconds)
    requests = static_requests(operation, server.prefix(operation.api), session)
    if operation.kind != "login" and load.wrk_path() is not None:
        return load.run_wrk(server.url, requests[0], connections, seconds)
    return load.run_bundled(HOST, server.port, step_for(operation, requests, host), connections, seconds)


def main(argv: list[str] | None = None) -> int:
    """Profile one operation; print the top functions and the per-request groups."""
    keys = [o.key for o in (*OPERATIONS, *FLOWS)]
    parser = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__)
    parser.add_argument("--operation", choices=keys, default="cheap-read")
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--port", type=int, default=4760)
    parser.add_argument("--top", type=int, default=20)
    args = parser.parse_args(argv)
    operation = next(o for o in (*OPERATIONS, *FLOWS) if o.key == args.operation)
    with tempfile.TemporaryDirectory(prefix="authkit-profile-") as folder:
        output = Path(folder) / "server.prof"
        command = [sys.executable, "-m", "bench.reference_server", "--port", str(args.port), "--profile", str(output)]
        server = Target("authkit", args.port, command)
        server.start()
        try:
            result = drive(operation, server, args.connections, args.seconds)
        finally:
            server.stop()  # SIGTERM: aiohttp exits cleanly and the profile is written
        stats = pstats.Stats(str(output))
    print(
        f"{operation.key}: {result.per_second:.0f} ops/s under cProfile, {result.operations} operations, "
        f"{result.errors} errors ({result.tool}, {args.connections} connections)"
    )
    rows = sorted(stats.stats.items(), key=lambda item: item[1][2], reverse=True)  # type: ignore[attr-defined]
    totals: dict[str, float] = {}
    for (filename, line, function), (_, _, own, _, _) in rows:
        name = f"{filename}:{line}({function})" if line else function
        totals[group_of(name)] = totals.get(group_of(name), 0.0) + own
    # Requests the server handled, the warm-up included (aiohttp calls the root app's _handle once per request).
    handled = [
        c for (file, _, function), (_, c, _, _, _) in rows if function == "_handle" and file.endswith("web_app.py")
    ]
    requests_each = max([1, *(c for c in handled if c)])
    print(f"\nper request ({requests_each} requests handled; µs of profiled time):")
    for group, seconds in sorted(totals.items(), key=lambda item: -item[1]):
        print(f"  {seconds / requests_each * 1e6:8.1f} µs  {group}")
    print(f"\ntop {args.top} functions by own time:")
    for (filename, line, function), (_, calls, own, cumulative, _) in rows[: args.top]:
        where = f"{Path(filename).name}:{line}({function})" if line else function
        print(f"  {own:7.3f} s own {cumulative:7.3f} s cum {calls:>8} calls  {where}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
