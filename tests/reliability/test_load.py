"""The reference server under load, as a real ``authkit-mock serve`` process on loopback: every flow of the five APIs
at once, no unintended error, nothing lost, and memory that levels off. The run stops by itself.

The short run is part of the default suite; the long one (1,000 connections for 60 s) runs with
``scripts/test --deep``, and prints the figures docs/operations/reliability.md quotes.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from tests.reliability.load import Report, run_load
from tests.reliability.process import ServerProcess, raise_open_file_limit

GRACE = "3350396"
SHORT_PORT, DEEP_PORT = 4781, 4782


def load_against_server(port: int, connections: int, seconds: float, log: Path) -> Report:
    """Start ``authkit-mock serve`` (the embedded provider logs Grace in), run the load, stop the server."""
    # Each user holds one connection and the server one per user, plus files and sockets of their own.
    assert raise_open_file_limit(connections * 2 + 256) >= connections + 256, "raise `ulimit -n` to run this"
    with ServerProcess(port, "--idp-auto-login", GRACE, log=log) as server:
        report = asyncio.run(run_load(server.url, connections, seconds, rss=server.rss_bytes))
    print(json.dumps(report.summary(), indent=2))  # the figures of the run, for the reliability page
    return report


def assert_held(report: Report, connections: int) -> None:
    """No unintended error, every flow ran, every held session was still usable and revocable afterwards."""
    summary = report.summary()
    assert summary["errors"] == 0, summary["error_kinds"]
    assert set(report.tally.flows) == {"polario", "pacerpro", "svix", "authlance", "bixarena"}
    # authlance has nothing to hold (its identity-provider session is shared and never ends).
    assert report.held_checked == connections * 4
    assert report.held_problems == []


def test_a_hundred_connections_for_five_seconds_get_no_unintended_error_and_lose_nothing(tmp_path: Path) -> None:
    report = load_against_server(SHORT_PORT, connections=100, seconds=5, log=tmp_path / "server.log")
    assert_held(report, 100)


@pytest.mark.deep
def test_a_thousand_connections_for_a_minute_get_no_unintended_error_lose_nothing_and_memory_levels_off(
    tmp_path: Path,
) -> None:
    report = load_against_server(DEEP_PORT, connections=1000, seconds=60, log=tmp_path / "server.log")
    assert_held(report, 1000)
    rss = [value for _, value in report.rss_samples]
    third = len(rss) // 3
    growth = rss[-1] - rss[-third - 1]
    assert growth < 0.10 * rss[-1], [round(value / 2**20) for value in rss]
