"""The tolerant reader: a response becomes the generated model of its success, or the exception of its failure.

Parsing is the generated code's: each operation module has a ``_parse_response(*, client, response)`` that
picks the model by status and raises the generated ``UnexpectedStatus`` for a status the contract does not
list (the raw client is built with ``raise_on_unexpected_status=True``). The facades call it directly, rather
than ``sync_detailed``, because they need the :class:`httpx.Response` itself: to put it on the exception, to
read response headers and cookies, and to re-send the identical request on a retry.

Around it, this module is liberal in what it accepts, as the real services (and the gateways in front of
them) are not as tidy as a spec:

- the body is decoded by its declared charset (a UTF-8 BOM dropped) before the generated code reads it as
  JSON, so ``charset=iso-8859-1`` or ``utf-16`` bodies parse; the content type itself is not checked
  (``text/plain``, ``application/problem+json`` and ``application/json`` all parse the same);
- a documented error status raises its typed error whatever its body: an empty body, an HTML page or a JSON
  of another shape gives ``body=None``, with the text kept on ``error.text``;
- an empty body on a documented success is read as ``{}``: accepted when the model has no required field
  (pacerpro's ``DELETE /session``, which upstream declares without a body);
- unknown fields are kept (``additional_properties`` of the generated models), missing optional ones are
  ``UNSET``.
"""

from __future__ import annotations

import codecs
import json
import logging
import re
from collections.abc import Callable
from typing import Any, TypeVar

import attrs
import httpx

from authkit_sdk._core.errors import (
    AuthkitError,
    MalformedResponseError,
    build_error,
    status_class,
)

__all__ = ["ApiErrors", "Exchange", "Parser", "body_text", "expect", "unwrap"]

T = TypeVar("T")

Parser = Callable[..., object]
"""A generated operation's ``_parse_response(*, client, response)``."""

# What the generated ``from_dict`` and ``response.json()`` raise on a body that does not fit the contract
# (json.JSONDecodeError is a ValueError; an unknown enum value is a TypeError or ValueError).
_PARSE_ERRORS = (KeyError, TypeError, ValueError, AttributeError)
_UTF8 = frozenset({"utf-8", "utf8"})
_CHARSET = re.compile(r";\s*charset\s*=\s*\"?([^\";\s]+)", re.IGNORECASE)


@attrs.frozen
class ApiErrors:
    """What the reader needs to know about one API: its name, its error classes and its generated package.

    Attributes:
        name: the API's slug; its logger is ``authkit_sdk.<name>``.
        base: the API's base error (``authkit_sdk.<api>.errors``); the error raised for a response is the
            subclass of ``base`` that also subclasses the generic class of the status (``base`` itself for a
            documented status without a class of its own).
        unexpected_status: the generated package's ``errors.UnexpectedStatus``.
    """

    name: str
    base: type[AuthkitError[Any]]
    unexpected_status: type[Exception]

    logger: logging.Logger = attrs.field(
        init=False, eq=False, default=attrs.Factory(lambda self: logging.getLogger(f"authkit_sdk.{self.name}"), True)
    )
    """The API's logger, ``authkit_sdk.<name>``."""

    def error_class(self, generic: type[AuthkitError[Any]]) -> type[AuthkitError[Any]]:
        """The API's own subclass of ``generic`` (or the API's base when it has none)."""
        if issubclass(self.base, generic):
            return self.base
        pending = list(self.base.__subclasses__())
        while pending:
            candidate = pending.pop(0)
            if issubclass(candidate, generic):
                return candidate
            pending.extend(candidate.__subclasses__())
        return self.base

    def error(
        self, response: httpx.Response, text: str, *, body: object = None, documented: bool = True
    ) -> AuthkitError[Any]:
        """The typed error for an error ``response`` (``body``: its parsed model, or ``None``)."""
        status = response.status_code
        cls = self.error_class(status_class(status, documented=documented))
        prefix = "" if documented else "undocumented status "
        return build_error(cls, status, body, response, text=text, data=_decoded(text), prefix=prefix)

    def malformed(self, response: httpx.Response, text: str, message: str) -> AuthkitError[Any]:
        """The error for a documented success that does not give what the call needs (``message`` must not
        quote the body: a success may carry tokens)."""
        cls = self.error_class(MalformedResponseError)
        return build_error(cls, response.status_code, None, response, text=text, message=message)


