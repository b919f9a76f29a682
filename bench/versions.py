"""``python -m bench.versions OLD NEW``: two revisions of the reference server side by side, in one run.

What a change costs (or buys) on its own, on a shared machine: each revision is checked out in a temporary git
worktree and served by its own ``bench.reference_server`` (the server as ``authkit-mock serve`` runs it), and wrk
measures them in alternating rounds (old, new, old, new, ...) so both see the same noise; the table gives each
operation's median ops/s per revision, the spread of its rounds, and new/old. Both run on this checkout's locked
environment (the revisions must share its dependencies).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import httpx

from bench.load import run_wrk, wrk_path
from bench.scenarios import BIXARENA_TOKEN, CHEAP_READ, PACERPRO_LOGIN, Operation, bixarena_session, static_requests

ROOT = Path(__file__).resolve().parent.parent
OPERATIONS = (CHEAP_READ, PACERPRO_LOGIN, BIXARENA_TOKEN)


@contextmanager
def checkout(revision: str) -> Iterator[Path]:
    """``revision`` in a temporary worktree (removed afterwards)."""
    folder = Path(tempfile.mkdtemp(prefix="authkit-version-"))
    subprocess.run(["git", "worktree", "add", "--detach", "-q", str(folder), revision], cwd=ROOT, check=True)
    try:
        yield folder
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(folder)], cwd=ROOT, check=False)
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def served(tree: Path, port: int) -> Iterator[str]:
    """The reference server of ``tree`` on ``port`` (its own code, this environment's packages)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tree / "mockserver"), str(tree)])}
    command = [sys.executable, "-m", "bench.reference_server", "--port", str(port)]
    process = subprocess.Popen(command, cwd=tree, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(f"{url}/__admin/health", timeout=1).raise_for_status()
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError(f"the server of {tree} did not start") from None
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def measure(url: str, operation: Operation, connections: int, duration: float) -> float:
    """ops/s of one wrk run of ``operation`` against the server at ``url``."""
    prefix = f"/{operation.api}"
    session = bixarena_session(url + prefix) if operation.key == BIXARENA_TOKEN.key else None
    request = static_requests(operation, prefix, session)[0]
    return run_wrk(url, request, connections, duration).per_second


def main() -> None:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(prog="python -m bench.versions", description=__doc__)
    parser.add_argument("old", help="the revision before the change (e.g. a commit)")
    parser.add_argument("new", help="the revision after it (e.g. HEAD)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--duration", type=float, default=3.0)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--port", type=int, default=4790)
    args = parser.parse_args()
    if wrk_path() is None:
        raise SystemExit("bench.versions needs wrk (apt-get install wrk)")
    with ExitStack() as stack:
        trees = [stack.enter_context(checkout(revision)) for revision in (args.old, args.new)]
        urls = [stack.enter_context(served(tree, args.port + n)) for n, tree in enumerate(trees)]
        print(f"| operation | {args.old} ops/s | {args.new} ops/s | new/old | rounds |")
        print("|---|---:|---:|---:|---:|")
        for operation in OPERATIONS:
            runs: list[list[float]] = [[], []]
            for _ in range(args.rounds):
                for n, url in enumerate(urls):
                    runs[n].append(measure(url, operation, args.connections, args.duration))
            old, new = (statistics.median(values) for values in runs)
            spread = " / ".join(f"{min(values):,.0f} to {max(values):,.0f}" for values in runs)
            print(f"| {operation.key} | {old:,.0f} | {new:,.0f} | {new / old:.3f} | {args.rounds} ({spread}) |")


if __name__ == "__main__":
    main()
