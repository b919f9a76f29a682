"""What the end-to-end flows share: the seeded demo credentials, a clock-moving sleep, and the browser's part
of the OIDC login (the identity provider is not part of any contract, so it is always reached directly).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

import httpx

from authkit_sdk.admin import AdminClient, AsyncAdminClient

# The built-in seed (mockserver/authkit_mock/core/seed.py), as `scripts/serve` prints it.
POLARIO_EMAIL, POLARIO_PASSWORD = "demo@example.com", "pencil"
PACERPRO_EMAIL, PACERPRO_PASSWORD = "demo@example.com", "pacerpro-demo"
SVIX_ORG_KEY, SVIX_APP = "testsk_demo_org_key", "app_demo"
SVIX_STREAM, SVIX_SINK, SVIX_POLLER_TOKEN = "strm_demo", "sink_demo", "pollsk_demo_poller_token"
AUTHLANCE_SESSION, AUTHLANCE_USER = "demo-session-ada", "user-ada"
GRACE = "3350396"
"""The seeded Synapse user (Grace Hopper) the OIDC flows log in as."""


@dataclass
class ClockSleep:
    """A retry ``sleep`` that moves the server clock instead of waiting, and remembers every wait."""

    admin: AdminClient
    waits: list[float] = field(default_factory=list)

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.admin.advance_clock(seconds)


@dataclass
class AsyncClockSleep:
    """The async twin of :class:`ClockSleep`."""

    admin: AsyncAdminClient
    waits: list[float] = field(default_factory=list)

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
        await self.admin.advance_clock(seconds)


def _code_and_state(response: httpx.Response) -> tuple[str, str]:
    assert response.status_code in (302, 303), f"the provider answered {response.status_code}: {response.text[:300]}"
    query = parse_qs(urlsplit(response.headers["location"]).query)
    return query["code"][0], query["state"][0]


def _login_form(authorize_url: str) -> dict[str, str]:
    """The login form's post: the authorization request (its hidden fields) and the seeded user's button."""
    fields = {name: values[0] for name, values in parse_qs(urlsplit(authorize_url).query).items()}
    return {**fields, "login_as": GRACE}


def authorize(authorize_url: str) -> tuple[str, str]:
    """Sign in at the provider as a browser would; the ``code`` and ``state`` it redirects back with.

    A provider with automatic login redirects at once; otherwise its login form is posted, picking Grace.
    """
    with httpx.Client() as browser:
        response = browser.get(authorize_url)
        if response.status_code == 200:
            response = browser.post(authorize_url.split("?", 1)[0], data=_login_form(authorize_url))
        return _code_and_state(response)


async def async_authorize(authorize_url: str) -> tuple[str, str]:
    """The async twin of :func:`authorize`."""
    async with httpx.AsyncClient() as browser:
        response = await browser.get(authorize_url)
        if response.status_code == 200:
            response = await browser.post(authorize_url.split("?", 1)[0], data=_login_form(authorize_url))
        return _code_and_state(response)
