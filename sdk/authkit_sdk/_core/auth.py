"""Auth state on the wire: a token header that is sent only once a token is known, and cookie look-ups.

The generated ``AuthenticatedClient`` sends its token on every call, also on the anonymous ones, and does no
cookie auth at all. The facades therefore hand it their own ``httpx`` client, whose cookie jar keeps session
cookies and whose :class:`TokenAuth` adds the token header only while the facade holds a token.
"""

from __future__ import annotations

from collections.abc import Generator
from http.cookiejar import CookieJar

import httpx

__all__ = ["TokenAuth", "cookie_value"]


class TokenAuth(httpx.Auth):
    """Adds ``<header>: <prefix> <token>`` to each request while ``token`` is set; adds nothing otherwise.

    A header the request already carries is left alone, so an explicit per-call value wins.
    """

    def __init__(self, token: str | None = None, *, header: str = "Authorization", prefix: str = "Bearer") -> None:
        self.token = token
        self.header = header
        self.prefix = prefix

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        """Add the header when a token is known (httpx calls this for every request, sync and async)."""
        if self.token and self.header not in request.headers:
            request.headers[self.header] = f"{self.prefix} {self.token}" if self.prefix else self.token
        yield request


def cookie_value(cookies: httpx.Cookies | CookieJar, name: str) -> str | None:
    """The value of the cookie ``name`` in a jar, or ``None`` (the first one listed if several paths hold one).

    Unlike ``httpx.Cookies.get`` this never raises ``CookieConflict``.
    """
    jar = cookies.jar if isinstance(cookies, httpx.Cookies) else cookies
    return next((cookie.value for cookie in jar if cookie.name == name), None)
