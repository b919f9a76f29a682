"""Every documented error of every facade method raises its API's exception class for the status, with the
parsed body; an undocumented status raises UnexpectedResponseError (ServerError for a 5xx); a success whose body
does not give its model raises MalformedResponseError. A facade never returns None for a failure.

The error bodies are the examples of the specs, so the test follows the contracts as they change. (The
variation corpus, test_tolerant_reader.py, tries every documented status with many other bodies.)
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from authkit_sdk import errors
from tests.sdk.facades import (
    CALLS,
    EXCEPTION_FOR_STATUS,
    Call,
    api_router,
    documented_errors,
    make_facade,
    resolved,
    success_status,
)
from tests.support.specs import ALL_SPECS, load_spec, operations

ERROR_CASES = [
    pytest.param(call, status, body, id=f"{call}-{status}-{name}")
    for call in CALLS
    for status, name, body in documented_errors(call.slug, call.operation_id)
]


async def _run(call: Call, answer: httpx.Response, *, is_async: bool) -> Any:
    router = api_router(call.slug)
    router[call.operation_id].mock(side_effect=None, return_value=answer)
    facade = make_facade(call.slug, router, is_async=is_async)
    try:
        if call.prepare is not None:
            await resolved(call.prepare(facade))
        return await resolved(call.run(facade))
    finally:
        await resolved(facade.close())


def test_every_operation_of_every_contract_has_a_facade_method() -> None:
    covered = {(call.slug, call.operation_id) for call in CALLS}
    documented = {(name, op.operation_id) for name in ALL_SPECS for op in operations(load_spec(name), name)}
    assert documented == covered


@pytest.mark.asyncio
@pytest.mark.parametrize("is_async", [False, True], ids=["sync", "async"])
@pytest.mark.parametrize(("call", "status", "body"), ERROR_CASES)
async def test_a_documented_error_raises_its_class_with_the_parsed_body(
    call: Call, status: int, body: Any, is_async: bool
) -> None:
    with pytest.raises(errors.AuthkitError) as raised:
        await _run(call, httpx.Response(status, json=body), is_async=is_async)
    error = raised.value
    assert isinstance(error, EXCEPTION_FOR_STATUS[status])
    # The API's own subclass, whose body is typed as the API's error model.
    assert type(error).__module__ == f"authkit_sdk.{call.slug}.errors"
    assert error.status_code == status
    assert error.response is not None
    assert error.response.status_code == status
    # The body is the generated model of the API's error shape, not a dict.
    assert type(error.body).__module__.startswith(f"authkit_sdk.{call.slug}._generated.models")
    assert error.body is not None
    assert error.body.to_dict() == body
    assert str(status) in str(error)


@pytest.mark.asyncio
@pytest.mark.parametrize("is_async", [False, True], ids=["sync", "async"])
@pytest.mark.parametrize("call", CALLS, ids=str)
async def test_an_undocumented_status_raises_unexpected_response_error(call: Call, is_async: bool) -> None:
    with pytest.raises(errors.UnexpectedResponseError) as raised:
        await _run(call, httpx.Response(418, json={"error": "teapot"}), is_async=is_async)
    assert raised.value.status_code == 418
    assert raised.value.body is None
    assert json.loads(raised.value.text or "") == {"error": "teapot"}
    assert raised.value.message == "teapot"
    assert "undocumented status 418" in str(raised.value)


@pytest.mark.asyncio
@pytest.mark.parametrize("call", CALLS, ids=str)
async def test_an_undocumented_server_error_raises_server_error_with_the_raw_text(call: Call) -> None:
    with pytest.raises(errors.ServerError) as raised:
        await _run(call, httpx.Response(503, text="upstream unavailable"), is_async=False)
    assert raised.value.status_code == 503
    assert raised.value.body is None
    assert raised.value.text == "upstream unavailable"


BODY_CALLS = [call for call in CALLS if success_status(call.slug, call.operation_id)[1]]
STRICT_BODY_CALLS = [call for call in CALLS if success_status(call.slug, call.operation_id)[2]]


@pytest.mark.asyncio
@pytest.mark.parametrize("is_async", [False, True], ids=["sync", "async"])
@pytest.mark.parametrize("call", BODY_CALLS, ids=str)
async def test_a_success_with_an_unparsable_body_raises_malformed_response_error(call: Call, is_async: bool) -> None:
    status, _, _ = success_status(call.slug, call.operation_id)
    with pytest.raises(errors.MalformedResponseError) as raised:
        await _run(call, httpx.Response(status, text="<html>not json</html>"), is_async=is_async)
    assert raised.value.status_code == status
    assert raised.value.body is None
    assert raised.value.text == "<html>not json</html>"


@pytest.mark.asyncio
@pytest.mark.parametrize("call", STRICT_BODY_CALLS, ids=str)
async def test_a_success_missing_required_fields_raises_malformed_response_error(call: Call) -> None:
    status, _, _ = success_status(call.slug, call.operation_id)
    with pytest.raises(errors.MalformedResponseError, match="does not match the contract"):
        await _run(call, httpx.Response(status, json={"unexpected": True}), is_async=False)


ERROR_BODY_CASES = [
    pytest.param(call, status, id=f"{call}-{status}")
    for call in CALLS
    for status in sorted({status for status, _, _ in documented_errors(call.slug, call.operation_id)})
    if status < 500
]


@pytest.mark.asyncio
@pytest.mark.parametrize(("call", "status"), ERROR_BODY_CASES)
async def test_a_documented_error_with_an_unparsable_body_still_raises_its_class(call: Call, status: int) -> None:
    with pytest.raises(errors.AuthkitError) as raised:
        await _run(call, httpx.Response(status, text="Bad Gateway"), is_async=False)
    assert isinstance(raised.value, EXCEPTION_FOR_STATUS[status])
    assert type(raised.value).__module__ == f"authkit_sdk.{call.slug}.errors"
    assert raised.value.status_code == status
    assert raised.value.body is None
    assert raised.value.text == "Bad Gateway"
