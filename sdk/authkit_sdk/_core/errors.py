"""The exceptions every facade raises, and the one place that builds an error from a response.

A facade never returns ``None`` for a failure. A documented error status raises the class of that status
whatever its body: ``body`` is the API's error model when the body parses, else ``None``, and ``text`` keeps
what came. A 5xx raises :class:`ServerError` whether or not the API documents it, an undocumented status
raises :class:`UnexpectedResponseError`, and a documented success whose body cannot give its model raises
:class:`MalformedResponseError`. :func:`build_error` normalises ``message`` and ``code`` and redacts the
request's secrets from everything it writes.
"""

from __future__ import annotations

import email.utils
import time
from collections.abc import Mapping
from datetime import datetime
from http import HTTPStatus
from types import MappingProxyType
from typing import Any, ClassVar, Generic, TypeVar

import httpx

from authkit_sdk._core.redaction import describe_request, request_of, scrub, secrets_of

__all__ = [
    "BY_STATUS",
    "AuthkitError",
    "BadRequestError",
    "BodyT",
    "ConflictError",
    "ForbiddenError",
    "InvalidRefreshTokenError",
    "LoginRequiredError",
    "MalformedResponseError",
    "MissingDependencyError",
    "NotFoundError",
    "RateLimitedError",
    "ServerError",
    "ServerSignatureError",
    "TokenVerificationError",
    "UnauthorizedError",
    "UnexpectedResponseError",
    "UnprocessableEntityError",
    "build_error",
    "error_for_status",
    "normalised_message",
    "parse_retry_after",
    "reason_phrase",
    "status_class",
]


BodyT = TypeVar("BodyT")
"""The API's error model: what ``body`` holds when the error body parses."""


class AuthkitError(Exception, Generic[BodyT]):
    """Base class of every error the SDK raises.

    ``str(error)`` is one line for people and logs: ``401 Unauthorized: invalid session (POST https://...)``,
    with every secret of the request redacted (see :mod:`authkit_sdk._core.redaction`).

    Each API's subpackage has its own subclasses (``authkit_sdk.<api>.errors``) with ``body`` typed as that
    API's error model; catch those to read ``body`` with its type, or these to handle every API alike.

    Attributes:
        message: what went wrong, normalised: the API's own error text when the body has one (svix
            ``detail``, pacerpro ``message``, polario ``error``, ...), else the HTTP reason phrase (or, for an
            error without a response, the SDK's explanation). Secrets of the request are redacted.
        code: the API's machine-readable error code when it has one (svix ``code``, the admin API's
            ``error``), else ``None``.
        status_code: the HTTP status of the response that caused it (``None`` when no response did).
        body: the error body parsed into the API's error model, or ``None`` when there is none or it does not
            parse (an empty body, an HTML page from a gateway, another JSON shape).
        text: the response body as text, whatever it was (``None`` without a response).
        response: the :class:`httpx.Response` itself, when there is one.
    """

    code_field: ClassVar[str | None] = None
    """The field of the API's error body that holds its machine-readable code (set by an API's base class)."""

    def __init__(
        self,
        message: str,
        *,
        status_code: int | None = None,
        body: BodyT | None = None,
        response: httpx.Response | None = None,
        code: str | None = None,
        text: str | None = None,
        summary: str | None = None,
    ) -> None:
        super().__init__(summary or message)
        self.message = message
        self.code = code
        self.status_code = status_code
        self.body = body
        self.text = text
        self.response = response


class BadRequestError(AuthkitError[BodyT]):
    """400: the request was malformed (a missing field, an invalid value)."""


class UnauthorizedError(AuthkitError[BodyT]):
    """401: missing, invalid, expired or revoked credentials."""


class ForbiddenError(AuthkitError[BodyT]):
    """403: the credentials are valid but not allowed to do this."""


class NotFoundError(AuthkitError[BodyT]):
    """404: the resource (an application, a fault) does not exist."""


class ConflictError(AuthkitError[BodyT]):
    """409: a conflict, e.g. the same idempotency key while its first request is still in flight."""


class InvalidRefreshTokenError(AuthkitError[BodyT]):
    """416: polario's answer to an unknown, used or revoked refresh token (an upstream quirk)."""


class UnprocessableEntityError(AuthkitError[BodyT]):
    """422: the body or a parameter failed validation, or an idempotency key was reused for another request."""


