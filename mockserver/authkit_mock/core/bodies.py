"""Request bodies parsed through the pydantic models generated from the specs, with each API's error statuses."""

from __future__ import annotations

import json
from functools import cache
from typing import Any, TypeVar

from aiohttp import web
from aiohttp.web_protocol import RequestPayloadError
from pydantic import BaseModel, ValidationError

from authkit_mock.core.errors import ApiError, FieldError, RequestValidationError
from authkit_mock.core.json_numbers import integral_numbers_as_integers
from authkit_mock.core.middlewares import RAW_BODY

ModelT = TypeVar("ModelT", bound=BaseModel)


async def read_body(request: web.Request, malformed_status: int = 400) -> bytes:
    """The raw body (also kept for the journal); a body over the size limit becomes a 413, one that cannot be
    decoded (a ``Content-Encoding`` it is not in, a broken chunked encoding) ``malformed_status``."""
    try:
        raw = await request.read()
    except web.HTTPRequestEntityTooLarge:
        raise ApiError(413, f"request body larger than {request.client_max_size} bytes") from None
    except RequestPayloadError as error:
        # aiohttp raises this while reading, after the handler started: without this it would become a 500.
        reason = str(error).partition("message:")[2].strip() or "the body could not be read"
        unreadable = RequestValidationError(
            malformed_status, [FieldError(["body"], f"unreadable body: {reason}", "body_encoding")]
        )
        # The rest of the body cannot be read either, so aiohttp drops the connection after the answer: say so,
        # or the client reuses it and its next request fails with a reset.
        unreadable.headers["Connection"] = "close"
        raise unreadable from None
    request[RAW_BODY] = raw
    return raw


async def read_json(request: web.Request, malformed_status: int = 400) -> Any:
    """The JSON body; malformed JSON, a wrong content type or bad UTF-8 get ``malformed_status``."""
    raw = await read_body(request, malformed_status)
    _check_content_type(request, malformed_status)
    try:
        return json.loads(raw.decode("utf-8")) if raw else None
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise RequestValidationError(
            malformed_status, [FieldError(["body"], f"malformed JSON: {error}", "json_invalid")]
        ) from None


async def parse_body(
    request: web.Request, model: type[ModelT], malformed_status: int = 400, invalid_status: int = 400
) -> ModelT:
    """The body parsed into ``model`` strictly (no coercion: ``"5"`` is not an integer).

    Malformed JSON (or a wrong content type, or bad UTF-8) gets ``malformed_status``; a body that breaks the
    schema gets ``invalid_status``; both carry the list of what is wrong.
    """
    raw = await read_body(request, malformed_status)
    _check_content_type(request, malformed_status)
    if has_integers(model):
        raw = integral_numbers_as_integers(raw)
    try:
        return model.model_validate_json(raw or b"null", strict=True)
    except ValidationError as error:
        details = error.errors(include_url=False)
        status = malformed_status if any(e["type"] == "json_invalid" for e in details) else invalid_status
        raise RequestValidationError(
            status, [FieldError(["body", *map(str, e["loc"])], e["msg"], e["type"]) for e in details]
        ) from None


@cache
def has_integers(model: type[BaseModel]) -> bool:
    """Whether ``model``'s schema has an integer anywhere: only then can ``60.0`` need rewriting as ``60`` (a JSON
    parse of the body, see ``json_numbers.py``). Worked out once per model: a pure function of the class, not state.
    """
    return '"integer"' in json.dumps(model.model_json_schema())


def _check_content_type(request: web.Request, status: int) -> None:
    content_type = request.content_type
    # aiohttp reports application/octet-stream when the client sent no Content-Type at all.
    if "Content-Type" not in request.headers or content_type == "application/json" or content_type.endswith("+json"):
        return
    raise RequestValidationError(
        status, [FieldError(["body"], f"content type must be application/json, not {content_type}", "content_type")]
    )
