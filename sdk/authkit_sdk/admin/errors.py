"""The errors the admin API client raises for a response: each is an :class:`AdminApiError`, whose ``body`` is
the API's error model (``AdminError {error, detail}``; ``error.code`` is its ``error``) when the body parses,
else ``None``.

Every class here also subclasses the class of the same name in :mod:`authkit_sdk.errors`, so ``except
authkit_sdk.errors.UnauthorizedError`` catches every API's 401 alike; catch these to read ``body`` typed.
"""

from __future__ import annotations

from typing import TypeAlias

from authkit_sdk import errors
from authkit_sdk.admin._generated.models import AdminError

__all__ = [
    "AdminApiError",
    "BadRequestError",
    "ConflictError",
    "ErrorBody",
    "ForbiddenError",
    "MalformedResponseError",
    "NotFoundError",
    "ServerError",
    "UnexpectedResponseError",
    "UnprocessableEntityError",
]

ErrorBody: TypeAlias = AdminError
"""What ``body`` holds when the error body parses."""


class AdminApiError(errors.AuthkitError[ErrorBody]):
    """Base of every error a admin API response causes; ``body`` is :data:`ErrorBody` or ``None``."""

    code_field = "error"
    """The body field that holds the machine-readable code: ``error.code``."""


class BadRequestError(AdminApiError, errors.BadRequestError[ErrorBody]):
    """400: the request was malformed."""


class ForbiddenError(AdminApiError, errors.ForbiddenError[ErrorBody]):
    """403: the credentials are valid but not allowed to do this."""


class NotFoundError(AdminApiError, errors.NotFoundError[ErrorBody]):
    """404: the resource does not exist."""


class ConflictError(AdminApiError, errors.ConflictError[ErrorBody]):
    """409: a conflict."""


class UnprocessableEntityError(AdminApiError, errors.UnprocessableEntityError[ErrorBody]):
    """422: the request failed validation."""


class ServerError(AdminApiError, errors.ServerError[ErrorBody]):
    """5xx: the server failed (documented or not)."""


class UnexpectedResponseError(AdminApiError, errors.UnexpectedResponseError[ErrorBody]):
    """A status the contract does not document (``body`` is ``None``; ``text`` holds what came)."""


class MalformedResponseError(AdminApiError, errors.MalformedResponseError[ErrorBody]):
    """A documented success that does not give what the contract promises (e.g. a body that is not JSON)."""
