"""What every admin handler shares: its bodies and queries parsed into the generated models, its answers and times.

Admin errors are ``AdminError`` ``{error, detail}`` with the codes the admin contract names: ``malformed_json``
(400), ``validation_failed`` (422), ``conflict`` (409), ``not_found`` (404) and ``forbidden`` (403).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any, TypeVar

from aiohttp import web
from pydantic import BaseModel, ValidationError

from authkit_mock.core.bodies import parse_body, read_body
from authkit_mock.core.errors import ApiError, FieldError, RequestValidationError

ModelT = TypeVar("ModelT", bound=BaseModel)


def invalid(detail: str) -> ApiError:
    """A 422: the body or a query parameter is well-formed but fails validation (``detail``: the field and why)."""
    return ApiError(422, detail, code="validation_failed")


def conflict(detail: str) -> ApiError:
    """A 409: what the request would create already exists."""
    return ApiError(409, detail, code="conflict")


def not_found(detail: str) -> ApiError:
    """A 404: the id in the path names nothing."""
    return ApiError(404, detail, code="not_found")


def _describe(errors: Iterable[FieldError]) -> str:
    parts = []
    for error in errors:
        where = ".".join(str(part) for part in error.loc if part != "body")
        parts.append(f"{where or 'body'}: {error.msg}")
    return "; ".join(parts)


async def admin_body(request: web.Request, model: type[ModelT], not_null: Iterable[str] = ()) -> ModelT:
    """The JSON body parsed strictly into ``model``: 400 ``malformed_json`` when it is not JSON (or is empty, or is
    not sent as JSON), 422 ``validation_failed`` when it breaks the schema.

    ``not_null`` names optional fields the contract does not allow to be ``null`` (the generated models accept
    ``null`` for every optional field).
    """
    try:
        if not await read_body(request):
            raise ApiError(400, "the request needs a JSON body", code="malformed_json")
        body = await parse_body(request, model, malformed_status=400, invalid_status=422)
    except RequestValidationError as error:
        code = "malformed_json" if error.status == 400 else "validation_failed"
        raise ApiError(error.status, _describe(error.errors), code=code) from None
    for name in not_null:
        if name in body.model_fields_set and getattr(body, name) is None:
            raise invalid(f"{name}: must not be null")
    return body


def admin_query(request: web.Request, model: type[ModelT]) -> ModelT:
    """The query parameters parsed into ``model`` (text converted to numbers); 422 when one fails validation."""
    values: dict[str, Any] = {name: request.query.get(name) for name in model.model_fields if name in request.query}
    try:
        return model.model_validate(values)
    except ValidationError as error:
        details = error.errors(include_url=False)
        raise invalid(_describe(FieldError([str(p) for p in e["loc"]], e["msg"], e["type"]) for e in details)) from None


def admin_json(model: BaseModel, status: int = 200) -> web.Response:
    """A JSON answer built from a generated response model."""
    return web.Response(text=model.model_dump_json(), status=status, content_type="application/json")


def utc(epoch: float) -> datetime:
    """An aware UTC datetime for a server-clock time (pydantic renders it as RFC 3339 with ``Z``)."""
    return datetime.fromtimestamp(epoch, UTC)


def optional_utc(epoch: float | None) -> datetime | None:
    """:func:`utc`, or None for "never"."""
    return None if epoch is None else utc(epoch)
