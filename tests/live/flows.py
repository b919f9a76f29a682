"""The live run's flows: for each API, the SDK's own calls in a non-destructive order.

Non-destructive means a flow only ends what it started itself: polario logs out the session it logged in, svix
logs out the app token it was just issued. Nothing revokes a credential the account already had: pacerpro's
``DELETE /session`` (every token of the user), svix's ``expire-all`` (every token of the application) and bixarena's
logout of a browser session given in the environment are left out.
"""

from __future__ import annotations

from collections.abc import Callable

from authkit_sdk.authlance import AuthlanceClient
from authkit_sdk.bixarena import BixarenaClient
from authkit_sdk.pacerpro import PacerproClient
from authkit_sdk.polario import PolarioClient
from authkit_sdk.svix import SvixClient
from tests.live.differences import DifferenceRecorder
from tests.live.services import LiveService

Authorize = Callable[[str], tuple[str, str]]
"""Signs in at the identity provider's authorize URL and returns the ``(code, state)`` it redirects back with."""


def authlance_flow(service: LiveService, recorder: DifferenceRecorder) -> None:
    """Exchange the identity-provider session for a JWT, then log out (which only clears the cookie)."""
    with AuthlanceClient(base_url=service.base_url, httpx_args=recorder.httpx_args()) as client:
        assert client.exchange_session(service["SESSION"])
        client.logout()


def polario_flow(service: LiveService, recorder: DifferenceRecorder) -> None:
    """SCRAM login (the SDK checks the server's signature), one refresh, and logout of that session."""
    with PolarioClient(base_url=service.base_url, httpx_args=recorder.httpx_args()) as client:
        client.login(service["EMAIL"], service["PASSWORD"], device_name="authkit live run")
        client.refresh()
        client.logout()


def svix_flow(service: LiveService, recorder: DifferenceRecorder) -> None:
    """An app portal token for the application, then logout of that token only."""
    with SvixClient(service["TOKEN"], base_url=service.base_url, httpx_args=recorder.httpx_args()) as org:
        access = org.app_portal_access(service["APP_ID"])
    with SvixClient(access.token, base_url=service.base_url, httpx_args=recorder.httpx_args()) as app:
        app.logout()


def bixarena_flow(service: LiveService, recorder: DifferenceRecorder, authorize: Authorize | None = None) -> None:
    """The JWKS and the start of the OIDC login; with a way to sign in (``authorize``) the whole login, a token
    and logout; with a browser's ``SESSION`` instead, a token minted from it (that session is not ended)."""
    with BixarenaClient(base_url=service.base_url, httpx_args=recorder.httpx_args()) as client:
        assert client.jwks().keys
        authorize_url = client.start_login()
        if authorize is not None:
            code, state = authorize(authorize_url)
            client.complete_login(code, state)
            client.mint_token()
            client.logout()
        elif (session := service.get("SESSION")) is not None:
            client.cookies.set("JSESSIONID", session)
            client.mint_token()


def pacerpro_flow(service: LiveService, recorder: DifferenceRecorder) -> None:
    """Log in and refresh (``DELETE /session`` would revoke every token of the account, so it is left out)."""
    with PacerproClient(base_url=service.base_url, httpx_args=recorder.httpx_args()) as client:
        client.login(service["EMAIL"], service["PASSWORD"])
        client.refresh()