@attrs.frozen
class Exchange:
    """A response the contract documents as a success, its parsed body (``None`` when it has none), and the
    API it came from (whose errors a facade raises when the success is not what it needs)."""

    response: httpx.Response
    parsed: object
    api: ApiErrors

    def malformed(self, message: str) -> AuthkitError[Any]:
        """The API's :class:`MalformedResponseError` for this success (``message`` must not quote the body)."""
        return self.api.malformed(self.response, body_text(self.response), message)


def _charset(response: httpx.Response) -> str:
    """The declared charset, lower case (``utf-8`` when none). Cheaper than ``response.charset_encoding``,
    which parses the header with :mod:`email` on every call: this runs for every response."""
    content_type = response.headers.get("content-type", "")
    if "charset" not in content_type.lower():
        return "utf-8"
    found = _CHARSET.search(content_type)
    return found.group(1).lower() if found else "utf-8"


def body_text(response: httpx.Response) -> str:
    """The body as text, by its declared charset (UTF-8 otherwise, or if the charset is unknown); never raises."""
    charset = _charset(response)
    try:
        codecs.lookup(charset)
    except LookupError:
        charset = "utf-8"
    return response.content.decode(charset, errors="replace").removeprefix("\ufeff")


def _decoded(text: str) -> object:
    """The JSON value of ``text``, or ``None`` when it is not JSON."""
    try:
        value: object = json.loads(text)
    except ValueError:
        return None
    return value


def _is_plain_utf8(response: httpx.Response) -> bool:
    """Whether the generated parser can read the bytes as they are (UTF-8, no BOM): the common case, no copy."""
    return _charset(response) in _UTF8 and not response.content.startswith(codecs.BOM_UTF8)


def _json_copy(response: httpx.Response, content: bytes) -> httpx.Response:
    """A response holding ``content`` (UTF-8 JSON) for the generated parser to read."""
    return httpx.Response(response.status_code, content=content, headers={"content-type": "application/json"})


def _why(exc: Exception) -> str:
    """Which part of the body failed, without quoting it (a body may carry tokens)."""
    if isinstance(exc, KeyError):
        return f"missing field {exc.args[0]!r}" if exc.args else "a missing field"
    return f"{type(exc).__name__} while reading it"


def unwrap(response: httpx.Response, parse: Parser, client: object, api: ApiErrors) -> Exchange:
    """Parse ``response`` with the generated ``parse``; raise ``api``'s typed error for a failure."""
    status = response.status_code
    readable = response if _is_plain_utf8(response) else _json_copy(response, body_text(response).encode())
    try:
        parsed = parse(client=client, response=readable)
    except api.unexpected_status:
        raise api.error(response, body_text(response), documented=False) from None
    except _PARSE_ERRORS as exc:
        if status >= 400:
            raise api.error(response, body_text(response)) from None
        parsed = _read_empty(response, parse, client, api, exc)
    if status >= 400:
        raise api.error(response, body_text(response), body=parsed)
    return Exchange(response, parsed, api)


def _read_empty(response: httpx.Response, parse: Parser, client: object, api: ApiErrors, exc: Exception) -> object:
    """A success whose body did not parse: read an empty body as ``{}``, else raise :class:`MalformedResponseError`."""
    text = body_text(response)
    if text.strip():
        raise api.malformed(response, text, f"the body does not match the contract ({_why(exc)})") from None
    try:
        return parse(client=client, response=_json_copy(response, b"{}"))
    except _PARSE_ERRORS as empty_exc:
        raise api.malformed(
            response, text, f"an empty body, and the contract requires one ({_why(empty_exc)})"
        ) from None


def expect(exchange: Exchange, model: type[T]) -> T:
    """The parsed body of a success as ``model``; :class:`MalformedResponseError` if it is something else."""
    if isinstance(exchange.parsed, model):
        return exchange.parsed
    raise exchange.malformed(f"the body is not a {model.__name__} but {type(exchange.parsed).__name__}")
