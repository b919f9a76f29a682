"""The SDK against Prism's mock of every contract: every documented answer, asked for with ``Prefer``.

For each (operation, status, named example) of the specs (``tests/sdk/calls.py`` derives them, so a new
status or example gets a case of its own), the generated client calls Prism with ``Prefer: code=<status>,
example=<name>``. Prism checks the request against the contract (it reports violations in ``sl-violations``) and
answers the documented example, which must parse into the generated model of that response and hold exactly
the example. Then each facade drives its API's success path against the mock, and a documented error through
the facade raises the exception of its status.

Offline tests (``tests/sdk``) check the same calls against canned answers; these check them against a tool
that reads the contracts on its own.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from authkit_sdk import errors
from authkit_sdk.admin import AdminClient
from authkit_sdk.authlance import AuthlanceClient
from authkit_sdk.bixarena import BixarenaClient
from authkit_sdk.pacerpro import PacerproClient
from authkit_sdk.polario import PolarioClient
from authkit_sdk.svix import SvixClient
from authkit_sdk.svix import errors as svix_errors
from tests.contract.conftest import PrismMocks
from tests.sdk import calls
from tests.sdk.calls import Exchange
from tests.support.specs import ALL_SPECS, load_spec, operations

pytestmark = pytest.mark.prism

EXCHANGES = calls.all_exchanges()


def prefer(exchange: Exchange) -> str:
    """The ``Prefer`` header that makes Prism answer exactly this exchange's documented response."""
    if exchange.example_name in (calls.NO_BODY, calls.MISSING_EXAMPLE):
        return f"code={exchange.status}"
    return f"code={exchange.status}, example={exchange.example_name}"


def with_prefer(value: str) -> Callable[[httpx.Request], None]:
    """An httpx request hook that adds ``Prefer: <value>`` (the generated clients take no per-call headers)."""

    def add(request: httpx.Request) -> None:
        request.headers["Prefer"] = value

    return add


def request_violations(response: httpx.Response) -> list[Any]:
    """What Prism found wrong with the request (its ``sl-violations`` header)."""
    return [v for v in json.loads(response.headers.get("sl-violations", "[]")) if v["location"][0] == "request"]


@pytest.mark.parametrize("exchange", EXCHANGES, ids=[exchange.id for exchange in EXCHANGES])
def test_generated_client_parses_every_documented_answer_of_the_prism_mock(
    exchange: Exchange, prism_mocks: PrismMocks
) -> None:
    module = calls.generated_module(exchange.spec_name, exchange.operation)
    client = calls.client(
        exchange.spec,
        exchange.spec_name,
        exchange.operation,
        module,
        base_url=prism_mocks.url(exchange.spec_name),
        httpx_args={"event_hooks": {"request": [with_prefer(prefer(exchange))]}},
    )
    arguments = calls.arguments(exchange.spec, exchange.spec_name, exchange.operation, module)
    with client as opened:
        result = module.sync_detailed(client=opened, **arguments)

    assert result.status_code == int(exchange.status), result.content[:500]
    raw = httpx.Response(result.status_code, headers=result.headers)
    assert request_violations(raw) == [], "the SDK sent a request Prism finds outside the contract"
    for name, _ in calls.response_headers(exchange):
        assert name in result.headers, f"Prism's answer lacks the documented {name} header"
    expected_class = calls.response_class(exchange)
    if expected_class is None:
        assert result.parsed is None
        return
    assert isinstance(result.parsed, expected_class), f"parsed {type(result.parsed).__name__}"
    media = exchange.media
    assert media is not None
    schema = media[1]["schema"]
    assert calls.comparable(exchange.spec, schema, result.parsed.to_dict()) == calls.comparable(
        exchange.spec, schema, exchange.example
    )


def test_every_documented_operation_and_status_is_asked_of_prism() -> None:
    documented = {
        (name, operation.operation_id, status)
        for name in ALL_SPECS
        for operation in operations(load_spec(name), name)
        for status in operation.statuses
    }
    assert {exchange.pair for exchange in EXCHANGES} == documented


