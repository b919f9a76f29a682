"""Forged JWTs, each made from a genuine token by changing exactly one thing (RFC 8725 lists the attacks).

A forgery keeps everything of the genuine token but its trick: the same subject, session (``sid``), ``jti`` and
nonce, so that the one check that must catch the trick is the only reason to refuse it. Tokens are re-signed with
the server's own key where the trick is in the claims (the issuer or the audience of another API, a lifetime that
is over or not begun), so the signature is not what refuses them.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization

from authkit_mock.core.tokens import SigningKey, TokenAuthority

YEAR = 365 * 24 * 3600


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _segment(value: dict[str, Any]) -> str:
    return _b64(json.dumps(value, separators=(",", ":")).encode())


@dataclass(frozen=True)
class Forger:
    """Forges tokens against ``authority`` (the target's issuer), knowing ``other`` (another API's issuer)."""

    authority: TokenAuthority
    other: TokenAuthority
    now: int

    def parts(self, token: str) -> tuple[dict[str, Any], dict[str, Any], str]:
        """The header, the claims and the signature segment of ``token`` (read without verifying it)."""
        header: dict[str, Any] = jwt.get_unverified_header(token)
        claims: dict[str, Any] = jwt.decode(token, options={"verify_signature": False})
        return header, claims, token.rsplit(".", 1)[1]

    def resigned(self, token: str, **changes: Any) -> str:
        """``token`` with ``changes`` to its claims, signed again with the target's own key (and ``kid``)."""
        _, claims, _ = self.parts(token)
        key = self.authority.key
        return jwt.encode({**claims, **changes}, key.private_key, algorithm="ES256", headers={"kid": key.kid})


Forge = Callable[[Forger, str], str]
"""Turns a genuine token into an attack token."""


def alg_none(forger: Forger, token: str) -> str:
    """An unsecured JWT (RFC 7519 section 6): ``alg: none`` and no signature."""
    header, claims, _ = forger.parts(token)
    return f"{_segment({**header, 'alg': 'none'})}.{_segment(claims)}."


def signature_stripped(forger: Forger, token: str) -> str:
    """The genuine header and claims with the signature cut off."""
    return token.rsplit(".", 1)[0] + "."


def hs256_with_public_key(forger: Forger, token: str) -> str:
    """Algorithm confusion (RFC 8725 section 2.1): HMAC-SHA256 keyed with the published public key."""
    header, claims, _ = forger.parts(token)
    public_pem = forger.authority.key.private_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    signing_input = f"{_segment({**header, 'alg': 'HS256'})}.{_segment(claims)}"
    signature = hmac.new(public_pem, signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{_b64(signature)}"


def unknown_kid(forger: Forger, token: str) -> str:
    """Signed by the attacker's own key, named by its own ``kid``."""
    _, claims, _ = forger.parts(token)
    attacker = SigningKey.generate()
    return jwt.encode(claims, attacker.private_key, algorithm="ES256", headers={"kid": attacker.kid})


def missing_kid(forger: Forger, token: str) -> str:
    """Signed by the attacker's own key, with no ``kid`` at all (hoping the verifier picks a key by itself)."""
    _, claims, _ = forger.parts(token)
    return jwt.encode(claims, SigningKey.generate().private_key, algorithm="ES256")


def tampered_payload(forger: Forger, token: str) -> str:
    """The genuine signature over claims whose expiry was pushed a year later."""
    header, claims, signature = forger.parts(token)
    return f"{_segment(header)}.{_segment({**claims, 'exp': claims['exp'] + YEAR})}.{signature}"


def expired(forger: Forger, token: str) -> str:
    """Properly signed, but its lifetime ended a second ago."""
    _, claims, _ = forger.parts(token)
    lifetime = claims["exp"] - claims["iat"]
    start = forger.now - lifetime - 1
    return forger.resigned(token, iat=start, nbf=start, exp=forger.now - 1)


def not_yet_valid(forger: Forger, token: str) -> str:
    """Properly signed, but valid only from ten minutes from now (``nbf``)."""
    return forger.resigned(token, nbf=forger.now + 600)


def wrong_issuer(forger: Forger, token: str) -> str:
    """Properly signed, but naming another issuer."""
    return forger.resigned(token, iss="https://attacker.example")


def wrong_audience(forger: Forger, token: str) -> str:
    """Properly signed, but for another audience."""
    return forger.resigned(token, aud="urn:attacker:api")


def other_api(forger: Forger, token: str) -> str:
    """The same claims, issued by another API of the same server (its issuer, audience and key)."""
    _, claims, _ = forger.parts(token)
    rest = {name: value for name, value in claims.items() if name not in ("iss", "aud", "sub", "iat", "nbf", "exp")}
    forged, _ = forger.other.mint(claims["sub"], claims["exp"] - forger.now, **rest)
    return forged


JWT_ATTACKS: dict[str, Forge] = {
    forge.__name__: forge
    for forge in (
        alg_none,
        signature_stripped,
        hs256_with_public_key,
        unknown_kid,
        missing_kid,
        tampered_payload,
        expired,
        not_yet_valid,
        wrong_issuer,
        wrong_audience,
        other_api,
    )
}
"""Every JWT attack, by name (the second half of the row id)."""


def genuine(forger: Forger, token: str) -> str:
    """No attack: the token as issued (the control row, which must be accepted)."""
    return token
