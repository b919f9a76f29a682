"""How the server checks e-mail addresses: the specs' ``format: email``, not email-validator's delivery rules.

The generated models type ``format: email`` fields as pydantic's ``EmailStr``, which uses email-validator. By
default it refuses the special-use domains of RFC 6761 (``.test``, ``.localhost``, ``.invalid``, ...) because no
mail can be delivered there. JSON Schema's ``email`` format (an RFC 5321 mailbox) admits them, and they are where
test data lives (``qa@shop.test``), so a mock server must accept them too. Schemathesis found this
(``positive_data_acceptance``: ``POST /pacerpro/session`` with ``...@dd5p.47.test`` was refused with 400).
"""

from __future__ import annotations

import email_validator


def accept_special_use_domains() -> None:
    """Let ``EmailStr`` accept addresses on special-use domains (email-validator's documented, editable list)."""
    email_validator.SPECIAL_USE_DOMAIN_NAMES.clear()
