"""How a protected API checks a credential: each API registers its check, the protected stand-in resource calls it.

An API's own package knows what its credential is (pacerpro's JWT with the user's current JTI, polario's
``Session`` JWT and its session, bixarena's internal JWT, svix's tokens); it adds a :data:`CredentialCheck` to
``Runtime.credential_checks`` in its ``setup``. :mod:`authkit_mock.protected` calls it without importing any API.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from aiohttp import web


@dataclass(frozen=True)
class Principal:
    """Whose a credential is: the subject, the kind of credential, and when it expires (server clock), if known."""

    subject: str
    credential: str
    expires_at: float | None = None
    session_id: str | None = None


class CredentialRejectedError(Exception):
    """The request carries no credential of the API, or one the API would refuse; the message says which."""


CredentialCheck = Callable[[web.Request], Awaitable[Principal]]
"""Checks a request's credential as the API's protected endpoints would; raises :class:`CredentialRejectedError`."""


def bearer_token(request: web.Request) -> str | None:
    """The token of ``Authorization: Bearer <token>`` (RFC 6750 section 2.1, scheme case-insensitive), or None."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    token = token.strip()
    return token if scheme.lower() == "bearer" and token else None
