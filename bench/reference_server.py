"""The reference server as ``authkit-mock serve`` runs it, with one change for load: svix's rate limit is lifted.

svix allows 600 requests a minute per token (as upstream does), which a load test passes in a tenth of a second;
everything else (all five APIs, middlewares, journal, no access log, and ``core.serving``'s connection handling
with its slow-client timeouts and connection cap) is what ``authkit-mock serve`` runs.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
from pathlib import Path

from authkit_mock.app import create_app
from authkit_mock.cli import DEFAULT_CORS, tune_garbage_collector
from authkit_mock.core.serving import run
from authkit_mock.core.settings import RateLimit, Settings


def main() -> None:
    """Serve until terminated."""
    parser = argparse.ArgumentParser(prog="python -m bench.reference_server")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--profile", type=Path, help="write a cProfile of the serving (not the start) to this file")
    args = parser.parse_args()
    settings = Settings(port=args.port, cors_origins=DEFAULT_CORS)
    settings = dataclasses.replace(settings, rate_limit=RateLimit(requests=10**12, per_seconds=60.0))
    app = create_app(settings)
    tune_garbage_collector()  # as `authkit-mock serve` does
    profiler = cProfile.Profile() if args.profile else None
    if profiler is not None:
        profiler.enable()
    try:
        run(app, settings.limits, settings.host, settings.port, access_log=None)
    finally:
        if profiler is not None:
            profiler.disable()
            profiler.dump_stats(args.profile)


if __name__ == "__main__":
    main()
