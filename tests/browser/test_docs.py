"""A frontend developer opens ``/docs``, picks an API and calls it with "Try it out", in headless Chromium."""

from __future__ import annotations

import json
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, expect

from tests.conftest import make_settings
from tests.support.server import RunningServer, running_server

pytestmark = pytest.mark.browser


@pytest.fixture
def docs_server() -> Iterator[RunningServer]:
    with running_server(make_settings()) as started:
        yield started


@pytest.fixture
def page(chromium: Browser) -> Iterator[Page]:
    """A page in a fresh context that fails the test on a script error or a Content-Security-Policy violation."""
    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    opened = context.new_page()
    errors: list[str] = []

    def watch(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            errors.append(message.text)

    opened.on("console", watch)
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert errors == []


def test_the_index_links_every_api_and_the_admin_api(page: Page, docs_server: RunningServer) -> None:
    page.goto(f"{docs_server.url}/docs")

    expect(page.get_by_role("heading", name="API documentation")).to_be_visible()
    titles = page.locator(".card h2").all_inner_texts()
    assert len(titles) == 6
    assert "PacerPro Session API" in titles
    expect(page.locator(".card", has_text="PacerPro").locator("code")).to_have_text(f"{docs_server.url}/pacerpro")


def test_try_it_out_logs_the_demo_user_in_against_this_server(page: Page, docs_server: RunningServer) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{docs_server.url}/docs")
    page.get_by_role("link", name="PacerPro Session API").click()
    expect(page.locator(".servers select")).to_contain_text(f"{docs_server.url}/pacerpro")

    operation = page.locator(".opblock-post", has_text="/session")
    operation.locator(".opblock-summary").click()
    operation.get_by_role("button", name="Try it out").click()
    credentials = {"email": "demo@example.com", "password": "pacerpro-demo"}
    operation.locator("textarea.body-param__text").fill(json.dumps(credentials))
    operation.get_by_role("button", name="Execute").click()

    live = operation.locator(".live-responses-table .response")
    expect(live.locator(".response-col_status")).to_have_text("200")
    expect(live.locator(".response-col_description")).to_contain_text("jwtToken")
    # The call went to this server (the journal saw it) and nothing was requested from anywhere else.
    entries = docs_server.sync(lambda: docs_server.runtime.journal.query(api="pacerpro"))
    assert [(e.operation, e.status) for e in entries] == [("create_session", 200)]
    assert {f"{urlsplit(url).scheme}://{urlsplit(url).netloc}" for url in requested} == {docs_server.url}
