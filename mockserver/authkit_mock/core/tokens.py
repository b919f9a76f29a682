"""Real JWTs: signing keys, the JWKS that publishes them, and minting and verifying tokens.

Signatures and parsing go through PyJWT (with ``cryptography``); nothing here parses a JWT by hand. Each API
has its own :class:`TokenAuthority` (its own issuer, audience and key), so a token of one API is rejected by
another. ES256 is the default: most upstreams document no algorithm, and an ECDSA P-256 signature costs a tenth of
an RSA-2048 one. bixarena's internal JWTs are RS256, as upstream mints them (see ``apis/bixarena``).

Minting builds what does not change per token once per key: the header segment (``{"alg","kid","typ"}``, sorted,
as ``jwt.encode`` writes it) and the signature's parameters (:class:`Signer`). Per token only the claims are
serialised and signed, as PyJWT's ``jwt.encode`` would (the tests verify every minted token with PyJWT).
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import os
import threading
import uuid
from collections.abc import Callable, Mapping
from concurrent.futures import Future
from typing import Any

import jwt
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from jwt.algorithms import ECAlgorithm, RSAAlgorithm

from authkit_mock.core.clock import Clock
from authkit_mock.core.entropy import Entropy
from authkit_mock.core.jsontext import compact_json

ALGORITHM = "ES256"
"""The default algorithm."""
RS256 = "RS256"
RSA_BITS = 2048

PrivateKey = ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey


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


def b64url(data: bytes) -> str:
    """Base64url without padding (RFC 7515 section 2)."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _new_rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=RSA_BITS)


def _fulfil(future: Future[PrivateKey], make: Callable[[], PrivateKey]) -> None:
    try:
        future.set_result(make())
    except BaseException as error:  # handed to whoever waits for the key
        future.set_exception(error)


class SigningKey:
    """A private key (EC P-256 for ES256, RSA-2048 for RS256) with its ``kid``.

    A generated RSA key is made in a background thread, started at once: RSA-2048 generation takes 0.15 to 0.5 s,
    which would otherwise delay every start, or block the event loop on first use. ``cryptography`` releases the
    GIL while it generates, so the server starts and answers meanwhile; the first use waits for the key if needed.
    """

    def __init__(
        self,
        kid: str,
        private_key: PrivateKey | None = None,
        algorithm: str = ALGORITHM,
        make: Callable[[], PrivateKey] | None = None,
    ) -> None:
        if private_key is None and make is None:
            raise ValueError("a signing key needs a private key or a way to make one")
        self.kid = kid
        self.algorithm = algorithm
        self._private_key = private_key
        self._public_key: ec.EllipticCurvePublicKey | rsa.RSAPublicKey | None = None
        self._made: Future[PrivateKey] | None = None
        self._make = make
        self._maker_pid = os.getpid()
        if private_key is None and make is not None:
            self._made = Future()
            threading.Thread(target=_fulfil, args=(self._made, make), name=f"keygen-{kid}", daemon=True).start()

    @property
    def private_key(self) -> PrivateKey:
        """The private key (waiting for it if it is still being made)."""
        if self._private_key is None:
            assert self._made is not None and self._make is not None
            if self._made.done() or os.getpid() == self._maker_pid:
                self._private_key = self._made.result()
            else:
                # A worker forked (``serve --workers``) while the key was being made: the thread making it stayed
                # in the parent, so this process makes its own (the shared store then gives every worker one key).
                self._private_key = self._make()
        return self._private_key

    @property
    def public_key(self) -> ec.EllipticCurvePublicKey | rsa.RSAPublicKey:
        """The public half (derived once)."""
        if self._public_key is None:
            self._public_key = self.private_key.public_key()
        return self._public_key

    @classmethod
    def generate(cls, algorithm: str = ALGORITHM, entropy: Entropy | None = None) -> SigningKey:
        """A fresh key. ES256: the ``kid`` is the key's RFC 7638 thumbprint. RS256: a random UUID, as upstream
        bixarena's ``JwkKeyStore`` names its keys, drawn from ``entropy``; the key itself is made in the background."""
        if algorithm == RS256:
            random = (entropy or Entropy()).token_bytes(16)
            return cls(str(uuid.UUID(bytes=random, version=4)), algorithm=RS256, make=_new_rsa_key)
        if algorithm != ALGORITHM:
            raise ValueError(f"unsupported signing algorithm {algorithm!r}")
        key = ec.generate_private_key(ec.SECP256R1())
        return cls(thumbprint(ECAlgorithm.to_jwk(key.public_key(), as_dict=True)), key)

    @classmethod
    def from_jwk(cls, jwk: Mapping[str, Any]) -> SigningKey:
        """Load a private EC or RSA JWK (as written by :meth:`to_private_jwk`)."""
        if jwk.get("kty") == "RSA":
            rsa_key = RSAAlgorithm.from_jwk(dict(jwk))
            if not isinstance(rsa_key, rsa.RSAPrivateKey):
                raise ValueError("a signing key must be a private key")
            if "kid" not in jwk:
                raise ValueError("an RSA signing key needs a kid")
            return cls(str(jwk["kid"]), rsa_key, RS256)
        key = ECAlgorithm.from_jwk(dict(jwk))
        if not isinstance(key, ec.EllipticCurvePrivateKey):
            raise ValueError("a signing key must be an EC private key")
        return cls(str(jwk.get("kid") or thumbprint(jwk)), key)

    def _jwk(self, private: bool) -> dict[str, Any]:
        key = self.private_key
        jwk: dict[str, Any]
        if isinstance(key, rsa.RSAPrivateKey):
            jwk = RSAAlgorithm.to_jwk(key if private else key.public_key(), as_dict=True)
        else:
            jwk = ECAlgorithm.to_jwk(key if private else key.public_key(), as_dict=True)
        # PyJWT adds ``key_ops`` to RSA JWKs only; upstream's (Nimbus) JWKS has none, nor do the EC keys here.
        jwk.pop("key_ops", None)
        return {**jwk, "kid": self.kid, "alg": self.algorithm, "use": "sig"}

    def to_private_jwk(self) -> dict[str, Any]:
        """The private JWK, for a key file."""
        return self._jwk(private=True)

    def to_public_jwk(self) -> dict[str, Any]:
        """The public JWK, as published in a JWKS."""
        return self._jwk(private=False)