# --- the facades against the mocks ------------------------------------------------------------------------------

# The polario examples are one consistent SCRAM exchange (the demo user, password "pencil", with the nonce and
# salt of RFC 7677), so the facade's login verifies the example's server signature for real.
POLARIO_CLIENT_NONCE = "rOprNGfwEbeRWgbNEkqO"


@dataclass(frozen=True)
class FacadeFlow:
    """A facade's success path against the mock, and the operations it performs."""

    name: str
    make: Callable[[str, dict[str, Any]], Any]
    """The facade for a base URL and its ``httpx_args``."""
    run: Callable[[Any], None]
    operation_ids: tuple[str, ...]


def _polario(client: PolarioClient) -> None:
    login = client.login("demo@example.com", "pencil", os="Mac", os_version="14.5", platform="web")
    assert login.device_id and client.session_token
    assert client.refresh().device_id
    assert client.logout().status == "ok"


def _svix(client: SvixClient) -> None:
    assert client.app_portal_access("app_demo", ["beta"]).token
    assert client.dashboard_access("app_demo").url
    client.expire_all("app_demo", expiry=60, session_ids=["user_1FB8"])
    client.logout()
    assert client.stream_portal_access("strm_demo", ["beta"], expiry=3600, session_id="user_1FB8").token
    client.stream_expire_all("strm_demo", expiry=60)
    assert client.rotate_stream_poller_token("strm_demo", "sink_demo", old_token_expiry=0).token
    assert client.get_stream_poller_token("strm_demo", "sink_demo").token
    client.stream_logout()


def _authlance(client: AuthlanceClient) -> None:
    assert client.exchange_session("demo-session-ada")
    assert client.logout().message


def asking_for_the_redirect(httpx_args: dict[str, Any]) -> dict[str, Any]:
    """``httpx_args`` that ask Prism for the OIDC start's 302 (it would answer the first 2xx listed, a 204)."""

    def prefer_redirect(request: httpx.Request) -> None:
        if request.url.path.endswith("/auth/oidc/start"):
            request.headers["Prefer"] = "code=302"

    return {**httpx_args, "event_hooks": {**httpx_args.get("event_hooks", {}), "request": [prefer_redirect]}}


def _bixarena(client: BixarenaClient) -> None:
    authorize_url = client.start_login()
    assert authorize_url.startswith("http")
    assert client.complete_login("code-from-the-provider", "state-from-start").status == "ok"
    minted = client.mint_token()
    assert client.access_token == minted.access_token
    assert client.jwks().keys
    client.logout()


def _pacerpro(client: PacerproClient) -> None:
    session = client.login("demo@example.com", "pacerpro-demo")
    assert client.token == session.jwt_token
    assert client.refresh().jwt_token
    assert client.logout_everywhere().to_dict() == {}


def _admin(client: AdminClient) -> None:
    assert client.health().status == "ok"
    assert client.reset().status == "ok"
    assert client.users(api="polario").items is not None
    assert client.add_user("polario", email="qa@example.com", password="s3cret").api
    client.sessions()
    assert client.add_session("user-ada", ttl_seconds=60).id
    client.applications()
    assert client.add_application("QA app", app_id="app_qa").id
    client.tokens()
    assert client.add_token().token
    assert client.streams().items is not None
    assert client.add_stream("QA stream", stream_id="strm_qa").id
    assert client.add_sink("strm_qa", "QA poller").id
    assert client.poller_tokens(stream_id="strm_demo").items is not None
    client.journal(api="svix", limit=5)
    client.clear_journal()
    client.faults()
    fault = client.add_fault("svix", "*", status=503, count=1)
    client.delete_fault(fault.id)
    client.clear_faults()
    client.clock()
    client.advance_clock(60)


