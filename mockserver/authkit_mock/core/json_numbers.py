"""JSON numbers as JSON Schema counts them: ``60.0`` is an integer.

The specs are OpenAPI 3.1, whose schemas are JSON Schema 2020-12: there, ``type: integer`` matches any number
with a zero fractional part (``60``, ``60.0``, ``6e1``). Request bodies are parsed strictly (``"60"`` is not an
integer), and pydantic's strict mode also refuses ``60.0`` for an ``int`` field. Rewriting integral numbers as
integer literals before parsing gives exactly the schema's rule; ``float`` fields still accept them. Schemathesis
found this (``positive_data_acceptance``: svix ``expire_all`` with ``{"expiry": 1094.0}`` was refused with 422).
"""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from typing import Any


class _NotJsonError(ValueError):
    pass


def _number(literal: str) -> int | float:
    try:
        value = Decimal(literal)
    except InvalidOperation:  # pragma: no cover - json only hands over number literals
        return float(literal)
    if value.is_finite() and value == value.to_integral_value() and abs(value.adjusted()) < 4300:
        return int(value)
    return float(literal)


def _constant(name: str) -> Any:
    # NaN and Infinity are not JSON: leave the body alone so that the parser reports it as malformed.
    raise _NotJsonError(name)


def integral_numbers_as_integers(raw: bytes) -> bytes:
    """``raw`` with every integral number written as an integer (unchanged when there is none, or not JSON)."""
    if b"." not in raw and b"e" not in raw and b"E" not in raw:
        return raw
    changed = False

    def parse_float(literal: str) -> int | float:
        nonlocal changed
        number = _number(literal)
        changed = changed or isinstance(number, int)
        return number

    try:
        value = json.loads(raw, parse_float=parse_float, parse_constant=_constant)
    except (ValueError, RecursionError):
        return raw
    return json.dumps(value).encode("utf-8") if changed else raw
