"""The exceptions every facade raises, and the one place that maps an HTTP status to its exception class.

A facade never returns ``None`` for a failure: a documented error status raises the class of that status
with the parsed error body (the generated model of the API's error shape), an undocumented status or a body
that does not parse raises :class:`UnexpectedResponseError`, and a 5xx raises :class:`ServerError` whether
or not the API documents it (a failing server is a failing server, whatever its body looks like).
"""

from __future__ import annotations

import email.utils
import json
import time
from collections.abc import Mapping
from datetime import datetime
from http import HTTPStatus
from types import MappingProxyType

import httpx

__all__ = [
    "AuthkitError",
    "BadRequestError",
    "ConflictError",
    "ForbiddenError",
    "InvalidRefreshTokenError",
    "LoginRequiredError",
    "MissingDependencyError",
    "NotFoundError",
    "RateLimitedError",
    "ServerError",
    "ServerSignatureError",
    "TokenVerificationError",
    "UnauthorizedError",
    "UnexpectedResponseError",
    "UnprocessableEntityError",
    "describe_failure",
    "error_for_status",
    "parse_retry_after",
    "raw_body",
]


class AuthkitError(Exception):
    """Base class of every error the SDK raises.

    Attributes:
        status_code: the HTTP status of the response that caused it (``None`` when no response did).
        body: the parsed error body: the generated model of the API's error shape for a documented error,
            otherwise the decoded JSON or the text of the response (``None`` when there was no response).
        response: the :class:`httpx.Response` itself, when there is one.
    """

    def __init__(
        self,
        message: str,
        *,
        status_code: int | None = None,
        body: object = None,
        response: httpx.Response | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status_code = status_code
        self.body = body
        self.response = response


class BadRequestError(AuthkitError):
    """400: the request was malformed (a missing field, an invalid value)."""


class UnauthorizedError(AuthkitError):
    """401: missing, invalid, expired or revoked credentials."""


class ForbiddenError(AuthkitError):
    """403: the credentials are valid but not allowed to do this."""


class NotFoundError(AuthkitError):
    """404: the resource (an application, a fault) does not exist."""


class ConflictError(AuthkitError):
    """409: a conflict, e.g. the same idempotency key while its first request is still in flight."""


class InvalidRefreshTokenError(AuthkitError):
    """416: polario's answer to an unknown, used or revoked refresh token (an upstream quirk)."""


class UnprocessableEntityError(AuthkitError):
    """422: the body or a parameter failed validation, or an idempotency key was reused for another request."""


class RateLimitedError(AuthkitError):
    """429: too many requests. ``retry_after`` is the server's ``Retry-After`` in seconds, when it sent one."""

    def __init__(
        self,
        message: str,
        *,
        status_code: int | None = 429,
        body: object = None,
        response: httpx.Response | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message, status_code=status_code, body=body, response=response)
        self.retry_after = retry_after


class ServerError(AuthkitError):
    """5xx: the server failed (documented or not)."""


class UnexpectedResponseError(AuthkitError):
    """A response the contract does not describe: an undocumented status, or a body that does not parse."""


class ServerSignatureError(AuthkitError):
    """The SCRAM ServerSignature was wrong: the server could not prove it knows the password (RFC 5802 §5.1 ``v=``)."""


class LoginRequiredError(AuthkitError):
    """The call needs a session or token that this client does not hold (log in first)."""


class TokenVerificationError(AuthkitError):
    """A token failed verification (signature, key, algorithm, issuer, audience or expiry)."""


class MissingDependencyError(AuthkitError, ImportError):
    """A feature needs an optional extra that is not installed (e.g. ``pip install 'authkit-sdk[jwt]'``)."""


_BY_STATUS: Mapping[int, type[AuthkitError]] = MappingProxyType(
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


def _describe(body: object) -> str:
    """The human part of an error body, whatever the API's error shape (svix ``detail``, polario ``error``...)."""
    for name in ("detail", "message", "error", "title"):
        value = body.get(name) if isinstance(body, Mapping) else getattr(body, name, None)
        if isinstance(value, str) and value:
            return value
        if isinstance(value, list) and value:  # svix HTTPValidationError: a list of ValidationError
            return "; ".join(str(getattr(item, "msg", item)) for item in value)
    if isinstance(body, str):
        return body[:200]
    return ""


def _request_line(response: httpx.Response | None) -> str:
    if response is None:
        return ""
    try:
        request = response.request
    except RuntimeError:  # a Response built by hand has no request
        return ""
    return f" ({request.method} {request.url})"


def describe_failure(status_code: int, body: object, response: httpx.Response | None) -> str:
    """``"401 Unauthorized: invalid session (POST http://...)"``: the message of an error for ``status_code``."""
    try:
        reason = HTTPStatus(status_code).phrase
    except ValueError:
        reason = "Unknown status"
    detail = _describe(body)
    return f"{status_code} {reason}{': ' + detail if detail else ''}{_request_line(response)}"


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


def raw_body(response: httpx.Response) -> object:
    """The decoded JSON of a response, or its text when it is not JSON (for errors the contract does not model)."""
    try:
        decoded: object = json.loads(response.content)
    except ValueError:
        return response.text
    return decoded


def error_for_status(status_code: int, body: object, response: httpx.Response | None) -> AuthkitError:
    """The exception for an error response: the class of ``status_code``, carrying ``body`` and ``response``.

    4xx statuses without a class of their own (and any non-error status) give :class:`UnexpectedResponseError`;
    every 5xx gives :class:`ServerError`; 429 also reads ``Retry-After`` into ``retry_after``.
    """
    message = describe_failure(status_code, body, response)
    cls = _BY_STATUS.get(status_code)
    if cls is RateLimitedError:
        return RateLimitedError(
            message, status_code=status_code, body=body, response=response, retry_after=parse_retry_after(response)
        )
    if cls is None:
        cls = ServerError if 500 <= status_code <= 599 else UnexpectedResponseError
    return cls(message, status_code=status_code, body=body, response=response)
