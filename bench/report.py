"""The results as a table (stdout) and as JSON, with the targets of issue 7 checked."""

from __future__ import annotations

from typing import Any

FOOTPRINT_LABELS = {"authkit": "authkit-mock serve (5 APIs)", "prism": "Prism mock (svix spec)"}


def _cell(results: list[dict[str, Any]], operation: str, target: str, connections: int) -> dict[str, Any] | None:
    for result in results:
        if (result["operation"], result["target"], result["connections"]) == (operation, target, connections):
            return result
    return None


def table(results: list[dict[str, Any]]) -> list[str]:
    """One line per (operation, target, concurrency), with authkit's ratios to Prism and to the floor."""
    lines = [
        f"{'operation':<16} {'target':<14} {'conns':>5} {'ops/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>6} "
        f"{'tool':<7} {'vs prism':>8} {'vs floor':>8}"
    ]
    for result in results:
        ratios = ["", ""]
        if result["target"] == "authkit":
            for index, other in enumerate(("prism", "aiohttp floor")):
                found = _cell(results, result["operation"], other, result["connections"])
                if found and found["per_second"]:
                    ratios[index] = f"{result['per_second'] / found['per_second']:.2f}x"
        lines.append(
            f"{result['operation']:<16} {result['target']:<14} {result['connections']:>5} {result['per_second']:>9.0f} "
            f"{result['p50_ms']:>8.2f} {result['p99_ms']:>8.2f} {result['errors']:>6} {result['tool']:<7} "
            f"{ratios[0]:>8} {ratios[1]:>8}"
        )
    return lines


def _ratio(results: list[dict[str, Any]], operation: str, other: str, connections: int) -> float | None:
    ours, theirs = _cell(results, operation, "authkit", connections), _cell(results, operation, other, connections)
    if ours is None or theirs is None or not theirs["per_second"]:
        return None
    return float(ours["per_second"]) / float(theirs["per_second"])


def checks(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Each target of the issue that this run has the numbers for: measured value, goal, met or not."""
    results = data.get("load", [])
    found: list[dict[str, Any]] = []

    def check(name: str, value: float | None, goal: str, met: bool) -> None:
        if value is not None:
            found.append({"target": name, "measured": round(value, 3), "goal": goal, "met": met})

    for conns in (1, 50, 200):
        vs_prism = _ratio(results, "cheap-read", "prism", conns)
        check(f"cheap read vs Prism @{conns}", vs_prism, ">= 5x", vs_prism is not None and vs_prism >= 5)
        vs_floor = _ratio(results, "cheap-read", "aiohttp floor", conns)
        check(f"cheap read vs floor @{conns}", vs_floor, ">= 0.6x", vs_floor is not None and vs_floor >= 0.6)
        for operation in ("pacerpro-login", "bixarena-token"):
            mint = _ratio(results, operation, "prism", conns)
            check(f"{operation} vs Prism @{conns}", mint, ">= 4x", mint is not None and mint >= 4)
    read50 = _cell(results, "cheap-read", "authkit", 50)
    if read50 is not None:
        check("cheap read p99 @50 (ms)", read50["p99_ms"], "< 10 ms", read50["p99_ms"] < 10)
    footprints = {f["name"]: f for f in data.get("footprint", [])}
    if "authkit" in footprints:
        start = footprints["authkit"]["start_to_first_response_s"]
        check("start to first response (s)", start, "< 0.5 s", start < 0.5)
    if "authkit" in footprints and "prism" in footprints:
        share = footprints["authkit"]["rss_mib"] / footprints["prism"]["rss_mib"]
        check("memory vs Prism", share, "< 0.25x", share < 0.25)
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
    lines.append(f"load generator: {data['load_generator']}; {data['duration_s']} s per cell (after a warm-up)")
    lines.append("ops/s: requests per second, except scram-login: logins per second (2 requests each)")
    lines.append("")
    lines += table(data.get("load", []))
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
        lines += ["", "targets (issue 7):"]
        for item in data["checks"]:
            lines.append(
                f"  {'met ' if item['met'] else 'MISS'}  {item['target']:<32} {item['measured']:>9} ({item['goal']})"
            )
    return "\n".join(lines)
