"""Charts for the docs, drawn from measured results: ``scripts/bench`` output and the load test's summary.

    python -m bench.charts --bench bench-results/latest.json     (scripts/bench runs this after every run)
    python -m bench.charts --load load.json                       (the JSON ``python -m tests.reliability.load`` prints)
    python -m bench.charts --check                                (fail when a committed chart is not its data's)

The results drawn are copied next to the charts (``docs/operations/figures/bench.json``, ``load.json``), so the
charts can be redrawn and checked from them. Plain SVG written here (bars and a line): no plotting library.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections.abc import Sequence
from html import escape
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FIGURES = ROOT / "docs" / "operations" / "figures"
COLOURS = {"authkit": "#3f51b5", "prism": "#e6813a", "aiohttp floor": "#9e9e9e"}
FALLBACK = ("#009688", "#8e24aa", "#c0ca33", "#6d4c41", "#00acc1")
FONT = 'font-family="sans-serif" font-size="12"'
TITLE = 'font-family="sans-serif" font-size="15" font-weight="bold"'


def _colour(name: str, index: int) -> str:
    return COLOURS.get(name, FALLBACK[index % len(FALLBACK)])


def _number(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:.3g}"


Bar = tuple[str, float] | tuple[str, float, tuple[float, float]]
"""A series' name and value, and optionally the spread of the runs the value is the median of (lowest, highest)."""


def bars(title: str, unit: str, groups: Sequence[tuple[str, Sequence[Bar]]]) -> str:
    """Horizontal bars: one group per label, one bar per series in it, each with its value written at its end; a bar
    with a spread gets a whisker from its lowest to its highest run."""
    series = list(dict.fromkeys(bar[0] for _, values in groups for bar in values))
    largest = max((max(bar[1], *bar[2]) if len(bar) == 3 else bar[1] for _, v in groups for bar in v), default=1.0)
    largest = largest or 1.0
    left, width, bar, gap = 190, 440, 14, 12
    height = 60 + sum(len(values) * bar + gap for _, values in groups) + 30
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {left + width + 180} {height}" role="img">',
        f"<title>{escape(title)}</title>",
        f'<text x="10" y="22" {TITLE}>{escape(title)}</text>',
    ]
    for index, name in enumerate(series):  # the legend
        x = left + index * 140
        out.append(f'<rect x="{x}" y="34" width="12" height="12" fill="{_colour(name, index)}"/>')
        out.append(f'<text x="{x + 16}" y="44" {FONT}>{escape(name)}</text>')
    y = 60
    for label, values in groups:
        out.append(
            f'<text x="{left - 8}" y="{y + len(values) * bar / 2 + 4}" {FONT} text-anchor="end">{escape(label)}</text>'
        )
        for entry in values:
            name, value = entry[0], entry[1]
            length = max(1.0, width * value / largest)
            colour = _colour(name, series.index(name))
            out.append(f'<rect x="{left}" y="{y}" width="{length:.1f}" height="{bar - 2}" fill="{colour}"/>')
            end, text = length, _number(value)
            if len(entry) == 3:
                low, high = (left + width * edge / largest for edge in entry[2])
                middle = y + (bar - 2) / 2
                out.append(f'<line x1="{low:.1f}" y1="{middle:.1f}" x2="{high:.1f}" y2="{middle:.1f}" stroke="#222"/>')
                end = max(length, high - left)
                text += f" ({_number(entry[2][0])}-{_number(entry[2][1])})"
            out.append(f'<text x="{left + end + 4:.1f}" y="{y + bar - 4}" {FONT}>{escape(text)}</text>')
            y += bar
        y += gap
    out.append(f'<text x="{left}" y="{height - 8}" {FONT} fill="#555">{escape(unit)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def line(title: str, unit: str, points: Sequence[float], x_label: str) -> str:
    """One line through ``points`` (evenly spaced), with the first, the largest and the last value written."""
    left, width, top, height = 60, 560, 40, 200
    largest = max(points, default=1.0) or 1.0
    step = width / max(1, len(points) - 1)
    coords = [(left + i * step, top + height - height * p / largest) for i, p in enumerate(points)]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {left + width + 60} {top + height + 50}" role="img">',
        f"<title>{escape(title)}</title>",
        f'<text x="10" y="22" {TITLE}>{escape(title)}</text>',
        f'<line x1="{left}" y1="{top + height}" x2="{left + width}" y2="{top + height}" stroke="#999"/>',
        f'<polyline points="{path}" fill="none" stroke="{COLOURS["authkit"]}" stroke-width="2"/>',
    ]
    for index in sorted({0, points.index(largest) if points else 0, len(points) - 1}):
        if points:
            x, y = coords[index]
            out.append(f'<text x="{x:.1f}" y="{y - 6:.1f}" {FONT} text-anchor="middle">{_number(points[index])}</text>')
    out.append(f'<text x="{left}" y="{top + height + 20}" {FONT} fill="#555">{escape(x_label)}</text>')
    out.append(
        f'<text x="{left + width}" y="{top + height + 20}" {FONT} fill="#555" text-anchor="end">{escape(unit)}</text>'
    )
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _rate(row: dict[str, Any], name: str) -> Bar:
    """A row's rate: the median of its rounds with their spread (``scripts/bench`` JSON), or its one run's rate."""
    spread = row.get("spread")
    if row.get("rounds", 1) > 1 and spread:
        return (name, float(row["per_second"]), (float(spread[0]), float(spread[1])))
    return (name, float(row["per_second"]))


