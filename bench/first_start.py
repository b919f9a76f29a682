"""A new user's first start: clone the repository, run ``scripts/serve``, and time it until the server answers.

Prints the seconds from the clone to the first answer of ``/__admin/health`` and the size of what the start
installed (the environments under the clone, and the project-local uv if one had to be installed). Standard library
only, so it runs before any environment exists:

    python3 -m bench.first_start                  # the current commit, with uv's download cache as it is
    python3 -m bench.first_start --cold           # an empty uv download cache: everything comes from the registry
    python3 -m bench.first_start --commit REV     # another commit (to compare with an earlier scripts/serve)
    python3 -m bench.first_start --uv "$(command -v uv)"   # a uv already installed: no project-local one
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENVIRONMENTS = (".venv", ".venv-serve", ".tools")


def free_port() -> int:
    """A loopback port nobody listens on now (the old ``scripts/serve`` cannot report the one it got)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def answers(url: str) -> bool:
    """Whether ``url`` answers 200 now."""
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (a loopback URL built here)
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def tree_bytes(path: Path) -> int:
    """The bytes of the files under ``path`` (symlinks not followed, as ``du`` counts them)."""
    if not path.exists():
        return 0
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def first_start(commit: str, cold: bool, timeout: float, uv: Path | None = None) -> dict[str, object]:
    """Clone ``commit`` into a temporary folder, start ``scripts/serve`` there and measure until it answers."""
    with tempfile.TemporaryDirectory(prefix="authkit-first-start-") as scratch:
        clone = Path(scratch) / "authkit"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "UV_PROJECT"))}
        if cold:
            env["UV_CACHE_DIR"] = str(Path(scratch) / "uv-cache")
        if uv is not None:  # the scripts use a uv on PATH instead of installing their own
            env["PATH"] = f"{uv.resolve().parent}{os.pathsep}{env.get('PATH', '')}"
        port = free_port()
        started = time.monotonic()
        subprocess.run(["git", "clone", "--quiet", "--no-checkout", str(ROOT), str(clone)], check=True)
        subprocess.run(["git", "-C", str(clone), "checkout", "--quiet", commit], check=True)
        server = subprocess.Popen(
            ["scripts/serve", "--port", str(port)],
            cwd=clone,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        try:
            while not answers(f"http://127.0.0.1:{port}/__admin/health"):
                if server.poll() is not None:
                    error = server.stderr.read() if server.stderr is not None else b""
                    raise SystemExit(f"scripts/serve exited with {server.returncode}: {error!r}")
                if time.monotonic() - started > timeout:
                    raise SystemExit(f"no answer within {timeout:.0f} s")
                time.sleep(0.1)
            seconds = time.monotonic() - started
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        sizes = {name: tree_bytes(clone / name) for name in ENVIRONMENTS if (clone / name).exists()}
        return {
            "commit": commit,
            "cold_cache": cold,
            "uv_installed": uv is not None,
            "seconds_to_first_answer": round(seconds, 1),
            "bytes": sizes,
        }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--commit", default="HEAD", help="the commit to clone (default: %(default)s)")
    parser.add_argument("--cold", action="store_true", help="start with an empty uv download cache")
    parser.add_argument("--uv", type=Path, help="a uv binary to put on PATH (default: the scripts install one)")
    parser.add_argument("--timeout", type=float, default=900, help="give up after this many seconds")
    args = parser.parse_args()
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", args.commit], check=True, capture_output=True, text=True
    ).stdout.strip()
    result = first_start(commit, args.cold, args.timeout, args.uv)
    sizes = result["bytes"]
    assert isinstance(sizes, dict)
    print(json.dumps(result))
    shown = ", ".join(f"{name} {size / 1e6:.0f} MB" for name, size in sizes.items())
    print(
        f"first start of {commit}: first answer after {result['seconds_to_first_answer']} s; {shown}", file=sys.stderr
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