FLOWS = (
    FacadeFlow(
        "polario",
        lambda url, args: PolarioClient(base_url=url, httpx_args=args, nonce_factory=lambda: POLARIO_CLIENT_NONCE),
        _polario,
        ("scram_first_message", "scram_final_message", "refresh_session", "logout"),
    ),
    FacadeFlow(
        "svix",
        lambda url, args: SvixClient("testsk_demo_org_key", base_url=url, httpx_args=args, retries=None),
        _svix,
        (
            "app_portal_access",
            "dashboard_access",
            "expire_all",
            "logout",
            "stream_portal_access",
            "stream_expire_all",
            "rotate_stream_poller_token",
            "get_stream_poller_token",
            "stream_logout",
        ),
    ),
    FacadeFlow(
        "authlance",
        lambda url, args: AuthlanceClient(base_url=url, httpx_args=args),
        _authlance,
        ("exchange_session_for_token", "logout"),
    ),
    FacadeFlow(
        "bixarena",
        lambda url, args: BixarenaClient(base_url=url, httpx_args=asking_for_the_redirect(args)),
        _bixarena,
        ("start_oidc_login", "complete_oidc_login", "mint_internal_token", "get_jwks", "logout"),
    ),
    FacadeFlow(
        "pacerpro",
        lambda url, args: PacerproClient(base_url=url, httpx_args=args),
        _pacerpro,
        ("create_session", "refresh_session", "revoke_all_sessions"),
    ),
    FacadeFlow(
        "admin",
        lambda url, args: AdminClient(base_url=url, httpx_args=args),
        _admin,
        (
            "get_health",
            "reset_state",
            "list_users",
            "create_user",
            "list_sessions",
            "create_session",
            "list_applications",
            "create_application",
            "list_tokens",
            "create_token",
            "list_streams",
            "create_stream",
            "create_sink",
            "list_poller_tokens",
            "list_journal",
            "clear_journal",
            "list_faults",
            "create_fault",
            "delete_fault",
            "clear_faults",
            "get_clock",
            "advance_clock",
        ),
    ),
)


@pytest.mark.parametrize("flow", FLOWS, ids=[flow.name for flow in FLOWS])
def test_facade_success_path_against_the_prism_mock(flow: FacadeFlow, prism_mocks: PrismMocks) -> None:
    seen: list[httpx.Response] = []
    with flow.make(prism_mocks.url(flow.name), {"event_hooks": {"response": [seen.append]}}) as client:
        flow.run(client)
    assert seen, "the flow made no request"
    for response in seen:
        assert request_violations(response) == [], f"{response.request.method} {response.request.url}"


def test_every_operation_has_a_facade_success_path_against_the_mock() -> None:
    covered = {(flow.name, operation_id) for flow in FLOWS for operation_id in flow.operation_ids}
    documented = {(name, op.operation_id) for name in ALL_SPECS for op in operations(load_spec(name), name)}
    assert covered == documented


EXCEPTION_FOR_STATUS: dict[int, type[errors.AuthkitError[Any]]] = {
    400: errors.BadRequestError,
    401: errors.UnauthorizedError,
    403: errors.ForbiddenError,
    404: errors.NotFoundError,
    409: errors.ConflictError,
    416: errors.InvalidRefreshTokenError,
    422: errors.UnprocessableEntityError,
    429: errors.RateLimitedError,
}


@pytest.mark.parametrize("status", [401, 403, 404, 409, 422, 429])
def test_a_documented_svix_error_from_the_mock_raises_its_facade_error(status: int, prism_mocks: PrismMocks) -> None:
    url = prism_mocks.url("svix")
    prefer_status = {"headers": {"Prefer": f"code={status}"}}
    with (
        SvixClient("testsk_demo_org_key", base_url=url, retries=None, httpx_args=prefer_status) as svix,
        pytest.raises(errors.AuthkitError) as raised,
    ):
        svix.dashboard_access("app_demo")
    assert isinstance(raised.value, EXCEPTION_FOR_STATUS[status])
    assert isinstance(raised.value, svix_errors.SvixError)  # svix's own class, its body typed as svix's
    assert raised.value.status_code == status
