"""Real JWTs: signing keys, the JWKS that publishes them, and minting and verifying tokens.

Signing and parsing go through PyJWT (with ``cryptography``); nothing here parses a JWT by hand. Each API
has its own :class:`TokenAuthority` (its own issuer, audience and key), so a token of one API is rejected by
another. ES256 is used throughout: no upstream documents an algorithm, and an ECDSA P-256 signature costs a
tenth of an RSA-2048 one.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import ec
from jwt.algorithms import ECAlgorithm

from authkit_mock.core.clock import Clock
from authkit_mock.core.entropy import Entropy

ALGORITHM = "ES256"


class InvalidTokenError(Exception):
    """A token that must not be accepted; ``reason`` says why (for logs and the journal, never for clients)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def thumbprint(public_jwk: Mapping[str, Any]) -> str:
    """The RFC 7638 JWK thumbprint (SHA-256) of an EC public key, used as its ``kid``."""
    members = {name: public_jwk[name] for name in ("crv", "kty", "x", "y")}
    digest = hashlib.sha256(json.dumps(members, separators=(",", ":"), sort_keys=True).encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


@dataclass(frozen=True)
class SigningKey:
    """An EC P-256 private key with its ``kid``."""

    kid: str
    private_key: ec.EllipticCurvePrivateKey

    @classmethod
    def generate(cls) -> SigningKey:
        """A fresh key (the ``kid`` is its thumbprint)."""
        key = ec.generate_private_key(ec.SECP256R1())
        return cls(thumbprint(ECAlgorithm.to_jwk(key.public_key(), as_dict=True)), key)

    @classmethod
    def from_jwk(cls, jwk: Mapping[str, Any]) -> SigningKey:
        """Load a private EC JWK (as written by :meth:`to_private_jwk`)."""
        key = ECAlgorithm.from_jwk(dict(jwk))
        if not isinstance(key, ec.EllipticCurvePrivateKey):
            raise ValueError("a signing key must be an EC private key")
        return cls(str(jwk.get("kid") or thumbprint(jwk)), key)

    def to_private_jwk(self) -> dict[str, Any]:
        """The private JWK, for a key file."""
        jwk: dict[str, Any] = ECAlgorithm.to_jwk(self.private_key, as_dict=True)
        return {**jwk, "kid": self.kid, "alg": ALGORITHM, "use": "sig"}

    def to_public_jwk(self) -> dict[str, Any]:
        """The public JWK, as published in a JWKS."""
        jwk: dict[str, Any] = ECAlgorithm.to_jwk(self.private_key.public_key(), as_dict=True)
        return {**jwk, "kid": self.kid, "alg": ALGORITHM, "use": "sig"}


class TokenAuthority:
    """Mints and verifies the JWTs of one issuer, against the server's clock."""

    def __init__(self, issuer: str, audience: str, key: SigningKey, clock: Clock, entropy: Entropy) -> None:
        self.issuer = issuer
        self.audience = audience
        self.key = key
        self._public_key = key.private_key.public_key()
        self._clock = clock
        self._entropy = entropy

    def jwks(self) -> dict[str, Any]:
        """The JSON Web Key Set (RFC 7517 section 5) that verifies this authority's tokens."""
        return {"keys": [self.key.to_public_jwk()]}

    def mint(self, subject: str, lifetime: float, jti: str | None = None, **claims: Any) -> tuple[str, dict[str, Any]]:
        """A signed token for ``subject`` valid for ``lifetime`` seconds, and its claims."""
        now = int(self._clock.now())
        payload: dict[str, Any] = {
            "iss": self.issuer,
            "aud": self.audience,
            "sub": subject,
            "iat": now,
            "nbf": now,
            "exp": now + int(lifetime),
            "jti": jti or self._entropy.token_urlsafe(16),
            **claims,
        }
        token = jwt.encode(payload, self.key.private_key, algorithm=ALGORITHM, headers={"kid": self.key.kid})
        return token, payload

    def verify(self, token: str) -> dict[str, Any]:
        """The claims of a token this authority issued and that is valid now; :class:`InvalidTokenError` otherwise.

        Rejects (RFC 8725 section 3.1 and 3.2): any algorithm but ES256 (so ``none`` and HS256 signed with the
        public key), an unknown or missing ``kid``, a bad signature, another issuer or audience, and a token
        that is expired or not yet valid by the server's clock.
        """
        if not token.isascii():
            # A JWT is base64url text (RFC 7519 section 3); PyJWT would fail to encode other characters (a header
            # the client sent as non-UTF-8 bytes arrives as surrogate escapes) with an error of its own.
            raise InvalidTokenError("malformed token: not ASCII")
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as error:
            raise InvalidTokenError(f"malformed token: {error}") from None
        if header.get("alg") != ALGORITHM:
            raise InvalidTokenError(f"algorithm {header.get('alg')!r} is not accepted")
        if header.get("kid") != self.key.kid:
            raise InvalidTokenError("unknown key id")
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                self._public_key,
                algorithms=[ALGORITHM],
                audience=self.audience,
                issuer=self.issuer,
                # Time is checked below against the server's clock, which QA can move forward.
                options={
                    "verify_exp": False,
                    "verify_nbf": False,
                    "verify_iat": False,
                    "require": ["iss", "aud", "sub", "iat", "exp", "jti"],
                },
            )
        except jwt.PyJWTError as error:
            raise InvalidTokenError(str(error)) from None
        now = self._clock.now()
        if not isinstance(claims["exp"], int) or now >= claims["exp"]:
            raise InvalidTokenError("expired")
        if not isinstance(claims.get("nbf", claims["iat"]), int) or now < claims.get("nbf", claims["iat"]):
            raise InvalidTokenError("not yet valid")
        return claims
