"""The protected stand-in resource: each API's credential is checked as its protected endpoints would check it,
every answer matches openapi/protected.yaml, and every response is dated by the server clock."""

from __future__ import annotations

import email.utils
from collections.abc import Iterator

import httpx
import pytest

from authkit_mock.pytest_plugin import PACERPRO_DEMO, POLARIO_DEMO, SVIX_ORG_KEY, provider_login
from authkit_mock.testing import RunningServer
from authkit_sdk.authlance import AuthlanceClient
from authkit_sdk.bixarena import BixarenaClient
from authkit_sdk.pacerpro import PacerproClient
from authkit_sdk.polario import PolarioClient
from authkit_sdk.svix import SvixClient
from tests.support.openapi import ContractValidator


@pytest.fixture
def resource(authkit: RunningServer) -> Iterator[httpx.Client]:
    """A plain client of the stand-in resource whose every response is checked against openapi/protected.yaml."""
    validator = ContractValidator("protected", "/__protected")
    with httpx.Client(
        base_url=f"{authkit.url}/__protected", event_hooks={"response": [validator.validate_response]}
    ) as http:
        yield http


def test_each_api_accepts_its_own_live_credential_and_says_whose_it_is(
    authkit: RunningServer, resource: httpx.Client
) -> None:
    with PacerproClient(base_url=authkit.api_url("pacerpro")) as pacer:
        pacer.login(*PACERPRO_DEMO)
        answer = resource.get("/pacerpro/cases", headers={"Authorization": f"Bearer {pacer.token}"}).json()
    assert (answer["subject"], answer["credential"], answer["path"]) == ("demo@example.com", "jwt", "cases")
    with PolarioClient(base_url=authkit.api_url("polario")) as polario:
        polario.login(*POLARIO_DEMO)
        answer = resource.get("/polario", headers={"Session": polario.session_token or ""}).json()
    assert (answer["subject"], answer["credential"]) == ("demo@example.com", "session")
    with BixarenaClient(base_url=authkit.api_url("bixarena")) as bixarena:
        bixarena.login_with(provider_login)
        token = bixarena.mint_token().access_token
    assert resource.get("/bixarena", headers={"Authorization": f"Bearer {token}"}).json()["subject"] == "3350396"
    with SvixClient(SVIX_ORG_KEY, base_url=authkit.api_url("svix")) as svix:
        app_token = svix.app_portal_access("app_demo").token
    answer = resource.post("/svix", content=b"12345", headers={"Authorization": f"Bearer {app_token}"}).json()
    assert (answer["subject"], answer["credential"], answer["received_bytes"]) == ("app_demo", "app_token", 5)
    with AuthlanceClient(base_url=authkit.api_url("authlance")) as authlance:
        jwt = authlance.exchange_session("demo-session-ada")
    assert resource.get("/authlance", headers={"Cookie": f"loopToken={jwt}"}).json()["subject"] == "user-ada"


def test_no_credential_another_apis_credential_and_an_unknown_api_are_refused(
    authkit: RunningServer, resource: httpx.Client
) -> None:
    assert resource.get("/pacerpro").status_code == 401
    with PacerproClient(base_url=authkit.api_url("pacerpro")) as pacer:
        pacer.login(*PACERPRO_DEMO)
        bearer = {"Authorization": f"Bearer {pacer.token}"}
    refused = resource.get("/bixarena", headers=bearer)
    assert refused.status_code == 401
    assert refused.headers["WWW-Authenticate"] == 'Bearer realm="bixarena"'
    assert resource.get("/authlance", headers=bearer).status_code == 401
    assert resource.get("/polario", headers={"Session": pacer.token or ""}).status_code == 401
    assert resource.get("/acme").status_code == 404


def test_expiry_revocation_and_ended_sessions_are_refused_as_the_apis_refuse_them(
    authkit: RunningServer, resource: httpx.Client
) -> None:
    with PacerproClient(base_url=authkit.api_url("pacerpro")) as pacer:
        pacer.login(*PACERPRO_DEMO)
        bearer = {"Authorization": f"Bearer {pacer.token}"}
        pacer.logout_everywhere()  # spins the JTI
    assert resource.get("/pacerpro", headers=bearer).json()["detail"] == "The authentication token has been revoked."
    with PolarioClient(base_url=authkit.api_url("polario")) as polario:
        polario.login(*POLARIO_DEMO)
        session = {"Session": polario.session_token or ""}
        polario.logout()
    assert resource.get("/polario", headers=session).status_code == 401
    with SvixClient(SVIX_ORG_KEY, base_url=authkit.api_url("svix")) as svix:
        app_token = svix.app_portal_access("app_demo").token
    with SvixClient(app_token, base_url=authkit.api_url("svix")) as app:
        app.logout()
    assert resource.get("/svix", headers={"Authorization": f"Bearer {app_token}"}).status_code == 401
    with PacerproClient(base_url=authkit.api_url("pacerpro")) as pacer:
        pacer.login(*PACERPRO_DEMO)
        bearer = {"Authorization": f"Bearer {pacer.token}"}
    assert resource.get("/pacerpro", headers=bearer).status_code == 200
    authkit.advance_clock(3600)
    assert resource.get("/pacerpro", headers=bearer).json()["detail"] == "The authentication token has expired."


def test_every_response_is_dated_by_the_server_clock(authkit: RunningServer, resource: httpx.Client) -> None:
    authkit.advance_clock(86_400)
    for response in (resource.get("/pacerpro"), httpx.get(f"{authkit.api_url('bixarena')}/.well-known/jwks.json")):
        dated = email.utils.parsedate_to_datetime(response.headers["Date"]).timestamp()
        assert abs(dated - authkit.settings.clock.now()) < 2
