"""The documentation site in headless Chromium: each kind of page renders, its images load, search finds things."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser

PAGE_TYPES = {
    "home": ("", "authkit"),
    "audience": ("frontend/", "For frontend teams"),
    "operations, with charts": ("operations/performance/", "Performance"),
    "reference, from docstrings": ("reference/sdk/", "SDK API reference"),
}


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Say nothing: the test reads the pages, not the access log."""


@pytest.fixture(scope="module")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site over loopback, as a static web server would serve it."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(built_site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def page(chromium: Browser) -> Iterator[Page]:
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert errors == []


@pytest.mark.parametrize(("path", "heading"), PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_each_kind_of_page_renders_with_its_images(
    page: Page, site_url: str, path: str, heading: str, tmp_path: Path
) -> None:
    failed: list[str] = []
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    page.goto(f"{site_url}/{path}")

    expect(page.locator("article h1").first).to_contain_text(heading)
    expect(page.locator("nav.md-nav--primary")).to_contain_text("Frontend teams")
    page.wait_for_load_state("networkidle")
    broken = page.evaluate("[...document.images].filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src)")
    assert broken == []
    assert failed == []
    assert [url for url in requested if not url.startswith(site_url)] == []  # no CDN: the site works offline
    if page.locator("article img").count():
        page.locator("article img").first.scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / "page.png"), full_page=False)


def test_the_performance_page_shows_the_benchmark_charts(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/operations/performance/")
    charts = page.locator("article img[src*='figures/bench-']")
    expect(charts.first).to_be_visible()
    assert charts.count() >= 3


def test_search_finds_the_embedded_provider_sign_in(page: Page, site_url: str) -> None:
    page.goto(site_url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially("embedded identity provider", delay=20)
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible()
    expect(page.locator(".md-search-result")).to_contain_text("Signing in at the embedded identity provider")
