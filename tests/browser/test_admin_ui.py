"""A frontend developer works with ``/__admin/ui`` in headless Chromium while their app (another tab, another
origin) talks to the server: the demo data, the live journal, a fault switched on, the clock and a new token."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, expect

from authkit_mock.cli import DEFAULT_CORS, build_parser, settings_from
from tests.conftest import make_settings
from tests.support.server import RunningServer, running_server

pytestmark = pytest.mark.browser

APP_PAGE = b"""<!doctype html><html><head><title>A frontend app</title></head><body>
<p>A frontend app on its own origin.</p></body></html>"""

LOG_IN = """async ([url, credentials]) => {
  const answer = await fetch(url, {method: "POST", credentials: "include",
    headers: {"Content-Type": "application/json"}, body: JSON.stringify(credentials)});
  return {status: answer.status, body: await answer.json()};
}"""

DEMO = {"email": "demo@example.com", "password": "pacerpro-demo"}


class AppPage(BaseHTTPRequestHandler):
    """Serves one plain page: the "frontend app", on an origin of its own."""

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(APP_PAGE)))
        self.end_headers()
        self.wfile.write(APP_PAGE)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def app_origin() -> Iterator[str]:
    """A second local HTTP server (another port, so another origin) serving the app's page."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), AppPage)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def admin_server() -> Iterator[RunningServer]:
    """A server with the command line's default CORS origins (any localhost / 127.0.0.1 port)."""
    with running_server(make_settings(cors_origins=DEFAULT_CORS)) as started:
        yield started


