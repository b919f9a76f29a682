"""``python -m bench`` (``scripts/bench``): run the benchmarks, print the table, write bench-results/latest.json."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import sys
import tempfile
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from authkit_mock.prism import PRISM_VERSION
from bench import ceiling, deployments, footprint, load, refresh, report, sdk_overhead
from bench.capture import capture, floor_bodies
from bench.flows import FLOWS, flow_step
from bench.scenarios import CHEAP_READ, OPERATIONS, Operation, bixarena_session, static_requests, step_for
from bench.targets import HOST, ROOT, Target, floor, prism, reference

TARGETS = ("authkit", "prism", "floor")
MEASURED = (*OPERATIONS, *FLOWS)
Row = dict[str, Any]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(prog="scripts/bench", description=__doc__)
    parser.add_argument("--duration", type=float, default=3.0, help="seconds per run (default: %(default)s)")
    parser.add_argument(
        "--rounds", type=int, default=3, help="alternating runs per cell; the table shows their median (default: 3)"
    )
    parser.add_argument("--quick", action="store_true", help="1 s per run, one round, fewer SDK calls: a smoke run")
    parser.add_argument("--connections", default="50", help="concurrencies, e.g. 1,50,200 (default: %(default)s)")
    parser.add_argument(
        "--ceiling-seconds", type=float, default=2.0, help="seconds of each RS256 ceiling measurement (default: 2)"
    )
    parser.add_argument("--targets", default=",".join(TARGETS), help="of authkit, prism, floor (default: all)")
    parser.add_argument(
        "--operations", default=",".join(o.key for o in MEASURED), help="which operations and flows (default: all)"
    )
    parser.add_argument(
        "--workers", default="1", help="worker counts of the reference server to compare, e.g. 1,2 (default: 1)"
    )
    parser.add_argument(
        "--store", default="memory", help="its stores to compare, of memory, redis (default: memory; redis starts one)"
    )
    parser.add_argument("--load-generator", choices=["auto", "wrk", "bundled"], default="auto")
    parser.add_argument("--sdk-calls", type=int, default=2000, help="calls per client for the SDK overhead")
    parser.add_argument("--no-footprint", action="store_true", help="skip start time and memory")
    parser.add_argument("--no-sdk", action="store_true", help="skip the SDK overhead")
    parser.add_argument("--no-refresh", action="store_true", help="skip the refreshing auth (bench/refresh.py)")
    parser.add_argument("--port", type=int, default=4740, help="first of the 5 ports used (default: %(default)s)")
    parser.add_argument("--output", type=Path, default=ROOT / "bench-results" / "latest.json")
    args = parser.parse_args(argv)
    if args.quick:
        args.duration, args.sdk_calls, args.rounds = min(args.duration, 1.0), min(args.sdk_calls, 300), 1
    return args


def use_wrk(choice: str) -> bool:
    """Whether wrk runs the static requests."""
    if choice == "wrk" and load.wrk_path() is None:
        raise SystemExit("scripts/bench: wrk is not installed (Debian/Ubuntu: apt-get install wrk)")
    return choice == "wrk" or (choice == "auto" and load.wrk_path() is not None)


def run_cell(target: Target, operation: Operation, session: str | None, conns: int, args: argparse.Namespace) -> Row:
    """One run of one operation against one target at one concurrency (for the reference server's deployments, with
    the CPU it and the store used: ``bench/deployments.py``)."""
    host = f"{HOST}:{target.port}"
    meter = deployments.CpuMeter.around(target, args.store_process if target.name.startswith("authkit ") else None)
    if operation.kind == "flow":
        result = load.run_bundled(
            HOST, target.port, flow_step(operation, target.prefix(operation.api), host), conns, args.duration
        )
    else:
        requests = static_requests(operation, target.prefix(operation.api), session)
        if operation.kind != "login" and use_wrk(args.load_generator):
            result = load.run_wrk(target.url, requests[0], conns, args.duration)
        else:
            result = load.run_bundled(HOST, target.port, step_for(operation, requests, host), conns, args.duration)
    print(
        f"  {operation.key:<18} {target.name:<14} {conns:>4} conns: {result.per_second:>8.0f}/s "
        f"p50 {result.p50_ms:.2f} ms p99 {result.p99_ms:.2f} ms errors {result.errors}",
        file=sys.stderr,
        flush=True,
    )
    row: Row = {"operation": operation.key, "target": target.name, **result.as_dict()}
    if target.name.startswith("authkit") and args.deployments != [deployments.Deployment(1, "memory")]:
        row.update(meter.per_operation(result.per_second))
    return row


def median(values: list[float]) -> float:
    """The median (the mean of the middle two for an even count)."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def summary(runs: list[Row]) -> Row:
    """One row for several runs of a cell: medians of rate and latencies, the spread of the rate, every run."""
    rates = [float(run["per_second"]) for run in runs]
    return {
        **runs[0],
        "operations": sum(int(run["operations"]) for run in runs),
        "errors": sum(int(run["errors"]) for run in runs),
        "seconds": round(sum(float(run["seconds"]) for run in runs), 3),
        "per_second": round(median(rates), 1),
        "p50_ms": round(median([float(run["p50_ms"]) for run in runs]), 3),
        "p99_ms": round(median([float(run["p99_ms"]) for run in runs]), 3),
        **{key: round(median([float(run[key]) for run in runs]), 1) for key in deployments.CPU_KEYS if key in runs[0]},
        "rounds": len(runs),
        "runs_per_second": rates,
        "spread": [min(rates), max(rates)],
    }


