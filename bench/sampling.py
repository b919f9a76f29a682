"""``python -m bench.sampling``: where the reference server's time goes, sampled by py-spy (no cProfile slow-down).

cProfile (``python -m bench.profile``) slows every Python call down, so it overstates the Python parts. This samples
the bench's reference server from outside with `py-spy <https://github.com/benfred/py-spy>`_ (``uv tool install
py-spy``; not a project dependency) while one operation runs at it as in ``scripts/bench``, and prints the share of
samples in each layer of the request path, with the functions that hold the most samples themselves.

    .tools/uv/bin/uv run --all-packages python -m bench.sampling --operation cheap-read --seconds 6
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from collections import Counter
from pathlib import Path

from bench.flows import FLOWS
from bench.profile import drive
from bench.scenarios import OPERATIONS
from bench.targets import Target

CRYPTO = ("ECAlgorithm.sign", "RSAAlgorithm.sign", "PasswordHash.matches")
KERNEL = (
    "_SelectorSocketTransport.write",
    "_SelectorSocketTransport._read_ready__data_received",
    "EpollSelector.select",
)
OURS = ("core/middlewares.py", "core/journal.py", "core/clock.py", "core/routing.py", "core/bodies.py")
LAYERS = (
    "required crypto: the signature, PBKDF2, HMAC (leaf)",
    "kernel: socket send and receive, epoll (leaf)",
    "the API's handler: apis/ and idp/ with the store, entropy and models they call",
    "the root middleware, the journal, the Date header, body reading (core/, outside the handler)",
    "aiohttp and asyncio: protocol, parsing, dispatch, response, event loop",
)

_FRAME = re.compile(r"(?P<function>.*) \((?P<file>.*?)(?::\d+)?\)$")


def frames(stack: str) -> list[tuple[str, str]]:
    """``(function, file)`` of each frame of one py-spy ``raw`` stack, outermost first."""
    found = []
    for frame in stack.split(";"):
        match = _FRAME.match(frame)
        found.append((match["function"], match["file"]) if match else (frame, ""))
    return found


def layer_of(stack: list[tuple[str, str]]) -> str:
    """The layer a sample belongs to: by its leaf for crypto and the kernel, else by the outermost owner."""
    leaf, leaf_file = stack[-1]
    files = [file for _, file in stack]
    if leaf in CRYPTO or "pbkdf2" in leaf or leaf_file.endswith("hmac.py"):
        return LAYERS[0]
    if leaf in KERNEL:
        return LAYERS[1]
    if any("/apis/" in file or "/idp/" in file for file in files):
        return LAYERS[2]
    if any(file.endswith(OURS) for file in files):
        return LAYERS[3]
    return LAYERS[4]


def summarise(raw: Path, top: int) -> str:
    """The layers' shares and the ``top`` functions by own samples, from py-spy's ``raw`` output."""
    layers: Counter[str] = Counter()
    own: Counter[str] = Counter()
    total = 0
    for line in raw.read_text(encoding="utf-8").splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        parsed = frames(stack)
        total += int(count)
        layers[layer_of(parsed)] += int(count)
        function, file = parsed[-1]
        own[f"{function} ({Path(file).name})"] += int(count)
    if not total:
        return "no samples (py-spy could not read the server?)"
    lines = [f"{total} samples; share of each layer:"]
    lines += [f"  {layers[name] / total:6.1%}  {name}" for name in LAYERS]
    lines += [f"\ntop {top} functions by own samples:"]
    lines += [f"  {count / total:6.1%}  {name}" for name, count in own.most_common(top)]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Sample one operation; print the layers and the top functions."""
    keys = [o.key for o in (*OPERATIONS, *FLOWS)]
    parser = argparse.ArgumentParser(prog="python -m bench.sampling", description=__doc__)
    parser.add_argument("--operation", choices=keys, default="cheap-read")
    parser.add_argument("--seconds", type=float, default=6.0)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--rate", type=int, default=250, help="samples a second (default: %(default)s)")
    parser.add_argument("--port", type=int, default=4765)
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args(argv)
    spy = shutil.which("py-spy")
    if spy is None:
        raise SystemExit("bench.sampling: py-spy is not on PATH (uv tool install py-spy)")
    operation = next(o for o in (*OPERATIONS, *FLOWS) if o.key == args.operation)
    server = Target("authkit", args.port, [sys.executable, "-m", "bench.reference_server", "--port", str(args.port)])
    with tempfile.TemporaryDirectory(prefix="authkit-sampling-") as folder:
        raw = Path(folder) / "samples.txt"
        server.start()
        try:
            assert server.process is not None
            record = [spy, "record", "--pid", str(server.process.pid), "--format", "raw", "--output", str(raw)]
            record += ["--duration", str(round(args.seconds)), "--rate", str(args.rate)]

            def sample() -> None:
                subprocess.run(record, capture_output=True, check=False, timeout=args.seconds + 60)

            # Sampling starts after the load generator's warm-up (1 s) and ends before its run does.
            timer = threading.Timer(1.5, sample)
            timer.start()
            result = drive(operation, server, args.connections, args.seconds + 1.5)
            timer.join()
        finally:
            server.stop()
        print(f"{operation.key}: {result.per_second:.0f} ops/s while sampled ({result.tool}, {args.connections} conns)")
        print(summarise(raw, args.top))
    return 0


if __name__ == "__main__":
    sys.exit(main())
