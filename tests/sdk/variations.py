"""The variation corpus: every (operation, documented status) of every contract, answered in many shapes.

The real services, and the gateways and load balancers in front of them, do not answer as tidily as a spec:
fields that upstream marks optional go missing, new fields appear, an error comes as an HTML page, as plain
text, empty, as ``application/json`` where the spec says ``problem+json``, in another charset. Each `Variation`
turns the documented answer of a `Case` into one of those shapes; `check` says what the facade must do with it.

Cases are derived from the specs when the tests are collected (`cases`), so a new operation or status is in the
corpus as soon as it is in a spec (and its facade method in ``tests.sdk.facades.CALLS``).
"""

from __future__ import annotations

import asyncio
import copy
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
import respx

from authkit_sdk import errors
from tests.sdk import calls
from tests.sdk.facades import (
    CALLS,
    EXCEPTION_FOR_STATUS,
    LOGIN_OPERATIONS,
    Call,
    api_router,
    happy_answer,
    make_facade,
    resolved,
)
from tests.support.specs import ALL_SPECS, Spec, load_spec, operations, resolve

UNKNOWN_FIELD = "authkit_unknown_field"
UNKNOWN_VALUE = {"nested": [1, "two", None]}
NON_ASCII = "Café Zürich"
ANOTHER_SHAPE_MESSAGE = "Bad gateway: the upstream did not answer"
HTML_PAGE = (
    "<html><head><title>502 Bad Gateway</title></head>"
    "<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>"
)


@dataclass(frozen=True)
class Case:
    """One documented answer: an operation's status, its documented body (or ``None``) and headers."""

    call: Call
    status: int
    body: Any
    headers: tuple[tuple[str, str], ...]
    media_type: str | None
    schema: dict[str, Any] | None = field(repr=False)
    spec: Spec = field(repr=False, compare=False, hash=False)

    @property
    def is_error(self) -> bool:
        return self.status >= 400

    @property
    def id(self) -> str:
        return f"{self.call.slug}-{self.call.operation_id}-{self.status}"

    def model(self) -> type[Any] | None:
        """The generated class the documented body parses into (``None`` without a body)."""
        if self.schema is None:
            return None
        inline = f"{self.call.operation_id}_response_{self.status}"
        return calls.model_class(self.call.slug, calls.schema_class_name(self.schema, inline))

    def required_fields(self) -> frozenset[str]:
        return frozenset(resolve(self.spec, self.schema or {}).get("required", []))


@dataclass(frozen=True)
class Answer:
    """What a variation answers: a body (bytes), its content type, its text, and what is left of the JSON.

    ``keeps_json``: the documented body is still there (in some spelling). ``object_keys``: the keys of what the
    reader sees as a JSON object (none for an empty body, which reads as ``{}``), or ``None`` when it is no
    object at all.
    """

    content: bytes
    content_type: str | None
    text: str
    keeps_json: bool
    added_unknown: bool = False
    object_keys: frozenset[str] | None = None
    message: str | None = None


@dataclass(frozen=True)
class Variation:
    """A named way to answer differently from the spec."""

    name: str
    make: Callable[[Case], Answer]

    def __str__(self) -> str:
        return self.name


# --- shaping the JSON -------------------------------------------------------------------------------------------


def drop_optional(spec: Spec, schema: Any, value: Any) -> Any:
    """``value`` without any property its schema does not require, at every depth."""
    schema = resolve(spec, schema or {})
    if isinstance(value, dict) and "properties" in schema:
        required = set(schema.get("required", []))
        properties = schema["properties"]
        return {k: drop_optional(spec, properties.get(k), v) for k, v in value.items() if k in required}
    if isinstance(value, list) and "items" in schema:
        return [drop_optional(spec, schema["items"], item) for item in value]
    return value


def add_unknown(value: Any) -> Any:
    """``value`` with an unknown field in every object, at every depth."""
    if isinstance(value, dict):
        return {**{k: add_unknown(v) for k, v in value.items()}, UNKNOWN_FIELD: UNKNOWN_VALUE}
    if isinstance(value, list):
        return [add_unknown(item) for item in value]
    return value


