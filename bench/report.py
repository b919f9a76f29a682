"""The results as a table (stdout) and as JSON, with the targets of issue 18 checked."""

from __future__ import annotations

from typing import Any

FOOTPRINT_LABELS = {"authkit": "authkit-mock serve (5 APIs)", "prism": "Prism mock (svix spec)"}


def _cell(results: list[dict[str, Any]], operation: str, target: str, connections: int) -> dict[str, Any] | None:
    for result in results:
        if (result["operation"], result["target"], result["connections"]) == (operation, target, connections):
            return result
    return None


def _spread(result: dict[str, Any]) -> str:
    low, high = result.get("spread", [result["per_second"], result["per_second"]])
    return f"{low:.0f}-{high:.0f}"


def table(results: list[dict[str, Any]]) -> list[str]:
    """One line per (operation, target, concurrency): the median rate of the rounds and their spread (lowest to
    highest), median latencies, and authkit's ratios to Prism and to the floor."""
    lines = [
        f"{'operation':<18} {'target':<16} {'conns':>5} {'ops/s':>8} {'spread':>13} {'p50 ms':>7} {'p99 ms':>7} "
        f"{'errors':>6} {'tool':<7} {'vs prism':>8} {'vs floor':>8}"
    ]
    for result in results:
        ratios = ["", ""]
        if result["target"] == "authkit":
            for index, other in enumerate(("prism", "aiohttp floor")):
                found = _cell(results, result["operation"], other, result["connections"])
                if found and found["per_second"]:
                    ratios[index] = f"{result['per_second'] / found['per_second']:.2f}x"
        lines.append(
            f"{result['operation']:<18} {result['target']:<16} {result['connections']:>5} {result['per_second']:>8.0f} "
            f"{_spread(result):>13} {result['p50_ms']:>7.2f} {result['p99_ms']:>7.2f} {result['errors']:>6} "
            f"{result['tool']:<7} {ratios[0]:>8} {ratios[1]:>8}"
        )
    return lines


def _ratio(results: list[dict[str, Any]], operation: str, other: str, connections: int) -> float | None:
    ours, theirs = _cell(results, operation, "authkit", connections), _cell(results, operation, other, connections)
    if ours is None or theirs is None or not theirs["per_second"]:
        return None
    return float(ours["per_second"]) / float(theirs["per_second"])


def deployment_rows(data: dict[str, Any]) -> list[tuple[str, int, list[tuple[str, dict[str, Any], float | None]]]]:
    """Per operation and concurrency, each deployment of ``--workers``/``--store`` (bench/deployments.py): its row
    and its rate as a multiple of the usual target's (one worker, memory store). Empty without other deployments."""
    names = data.get("deployments", {}).get("measured", [])
    if len(names) < 2:
        return []
    results = data.get("load", [])
    found = []
    for operation, conns in dict.fromkeys((r["operation"], r["connections"]) for r in results):
        base = _cell(results, operation, "authkit", conns)
        cells = []
        for name in names:
            row = _cell(results, operation, name, conns)
            if row is not None:
                ratio = row["per_second"] / base["per_second"] if base and base["per_second"] else None
                cells.append((name, row, ratio))
        if cells:
            found.append((operation, conns, cells))
    return found


def deployments_text(data: dict[str, Any]) -> list[str]:
    """The deployments compared, as text lines (``render``)."""
    lines = []
    for operation, conns, cells in deployment_rows(data):
        parts = [
            f"{name} {row['per_second']:.0f}/s"
            + (f" ({ratio:.2f}x)" if ratio is not None else "")
            + (f", {row['server_cpu_us']:.0f} µs server" if "server_cpu_us" in row else "")
            + (f" + {row['store_cpu_us']:.0f} µs Redis" if "store_cpu_us" in row else "")
            for name, row, ratio in cells
        ]
        lines.append(f"  {operation:<18} {conns:>4} conns: " + "; ".join(parts))
    if lines:
        lines.insert(0, "deployments (ops/s, x the one-worker memory rate of the same rounds, CPU µs per request):")
    for note in data.get("deployments", {}).get("skipped", []):
        lines.append(f"  skipped: {note}")
    return lines


