"""The errors the BixArena client raises for a response: each is a :class:`BixarenaError`, whose ``body`` is
the API's error model (``BasicError``, RFC 9457 problem details: ``title``, ``status``, ``detail``) when the
body parses, else ``None``.

Every class here also subclasses the class of the same name in :mod:`authkit_sdk.errors`, so ``except
authkit_sdk.errors.UnauthorizedError`` catches every API's 401 alike; catch these to read ``body`` typed.
"""

from __future__ import annotations

from typing import TypeAlias

from authkit_sdk import errors
from authkit_sdk.bixarena._generated.models import BasicError

__all__ = [
    "BadRequestError",
    "BixarenaError",
    "ErrorBody",
    "MalformedResponseError",
    "ServerError",
    "UnauthorizedError",
    "UnexpectedResponseError",
]

ErrorBody: TypeAlias = BasicError
"""What ``body`` holds when the error body parses."""


class BixarenaError(errors.AuthkitError[ErrorBody]):
    """Base of every error a BixArena response causes; ``body`` is :data:`ErrorBody` or ``None``."""


class BadRequestError(BixarenaError, errors.BadRequestError[ErrorBody]):
    """400: the request was malformed."""


class UnauthorizedError(BixarenaError, errors.UnauthorizedError[ErrorBody]):
    """401: missing, invalid, expired or revoked credentials."""


class ServerError(BixarenaError, errors.ServerError[ErrorBody]):
    """5xx: the server failed (documented or not)."""


class UnexpectedResponseError(BixarenaError, errors.UnexpectedResponseError[ErrorBody]):
    """A status the contract does not document (``body`` is ``None``; ``text`` holds what came)."""


class MalformedResponseError(BixarenaError, errors.MalformedResponseError[ErrorBody]):
    """A documented success that does not give what the contract promises (e.g. a body that is not JSON)."""