def _with_note(value: Any) -> Any:
    """``value`` with a non-ASCII unknown field (for the charset variations), when it is an object."""
    return {**value, UNKNOWN_FIELD: NON_ASCII} if isinstance(value, dict) else value


def _json(case: Case, value: Any, content_type: str | None, *, encoding: str = "utf-8", bom: bytes = b"") -> Answer:
    if case.body is None:  # nothing documented: answer with nothing in that content type
        return Answer(b"", content_type, "", keeps_json=True)
    text = json.dumps(value, ensure_ascii=False)
    added = isinstance(value, dict) and UNKNOWN_FIELD in value
    keys = frozenset(value) if isinstance(value, dict) else None
    return Answer(
        bom + text.encode(encoding), content_type, text, keeps_json=True, added_unknown=added, object_keys=keys
    )


def _raw(text: str, content_type: str | None, *, message: str | None = None) -> Answer:
    try:
        value = json.loads(text or "{}")
    except ValueError:
        value = None
    keys = frozenset(value) if isinstance(value, dict) else None
    return Answer(text.encode(), content_type, text, keeps_json=False, object_keys=keys, message=message)


def _documented_type(case: Case) -> str:
    return case.media_type or "application/json"


VARIATIONS = (
    Variation("as_documented", lambda c: _json(c, c.body, _documented_type(c))),
    Variation(
        "optional_fields_dropped", lambda c: _json(c, drop_optional(c.spec, c.schema, c.body), _documented_type(c))
    ),
    Variation("unknown_fields_added", lambda c: _json(c, add_unknown(copy.deepcopy(c.body)), _documented_type(c))),
    Variation("as_application_json", lambda c: _json(c, c.body, "application/json")),
    Variation("as_problem_json", lambda c: _json(c, c.body, "application/problem+json")),
    Variation("json_labelled_text_plain", lambda c: _json(c, c.body, "text/plain")),
    Variation("json_labelled_text_html", lambda c: _json(c, c.body, "text/html")),
    Variation("json_without_content_type", lambda c: _json(c, c.body, None)),
    Variation("charset_utf8", lambda c: _json(c, _with_note(c.body), "application/json; charset=utf-8")),
    Variation("charset_upper_case", lambda c: _json(c, _with_note(c.body), "application/json; Charset=UTF-8")),
    Variation(
        "charset_latin1",
        lambda c: _json(c, _with_note(c.body), "application/json; charset=iso-8859-1", encoding="latin-1"),
    ),
    Variation(
        "charset_utf16", lambda c: _json(c, _with_note(c.body), "application/json; charset=utf-16", encoding="utf-16")
    ),
    Variation(
        "utf8_with_bom",
        lambda c: _json(c, _with_note(c.body), "application/json; charset=utf-8", bom=b"\xef\xbb\xbf"),
    ),
    Variation("charset_unknown", lambda c: _json(c, c.body, "application/json; charset=no-such-charset")),
    Variation("empty_body", lambda c: _raw("", None)),
    Variation("empty_body_labelled_json", lambda c: _raw("", "application/json")),
    Variation("non_json_text", lambda c: _raw("Service temporarily unavailable", "text/plain")),
    Variation("html_error_page", lambda c: _raw(HTML_PAGE, "text/html; charset=utf-8")),
    Variation("truncated_json", lambda c: _raw('{"error": "unterminated', "application/json")),
    Variation("json_null", lambda c: _raw("null", "application/json")),
    Variation(
        "json_of_another_shape",
        lambda c: _raw(
            json.dumps({"message": ANOTHER_SHAPE_MESSAGE}),
            "application/json",
            message=ANOTHER_SHAPE_MESSAGE,
        ),
    ),
)


# --- the cases --------------------------------------------------------------------------------------------------