def run_operation(
    operation: Operation, targets: dict[str, Target], sessions: dict[str, str], args: argparse.Namespace
) -> tuple[list[Row], list[Row]]:
    """Every concurrency of one operation: ``rounds`` rounds, each running every target once, in turn (so a noisy
    moment of the machine hits one run of each, not all runs of one); plus the RS256 ceiling for bixarena-token."""
    rows: list[Row] = []
    ceilings: list[Row] = []
    for conns in [int(c) for c in args.connections.split(",")]:
        runs: dict[str, list[Row]] = {name: [] for name in targets}
        signatures: list[float] = []
        for _ in range(args.rounds):
            for name, target in targets.items():
                runs[name].append(run_cell(target, operation, sessions.get(name, "bench"), conns, args))
            if operation.key == "bixarena-token" and "authkit" in targets:
                signatures.append(ceiling.rs256_per_second(args.ceiling_seconds))
                print(f"  RS256 ceiling (1 core): {signatures[-1]:.0f} signatures/s", file=sys.stderr, flush=True)
        rows += [summary(found) for found in runs.values()]
        if signatures:
            ceilings.append(
                {
                    "operation": operation.key,
                    "algorithm": "RS256 (RSA-2048)",
                    "connections": conns,
                    "per_second": round(median(signatures), 1),
                    "runs_per_second": signatures,
                    "spread": [min(signatures), max(signatures)],
                }
            )
    return rows, ceilings


def run_load(
    args: argparse.Namespace, targets: list[str], operations: list[Operation], scratch: Path
) -> list[dict[str, Any]]:
    """Every cell: every operation, target and concurrency, each the median of alternating runs."""
    rows: list[Row] = []
    args.ceilings = []
    ours = reference(args.port)
    bottom: Target | None = None
    # --workers/--store: the other deployments, measured beside the usual target (bench/deployments.py).
    others = args.deployments if "authkit" in targets else []
    with deployments.running(others, args.port + 5) as (served, sessions, args.store_process):
        try:
            captured: dict[str, tuple[bytes, ...]] = {}
            if "authkit" in targets:
                ours.start()
                sessions["authkit"] = bixarena_session(f"{ours.url}/bixarena")
                captured = capture(ours, sessions["authkit"])
            if "floor" in targets:
                bodies = scratch / "floor-bodies.json"
                bodies.write_text(json.dumps(floor_bodies(captured, OPERATIONS)), encoding="utf-8")
                bottom = floor(args.port + 2, bodies)
                bottom.start()
            for operation in operations:
                names = [name for name in targets if name in operation.targets]
                theirs = prism(operation.api, args.port + 1) if "prism" in names else None
                running = {"authkit": ours, "prism": theirs, "floor": bottom}
                chosen = {name: t for name in names if (t := running[name]) is not None}
                if "authkit" in chosen:
                    # Alternated with the others in every round, right after the usual target.
                    chosen = {"authkit": ours, **{t.name: t for t in served}, **chosen}
                if theirs is not None:
                    theirs.start()
                try:
                    found, ceilings = run_operation(operation, chosen, sessions, args)
                    rows += found
                    args.ceilings += ceilings
                finally:
                    if theirs is not None:
                        theirs.stop()
            if "authkit" in targets and not args.no_sdk:
                print("  SDK overhead …", file=sys.stderr, flush=True)
                rows_sdk = sdk_overhead.measure(f"{ours.url}/svix", args.sdk_calls)
                args.sdk_result = rows_sdk.as_dict()
        finally:
            ours.stop()
            if bottom is not None:
                bottom.stop()
    return rows


