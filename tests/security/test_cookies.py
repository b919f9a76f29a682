"""Every cookie the server sets is out of cross-site requests' reach (SameSite) and ``Secure`` when the server is
reached over https; every cookie but authlance's ``loopToken`` is also out of scripts' reach (HttpOnly).

``loopToken`` is the one exception, because upstream made it so: Authlance's own browser code reads it from
``document.cookie`` and sends it as the bearer token (authlance/loop at dcf1fce560d515ad81cb948d4490ad92e9041563,
``packages/core/src/browser/common/auth.ts``), so a mock that set it HttpOnly would break the code written against
it. The rows say which cookies scripts may read, and the tests check both ways.

The server decides https from the request's scheme or from an https public URL (a TLS proxy in front of it,
``--public-url``); the https rows use the latter and reach the server over loopback. The bixarena login sets its
cookies only after calling its own provider at the public URL, so behind the made-up https URL the rows are the
cookies that are cleared (by the same code that sets them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import httpx
import pytest

from tests.conftest import make_settings
from tests.security.actors import AUTHLANCE_SESSION, GRACE, TRUST, Browser
from tests.support.server import RunningServer, running_server

PUBLIC_HTTPS_URL = "https://auth.example.test"


@dataclass(frozen=True)
class CookieRow:
    """A response that sets (or clears) ``cookie``."""

    api: str
    cookie: str
    name: str
    produce: Callable[[str, RunningServer], httpx.Response]
    """Given the server's loopback URL (not its public one), get the response carrying the cookie."""
    script_readable: bool = False
    """Upstream's browser code reads this cookie (``loopToken``), so it must not be HttpOnly."""

    @property
    def id(self) -> str:
        return f"{self.api}-{self.cookie}_{self.name}"


def authlance_exchange(url: str, server: RunningServer) -> httpx.Response:
    return httpx.post(f"{url}/authlance/authlance/identity/me", json={"session": AUTHLANCE_SESSION}, verify=TRUST)


def authlance_logout(url: str, server: RunningServer) -> httpx.Response:
    return httpx.get(f"{url}/authlance/authlance/identity/me/logout", verify=TRUST)


def bixarena_start(url: str, server: RunningServer) -> httpx.Response:
    return httpx.get(f"{url}/bixarena/auth/oidc/start", verify=TRUST)


def bixarena_callback(url: str, server: RunningServer) -> httpx.Response:
    browser = Browser(server)
    try:
        return browser.log_in()
    finally:
        browser.close()


def bixarena_refused_callback(url: str, server: RunningServer) -> httpx.Response:
    """A callback without a pending login: refused, and the state cookie cleared."""
    return httpx.get(f"{url}/bixarena/auth/oidc/callback", params={"code": "c", "state": "s"}, verify=TRUST)


def bixarena_logout(url: str, server: RunningServer) -> httpx.Response:
    return httpx.post(f"{url}/bixarena/auth/logout", verify=TRUST)


OVER_HTTP = [
    CookieRow("authlance", "loopToken", "set", authlance_exchange, script_readable=True),
    CookieRow("authlance", "loopToken", "cleared", authlance_logout, script_readable=True),
    CookieRow("bixarena", "oidc_state", "set", bixarena_start),
    CookieRow("bixarena", "JSESSIONID", "set", bixarena_callback),
    CookieRow("bixarena", "oidc_state", "cleared", bixarena_refused_callback),
    CookieRow("bixarena", "JSESSIONID", "cleared", bixarena_logout),
]
OVER_HTTPS = [
    CookieRow("authlance", "loopToken", "set", authlance_exchange, script_readable=True),
    CookieRow("authlance", "loopToken", "cleared", authlance_logout, script_readable=True),
    CookieRow("bixarena", "oidc_state", "cleared", bixarena_refused_callback),
    CookieRow("bixarena", "JSESSIONID", "cleared", bixarena_logout),
]
"""The rows (the figures read them too)."""


def attributes(response: httpx.Response, cookie: str) -> set[str]:
    """The lower-cased attributes of the ``Set-Cookie`` for ``cookie`` (its name=value left out)."""
    found = [value for value in response.headers.get_list("set-cookie") if value.startswith(f"{cookie}=")]
    assert len(found) == 1, response.headers.get_list("set-cookie")
    return {part.strip().lower() for part in found[0].split(";")[1:]}


def by_id(rows: list[CookieRow]) -> list[object]:
    return [pytest.param(row, id=row.id) for row in rows]


@pytest.mark.parametrize("row", by_id(OVER_HTTP))
def test_the_cookie_is_samesite_and_httponly_unless_upstream_scripts_read_it(
    server: RunningServer, row: CookieRow
) -> None:
    found = attributes(row.produce(server.url, server), row.cookie)
    assert ("httponly" in found) is not row.script_readable
    assert {"samesite=lax", "samesite=strict"} & found
    assert "secure" not in found  # over plain http a browser would drop a Secure cookie


@pytest.fixture(scope="module")
def https_server() -> Iterator[RunningServer]:
    """A server whose public URL is https (reached locally, as a TLS proxy would reach it)."""
    with running_server(make_settings(public_url=PUBLIC_HTTPS_URL, idp_auto_login=GRACE)) as started:
        yield started


@pytest.mark.parametrize("row", by_id(OVER_HTTPS))
def test_behind_https_the_cookie_is_also_secure(https_server: RunningServer, row: CookieRow) -> None:
    found = attributes(row.produce(f"http://127.0.0.1:{https_server.settings.port}", https_server), row.cookie)
    assert "secure" in found
    assert ("httponly" in found) is not row.script_readable
    assert {"samesite=lax", "samesite=strict"} & found