def _case(call: Call, exchange: calls.Exchange) -> Case:
    status = int(exchange.status)
    media = exchange.media
    schema = None if media is None else media[1]["schema"]
    media_type = None if media is None else media[0]
    happy = happy_answer(call.slug, call.operation_id)
    if status < 400 and happy.status_code == status:
        # The harness' own success answer, which the facade can act on (the RFC 7677 SCRAM numbers, a Location).
        # A success that documents no content promises no body: whatever comes is not the contract's to judge.
        body = json.loads(happy.content) if happy.content and media is not None else None
        headers = [
            (k, v) for k, v in happy.headers.multi_items() if k.lower() not in {"content-type", "content-length"}
        ]
    else:
        body = None if media is None else exchange.example
        headers = calls.response_headers(exchange)
    return Case(call, status, body, tuple(headers), media_type, schema, exchange.spec)


def cases() -> list[Case]:
    """One case per documented (operation, status) of every contract, with the call that performs it."""
    by_operation = {(call.slug, call.operation_id): call for call in CALLS}
    found: dict[tuple[str, str, int], Case] = {}
    for name in ALL_SPECS:
        spec = load_spec(name)
        for exchange in calls.exchanges(spec, name):
            key = (name, exchange.operation.operation_id, int(exchange.status))
            if key not in found:
                found[key] = _case(by_operation[key[:2]], exchange)
    return list(found.values())


def documented_pairs() -> set[tuple[str, str, int]]:
    """Every (contract, operationId, status) the specs document, read independently of `cases`."""
    return {
        (name, op.operation_id, int(status))
        for name in ALL_SPECS
        for op in operations(load_spec(name), name)
        for status in op.statuses
    }


# --- running and judging ----------------------------------------------------------------------------------------


def answer_for(case: Case, answer: Answer) -> httpx.Response:
    headers = list(case.headers)
    if answer.content_type is not None:
        headers.append(("Content-Type", answer.content_type))
    return httpx.Response(case.status, headers=headers, content=answer.content)


async def run(case: Case, response: httpx.Response, *, is_async: bool = False) -> Any:
    """Drive the facade method of ``case`` against ``response`` (after its preparation, e.g. a login)."""
    router = _router(case, response)
    facade = make_facade(case.call.slug, router, is_async=is_async)
    try:
        if case.call.prepare is not None:
            await resolved(case.call.prepare(facade))
        return await resolved(case.call.run(facade))
    finally:
        await resolved(facade.close())


def _router(case: Case, response: httpx.Response) -> respx.Router:
    """The routes ``case`` may touch: its own, answering ``response``, and those of a login."""
    slug = case.call.slug
    router = api_router(slug, only={case.call.operation_id, *LOGIN_OPERATIONS.get(slug, ())})
    router[case.call.operation_id].mock(side_effect=None, return_value=response)
    return router


def run_sync(case: Case, response: httpx.Response) -> Any:
    """`run` for the sync facade, without an event loop."""
    router = _router(case, response)
    with make_facade(case.call.slug, router) as facade:
        if case.call.prepare is not None:
            case.call.prepare(facade)
        return case.call.run(facade)


def outcome(case: Case, answer: Answer, *, is_async: bool = False) -> Any:
    """The facade's result for ``answer``, or the exception it raised (any exception: judged by `check`)."""
    response = answer_for(case, answer)
    try:
        if is_async:
            return asyncio.run(run(case, response, is_async=True))
        return run_sync(case, response)
    except Exception as exc:  # a wrong exception is exactly what the corpus looks for
        return exc


def api_class(slug: str, generic: type[errors.AuthkitError[Any]]) -> type[errors.AuthkitError[Any]]:
    """The class of the API's own errors module that stands for ``generic`` (e.g. svix's UnauthorizedError)."""
    module = __import__(f"authkit_sdk.{slug}.errors", fromlist=["__all__"])
    found = [
        value
        for name in module.__all__
        if isinstance(value := getattr(module, name), type) and issubclass(value, generic) and value is not generic
    ]
    if len(found) != 1:
        raise AssertionError(f"authkit_sdk.{slug}.errors has {len(found)} classes for {generic.__name__}, not one")
    return found[0]


