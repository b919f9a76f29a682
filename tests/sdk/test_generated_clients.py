"""Every operation of every contract, with every response it documents, through the generated clients, offline.

For each (operation, status, named example) of the specs, the generated ``sync_detailed`` is called with
arguments taken from the spec's examples, through a mock transport that answers the documented example. The
request it sends must validate against the spec (method, path, parameters, headers, security, body), the
answer too, and the parsed value must be the generated model of that response, holding exactly the example
(a bodiless answer parses to None). The list of cases is derived from the specs at collection time, so a new
operation, status or example gets a case of its own, which fails until the client is regenerated and the
example is written.

What the generator changes on the way back, and the comparison therefore allows (see ``calls.comparable``):
``format: date-time`` values are parsed and written back in Python's ISO spelling (``+00:00`` instead of
``Z``, microseconds instead of milliseconds), the same instant. No field is dropped.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any, cast

import httpx
import pytest

from authkit_sdk import errors
from tests.sdk import calls
from tests.sdk.calls import Exchange, RequestExample
from tests.support.openapi import ContractValidator
from tests.support.specs import ALL_SPECS, load_spec, operations

BASE_HOST = "http://authkit.test"

EXCHANGES = calls.all_exchanges()
REQUEST_EXAMPLES = calls.all_request_examples()


def first_of_each(exchanges: list[Exchange], key: Callable[[Exchange], tuple[str, ...]]) -> dict[Any, Exchange]:
    """The first exchange (in document order) of each group of ``exchanges`` that share a ``key``."""
    first: dict[Any, Exchange] = {}
    for exchange in exchanges:
        first.setdefault(key(exchange), exchange)
    return first


FIRST_EXCHANGES = first_of_each(EXCHANGES, lambda exchange: (exchange.spec_name, exchange.operation.operation_id))
# One asynchronous call per operation: the async functions share everything but the httpx client with the sync ones.
ASYNC_EXCHANGES = list(FIRST_EXCHANGES.values())
# The facade's error mapping, checked with the first example of every documented error status of every operation.
ERROR_EXCHANGES = list(first_of_each([e for e in EXCHANGES if int(e.status) >= 400], lambda e: e.pair).values())


@functools.cache
def validator(spec_name: str) -> ContractValidator:
    """A validator for the contract served under ``/<spec_name>`` (as the reference server serves it)."""
    return ContractValidator(spec_name, f"/{spec_name}")


@dataclass
class Transport:
    """A mock transport that answers every request with one canned response and keeps both."""

    answer: Callable[[], httpx.Response]
    requests: list[httpx.Request] = field(default_factory=list)
    responses: list[httpx.Response] = field(default_factory=list)

    def handle(self, request: httpx.Request) -> httpx.Response:
        response = self.answer()
        self.requests.append(request)
        self.responses.append(response)
        return response

    def only_exchange(self) -> tuple[httpx.Request, httpx.Response]:
        assert len(self.requests) == 1, f"expected exactly one request, got {len(self.requests)}"
        return self.requests[0], self.responses[0]


@dataclass
class Call:
    """A generated call ready to make: the client, its arguments, and the transport behind it."""

    exchange: Exchange
    module: ModuleType
    client: Any
    arguments: dict[str, Any]
    transport: Transport

    @classmethod
    def prepare(cls, exchange: Exchange) -> Call:
        module = calls.generated_module(exchange.spec_name, exchange.operation)
        transport = Transport(functools.partial(calls.canned_response, exchange))
        client = calls.client(
            exchange.spec,
            exchange.spec_name,
            exchange.operation,
            module,
            base_url=f"{BASE_HOST}/{exchange.spec_name}",
            httpx_args={"transport": httpx.MockTransport(transport.handle)},
        )
        arguments = calls.arguments(exchange.spec, exchange.spec_name, exchange.operation, module)
        return cls(exchange, module, client, arguments, transport)

    @property
    def sync_detailed(self) -> Callable[..., Any]:
        return cast(Callable[..., Any], self.module.sync_detailed)

    @property
    def asyncio_detailed(self) -> Callable[..., Awaitable[Any]]:
        return cast(Callable[..., Awaitable[Any]], self.module.asyncio_detailed)


def assert_matches_the_spec(exchange: Exchange, call: Call, result: Any) -> None:
    request, response = call.transport.only_exchange()
    contract = validator(exchange.spec_name)

    assert request.method == exchange.operation.method.upper()
    contract.validate_request(request)
    contract.validate_response(response)

    assert result.status_code == int(exchange.status)
    for name, value in calls.response_headers(exchange):
        # The generator models no response header: the documented ones must reach the caller on `headers`.
        assert value in result.headers.get_list(name)
    expected_class = calls.response_class(exchange)
    if expected_class is None:
        assert result.parsed is None
        return
    assert isinstance(result.parsed, expected_class), f"parsed {type(result.parsed).__name__}"
    media = exchange.media
    assert media is not None
    schema = media[1]["schema"]
    round_trip = calls.comparable(exchange.spec, schema, result.parsed.to_dict())
    assert round_trip == calls.comparable(exchange.spec, schema, exchange.example)


@pytest.mark.parametrize("exchange", EXCHANGES, ids=[exchange.id for exchange in EXCHANGES])
def test_generated_call_sends_a_valid_request_and_parses_the_documented_response(exchange: Exchange) -> None:
    call = Call.prepare(exchange)
    with call.client as client:
        result = call.sync_detailed(client=client, **call.arguments)
    assert_matches_the_spec(exchange, call, result)


@pytest.mark.asyncio
@pytest.mark.parametrize("exchange", ASYNC_EXCHANGES, ids=[exchange.id for exchange in ASYNC_EXCHANGES])
async def test_async_generated_call_behaves_like_the_sync_one(exchange: Exchange) -> None:
    call = Call.prepare(exchange)
    async with call.client as client:
        result = await call.asyncio_detailed(client=client, **call.arguments)
    assert_matches_the_spec(exchange, call, result)


@pytest.mark.parametrize("example", REQUEST_EXAMPLES, ids=[example.id for example in REQUEST_EXAMPLES])
def test_every_request_body_example_is_sent_exactly_as_documented(example: RequestExample) -> None:
    call = Call.prepare(FIRST_EXCHANGES[example.spec_name, example.operation.operation_id])
    call.arguments["body"] = calls.request_body(example.spec, example.spec_name, example.operation, example.value)
    with call.client as client:
        call.sync_detailed(client=client, **call.arguments)

    request, _ = call.transport.only_exchange()
    validator(example.spec_name).validate_request(request)
    media = calls.request_media(example.spec, example.operation)
    assert media is not None
    assert request.headers["content-type"] == media[0]
    schema = media[1]["schema"]
    sent = calls.comparable(example.spec, schema, json.loads(request.content))
    assert sent == calls.comparable(example.spec, schema, example.value)


def test_every_documented_operation_and_status_is_exercised() -> None:
    from_the_specs = {
        (name, operation.operation_id, status)
        for name in ALL_SPECS
        for operation in operations(load_spec(name), name)
        for status in operation.statuses
    }
    exercised = {exchange.pair for exchange in EXCHANGES}
    assert exercised == from_the_specs
    assert calls.all_documented_pairs() == from_the_specs


def test_a_status_added_to_a_spec_gets_a_case_that_fails_without_an_example() -> None:
    spec = load_spec("pacerpro")
    spec["paths"]["/session"]["get"]["responses"]["418"] = {
        "description": "A teapot.",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }

    added = [e for e in calls.exchanges(spec, "pacerpro") if e.pair == ("pacerpro", "refresh_session", "418")]

    assert ("pacerpro", "refresh_session", "418") in calls.documented_pairs(spec, "pacerpro")
    assert [e.example_name for e in added] == [calls.MISSING_EXAMPLE]
    with pytest.raises(LookupError, match="no example"):
        calls.canned_response(added[0])


def test_an_operation_added_to_a_spec_gets_cases_that_fail_until_the_client_is_regenerated() -> None:
    spec = load_spec("svix")
    spec["paths"]["/api/v1/auth/whoami/"] = {
        "get": {
            "operationId": "who_am_i",
            "tags": ["Authentication"],
            "responses": {"204": {"description": "Known."}, "401": {"$ref": "#/components/responses/Unauthorized"}},
        }
    }

    added = [e for e in calls.exchanges(spec, "svix") if e.operation.operation_id == "who_am_i"]

    assert {e.pair for e in added} == {("svix", "who_am_i", "204"), ("svix", "who_am_i", "401")}
    assert {("svix", "who_am_i", "204"), ("svix", "who_am_i", "401")} <= calls.documented_pairs(spec, "svix")
    with pytest.raises(ModuleNotFoundError):
        calls.generated_module("svix", added[0].operation)


ERROR_CLASS_NAMES = {
    400: "BadRequestError",
    401: "UnauthorizedError",
    403: "ForbiddenError",
    404: "NotFoundError",
    409: "ConflictError",
    416: "InvalidRefreshTokenError",
    422: "UnprocessableEntityError",
    429: "RateLimitedError",
}


@pytest.mark.parametrize("exchange", ERROR_EXCHANGES, ids=[exchange.id for exchange in ERROR_EXCHANGES])
def test_every_documented_error_status_maps_to_its_own_facade_error(exchange: Exchange) -> None:
    status = int(exchange.status)
    response = calls.canned_response(exchange)
    response.request = httpx.Request(exchange.operation.method.upper(), f"{BASE_HOST}{exchange.operation.path}")
    body = None if exchange.media is None else exchange.example

    error = errors.error_for_status(status, body, response)

    expected = ERROR_CLASS_NAMES.get(status, "ServerError" if status >= 500 else "UnexpectedResponseError")
    assert isinstance(error, getattr(errors, expected))
    assert not isinstance(error, errors.UnexpectedResponseError), "a documented status must not be unexpected"
    assert (error.status_code, error.body, error.response) == (status, body, response)


def test_a_documented_rate_limit_carries_the_documented_retry_after() -> None:
    limited = [exchange for exchange in ERROR_EXCHANGES if exchange.status == "429"]
    assert limited, "no spec documents a 429 any more: drop this test"
    for exchange in limited:
        retry_after = dict(calls.response_headers(exchange))["Retry-After"]
        error = errors.error_for_status(429, exchange.example, calls.canned_response(exchange))
        assert isinstance(error, errors.RateLimitedError)
        assert error.retry_after == float(retry_after)
