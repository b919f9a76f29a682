"""The live run's flows, with the reference server standing in for each real service (in the default suite).

The same flows and the same checks as ``scripts/test --live``, configured through the same environment variables,
pointed at a reference server started here with its seeded demo accounts. They must pass without a difference:
the server is the kit's picture of the real services. The recorder itself is shown to report a difference.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.e2e.flows import (
    AUTHLANCE_SESSION,
    PACERPRO_EMAIL,
    PACERPRO_PASSWORD,
    POLARIO_EMAIL,
    POLARIO_PASSWORD,
    SVIX_APP,
    SVIX_ORG_KEY,
    authorize,
)
from tests.live import flows
from tests.live.differences import DifferenceRecorder
from tests.live.services import LiveService, from_environment, variable
from tests.live.test_live import FLOWS
from tests.support.server import RunningServer, running_server


@pytest.fixture(scope="module")
def stand_in() -> Iterator[RunningServer]:
    with running_server() as server:
        yield server


def environment_for(server: RunningServer) -> dict[str, str]:
    """The variables a QA engineer would export, pointing at the reference server and its seeded accounts."""
    values = {
        ("authlance", "SESSION"): AUTHLANCE_SESSION,
        ("polario", "EMAIL"): POLARIO_EMAIL,
        ("polario", "PASSWORD"): POLARIO_PASSWORD,
        ("svix", "TOKEN"): SVIX_ORG_KEY,
        ("svix", "APP_ID"): SVIX_APP,
        ("pacerpro", "EMAIL"): PACERPRO_EMAIL,
        ("pacerpro", "PASSWORD"): PACERPRO_PASSWORD,
    }
    environment = {variable(slug, "URL"): f"{server.url}/{slug}" for slug in FLOWS}
    environment.update({variable(slug, name): value for (slug, name), value in values.items()})
    return environment


@pytest.mark.parametrize("slug", list(FLOWS))
def test_the_live_flow_passes_against_the_reference_server(stand_in: RunningServer, slug: str) -> None:
    service = from_environment(slug, environment_for(stand_in))
    assert isinstance(service, LiveService), service
    recorder = DifferenceRecorder(slug, service.base_url)
    if slug == "bixarena":
        flows.bixarena_flow(service, recorder, authorize)
    else:
        FLOWS[slug](service, recorder)
    assert recorder.exchanges >= 2
    assert not recorder.found, "\n" + recorder.report()


def test_an_api_without_its_variables_is_skipped_with_their_names() -> None:
    reason = from_environment("polario", {variable("polario", "URL"): "https://custom.polario.de/api"})
    assert reason == "no live polario service configured: set AUTHKIT_LIVE_POLARIO_EMAIL, AUTHKIT_LIVE_POLARIO_PASSWORD"


def test_credentials_never_appear_in_the_service_repr() -> None:
    service = from_environment(
        "pacerpro", {variable("pacerpro", n): "secret-" + n for n in ("URL", "EMAIL", "PASSWORD")}
    )
    assert isinstance(service, LiveService)
    assert "secret-PASSWORD" not in repr(service)
    assert "secret-EMAIL" not in repr(service)


@pytest.mark.parametrize(
    ("status", "body"),
    [
        pytest.param(418, b'{"error": "teapot"}', id="an undocumented status"),
        pytest.param(200, b'{"jwtToken": 42, "expiresAt": "soon"}', id="a body of the wrong shape"),
    ],
)
def test_the_recorder_reports_what_the_contract_does_not_describe(status: int, body: bytes) -> None:
    recorder = DifferenceRecorder("pacerpro", "https://api.pacerpro.com/v1")
    request = httpx.Request(
        "POST", "https://api.pacerpro.com/v1/session", json={"email": "qa@example.com", "password": "x"}
    )
    recorder.check(httpx.Response(status, content=body, headers={"content-type": "application/json"}, request=request))
    assert recorder.exchanges == 1
    [difference] = recorder.found
    assert (difference.method, difference.path, difference.status) == ("POST", "/v1/session", status)
    assert "openapi/facts/pacerpro.yaml" in recorder.report()