class RateLimitedError(AuthkitError[BodyT]):
    """429: too many requests. ``retry_after`` is the server's ``Retry-After`` in seconds, when it sent one."""

    def __init__(
        self,
        message: str,
        *,
        status_code: int | None = 429,
        body: BodyT | None = None,
        response: httpx.Response | None = None,
        code: str | None = None,
        text: str | None = None,
        summary: str | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(
            message, status_code=status_code, body=body, response=response, code=code, text=text, summary=summary
        )
        self.retry_after = retry_after


class ServerError(AuthkitError[BodyT]):
    """5xx: the server failed (documented or not)."""


class UnexpectedResponseError(AuthkitError[BodyT]):
    """A status the contract does not document (``body`` is ``None``; ``text`` holds what came)."""


class MalformedResponseError(AuthkitError[BodyT]):
    """A documented success that does not give what the contract promises: a body that is not JSON or lacks a
    required field, a header the call needs (bixarena's ``Location``), a SCRAM challenge a client must refuse.

    (A documented *error* status never raises this: it raises its own class, with ``body=None``.)
    """


class ServerSignatureError(AuthkitError[object]):
    """The SCRAM ServerSignature was wrong: the server could not prove it knows the password (RFC 5802 §5.1 ``v=``).

    ``body`` is the login response that came with the wrong signature (not to be trusted).
    """


class LoginRequiredError(AuthkitError[None]):
    """The call needs a session or token that this client does not hold (log in first)."""


class TokenVerificationError(AuthkitError[None]):
    """A token failed verification (signature, key, algorithm, issuer, audience or expiry)."""


class MissingDependencyError(AuthkitError[None], ImportError):
    """A feature needs an optional extra that is not installed (e.g. ``pip install 'authkit-sdk[jwt]'``)."""


BY_STATUS: Mapping[int, type[AuthkitError[Any]]] = MappingProxyType(
    {
        400: BadRequestError,
        401: UnauthorizedError,
        403: ForbiddenError,
        404: NotFoundError,
        409: ConflictError,
        416: InvalidRefreshTokenError,
        422: UnprocessableEntityError,
        429: RateLimitedError,
    }
)
"""The class of each error status that has one of its own (any 5xx: :class:`ServerError`)."""

# Where an API's error body keeps its human text, in order: svix/bixarena/admin ``detail``, pacerpro
# ``message``, polario/authlance ``error``, problem+json ``title``.
_MESSAGE_FIELDS = ("detail", "message", "error", "title")


def normalised_message(data: object) -> str:
    """The human part of a decoded error body, whatever the API's error shape; ``""`` when it has none."""
    if not isinstance(data, Mapping):
        return ""
    for name in _MESSAGE_FIELDS:
        value = data.get(name)
        if isinstance(value, str) and value.strip():
            return value.strip()
        if isinstance(value, list) and value:  # svix HTTPValidationError: a list of ValidationError
            return "; ".join(str(item.get("msg", item)) if isinstance(item, Mapping) else str(item) for item in value)
    return ""


def reason_phrase(status_code: int) -> str:
    """``"Unauthorized"`` for 401; ``"Unknown status"`` for a code outside :class:`http.HTTPStatus`."""
    try:
        return HTTPStatus(status_code).phrase
    except ValueError:
        return "Unknown status"


def parse_retry_after(response: httpx.Response | None, *, now: float | None = None) -> float | None:
    """``Retry-After`` in seconds (RFC 9110 §10.2.3: delay-seconds or an HTTP-date); ``None`` if absent or invalid."""
    if response is None:
        return None
    value = response.headers.get("retry-after")
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when: datetime = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def status_class(status_code: int, *, documented: bool = True) -> type[AuthkitError[Any]]:
    """The generic class of an error status: its own, :class:`ServerError` for a 5xx, else ``AuthkitError``.

    An undocumented status that is not a 5xx gives :class:`UnexpectedResponseError`.
    """
    if 500 <= status_code <= 599:
        return ServerError
    if not documented:
        return UnexpectedResponseError
    return BY_STATUS.get(status_code, AuthkitError)


def error_for_status(
    status_code: int, body: object, response: httpx.Response | None, *, text: str | None = None
) -> AuthkitError[Any]:
    """The exception for a documented error response: the class of ``status_code``, carrying ``body``.

    Every 5xx gives :class:`ServerError`; 429 also reads ``Retry-After`` into ``retry_after``. The facades
    raise their API's own subclasses instead (see ``authkit_sdk.<api>.errors``).
    """
    return build_error(status_class(status_code), status_code, body, response, text=text)


def build_error(
    cls: type[AuthkitError[Any]],
    status_code: int,
    body: object,
    response: httpx.Response | None,
    *,
    text: str | None = None,
    data: object = None,
    prefix: str = "",
    message: str | None = None,
) -> AuthkitError[Any]:
    """An instance of ``cls`` for a response, its message normalised and every secret of the request redacted.

    ``data`` is the decoded JSON of the body (``None`` if it is not JSON); the message and code are read from
    it, or from ``body`` (a model) when ``data`` is not given, unless ``message`` is given (the SDK's own
    words, which never quote the body). This is the one place response errors are built.
    """
    if data is None and body is not None:
        data = body.to_dict() if hasattr(body, "to_dict") else body
    request = request_of(response)
    secrets = secrets_of(request)
    message = message or scrub(normalised_message(data), secrets) or reason_phrase(status_code)
    code_value = data.get(cls.code_field) if cls.code_field and isinstance(data, Mapping) else None
    code = scrub(code_value, secrets) if isinstance(code_value, str) else None
    where = describe_request(request)
    summary = f"{prefix}{status_code} {reason_phrase(status_code)}: {message}{f' ({where})' if where else ''}"
    fields: dict[str, Any] = {
        "status_code": status_code,
        "body": body,
        "response": response,
        "code": code,
        "text": response.text if text is None and response is not None else text,
        "summary": summary,
    }
    if issubclass(cls, RateLimitedError):
        fields["retry_after"] = parse_retry_after(response)
    return cls(message, **fields)
