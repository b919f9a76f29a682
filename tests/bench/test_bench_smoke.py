"""The benchmark harness runs end to end (quickest mode, the bare aiohttp floor only), so it cannot rot unnoticed.

Nothing here is timed: the numbers are only checked to exist, never compared (benchmarks are not tests).
"""

from __future__ import annotations

import json
import platform
import sys
from pathlib import Path

import pytest

from bench import compare, footprint, refresh, sampling
from bench.__main__ import main
from tests.support.ports import free_port_run


def test_the_quickest_bench_run_measures_the_floor_and_writes_its_table_and_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "latest.json"
    # The floor listens on the base port + 2.
    base = free_port_run(6)
    argv = ["--quick", "--duration", "0.3", "--connections", "1,4", "--targets", "floor"]
    argv += [
        "--operations",
        "cheap-read,scram-login",
        "--load-generator",
        "bundled",
        "--no-sdk",
        "--no-footprint",
        "--no-refresh",
    ]
    assert main([*argv, "--port", str(base), "--output", str(output)]) == 0

    data = json.loads(output.read_text(encoding="utf-8"))
    rows = data["load"]
    assert {(r["operation"], r["connections"]) for r in rows} == {
        ("cheap-read", 1),
        ("cheap-read", 4),
        ("scram-login", 1),
        ("scram-login", 4),
    }
    assert all(r["target"] == "aiohttp floor" and r["operations"] > 0 and r["errors"] == 0 for r in rows)
    assert data["machine"]["cores"] >= 1
    assert data["load_generator"] == "bundled asyncio"
    printed = capsys.readouterr().out
    assert "cheap-read         aiohttp floor" in printed


# About 11 s (five flows, a signing ceiling): a long run, kept out of the default suite's five minutes.
@pytest.mark.deep
def test_the_flows_and_the_rs256_ceiling_run_against_the_reference_server_without_errors(tmp_path: Path) -> None:
    output = tmp_path / "latest.json"
    base = free_port_run(12)
    flows = "polario-session,bixarena-login,svix-portal-access,bixarena-token"
    argv = ["--quick", "--duration", "0.3", "--connections", "2", "--targets", "authkit", "--operations", flows]
    argv += ["--load-generator", "bundled", "--no-sdk", "--no-footprint", "--ceiling-seconds", "0.2"]
    assert main([*argv, "--port", str(base), "--output", str(output)]) == 0

    data = json.loads(output.read_text(encoding="utf-8"))
    rows = {r["operation"]: r for r in data["load"]}
    assert set(rows) == set(flows.split(","))
    assert all(r["target"] == "authkit" and r["operations"] > 0 and r["errors"] == 0 for r in rows.values())
    assert all(r["rounds"] == 1 and len(r["runs_per_second"]) == 1 for r in rows.values())
    (found,) = data["ceilings"]
    assert (found["operation"], found["algorithm"]) == ("bixarena-token", "RS256 (RSA-2048)")
    assert found["per_second"] > 0
    tables = output.with_suffix(".md").read_text(encoding="utf-8")
    assert "| bixarena-login | 2 |" in tables
    assert "RS256 (RSA-2048) signing ceiling" in tables


# Two reference servers (this checkout and HEAD exported by git archive), about 8 s: a long run.
@pytest.mark.deep
def test_the_comparison_runs_this_checkout_against_a_revision_and_prints_both(
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = ["--base", "HEAD", "--operations", "cheap-read,scram-login", "--rounds", "1", "--duration", "0.3"]
    assert compare.main([*argv, "--connections", "2", "--port", str(free_port_run(2))]) == 0

    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines[:2]] == ["cheap-read", "scram-login"]
    assert all("base" in line and "now" in line and "µs CPU/op" in line for line in lines[:2])
    version = platform.python_version()
    assert f"base under Python {version} (" in lines[2] and f"now under Python {version} (" in lines[2]


def test_the_comparison_stops_with_a_clear_message_when_its_interpreter_cannot_run(tmp_path: Path) -> None:
    missing = tmp_path / "bin" / "python"
    with pytest.raises(SystemExit, match=f"cannot run the interpreter {missing}"):
        compare.main(["--base", "HEAD", "--python", str(missing), "--rounds", "1"])
    broken = tmp_path / "python"
    broken.write_text("#!/bin/sh\necho 'no such module' >&2\nexit 3\n", encoding="utf-8")
    broken.chmod(0o755)
    with pytest.raises(SystemExit, match="failed: no such module"):
        compare.main(["--base", "HEAD", "--python", str(broken), "--rounds", "1"])


def test_the_refresh_benchmark_counts_one_refresh_for_a_burst_with_an_expired_credential() -> None:
    figures = refresh.measure(requests=40, calls=20)
    assert (figures.burst_ok, figures.burst_refreshes) == (40, 1)
    assert figures.static_header_us > 0
    assert figures.refreshing_auth_us > 0


def test_the_sampling_summary_puts_each_sample_in_the_layer_that_owns_it(tmp_path: Path) -> None:
    loop = "run (asyncio/runners.py:190);Handle._run (asyncio/events.py:80)"
    handler = f"{loop};root (authkit_mock/core/middlewares.py:200);guarded (authkit_mock/apis/svix/api.py:131)"
    raw = tmp_path / "samples.txt"
    raw.write_text(
        f"{handler};mint (authkit_mock/core/tokens.py:190);RSAAlgorithm.sign (jwt/algorithms.py:300) 6\n"
        f"{handler};add_token (authkit_mock/core/store.py:204) 2\n"
        f"{loop};root (authkit_mock/core/middlewares.py:200);record (authkit_mock/core/middlewares.py:320) 1\n"
        f"{loop};_SelectorSocketTransport.write (asyncio/selector_events.py:1070) 1\n",
        encoding="utf-8",
    )
    summary = sampling.summarise(raw, top=2)
    shares = dict(line.strip().split("  ", 1)[::-1] for line in summary.splitlines()[1:6])
    assert [shares[layer] for layer in sampling.LAYERS] == ["60.0%", "10.0%", "20.0%", "10.0%", "0.0%"]
    assert "60.0%  RSAAlgorithm.sign (algorithms.py)" in summary


# Four starts of the reference server with 500 requests each, about 6 s: a long run.
@pytest.mark.deep
def test_the_footprint_starts_this_checkout_under_a_second_interpreter_too(
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = ["--python", sys.executable, "--rounds", "1", "--port", str(free_port_run(1))]
    assert footprint.main(argv) == 0

    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0].strip() for line in lines[1:3]] == ["this checkout", "this checkout, --python"]
    assert f"--python: Python {platform.python_version()} (" in lines[3]


def test_the_footprint_stops_with_a_clear_message_when_its_interpreter_cannot_run(tmp_path: Path) -> None:
    missing = tmp_path / "bin" / "python"
    with pytest.raises(SystemExit, match=f"cannot run the interpreter {missing}"):
        footprint.main(["--python", str(missing), "--rounds", "1"])
