"""The errors the Authlance client raises for a response: each is a :class:`AuthlanceError`, whose ``body`` is
the API's error model (``{error}``) when the body parses, else ``None``.

Every class here also subclasses the class of the same name in :mod:`authkit_sdk.errors`, so ``except
authkit_sdk.errors.UnauthorizedError`` catches every API's 401 alike; catch these to read ``body`` typed.
"""

from __future__ import annotations

from typing import TypeAlias

from authkit_sdk import errors
from authkit_sdk.authlance._generated.models import ControllersAuthErrorResponse

__all__ = [
    "AuthlanceError",
    "BadRequestError",
    "ErrorBody",
    "MalformedResponseError",
    "ServerError",
    "UnauthorizedError",
    "UnexpectedResponseError",
]

ErrorBody: TypeAlias = ControllersAuthErrorResponse
"""What ``body`` holds when the error body parses."""


class AuthlanceError(errors.AuthkitError[ErrorBody]):
    """Base of every error a Authlance response causes; ``body`` is :data:`ErrorBody` or ``None``."""


class BadRequestError(AuthlanceError, errors.BadRequestError[ErrorBody]):
    """400: the request was malformed."""


class UnauthorizedError(AuthlanceError, errors.UnauthorizedError[ErrorBody]):
    """401: missing, invalid, expired or revoked credentials."""


class ServerError(AuthlanceError, errors.ServerError[ErrorBody]):
    """5xx: the server failed (documented or not)."""


class UnexpectedResponseError(AuthlanceError, errors.UnexpectedResponseError[ErrorBody]):
    """A status the contract does not document (``body`` is ``None``; ``text`` holds what came)."""


class MalformedResponseError(AuthlanceError, errors.MalformedResponseError[ErrorBody]):
    """A documented success that does not give what the contract promises (e.g. a body that is not JSON)."""
