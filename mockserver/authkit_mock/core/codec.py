"""Stored records as flat values, for the backends that keep them outside this process's memory: SQLite columns
(``persistence.py``) and Valkey/Redis hash fields (``redis/store.py``). Only a password's salted hash or SCRAM
keys are ever written, never a password, exactly as in memory."""

from __future__ import annotations

import base64
import json
from dataclasses import fields
from typing import Any

from authkit_mock.core.passwords import PasswordHash, ScramCredentials
from authkit_mock.core.store import Record

FLAGS = frozenset({"active", "revoked", "used"})
TIMES = frozenset({"created_at", "expires_at"})


def columns(kind: type[Record]) -> list[str]:
    """The record type's fields, in order."""
    return [f.name for f in fields(kind)]  # type: ignore[arg-type]


def encode(name: str, value: object) -> object:
    """One field as SQLite stores it (text, number or NULL)."""
    if isinstance(value, PasswordHash | ScramCredentials):
        return json.dumps(
            {
                key: base64.b64encode(item).decode() if isinstance(item, bytes) else item
                for key, item in vars(value).items()
            }
        )
    return value


def decode(kind: type[Record], name: str, value: Any) -> object:
    """One field back from what :func:`encode` made of it."""
    if value is None:
        return None
    if name in ("password", "scram"):
        data: dict[str, Any] = {
            key: base64.b64decode(item) if isinstance(item, str) else item for key, item in json.loads(value).items()
        }
        return PasswordHash(**data) if name == "password" else ScramCredentials(**data)
    if name in FLAGS:
        return bool(value)
    return value


def to_text(name: str, value: object) -> str | None:
    """One field as a hash field's text (None: the field is absent)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float | int):
        return repr(float(value)) if name in TIMES else str(value)
    encoded = encode(name, value)
    return encoded if isinstance(encoded, str) else str(encoded)


def from_text(kind: type[Record], name: str, text: str | None) -> object:
    """One field back from :func:`to_text`."""
    if text is None:
        return None
    if name in FLAGS:
        return text == "1"
    if name in TIMES:
        return float(text)
    return decode(kind, name, text)


def record_from_texts(kind: type[Record], texts: dict[str, str]) -> Record:
    """A record from its hash fields (fields the hash lacks are None; fields of another version are ignored)."""
    return kind(**{name: from_text(kind, name, texts.get(name)) for name in columns(kind)})
