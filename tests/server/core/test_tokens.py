"""The token authority rejects every token it must not accept (RFC 8725), judged by the server's clock."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable

import jwt
import pytest
from cryptography.hazmat.primitives import serialization

from authkit_mock.core.clock import Clock
from authkit_mock.core.entropy import Entropy
from authkit_mock.core.tokens import InvalidTokenError, SigningKey, TokenAuthority, thumbprint

NOW = 1_800_000_000.0


class FakeTime:
    """A time source the test moves by hand."""

    def __init__(self) -> None:
        self.value = NOW

    def __call__(self) -> float:
        return self.value


def authority(issuer: str = "http://mock/pacerpro", audience: str = "urn:authkit:pacerpro") -> TokenAuthority:
    return TokenAuthority(issuer, audience, SigningKey.generate(), Clock(FakeTime()), Entropy(seed=7))


def _b64(data: dict[str, object]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def test_a_minted_token_verifies_and_carries_its_claims() -> None:
    issuer = authority()
    token, claims = issuer.mint("user-1", 60, role="demo")
    verified = issuer.verify(token)
    assert verified == claims
    assert verified["role"] == "demo"
    assert jwt.get_unverified_header(token)["kid"] == issuer.key.kid


def test_the_jwks_verifies_a_minted_token_with_an_independent_reader() -> None:
    issuer = authority()
    token, _ = issuer.mint("user-1", 60)
    key = jwt.PyJWK(issuer.jwks()["keys"][0])
    claims = jwt.decode(
        token,
        key,
        algorithms=["ES256"],
        audience=issuer.audience,
        options={"verify_exp": False, "verify_iat": False, "verify_nbf": False},
    )
    assert claims["sub"] == "user-1"


def test_the_kid_is_the_rfc_7638_thumbprint_of_the_public_key() -> None:
    key = SigningKey.generate()
    assert key.kid == thumbprint(key.to_public_jwk())
    assert SigningKey.from_jwk(key.to_private_jwk()).kid == key.kid


def _forge(issuer: TokenAuthority, make: Callable[[str], str]) -> str:
    good, _ = issuer.mint("user-1", 60)
    return make(good)


def test_alg_none_is_rejected() -> None:
    issuer = authority()
    token = _forge(
        issuer, lambda good: ".".join([_b64({"alg": "none", "kid": issuer.key.kid}), good.split(".")[1], ""])
    )
    with pytest.raises(InvalidTokenError, match="algorithm"):
        issuer.verify(token)


def test_hs256_signed_with_the_public_key_is_rejected() -> None:
    issuer = authority()
    _, claims = issuer.mint("user-1", 60)
    public_pem = issuer.key.private_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    header = _b64({"alg": "HS256", "typ": "JWT", "kid": issuer.key.kid})
    payload = _b64(claims)
    import hashlib
    import hmac

    signature = hmac.new(public_pem, f"{header}.{payload}".encode(), hashlib.sha256).digest()
    token = f"{header}.{payload}.{base64.urlsafe_b64encode(signature).rstrip(b'=').decode()}"
    with pytest.raises(InvalidTokenError, match="algorithm"):
        issuer.verify(token)


def test_an_unknown_kid_is_rejected() -> None:
    issuer = authority()
    other = SigningKey.generate()
    token = jwt.encode({"sub": "x"}, other.private_key, algorithm="ES256", headers={"kid": other.kid})
    with pytest.raises(InvalidTokenError, match="unknown key id"):
        issuer.verify(token)


def test_a_missing_kid_is_rejected() -> None:
    issuer = authority()
    _, claims = issuer.mint("user-1", 60)
    token = jwt.encode(claims, issuer.key.private_key, algorithm="ES256")
    with pytest.raises(InvalidTokenError, match="unknown key id"):
        issuer.verify(token)


def test_a_tampered_payload_is_rejected() -> None:
    issuer = authority()
    good, claims = issuer.mint("user-1", 60)
    header, _, signature = good.split(".")
    tampered = f"{header}.{_b64({**claims, 'sub': 'admin'})}.{signature}"
    with pytest.raises(InvalidTokenError, match="Signature verification failed"):
        issuer.verify(tampered)


def test_a_token_of_another_issuer_or_audience_is_rejected() -> None:
    key = SigningKey.generate()
    clock = Clock(FakeTime())
    pacerpro = TokenAuthority("http://mock/pacerpro", "urn:authkit:pacerpro", key, clock, Entropy(seed=1))
    authlance = TokenAuthority("http://mock/authlance", "urn:authkit:authlance", key, clock, Entropy(seed=1))
    token, _ = authlance.mint("user-1", 60)
    with pytest.raises(InvalidTokenError, match=r"(?i)issuer"):
        pacerpro.verify(token)
    other_audience = TokenAuthority("http://mock/pacerpro", "urn:authkit:authlance", key, clock, Entropy(seed=1))
    token, _ = other_audience.mint("user-1", 60)
    with pytest.raises(InvalidTokenError, match=r"(?i)audience"):
        pacerpro.verify(token)
    same_audience = TokenAuthority("http://mock/elsewhere", "urn:authkit:pacerpro", key, clock, Entropy(seed=1))
    token, _ = same_audience.mint("user-1", 60)
    with pytest.raises(InvalidTokenError, match=r"(?i)issuer"):
        pacerpro.verify(token)


def test_a_token_expires_when_the_clock_moves_past_exp() -> None:
    time = FakeTime()
    clock = Clock(time)
    issuer = TokenAuthority("http://mock/p", "urn:p", SigningKey.generate(), clock, Entropy(seed=1))
    token, _ = issuer.mint("user-1", 60)
    clock.advance(59)
    issuer.verify(token)
    clock.advance(1)
    with pytest.raises(InvalidTokenError, match="expired"):
        issuer.verify(token)


def test_a_token_not_yet_valid_is_rejected() -> None:
    issuer = authority()
    _, claims = issuer.mint("user-1", 60)
    early = jwt.encode(
        {**claims, "nbf": int(NOW) + 30}, issuer.key.private_key, algorithm="ES256", headers={"kid": issuer.key.kid}
    )
    with pytest.raises(InvalidTokenError, match="not yet valid"):
        issuer.verify(early)


def test_garbage_is_rejected_as_malformed() -> None:
    with pytest.raises(InvalidTokenError, match="malformed"):
        authority().verify("not-a-jwt")
