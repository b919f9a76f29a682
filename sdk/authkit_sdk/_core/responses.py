"""Turning an HTTP response into the generated model of its success, or into the exception of its failure.

Parsing is the generated code's: each operation module has a ``_parse_response(*, client, response)`` that
picks the model by status and raises the generated ``UnexpectedStatus`` for a status the contract does not
list (the raw client is built with ``raise_on_unexpected_status=True``). The facades call it directly, rather
than ``sync_detailed``, because they need the :class:`httpx.Response` itself: to put it on the exception, to
read response headers and cookies, and to re-send the identical request on a retry.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import attrs
import httpx

from authkit_sdk._core.errors import (
    ServerError,
    UnexpectedResponseError,
    describe_failure,
    error_for_status,
    raw_body,
)

__all__ = ["Exchange", "Parser", "expect", "unwrap"]

T = TypeVar("T")

Parser = Callable[..., object]
"""A generated operation's ``_parse_response(*, client, response)``."""

# What the generated ``from_dict`` and ``response.json()`` raise on a body that does not fit the contract
# (json.JSONDecodeError is a ValueError; an unknown enum value is a TypeError or ValueError).
_PARSE_ERRORS = (KeyError, TypeError, ValueError, AttributeError)


@attrs.frozen
class Exchange:
    """A response the contract documents as a success, and its parsed body (``None`` when it has none)."""

    response: httpx.Response
    parsed: object


def _is_server_error(status_code: int) -> bool:
    return 500 <= status_code <= 599


def unwrap(response: httpx.Response, parse: Parser, client: object, unexpected_status: type[Exception]) -> Exchange:
    """Parse ``response`` with the generated ``parse``; raise the right :class:`AuthkitError` for a failure.

    ``unexpected_status`` is the generated package's ``errors.UnexpectedStatus`` (each package has its own).
    """
    status = response.status_code
    try:
        parsed = parse(client=client, response=response)
    except unexpected_status:
        body = raw_body(response)
        message = describe_failure(status, body, response)
        if _is_server_error(status):
            raise ServerError(message, status_code=status, body=body, response=response) from None
        raise UnexpectedResponseError(
            f"undocumented status {message}", status_code=status, body=body, response=response
        ) from None
    except _PARSE_ERRORS as exc:
        body = raw_body(response)
        message = describe_failure(status, body, response)
        if _is_server_error(status):
            raise ServerError(message, status_code=status, body=body, response=response) from exc
        raise UnexpectedResponseError(
            f"{message}: the body does not match the contract ({exc!r})",
            status_code=status,
            body=body,
            response=response,
        ) from exc
    if status >= 400:
        raise error_for_status(status, parsed, response)
    return Exchange(response, parsed)


def expect(exchange: Exchange, model: type[T]) -> T:
    """The parsed body of a success as ``model``; :class:`UnexpectedResponseError` if it is something else."""
    if isinstance(exchange.parsed, model):
        return exchange.parsed
    response = exchange.response
    raise UnexpectedResponseError(
        f"expected {model.__name__}, got {type(exchange.parsed).__name__}"
        f" ({describe_failure(response.status_code, None, response)})",
        status_code=response.status_code,
        body=raw_body(response),
        response=response,
    )
