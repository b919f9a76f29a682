"""The provider's HTML: the login page, the error page and their stylesheet, under a strict CSP.

The pages have no script at all and no inline style, so the Content-Security-Policy can forbid everything but
the one same-origin stylesheet and same-origin form posts. Every value put into a page is HTML-escaped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from importlib import resources
from string import Template

from aiohttp import web

from authkit_mock.core.store import User
from authkit_mock.idp.authorization import AuthorizationRequest, RegisteredClient

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
"""No scripts, no plugins, no framing (clickjacking); styles from this origin only; forms post to this origin."""

PAGE_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    # The page's URL carries state, nonce and PKCE challenge: keep it out of caches and of other sites' Referer.
    # (Not "no-referrer": Chromium would then send "Origin: null" with the form posts.)
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


class Pages:
    """Renders the provider's pages from the templates shipped in this package."""

    def __init__(self) -> None:
        folder = resources.files(__package__ or "authkit_mock.idp")
        self._login = Template(folder.joinpath("login.html").read_text(encoding="utf-8"))
        self._error = Template(folder.joinpath("error.html").read_text(encoding="utf-8"))
        self._stylesheet = folder.joinpath("login.css").read_text(encoding="utf-8")

    def login(
        self,
        request: AuthorizationRequest,
        client: RegisteredClient,
        users: Sequence[User],
        *,
        error: str | None = None,
        typed: Mapping[str, str] | None = None,
        status: int = 200,
    ) -> web.Response:
        """The login form for ``request``: one button per known user, and a form to type a new one."""
        typed = typed or {}
        hidden = "\n      ".join(
            f'<input type="hidden" name="{escape(name)}" value="{escape(value)}">'
            for name, value in request.parameters().items()
        )
        buttons = "\n        ".join(_user_button(user) for user in users) or (
            '<li class="empty">No users yet: sign in as someone new below.</li>'
        )
        body = self._login.substitute(
            client_name=escape(client.name),
            redirect_uri=escape(request.redirect_uri),
            error=f'<p class="error" role="alert">{escape(error)}</p>' if error else "",
            hidden=hidden,
            users=buttons,
            typed_subject=escape(typed.get("subject", "")),
            typed_name=escape(typed.get("name", "")),
            typed_email=escape(typed.get("email", "")),
        )
        return _html(body, status)

    def error(self, title: str, message: str, status: int) -> web.Response:
        """A page telling the person why the login cannot go on (nothing is redirected)."""
        return _html(self._error.substitute(title=escape(title), message=escape(message)), status)

    def stylesheet(self) -> web.Response:
        """The pages' stylesheet."""
        headers = {"X-Content-Type-Options": "nosniff", "Cache-Control": "public, max-age=300"}
        return web.Response(text=self._stylesheet, content_type="text/css", charset="utf-8", headers=headers)


def _user_button(user: User) -> str:
    name = user.name or user.id
    initials = "".join(part[0] for part in name.split()[:2]).upper() or "?"
    meta = " · ".join(part for part in (user.id, user.email) if part)
    return (
        f'<li><button type="submit" name="login_as" value="{escape(user.id)}" class="account">'
        f'<span class="avatar" aria-hidden="true">{escape(initials)}</span>'
        f'<span class="who"><span class="name">{escape(name)}</span><span class="meta">{escape(meta)}</span></span>'
        "</button></li>"
    )


def _html(body: str, status: int) -> web.Response:
    return web.Response(text=body, status=status, content_type="text/html", charset="utf-8", headers=PAGE_HEADERS)
