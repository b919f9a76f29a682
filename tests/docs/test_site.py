"""The documentation site builds in strict mode; a broken link or a stale API reference fails it; nothing is stale."""

from __future__ import annotations

import argparse
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from authkit_mock.cli import build_parser
from bench import charts
from tests.support.site import build, config
from tests.support.specs import ROOT

PAGES = [
    "index.html",
    "application-developers/index.html",
    "frontend/index.html",
    "qa/index.html",
    "operations/reliability/index.html",
    "operations/security/index.html",
    "operations/performance/index.html",
    "reference/server/index.html",
    "reference/apis/index.html",
    "reference/sdk/index.html",
]


@pytest.fixture
def site(built_site: Path) -> Path:
    return built_site


def test_the_site_has_a_page_per_audience_and_the_references(site: Path) -> None:
    for page in PAGES:
        assert (site / page).is_file(), page


def test_the_sdk_reference_is_generated_from_the_docstrings(site: Path) -> None:
    reference = (site / "reference/sdk/index.html").read_text(encoding="utf-8")
    for name in ("PacerproClient", "AsyncPolarioClient", "SvixClient", "BixarenaClient", "AdminClient"):
        assert name in reference
    assert "Log in with email and password; keep the JWT it returns." in reference


def test_the_included_readmes_and_example_are_on_their_pages(site: Path) -> None:
    assert "SCRAM-SHA-256 login" in (site / "application-developers/index.html").read_text(encoding="utf-8")
    assert "Adding a sixth API" in (site / "reference/apis/index.html").read_text(encoding="utf-8")
    assert "yaml-language-server" in (site / "reference/server/index.html").read_text(encoding="utf-8")


def small_site(tmp_path: Path, pages: dict[str, str], *, api_reference: bool = False) -> dict[str, Any]:
    """The site's configuration over a folder holding only ``pages`` (quicker to build than the whole site)."""
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, text in pages.items():
        (docs / name).write_text(text, encoding="utf-8")
    settings = config()
    settings["docs_dir"] = str(docs)
    settings["nav"] = list(pages)
    settings["hooks"] = [str(ROOT / hook) for hook in settings.get("hooks", [])]
    if api_reference:
        settings["plugins"][1]["mkdocstrings"]["handlers"]["python"]["paths"] = [str(ROOT / "sdk")]
    else:
        settings["plugins"] = ["search"]
    return settings


def test_a_broken_link_fails_the_build(tmp_path: Path) -> None:
    pages = {"index.md": "# Home\n\nSee [the QA page](qa.md#running-it).\n", "qa.md": "# QA\n\n## Running it\n"}
    assert build(tmp_path / "site", small_site(tmp_path, pages)).returncode == 0

    broken = {**pages, "index.md": "# Home\n\nSee [the QA page](qa.md#running-it-all) and [ops](ops.md).\n"}
    shutil.rmtree(tmp_path / "docs")
    failed = build(tmp_path / "site", small_site(tmp_path, broken))

    assert failed.returncode != 0
    assert "does not contain an anchor '#running-it-all'" in failed.stderr
    assert "contains a link 'ops.md', but the target is not found" in failed.stderr


def test_a_stale_api_reference_fails_the_build(tmp_path: Path) -> None:
    pages = {"index.md": "# Home\n", "sdk.md": "# SDK\n\n::: authkit_sdk.pacerpro.NoSuchClient\n"}

    failed = build(tmp_path / "site", small_site(tmp_path, pages, api_reference=True))

    assert failed.returncode != 0
    assert "authkit_sdk.pacerpro.NoSuchClient" in failed.stderr


def test_every_option_of_the_command_line_is_documented() -> None:
    page = (ROOT / "docs" / "reference" / "server.md").read_text(encoding="utf-8")
    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices
    for name in ("serve", "prism"):
        for action in commands[name]._actions:
            for option in action.option_strings:
                if option.startswith("--") and option != "--help":
                    assert f"`{option}" in page, f"authkit-mock {name} {option} is not in docs/reference/server.md"


def test_the_charts_are_what_their_results_draw() -> None:
    assert (charts.FIGURES / "bench.json").exists()
    assert charts.stale() == []


def test_a_chart_edited_by_hand_is_caught(tmp_path: Path) -> None:
    figures = tmp_path / "figures"
    shutil.copytree(charts.FIGURES, figures)
    chart = next(figures.glob("bench-throughput-*.svg"))
    chart.write_text(chart.read_text(encoding="utf-8").replace("<rect", "<rect opacity='0.5'", 1), encoding="utf-8")

    assert charts.stale(figures) == [str(chart)]


def test_the_readme_links_to_pages_that_exist() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", readme)
    local = [link for link in links if "://" not in link]
    assert local, "the README links to no page"
    for link in local:
        assert (ROOT / link).is_file(), f"README.md links to {link}, which does not exist"


def test_the_throughput_chart_shows_each_median_with_its_spread_and_the_rs256_ceiling() -> None:
    data = {
        "rounds": 3,
        "load": [
            {
                "operation": "bixarena-token",
                "target": "authkit",
                "connections": 50,
                "per_second": 600.0,
                "p99_ms": 70.0,
                "rounds": 3,
                "runs_per_second": [500.0, 600.0, 700.0],
                "spread": [500.0, 700.0],
            },
        ],
        "ceilings": [
            {
                "operation": "bixarena-token",
                "algorithm": "RS256 (RSA-2048)",
                "connections": 50,
                "per_second": 1300.0,
                "runs_per_second": [1200.0, 1300.0, 1400.0],
                "spread": [1200.0, 1400.0],
            },
        ],
    }

    chart = charts.bench_charts(data)["bench-throughput-50.svg"]

    assert "600 (500-700)" in chart
    assert "RS256 ceiling" in chart and "1,300 (1,200-1,400)" in chart
    assert "median of 3 alternating rounds" in chart
