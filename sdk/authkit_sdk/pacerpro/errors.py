"""The errors the PacerPro client raises for a response: each is a :class:`PacerproError`, whose ``body`` is
the API's error model (``Error {error, message, status, type}``) when the body parses, else ``None``.

Every class here also subclasses the class of the same name in :mod:`authkit_sdk.errors`, so ``except
authkit_sdk.errors.UnauthorizedError`` catches every API's 401 alike; catch these to read ``body`` typed.
"""

from __future__ import annotations

from typing import TypeAlias

from authkit_sdk import errors
from authkit_sdk.pacerpro._generated.models import Error

__all__ = [
    "BadRequestError",
    "ErrorBody",
    "MalformedResponseError",
    "PacerproError",
    "ServerError",
    "UnauthorizedError",
    "UnexpectedResponseError",
]

ErrorBody: TypeAlias = Error
"""What ``body`` holds when the error body parses."""


class PacerproError(errors.AuthkitError[ErrorBody]):
    """Base of every error a PacerPro response causes; ``body`` is :data:`ErrorBody` or ``None``."""


class BadRequestError(PacerproError, errors.BadRequestError[ErrorBody]):
    """400: the request was malformed."""


class UnauthorizedError(PacerproError, errors.UnauthorizedError[ErrorBody]):
    """401: missing, invalid, expired or revoked credentials."""


class ServerError(PacerproError, errors.ServerError[ErrorBody]):
    """5xx: the server failed (documented or not)."""


class UnexpectedResponseError(PacerproError, errors.UnexpectedResponseError[ErrorBody]):
    """A status the contract does not document (``body`` is ``None``; ``text`` holds what came)."""


class MalformedResponseError(PacerproError, errors.MalformedResponseError[ErrorBody]):
    """A documented success that does not give what the contract promises (e.g. a body that is not JSON)."""