def run_footprints(args: argparse.Namespace) -> list[dict[str, Any]]:
    """Start time and memory of ``authkit-mock serve`` (five APIs) and of Prism (the svix spec)."""
    print("  start time and memory …", file=sys.stderr, flush=True)
    ours_port, prism_port = args.port + 3, args.port + 4
    read = CHEAP_READ.requests[0]
    ours = footprint.measure_start(
        "authkit", footprint.reference_command(ours_port), ours_port, static_requests(CHEAP_READ, "/svix", None)[0]
    )
    theirs = footprint.measure_start("prism", footprint.prism_command_for("svix", prism_port), prism_port, read)
    return [ours.as_dict(), theirs.as_dict()]


def versions(wrk_used: bool) -> dict[str, str]:
    """The versions of what was measured and what measured it."""
    # The interpreter's build date and compiler too: two builds of one version can differ by a fifth in speed
    # (docs/operations/performance.md, "The interpreter's build").
    build = " ".join(f"{platform.python_build()[1]}, {platform.python_compiler()}".split())
    found = {"python": f"{platform.python_version()} ({build})", "aiohttp": version("aiohttp"), "prism": PRISM_VERSION}
    with contextlib.suppress(PackageNotFoundError):  # not installed is the usual case
        found["uvloop"] = version("uvloop")
    if wrk_used:
        found["wrk"] = load.wrk_version() or "wrk"
    return found


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks; 0 when every cell ran (targets met or not: this is a benchmark, not a test)."""
    args = parse_args(argv)
    args.sdk_result = None
    targets = [t.strip() for t in args.targets.split(",") if t.strip()]
    unknown = set(targets) - set(TARGETS)
    if unknown:
        raise SystemExit(f"scripts/bench: unknown targets {sorted(unknown)} (choose from {', '.join(TARGETS)})")
    args.deployments, skipped = deployments.parse(args.workers, args.store)
    for note in skipped:
        print(f"scripts/bench: {note}", file=sys.stderr, flush=True)
    keys = {k.strip() for k in args.operations.split(",")}
    operations = [o for o in MEASURED if o.key in keys]
    wrk_used = use_wrk(args.load_generator)
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="authkit-bench-") as scratch:
        rows = run_load(args, targets, operations, Path(scratch))
    data: dict[str, Any] = {
        "machine": {
            "cores": footprint.cpu_count(),
            "platform": platform.platform(),
            "cpu": footprint.cpu_model(),
            # The 1-minute load average before and after the run: 2.0 on 2 cores means they were already busy.
            "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        },
        "versions": versions(wrk_used),
        "load_generator": (
            "wrk (static requests), bundled asyncio (SCRAM login, flows)" if wrk_used else "bundled asyncio"
        ),
        "duration_s": args.duration,
        "rounds": args.rounds,
        "deployments": {
            "measured": [d.name for d in args.deployments if "authkit" in targets],
            "skipped": skipped,
        },
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "load": rows,
        "ceilings": args.ceilings,
        "footprint": [] if args.no_footprint or {"authkit", "prism"} - set(targets) else run_footprints(args),
        "sdk": args.sdk_result,
        "refresh": None if args.no_refresh else refresh.measure(calls=args.sdk_calls).as_dict(),
    }
    data["checks"] = report.checks(data)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    args.output.with_suffix(".md").write_text(report.markdown(data), encoding="utf-8")
    print(report.render(data))
    if data["refresh"]:
        print(refresh.render(refresh.RefreshFigures(**data["refresh"])))
    print(f"\n(written to {args.output}, and as Markdown tables to {args.output.with_suffix('.md')})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
