"""Headless Chromium for the browser tests: Debian's ``chromium`` package, driven by Playwright.

The system browser is used (not a Playwright download), so nothing is fetched at test time. ``.ci/run``
installs the package when it is missing; elsewhere the tests are skipped with a message saying how to get it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(autouse=True, scope="session")
def patient_expectations() -> None:
    """Give page assertions 15 s instead of 5 s: the admin page polls its journal every second, and on a busy
    2-core CI machine Chromium and the server share the cores with the test."""
    expect.set_options(timeout=15_000)


@pytest.fixture
def chromium() -> Iterator[Browser]:
    """A headless Chromium for one test (closed afterwards, so no browser state leaks between tests)."""
    if not CHROMIUM.exists():
        pytest.skip(
            f"no Chromium at {CHROMIUM}: install Debian's chromium package (apt-get install chromium) "
            "to run the browser tests; .ci/run installs it in CI"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()