def deployments_markdown(data: dict[str, Any]) -> list[str]:
    """The deployments compared, as a Markdown table (``markdown``)."""
    rows = deployment_rows(data)
    if not rows:
        return []
    names = data["deployments"]["measured"]
    lines = [
        "",
        "| operation | conns | " + " | ".join(names) + " |",
        "|---|---:|" + "---:|" * len(names),
    ]
    for operation, conns, cells in rows:
        by_name = {name: (row, ratio) for name, row, ratio in cells}
        shown = []
        for name in names:
            if name not in by_name:
                shown.append("—")
                continue
            row, ratio = by_name[name]
            errors = f", {row['errors']} errors" if row["errors"] else ""
            times = f" {ratio:.2f}x" if ratio is not None and name != "authkit" else ""
            cpu = f"; {row['server_cpu_us']:.0f} µs" if "server_cpu_us" in row else ""
            cpu += f" + {row['store_cpu_us']:.0f} µs Redis" if "store_cpu_us" in row else ""
            shown.append(f"{row['per_second']:.0f} ({_spread(row)}{errors}){times}{cpu}")
        lines.append(f"| {operation} | {conns} | " + " | ".join(shown) + " |")
    return lines


MINTING = ("pacerpro-login", "bixarena-token")
CEILING_BOUND = {"bixarena-token"}
"""Operations whose contract requires a fresh signature of an algorithm upstream fixes (bixarena: RS256): their
limit is that signature's single-core ceiling, measured in the same run, not Prism."""


def _ceiling(data: dict[str, Any], operation: str, connections: int) -> float | None:
    for found in data.get("ceilings", []):
        if (found["operation"], found["connections"]) == (operation, connections):
            return float(found["per_second"])
    return None