@pytest.fixture
def context(chromium: Browser) -> Iterator[BrowserContext]:
    """A browser context whose pages fail the test on a script error or a Content-Security-Policy violation."""
    opened = chromium.new_context(viewport={"width": 1280, "height": 800})
    errors: list[str] = []

    def watch(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            errors.append(message.text)

    opened.on("console", watch)
    opened.on("weberror", lambda web_error: errors.append(str(web_error.error)))
    yield opened
    opened.close()
    assert errors == []


@pytest.fixture
def admin_page(context: BrowserContext, admin_server: RunningServer) -> Page:
    page = context.new_page()
    page.goto(f"{admin_server.url}/__admin/ui")
    expect(page.locator("#health")).to_contain_text("authlance, polario, svix, bixarena, pacerpro")
    return page


def test_the_command_line_allows_local_origins_by_default() -> None:
    assert settings_from(build_parser().parse_args(["serve"])).cors_origins == DEFAULT_CORS
    chosen = settings_from(build_parser().parse_args(["serve", "--cors-origin", "https://app.example"]))
    assert chosen.cors_origins == ("https://app.example",)


def test_the_page_lists_the_demo_users_under_a_strict_csp(admin_page: Page, admin_server: RunningServer) -> None:
    users = admin_page.locator("#users tbody tr")
    expect(users).to_have_count(5)
    expect(admin_page.locator("#users")).to_contain_text("Grace Hopper")
    expect(admin_page.locator("#users")).to_contain_text("ada@example.com")
    expect(admin_page.locator("#applications")).to_contain_text("app_demo")
    expect(admin_page.locator("#tokens")).to_contain_text("testsk_demo_org_key")
    response = admin_page.context.request.get(admin_page.url)
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert "unsafe-inline" not in response.headers["content-security-policy"]


def test_a_request_made_in_another_tab_shows_up_in_the_journal(
    admin_page: Page, admin_server: RunningServer, context: BrowserContext
) -> None:
    other_tab = context.new_page()
    other_tab.goto(f"{admin_server.url}/docs")
    logged_in = other_tab.evaluate(LOG_IN, [f"{admin_server.url}/pacerpro/session", DEMO])
    assert logged_in["status"] == 200

    row = admin_page.locator("#journal tbody tr", has_text="/pacerpro/session")
    expect(row).to_contain_text("create_session")
    expect(row).to_contain_text("200")
    row.click()
    expect(admin_page.locator("#entry-request")).to_contain_text('"password": "pacerpro-demo"')
    expect(admin_page.locator("#entry-response")).to_contain_text(logged_in["body"]["jwtToken"])
    # The docs page the other tab opened is the server's own page, not something an app sent.
    expect(admin_page.locator("#journal tbody tr")).to_have_count(1)


def test_a_fault_switched_on_in_the_page_is_seen_by_an_app_on_another_origin(
    admin_page: Page, admin_server: RunningServer, context: BrowserContext, app_origin: str
) -> None:
    admin_page.locator("#fault-api").select_option("pacerpro")
    admin_page.locator("#fault-operation").select_option("create_session")
    admin_page.locator("#fault-status").fill("503")
    admin_page.locator("#fault-count").fill("1")
    admin_page.get_by_role("button", name="Switch on").click()
    expect(admin_page.locator("#faults tbody tr")).to_contain_text("create_session")

    app = context.new_page()
    app.goto(app_origin)
    url = f"{admin_server.url}/pacerpro/session"
    faulted = app.evaluate(LOG_IN, [url, DEMO])
    assert faulted["status"] == 503  # read by the page: the CORS headers came with the injected error
    assert faulted["body"]["status"] == 503
    assert app.evaluate(LOG_IN, [url, DEMO])["status"] == 200  # the fault was for one request only
    expect(admin_page.locator("#faults tbody tr")).to_have_text("nothing yet")
    # A JSON POST from another origin is preflighted (then cached by the browser for Access-Control-Max-Age).
    entries = admin_server.sync(lambda: admin_server.runtime.journal.query(api="pacerpro"))
    assert [(e.method, e.status) for e in entries if e.method == "OPTIONS"] == [("OPTIONS", 204)]


def test_the_clock_moves_forward_and_a_new_token_is_added(admin_page: Page, admin_server: RunningServer) -> None:
    admin_page.locator("#clock-seconds").fill("601")
    admin_page.get_by_role("button", name="Advance clock").click()
    expect(admin_page.locator("#clock-offset")).to_have_text("(moved forward 601 s)")
    assert admin_server.sync(lambda: admin_server.settings.clock.offset) == 601

    admin_page.locator("#token-value").fill("testsk_frontend_team")
    admin_page.get_by_role("button", name="Add token").click()
    expect(admin_page.locator("#tokens")).to_contain_text("testsk_frontend_team")
    token = admin_server.sync(lambda: admin_server.runtime.store.token("testsk_frontend_team"))
    assert token is not None

    admin_page.get_by_role("button", name="Reset to seed").click()
    expect(admin_page.locator("#clock-offset")).to_have_text("(real time)")
    expect(admin_page.locator("#tokens")).not_to_contain_text("testsk_frontend_team")
    assert json.dumps(admin_page.locator("#message").inner_text()) == json.dumps("Reset to the seed.")


def test_a_stream_and_a_sink_added_in_the_page_get_a_poller_token(
    admin_page: Page, admin_server: RunningServer
) -> None:
    expect(admin_page.locator("#streams")).to_contain_text("pollsk_demo_poller_token")
    admin_page.locator("#stream-name").fill("Order events")
    admin_page.locator("#stream-uid").fill("orders")
    admin_page.get_by_role("button", name="Add stream").click()
    expect(admin_page.locator("#streams tbody tr", has_text="orders")).to_contain_text("(no sinks)")

    admin_page.locator("#sink-stream").fill("orders")
    admin_page.locator("#sink-name").fill("QA poller")
    admin_page.get_by_role("button", name="Add sink").click()
    row = admin_page.locator("#streams tbody tr", has_text="orders")
    expect(row).to_contain_text("pollsk_")
    stream = admin_server.sync(lambda: admin_server.runtime.store.stream("orders", admin_server.runtime.clock_now))
    assert stream is not None
    [sink] = admin_server.sync(lambda: admin_server.runtime.store.sinks_of(stream.id))
    expect(admin_page.locator("#poller-tokens")).to_contain_text(sink.current_token or "missing")
