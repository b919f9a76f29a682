"""The errors the polario client raises for a response: each is a :class:`PolarioError`, whose ``body`` is
the API's error model (``{error}``) when the body parses, else ``None``.

Every class here also subclasses the class of the same name in :mod:`authkit_sdk.errors`, so ``except
authkit_sdk.errors.UnauthorizedError`` catches every API's 401 alike; catch these to read ``body`` typed.
"""

from __future__ import annotations

from typing import TypeAlias

from authkit_sdk import errors
from authkit_sdk.polario._generated.models import ModelSwagError

__all__ = [
    "BadRequestError",
    "ErrorBody",
    "ForbiddenError",
    "InvalidRefreshTokenError",
    "MalformedResponseError",
    "PolarioError",
    "ServerError",
    "UnauthorizedError",
    "UnexpectedResponseError",
]

ErrorBody: TypeAlias = ModelSwagError
"""What ``body`` holds when the error body parses."""


class PolarioError(errors.AuthkitError[ErrorBody]):
    """Base of every error a polario response causes; ``body`` is :data:`ErrorBody` or ``None``."""


class BadRequestError(PolarioError, errors.BadRequestError[ErrorBody]):
    """400: the request was malformed."""


class UnauthorizedError(PolarioError, errors.UnauthorizedError[ErrorBody]):
    """401: missing, invalid, expired or revoked credentials."""


class ForbiddenError(PolarioError, errors.ForbiddenError[ErrorBody]):
    """403: the credentials are valid but not allowed to do this."""


class InvalidRefreshTokenError(PolarioError, errors.InvalidRefreshTokenError[ErrorBody]):
    """416: an unknown, used or revoked refresh token (polario's own status for it)."""


class ServerError(PolarioError, errors.ServerError[ErrorBody]):
    """5xx: the server failed (documented or not)."""


class UnexpectedResponseError(PolarioError, errors.UnexpectedResponseError[ErrorBody]):
    """A status the contract does not document (``body`` is ``None``; ``text`` holds what came)."""


class MalformedResponseError(PolarioError, errors.MalformedResponseError[ErrorBody]):
    """A documented success that does not give what the contract promises (e.g. a body that is not JSON)."""