def bench_charts(data: dict[str, Any]) -> dict[str, str]:
    """From ``scripts/bench`` JSON: throughput (medians of the alternating rounds, with their spread, and the RS256
    signing ceiling beside bixarena-token) and p99 at each concurrency, and start time and memory."""
    load: list[dict[str, Any]] = data.get("load", [])
    ceilings: list[dict[str, Any]] = data.get("ceilings", [])
    rounds = int(data.get("rounds", 1))
    per = f"median of {rounds} alternating rounds, whiskers: lowest-highest run; " if rounds > 1 else ""
    charts: dict[str, str] = {}
    for connections in sorted({row["connections"] for row in load}):
        rows = [row for row in load if row["connections"] == connections]
        operations = list(dict.fromkeys(row["operation"] for row in rows))

        def rates(operation: str, rows: list[dict[str, Any]] = rows, connections: int = connections) -> list[Bar]:
            found = [_rate(row, row["target"]) for row in rows if row["operation"] == operation]
            for ceiling in ceilings:
                if ceiling["operation"] == operation and ceiling["connections"] == connections:
                    found.append(_rate({**ceiling, "rounds": len(ceiling.get("runs_per_second", []))}, "RS256 ceiling"))
            return found

        def latencies(operation: str, rows: list[dict[str, Any]] = rows) -> list[Bar]:
            return [(row["target"], float(row["p99_ms"])) for row in rows if row["operation"] == operation]

        charts[f"bench-throughput-{connections}.svg"] = bars(
            f"Throughput at {connections} connection{'s' if connections > 1 else ''}",
            f"operations (flows) per second, {per}more is better",
            [(operation, rates(operation)) for operation in operations],
        )
        charts[f"bench-p99-{connections}.svg"] = bars(
            f"p99 latency at {connections} connection{'s' if connections > 1 else ''}",
            f"milliseconds{' (median of the rounds)' if rounds > 1 else ''}, less is better",
            [(operation, latencies(operation)) for operation in operations],
        )
    footprint: list[dict[str, Any]] = data.get("footprint", [])
    if footprint:  # two charts: seconds and MiB do not share an axis
        charts["bench-start.svg"] = bars(
            "Start to the first answer",
            "seconds from start to the first 2xx (less is better)",
            [(f["name"], [(f["name"], float(f["start_to_first_response_s"]))]) for f in footprint],
        )
        charts["bench-memory.svg"] = bars(
            "Memory after warm-up",
            "MiB resident (less is better)",
            [(f["name"], [(f["name"], float(f["rss_mib"]))]) for f in footprint],
        )
    return charts


def load_charts(summary: dict[str, Any]) -> dict[str, str]:
    """From the load test's summary: flows completed per API, and the server's memory during the run."""
    flows = [(name, [("authkit", float(count))]) for name, count in summary.get("flows", {}).items()]
    title = f"Flows completed: {summary['connections']:,} connections, {summary['seconds']} s"
    charts = {
        "load-flows.svg": bars(title, "whole flows, each ending in a check that what it revoked is refused", flows)
    }
    rss = [float(value) for value in summary.get("rss_mb", [])]
    if rss:
        charts["load-memory.svg"] = line("Server memory during the load test", "MB resident", rss, "start → end")
    return charts


def draw(bench: Path | None, load: Path | None, out: Path) -> list[Path]:
    """Write the charts of the given results (and a copy of those results) into ``out``; the files written."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for source, name, make in ((bench, "bench.json", bench_charts), (load, "load.json", load_charts)):
        if source is None:
            continue
        data = json.loads(source.read_text(encoding="utf-8"))
        if source.resolve() != (out / name).resolve():
            shutil.copyfile(source, out / name)
        for chart, svg in make(data).items():
            (out / chart).write_text(svg, encoding="utf-8")
            written.append(out / chart)
    return written


def stale(figures: Path = FIGURES) -> list[str]:
    """The committed charts that differ from what their committed results draw (empty: current)."""
    problems = []
    for name, make in (("bench.json", bench_charts), ("load.json", load_charts)):
        if (figures / name).exists():
            for chart, svg in make(json.loads((figures / name).read_text(encoding="utf-8"))).items():
                committed = figures / chart
                if not committed.exists() or committed.read_text(encoding="utf-8") != svg:
                    problems.append(f"{committed.relative_to(ROOT) if committed.is_relative_to(ROOT) else committed}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bench", type=Path, help="a scripts/bench JSON result")
    parser.add_argument("--load", type=Path, help="a load-test summary (python -m tests.reliability.load)")
    parser.add_argument("--out", type=Path, default=FIGURES, help="where the charts go (default: %(default)s)")
    parser.add_argument("--check", action="store_true", help="fail when a committed chart is not its data's")
    args = parser.parse_args(argv)
    if args.check:
        problems = stale(args.out)
        for problem in problems:
            print(f"charts: {problem} is not what its results draw; run python -m bench.charts", file=sys.stderr)
        return 1 if problems else 0
    if args.bench is None and args.load is None:
        # Redraw from the results kept next to the charts.
        args.bench = args.out / "bench.json" if (args.out / "bench.json").exists() else None
        args.load = args.out / "load.json" if (args.out / "load.json").exists() else None
    for path in draw(args.bench, args.load, args.out):
        print(f"charts: wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