def check_error(case: Case, answer: Answer, result: Any) -> None:
    """A documented error status: its API's typed error, whatever the body."""
    generic = errors.ServerError if case.status >= 500 else EXCEPTION_FOR_STATUS[case.status]
    expected = api_class(case.call.slug, generic)
    assert isinstance(result, expected), f"expected {expected.__qualname__}, got {result!r}"
    assert not isinstance(result, errors.UnexpectedResponseError | errors.MalformedResponseError)
    assert result.status_code == case.status
    assert result.text == answer.text
    model = case.model()
    if answer.keeps_json and model is not None:
        assert isinstance(result.body, model), f"the body did not parse into {model.__name__}: {result.body!r}"
        if answer.added_unknown:
            assert UNKNOWN_FIELD in result.body.additional_properties
    elif answer.keeps_json:
        assert result.body is None
    else:
        assert result.body is None or (model is not None and isinstance(result.body, model))
    assert isinstance(result.message, str) and result.message
    if answer.message is not None:
        assert result.message == answer.message
    assert str(case.status) in str(result)


FACADE_NEEDS: dict[tuple[str, str], tuple[frozenset[str], type[Exception]]] = {
    # Optional upstream (plazzag/polario-sdk-php marks every field optional), yet a SCRAM client cannot go on
    # without them: the salt, iteration count and combined nonce make the proof (RFC 5802 section 3), and a login
    # whose ServerSignature is missing has not authenticated the server, so the client must abort (section 5.1 v=).
    ("polario", "scram_first_message"): (
        frozenset({"nonce", "salt", "iterationCount"}),
        errors.MalformedResponseError,
    ),
    ("polario", "scram_final_message"): (frozenset({"signature"}), errors.ServerSignatureError),
}
"""Successes whose facade needs fields the contract leaves optional, and the typed error it raises without them."""


def check_success(case: Case, answer: Answer, result: Any, documented: Any) -> None:
    """A documented success: what the documented answer gives, unless the body cannot give the model."""
    breaks_body = (
        case.body is not None
        and not answer.keeps_json
        and (answer.object_keys is None or not case.required_fields() <= answer.object_keys)
    )
    if breaks_body:
        assert isinstance(result, errors.MalformedResponseError), f"expected MalformedResponseError, got {result!r}"
        assert result.status_code == case.status and result.body is None and result.text == answer.text
        return
    needed = FACADE_NEEDS.get((case.call.slug, case.call.operation_id))
    if needed is not None and not needed[0] <= (answer.object_keys or frozenset()):
        assert isinstance(result, needed[1]), f"expected {needed[1].__name__}, got {result!r}"
        return
    if isinstance(documented, BaseException):
        assert type(result) is type(documented), f"{result!r} where the documented answer gave {documented!r}"
        return
    assert not isinstance(result, BaseException), f"{result!r} where the documented answer succeeded"
    model = case.model()
    if answer.added_unknown and model is not None and isinstance(result, model):  # (polario's login: 2 operations)
        assert UNKNOWN_FIELD in result.additional_properties


_DOCUMENTED: dict[tuple[str, bool], Any] = {}


def _documented_outcome(case: Case, *, is_async: bool) -> Any:
    """What the documented answer gives (run once per case)."""
    key = (case.id, is_async)
    if key not in _DOCUMENTED:
        _DOCUMENTED[key] = outcome(case, VARIATIONS[0].make(case), is_async=is_async)
    return _DOCUMENTED[key]


def check(case: Case, variation: Variation, *, is_async: bool = False) -> None:
    """Run ``variation`` of ``case`` and judge the outcome; raises AssertionError with the reason."""
    answer = variation.make(case)
    result = outcome(case, answer, is_async=is_async)
    if isinstance(result, BaseException) and not isinstance(result, errors.AuthkitError):
        raise AssertionError(f"{variation}: {type(result).__name__} escaped the facade: {result!r}")
    if case.is_error:
        check_error(case, answer, result)
    else:
        documented = _documented_outcome(case, is_async=is_async)
        assert not isinstance(documented, BaseException) or isinstance(documented, errors.MalformedResponseError)
        check_success(case, answer, result, documented)
