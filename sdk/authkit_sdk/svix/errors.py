"""The errors the Svix client raises for a response: each is a :class:`SvixError`, whose ``body`` is the API's
error model (``HttpErrorOut {code, detail}``, or ``HTTPValidationError {detail: [...]}`` for 422) when the body
parses, else ``None``; ``error.code`` is ``HttpErrorOut.code``.

Every class here also subclasses the class of the same name in :mod:`authkit_sdk.errors`, so ``except
authkit_sdk.errors.UnauthorizedError`` catches every API's 401 alike; catch these to read ``body`` typed.
"""

from __future__ import annotations

from typing import TypeAlias

from authkit_sdk import errors
from authkit_sdk.svix._generated.models import HttpErrorOut, HTTPValidationError

__all__ = [
    "BadRequestError",
    "ConflictError",
    "ErrorBody",
    "ForbiddenError",
    "MalformedResponseError",
    "NotFoundError",
    "RateLimitedError",
    "ServerError",
    "SvixError",
    "UnauthorizedError",
    "UnexpectedResponseError",
    "UnprocessableEntityError",
]

ErrorBody: TypeAlias = HttpErrorOut | HTTPValidationError
"""What ``body`` holds when the error body parses."""


class SvixError(errors.AuthkitError[ErrorBody]):
    """Base of every error a Svix response causes; ``body`` is :data:`ErrorBody` or ``None``."""

    code_field = "code"
    """The body field that holds the machine-readable code: ``error.code``."""


class BadRequestError(SvixError, errors.BadRequestError[ErrorBody]):
    """400: the request was malformed."""


class UnauthorizedError(SvixError, errors.UnauthorizedError[ErrorBody]):
    """401: missing, invalid, expired or revoked credentials."""


class ForbiddenError(SvixError, errors.ForbiddenError[ErrorBody]):
    """403: the credentials are valid but not allowed to do this."""


class NotFoundError(SvixError, errors.NotFoundError[ErrorBody]):
    """404: the resource does not exist."""


class ConflictError(SvixError, errors.ConflictError[ErrorBody]):
    """409: a conflict."""


class UnprocessableEntityError(SvixError, errors.UnprocessableEntityError[ErrorBody]):
    """422: the request failed validation."""


class RateLimitedError(SvixError, errors.RateLimitedError[ErrorBody]):
    """429: too many requests; ``retry_after`` is the server's ``Retry-After`` in seconds, or ``None``."""


class ServerError(SvixError, errors.ServerError[ErrorBody]):
    """5xx: the server failed (documented or not)."""


class UnexpectedResponseError(SvixError, errors.UnexpectedResponseError[ErrorBody]):
    """A status the contract does not document (``body`` is ``None``; ``text`` holds what came)."""


class MalformedResponseError(SvixError, errors.MalformedResponseError[ErrorBody]):
    """A documented success that does not give what the contract promises (e.g. a body that is not JSON)."""
