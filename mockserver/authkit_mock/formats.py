"""The string formats of the specs that the generated models check, as the specs define them.

``format: email`` is JSON Schema's (2020-12, section 7.3.2): an RFC 5321 section 4.1.2 ``Mailbox``. It is checked
here with one compiled pattern and the RFC's length limits, in about a microsecond, instead of with pydantic's
``EmailStr`` (email-validator), which cost about 80 µs a request and applies delivery rules the format does not
have (it refused RFC 6761 special-use domains such as ``.test``, where test data lives). The generated models
import :data:`EmailStr` from here (``--import-overrides`` in ``scripts/_generate.py``).
"""

from __future__ import annotations

import ipaddress
import re
from typing import Annotated

from pydantic import AfterValidator

_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_QUOTED = r'"(?:[\x20\x21\x23-\x5b\x5d-\x7e]|\\[\x20-\x7e])*"'
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
MAILBOX = re.compile(
    # Local-part = Dot-string / Quoted-string; "@"; Domain / address-literal (RFC 5321 section 4.1.2).
    rf"(?P<local>{_ATOM}(?:\.{_ATOM})*|{_QUOTED})@(?P<domain>{_LABEL}(?:\.{_LABEL})*|\[(?P<literal>[^\[\]\\]+)\])",
    re.ASCII,
)
MAX_LENGTH = 254
"""RFC 5321 section 4.5.3.1.3: a path is at most 256 octets, of which the angle brackets are two."""


def is_email(value: str) -> bool:
    """Whether ``value`` is an RFC 5321 mailbox within the RFC's limits (local part 64, label 63, domain 255)."""
    found = MAILBOX.fullmatch(value)
    if found is None or len(value) > MAX_LENGTH or len(found["local"]) > 64:
        return False
    literal = found["literal"]
    if literal is None:
        return all(len(label) <= 63 for label in found["domain"].split("."))
    # address-literal (section 4.1.3): an IPv4 address, or "IPv6:" and an IPv6 address.
    try:
        if literal[:5].lower() == "ipv6:":
            ipaddress.IPv6Address(literal[5:])
        else:
            ipaddress.IPv4Address(literal)
    except ValueError:
        return False
    return True


def check_email(value: str) -> str:
    """``value`` if it is an e-mail address (:func:`is_email`); a pydantic validation error otherwise."""
    if not is_email(value):
        raise ValueError("value is not a valid email address (an RFC 5321 mailbox, as format: email says)")
    return value


def normalized_email(value: str) -> str:
    """An address with its domain in lower case (domains are case-insensitive; the local part is not)."""
    local, _, domain = value.rpartition("@")
    return f"{local}@{domain.lower()}"


EmailStr = Annotated[str, AfterValidator(check_email)]
"""A ``format: email`` string; the name is pydantic's, so the generated models only change their import."""
