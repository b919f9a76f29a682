"""Verifying a BixArena JWT against a JWKS, with PyJWT from the optional ``jwt`` extra.

The SDK's own dependencies are httpx and attrs only, and JOSE is not something to write by hand, so this
needs ``pip install 'authkit-sdk[jwt]'`` (PyJWT with cryptography). Without it,
:class:`~authkit_sdk.errors.MissingDependencyError` (an ``ImportError``) says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from authkit_sdk._core.errors import MissingDependencyError, TokenVerificationError
from authkit_sdk._core.redaction import scrub

__all__ = ["BIXARENA_AUDIENCE", "ensure_jwt_extra", "verify_with_jwks"]

BIXARENA_AUDIENCE = "urn:bixarena:api"
"""The ``aud`` of BixArena's internal JWTs (upstream's declared audience)."""

# Only public-key algorithms: a JWKS entry of kty "oct" must never turn verification into a shared secret.
_ASYMMETRIC = frozenset(
    {"ES256", "ES384", "ES512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "EdDSA", "Ed25519"}
)

_EXTRA = "verify_token needs the optional 'jwt' extra: pip install 'authkit-sdk[jwt]'"


def ensure_jwt_extra() -> None:
    """Raise :class:`MissingDependencyError` unless PyJWT with cryptography is installed (checked before any I/O)."""
    try:
        from jwt.algorithms import has_crypto
    except ImportError as exc:
        raise MissingDependencyError(_EXTRA) from exc
    if not has_crypto:
        raise MissingDependencyError(f"{_EXTRA} (cryptography is missing)")


def verify_with_jwks(
    token: str,
    jwks: Mapping[str, Any],
    *,
    audience: str | None = BIXARENA_AUDIENCE,
    issuer: str | None = None,
    leeway: float = 0.0,
) -> dict[str, Any]:
    """The claims of ``token`` once its signature verifies with the JWKS key named by its ``kid``.

    The algorithm is the key's own (never the token's choice, never ``none`` or HMAC); ``exp``, ``iat`` and
    ``sub`` are required, ``exp`` is checked (with ``leeway`` seconds), and ``aud`` and ``iss`` when given.
    Raises :class:`TokenVerificationError` for a token that fails any of it.
    """
    ensure_jwt_extra()
    import jwt

    try:
        kid = jwt.get_unverified_header(token).get("kid")
        if not isinstance(kid, str):
            raise TokenVerificationError("the token names no key (no 'kid' in its header)")
        key = jwt.PyJWKSet.from_dict(dict(jwks))[kid]
        if key.algorithm_name not in _ASYMMETRIC:
            raise TokenVerificationError(f"the JWKS key {kid!r} is not a public signing key")
        return jwt.decode(
            token,
            key=key,
            algorithms=[key.algorithm_name],
            audience=audience,
            issuer=issuer,
            leeway=leeway,
            options={"require": ["exp", "iat", "sub"]},
        )
    except (jwt.PyJWTError, KeyError) as exc:
        # PyJWT's own message names the failed check; the token itself is kept out of it, and the cause is not
        # chained, so a logged traceback cannot carry the token either.
        reason = scrub(f"{type(exc).__name__}: {exc}", [token, *token.split(".")])
        raise TokenVerificationError(f"the token was rejected: {reason}") from None
