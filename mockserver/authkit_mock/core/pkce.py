"""PKCE (RFC 7636): the code verifier, its S256 challenge, and checking one against the other.

Shared by both ends of the bixarena login: the relying party (``apis/bixarena``) makes the verifier and
sends the challenge; the embedded identity provider (``idp``) checks the verifier at its token endpoint.
Only ``S256`` is supported: ``plain`` protects nothing when the authorization request can be observed.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re

from authkit_mock.core.entropy import Entropy

S256 = "S256"

# RFC 7636 section 4.1: code-verifier = 43*128unreserved, unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~".
_VERIFIER = re.compile(r"[A-Za-z0-9\-._~]{43,128}")
# Section 4.2: an S256 challenge is BASE64URL(SHA-256(...)) without padding: exactly 43 characters.
_S256_CHALLENGE = re.compile(r"[A-Za-z0-9\-_]{43}")


def new_verifier(entropy: Entropy) -> str:
    """A fresh code verifier: 32 random octets, base64url-encoded to 43 characters (RFC 7636 section 4.1)."""
    return entropy.token_urlsafe(32)


def s256_challenge(verifier: str) -> str:
    """The S256 code challenge of ``verifier``: BASE64URL(SHA256(ASCII(code_verifier))) (RFC 7636 section 4.2)."""
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def is_valid_verifier(verifier: str) -> bool:
    """Whether ``verifier`` has the syntax of RFC 7636 section 4.1."""
    return _VERIFIER.fullmatch(verifier) is not None


def is_valid_s256_challenge(challenge: str) -> bool:
    """Whether ``challenge`` can be an S256 challenge (43 base64url characters, no padding)."""
    return _S256_CHALLENGE.fullmatch(challenge) is not None


def verifier_matches(verifier: str, challenge: str) -> bool:
    """Whether ``verifier`` hashes to ``challenge`` (RFC 7636 section 4.6), compared in constant time."""
    if not is_valid_verifier(verifier):
        return False
    return hmac.compare_digest(s256_challenge(verifier), challenge)
