"""The reference server's domain errors, and rendering them once, in each API's own error shape."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from http import HTTPStatus

from aiohttp import web

ADMIN = "admin"


class ApiError(Exception):
    """An error answer: the status, a short machine code and a human detail.

    Handlers raise it; :func:`render_error` turns it into the body shape the failing API documents.
    """

    def __init__(
        self,
        status: int,
        detail: str,
        code: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.code = code or _default_code(status)
        self.headers = dict(headers or {})


@dataclass(frozen=True)
class FieldError:
    """One invalid part of a request: where (``loc``), what is wrong (``msg``) and its kind (``type``)."""

    loc: Sequence[str | int]
    msg: str
    type: str


class RequestValidationError(ApiError):
    """A request body or parameter that breaks the spec; carries the individual field errors."""

    def __init__(self, status: int, errors: Sequence[FieldError], detail: str | None = None) -> None:
        self.errors = list(errors)
        summary = detail or "; ".join(f"{'.'.join(map(str, e.loc)) or 'body'}: {e.msg}" for e in self.errors)
        super().__init__(status, summary or "invalid request", code="validation")


def _default_code(status: int) -> str:
    try:
        return HTTPStatus(status).phrase.lower().replace(" ", "_").replace("-", "_")
    except ValueError:
        return "error"


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def error_body(api: str | None, error: ApiError, path: str) -> tuple[object, str]:
    """The JSON body and content type that ``api`` documents for ``error``."""
    if api == "svix":
        if error.status == 422:
            errors = error.errors if isinstance(error, RequestValidationError) else []
            detail = [{"loc": [str(part) for part in e.loc], "msg": e.msg, "type": e.type} for e in errors] or [
                {"loc": ["body"], "msg": error.detail, "type": error.code}
            ]
            return {"detail": detail}, "application/json"
        return {"code": error.code, "detail": error.detail}, "application/json"
    if api == "bixarena":
        problem = {
            "type": "about:blank",
            "title": _phrase(error.status),
            "status": error.status,
            "detail": error.detail,
            "instance": path,
        }
        return problem, "application/problem+json"
    if api == "pacerpro":
        return {
            "error": _phrase(error.status),
            "message": error.detail,
            "status": error.status,
            "type": "error",
        }, "application/json"
    if api == ADMIN:
        return {"error": error.code, "detail": error.detail}, "application/json"
    # authlance and polario both answer {"error": "..."}.
    return {"error": error.detail}, "application/json"


def render_error(api: str | None, error: ApiError, path: str) -> web.Response:
    """The response for ``error`` in the shape of ``api`` (``None``: a path outside every API)."""
    body, content_type = error_body(api, error, path)
    response = web.json_response(body, status=error.status, content_type=content_type)
    response.headers.update(error.headers)
    return response
