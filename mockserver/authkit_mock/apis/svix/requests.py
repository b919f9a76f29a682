"""What the svix handlers check beyond the generated models: path parameters, ``uniqueItems``, and null where
upstream allows none; every problem of a request goes into one 422 ``HTTPValidationError``."""

from __future__ import annotations

import json
import re
from typing import Annotated, TypeVar

from aiohttp import web
from pydantic import BaseModel, StringConstraints, TypeAdapter, ValidationError

from authkit_mock.core.bodies import parse_body
from authkit_mock.core.errors import FieldError, RequestValidationError
from authkit_mock.core.middlewares import RAW_BODY

ModelT = TypeVar("ModelT", bound=BaseModel)

_Id = Annotated[str, StringConstraints(min_length=1, max_length=256, pattern=r"^[a-zA-Z0-9\-_.]+$")]
_StreamId = Annotated[str, StringConstraints(min_length=1, max_length=60)]
PATH_PARAMETERS: dict[str, tuple[TypeAdapter[str], re.Pattern[str]]] = {
    # The schema (components/parameters), and the same as one regular expression: a valid value (every request's)
    # skips pydantic's validation, which is only asked for an invalid one's error messages.
    "app_id": (TypeAdapter(_Id), re.compile(r"[a-zA-Z0-9\-_.]{1,256}")),
    "stream_id": (TypeAdapter(_StreamId), re.compile(r".{1,60}", re.DOTALL)),
    "sink_id": (TypeAdapter(_StreamId), re.compile(r".{1,60}", re.DOTALL)),
}
NOT_NULL = (("featureFlags",), ("sessionIds",), ("oldTokenExpiry",), ("application", "metadata"))
"""Optional body fields that upstream does not allow to be null (the generated models accept null for any optional
field)."""


def path_errors(request: web.Request, names: tuple[str, ...]) -> list[FieldError]:
    """What is wrong with the path parameters ``names`` (nothing: an empty list)."""
    errors: list[FieldError] = []
    for name in names:
        adapter, valid = PATH_PARAMETERS[name]
        value = request.match_info[name]
        if valid.fullmatch(value):
            continue
        try:
            adapter.validate_python(value)
        except ValidationError as error:
            errors += [FieldError(["path", name], e["msg"], e["type"]) for e in error.errors(include_url=False)]
    return errors


async def path_and_body(
    request: web.Request, model: type[ModelT], names: tuple[str, ...]
) -> tuple[ModelT, list[FieldError]]:
    """The body parsed into ``model``, and what is wrong with it beyond its model; raises one 422 for every path
    and body problem the model finds."""
    try:
        body = await parse_body(request, model, malformed_status=422, invalid_status=422)
    except RequestValidationError as error:
        raise RequestValidationError(422, path_errors(request, names) + error.errors) from None
    return body, path_errors(request, names) + body_errors(request, body)


def body_errors(request: web.Request, body: BaseModel) -> list[FieldError]:
    """What the generated models do not check: ``uniqueItems``, and null where upstream allows no null."""
    errors: list[FieldError] = []
    for name in ("featureFlags", "capabilities"):
        value = getattr(body, name, None)
        items = [str(getattr(item, "root", item)) for item in getattr(value, "root", value) or ()]
        if len(set(items)) != len(items):
            errors.append(FieldError(["body", name], "the items must be unique", "value_error.list.unique_items"))
    raw = json.loads(request[RAW_BODY] or b"null")
    for path in NOT_NULL:
        parent = raw
        for name in path[:-1]:
            parent = parent.get(name) if isinstance(parent, dict) else None
        if isinstance(parent, dict) and path[-1] in parent and parent[path[-1]] is None:
            errors.append(FieldError(["body", *path], "Input should not be null", "none_forbidden"))
    return errors