class Signer:
    """The JWS signature of one algorithm (RFC 7518 section 3), its parameters built once, not per token as PyJWT's
    algorithm objects build them."""

    def __init__(self, algorithm: str) -> None:
        if algorithm not in (ALGORITHM, RS256):
            raise ValueError(f"unsupported signing algorithm {algorithm!r}")
        self.algorithm = algorithm
        self.slow = algorithm == RS256
        """Whether a signature costs enough to make it off the event loop (RSA-2048: about 250 µs)."""
        self._ecdsa = ec.ECDSA(hashes.SHA256())
        self._pkcs1 = padding.PKCS1v15()
        self._sha256 = hashes.SHA256()

    def sign(self, signing_input: bytes, key: PrivateKey) -> bytes:
        """The signature of ``signing_input``: RSASSA-PKCS1-v1_5 with SHA-256 (section 3.3), or ECDSA P-256 with
        SHA-256 as the 64 octets ``R || S`` (section 3.4), not the DER that ``cryptography`` returns."""
        if isinstance(key, rsa.RSAPrivateKey):
            return key.sign(signing_input, self._pkcs1, self._sha256)
        r, s = decode_dss_signature(key.sign(signing_input, self._ecdsa))
        return r.to_bytes(32, "big") + s.to_bytes(32, "big")


