"""``scripts/bench --workers 1,2 --store memory,redis`` measures every deployment in one run, beside the usual target,
without errors (nothing timed: the figures are only checked to exist)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.__main__ import main
from tests.support.ports import free_port_run


@pytest.mark.redis
def test_every_combination_of_workers_and_store_is_measured_in_one_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "latest.json"
    argv = ["--quick", "--duration", "0.3", "--connections", "2", "--targets", "authkit"]
    argv += ["--operations", "cheap-read,pacerpro-login,bixarena-token,polario-session", "--load-generator", "bundled"]
    argv += ["--no-sdk", "--no-footprint", "--no-refresh", "--ceiling-seconds", "0.1"]
    argv += ["--workers", "1,2", "--store", "memory,redis"]

    # The bench uses the port given and the ones after it (its targets, then redis-server and the deployments).
    assert main([*argv, "--port", str(free_port_run(12)), "--output", str(output)]) == 0

    data = json.loads(output.read_text(encoding="utf-8"))
    names = ["authkit", "authkit 1w redis", "authkit 2w redis"]
    assert data["deployments"]["measured"] == names
    assert data["deployments"]["skipped"] == [
        "2 workers with the memory store: not a deployment (no shared state), skipped"
    ]
    rows = {(r["operation"], r["target"]): r for r in data["load"]}
    for operation in ("cheap-read", "pacerpro-login", "bixarena-token", "polario-session"):
        for name in names:
            assert rows[operation, name]["operations"] > 0, (operation, name)
            assert rows[operation, name]["errors"] == 0, (operation, name)
    printed = capsys.readouterr().out
    assert "deployments (ops/s, x the one-worker memory rate of the same rounds, CPU µs per request):" in printed
    # The CPU a request cost: the server's processes for every deployment, redis-server for those on Redis.
    assert all(rows[operation, name]["server_cpu_us"] > 0 for operation, name in rows)
    # (redis-server's share can round to 0 in runs this short: its clock ticks are 10 ms)
    assert all(rows[operation, name]["store_cpu_us"] >= 0 for operation, name in rows if "redis" in name)
    assert (
        "| operation | conns | authkit | authkit 1w redis | authkit 2w redis |" in output.with_suffix(".md").read_text()
    )