def checks(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Each target of issue 18 that this run has the numbers for: measured value, goal, met or not."""
    results = data.get("load", [])
    found: list[dict[str, Any]] = []

    def check(name: str, value: float | None, goal: str, met: bool) -> None:
        if value is not None:
            found.append({"target": name, "measured": round(value, 3), "goal": goal, "met": met})

    conns = 50
    for operation in dict.fromkeys(r["operation"] for r in results if r["target"] == "authkit"):
        ours = _cell(results, operation, "authkit", conns)
        if ours is None:
            continue
        if operation in CEILING_BOUND:
            top = _ceiling(data, operation, conns)
            share = ours["per_second"] / top if top else None
            check(f"{operation} vs RS256 ceiling @{conns}", share, ">= 0.7x", share is not None and share >= 0.7)
        else:
            goal = 6 if operation == "cheap-read" else 3
            vs_prism = _ratio(results, operation, "prism", conns)
            check(f"{operation} vs Prism @{conns}", vs_prism, f">= {goal}x", vs_prism is not None and vs_prism >= goal)
        if operation == "cheap-read" or operation in MINTING:
            goal_floor = 0.5 if operation == "cheap-read" else 0.3
            vs_floor = _ratio(results, operation, "aiohttp floor", conns)
            check(
                f"{operation} vs floor @{conns}",
                vs_floor,
                f">= {goal_floor}x",
                vs_floor is not None and vs_floor >= goal_floor,
            )
        check(f"{operation} p99 @{conns} (ms)", ours["p99_ms"], "< 10 ms", ours["p99_ms"] < 10)
    footprints = {f["name"]: f for f in data.get("footprint", [])}
    if "authkit" in footprints:
        start = footprints["authkit"]["start_to_first_response_s"]
        check("start to first response (s)", start, "< 0.3 s", start < 0.3)
    if "authkit" in footprints and "prism" in footprints:
        rss = footprints["authkit"]["rss_mib"]
        limit = min(45.0, 0.3 * footprints["prism"]["rss_mib"])
        check("RSS after warm-up (MiB)", rss, f"<= {limit:.1f} MiB", rss <= limit)
    sdk = data.get("sdk")
    if sdk:
        check("SDK facade vs raw httpx", sdk["facade_ratio"], "<= 1.15x", sdk["facade_ratio"] <= 1.15)
    return found


def render(data: dict[str, Any]) -> str:
    """The whole report as text."""
    lines = [
        f"authkit bench — {data['machine']['cores']} cores; "
        + ", ".join(f"{k} {v}" for k, v in data["versions"].items())
    ]
    lines.append(
        f"machine: {data['machine'].get('cpu', '?')}; load average (1 min) before -> after: "
        f"{' -> '.join(str(x) for x in data['machine'].get('load_average', []))}; {data.get('date', '')}"
    )
    lines.append(
        f"load generator: {data['load_generator']}; {data['duration_s']} s per run (after a warm-up), "
        f"median of {data.get('rounds', 1)} alternating rounds (spread: lowest-highest)"
    )
    lines.append(
        "ops/s: requests per second; scram-login: logins per second (2 requests); flows: whole flows per second"
    )
    lines.append("")
    lines += table(data.get("load", []))
    for found in data.get("ceilings", []):
        low, high = found["spread"]
        lines.append(
            f"{found['operation']:<18} {found['algorithm'] + ' ceiling':<28} {found['per_second']:>8.0f} "
            f"{f'{low:.0f}-{high:.0f}':>13}  signatures/s on one core, measured between the same run's rounds"
        )
    if deployments := deployments_text(data):
        lines += ["", *deployments]
    if data.get("footprint"):
        lines += ["", f"{'server':<30} {'start → first 2xx':>18} {'RSS after warm-up':>18}"]
        for footprint in data["footprint"]:
            lines.append(
                f"{FOOTPRINT_LABELS.get(footprint['name'], footprint['name']):<30} "
                f"{footprint['start_to_first_response_s']:>16.3f} s "
                f"{footprint['rss_mib']:>14.1f} MiB"
            )
    if data.get("sdk"):
        sdk = data["sdk"]
        lines += [
            "",
            f"SDK overhead ({sdk['calls']} sequential svix dashboard-access calls each):",
            f"  raw httpx {sdk['raw_httpx_us']:.0f} µs/call; generated client {sdk['generated_us']:.0f} µs "
            f"({sdk['generated_ratio']:.2f}x); facade {sdk['facade_us']:.0f} µs ({sdk['facade_ratio']:.2f}x)",
        ]
    if data.get("checks"):
        lines += ["", "targets (issue 18):"]
        for item in data["checks"]:
            lines.append(
                f"  {'met ' if item['met'] else 'MISS'}  {item['target']:<38} {item['measured']:>9} ({item['goal']})"
            )
    return "\n".join(lines)


def markdown(data: dict[str, Any]) -> str:
    """The run as the performance page's Markdown tables (load per operation, the RS256 ceiling, start and memory,
    targets)."""
    results = data.get("load", [])
    rounds = data.get("rounds", 1)
    lines = [
        f"{data.get('date', '')}; {data['machine']['cores']} cores ({data['machine'].get('cpu', '?')}), load average "
        f"{' -> '.join(str(x) for x in data['machine'].get('load_average', []))} (before -> after); "
        + ", ".join(f"{k} {v}" for k, v in data["versions"].items())
        + f"; {data['duration_s']} s per run, median of {rounds} alternating rounds (spread: lowest-highest run).",
        "",
        "| operation | conns | authkit ops/s (spread) | p50 / p99 ms | Prism ops/s (spread) | Prism p99 ms "
        "| floor ops/s (spread) | vs Prism | vs floor |",
        "|---|---:|---:|---|---:|---:|---:|---:|---:|",
    ]
    deployment_lines = deployments_markdown(data)
    for ours in (r for r in results if r["target"] == "authkit"):
        operation, conns = ours["operation"], ours["connections"]
        theirs = _cell(results, operation, "prism", conns)
        bottom = _cell(results, operation, "aiohttp floor", conns)

        def rate(row: dict[str, Any] | None) -> str:
            if row is None:
                return "—"
            errors = f", {row['errors']} errors" if row["errors"] else ""
            return f"{row['per_second']:.0f} ({_spread(row)}{errors})"

        vs_prism = f"{ours['per_second'] / theirs['per_second']:.2f}x" if theirs and theirs["per_second"] else "—"
        vs_floor = f"{ours['per_second'] / bottom['per_second']:.2f}x" if bottom and bottom["per_second"] else "—"
        lines.append(
            f"| {operation} | {conns} | {rate(ours)} | {ours['p50_ms']:.1f} / {ours['p99_ms']:.1f} | {rate(theirs)} "
            f"| {theirs['p99_ms']:.0f} | {rate(bottom)} | {vs_prism} | {vs_floor} |"
            if theirs
            else f"| {operation} | {conns} | {rate(ours)} | {ours['p50_ms']:.1f} / {ours['p99_ms']:.1f} | — | — "
            f"| {rate(bottom)} | {vs_prism} | {vs_floor} |"
        )
    for found in data.get("ceilings", []):
        ours = _cell(results, found["operation"], "authkit", found["connections"])
        share = f" — {found['operation']} reached {ours['per_second'] / found['per_second']:.2f}x of it" if ours else ""
        lines += [
            "",
            f"{found['algorithm']} signing ceiling, one core, measured between the rounds of the same run: "
            f"{found['per_second']:.0f} signatures/s ({_spread(found)}){share}.",
        ]
    lines += deployment_lines
    if data.get("footprint"):
        lines += ["", "| server | start → first 2xx | RSS after warm-up |", "|---|---:|---:|"]
        for footprint in data["footprint"]:
            lines.append(
                f"| {FOOTPRINT_LABELS.get(footprint['name'], footprint['name'])} "
                f"| {footprint['start_to_first_response_s']:.2f} s | {footprint['rss_mib']:.1f} MiB |"
            )
    if data.get("checks"):
        lines += ["", "| target | measured | goal | |", "|---|---:|---|---|"]
        for item in data["checks"]:
            lines.append(
                f"| {item['target']} | {item['measured']} | {item['goal']} | {'met' if item['met'] else 'MISS'} |"
            )
    return "\n".join(lines) + "\n"