class TokenAuthority:
    """Mints and verifies the JWTs of one issuer, against the server's clock."""

    def __init__(self, issuer: str, audience: str, key: SigningKey, clock: Clock, entropy: Entropy) -> None:
        self.issuer = issuer
        self.audience = audience
        self.key = key
        self.algorithm = key.algorithm
        self._clock = clock
        self._entropy = entropy
        self._signer = Signer(key.algorithm)
        # The header never changes for this key: its segment is encoded once (sorted members, as ``jwt.encode``).
        header = {"alg": key.algorithm, "kid": key.kid, "typ": "JWT"}
        self._header_segment = b64url(compact_json(header).encode()) + "."
        self._jwks: dict[str, Any] | None = None

    def jwks(self) -> dict[str, Any]:
        """The JSON Web Key Set (RFC 7517 section 5) that verifies this authority's tokens (built once)."""
        if self._jwks is None:
            self._jwks = {"keys": [self.key.to_public_jwk()]}
        return self._jwks

    def mint(self, subject: str, lifetime: float, jti: str | None = None, **claims: Any) -> tuple[str, dict[str, Any]]:
        """A signed token for ``subject`` valid for ``lifetime`` seconds, and its claims."""
        signing_input, payload = self._unsigned(subject, lifetime, jti, claims)
        signature = self._signer.sign(signing_input, self.key.private_key)
        return f"{signing_input.decode('ascii')}.{b64url(signature)}", payload

    async def mint_async(
        self, subject: str, lifetime: float, jti: str | None = None, **claims: Any
    ) -> tuple[str, dict[str, Any]]:
        """:meth:`mint` for a handler: an RSA signature is made in a worker thread, off the event loop.

        An RSA-2048 signature takes about 250 µs of CPU; ``cryptography`` releases the GIL while it signs, so in a
        thread of the loop's default executor it runs on another core while the loop serves other requests (and
        does not stall them for that long). An ES256 signature (about 20 µs) is made here: handing it to a thread
        costs the loop more than it saves (``docs/operations/performance.md``).
        """
        if not self._signer.slow:
            return self.mint(subject, lifetime, jti, **claims)
        signing_input, payload = self._unsigned(subject, lifetime, jti, claims)
        loop = asyncio.get_running_loop()
        signature = await loop.run_in_executor(None, self._signer.sign, signing_input, self.key.private_key)
        return f"{signing_input.decode('ascii')}.{b64url(signature)}", payload

    def _unsigned(
        self, subject: str, lifetime: float, jti: str | None, claims: dict[str, Any]
    ) -> tuple[bytes, dict[str, Any]]:
        """The JWS signing input (RFC 7515 section 5.1, step 6) of a token for ``subject``, and its claims."""
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
        return (self._header_segment + b64url(compact_json(payload).encode())).encode("ascii"), payload

    def verify(self, token: str) -> dict[str, Any]:
        """The claims of a token this authority issued and that is valid now; :class:`InvalidTokenError` otherwise.

        Rejects (RFC 8725 section 3.1 and 3.2): any algorithm but the key's (so ``none`` and HS256 signed with the
        public key), an unknown or missing ``kid``, a bad signature, another issuer or audience, and a token
        that is expired or not yet valid by the server's clock.
        """
        if not token.isascii():
            # A JWT is base64url text (RFC 7519 section 3); PyJWT would fail to encode other characters (a header
            # the client sent as non-UTF-8 bytes arrives as surrogate escapes) with an error of its own.
            raise InvalidTokenError("malformed token: not ASCII")
        try:
            # One parse for a good token: PyJWT checks the algorithm against the key's alone before it verifies
            # the signature (RFC 8725 section 3.1), then the issuer, audience and required claims.
            complete = jwt.decode_complete(
                token,
                self.key.public_key,
                algorithms=[self.algorithm],
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
            raise InvalidTokenError(self._rejection(token, error)) from None
        if complete["header"].get("kid") != self.key.kid:
            raise InvalidTokenError("unknown key id")
        claims: dict[str, Any] = complete["payload"]
        now = self._clock.now()
        if not isinstance(claims["exp"], int) or now >= claims["exp"]:
            raise InvalidTokenError("expired")
        if not isinstance(claims.get("nbf", claims["iat"]), int) or now < claims.get("nbf", claims["iat"]):
            raise InvalidTokenError("not yet valid")
        return claims

    def _rejection(self, token: str, error: jwt.PyJWTError) -> str:
        """Why a token PyJWT refused is rejected, the most telling reason first: a malformed header, another
        algorithm, an unknown key id, then PyJWT's own reason (a bad signature, another issuer or audience)."""
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as malformed:
            return f"malformed token: {malformed}"
        if header.get("alg") != self.algorithm:
            return f"algorithm {header.get('alg')!r} is not accepted"
        if header.get("kid") != self.key.kid:
            return "unknown key id"
        return str(error)
