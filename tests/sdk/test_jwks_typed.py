"""bixarena's JWKS keys are typed: each key is a ``Jwk`` whose members are attributes, other members kept."""

from __future__ import annotations

from authkit_sdk.bixarena import JwksResponse
from authkit_sdk.bixarena._generated.models import Jwk
from authkit_sdk.bixarena._generated.types import UNSET

RSA_KEY = {"kty": "RSA", "kid": "4d1f0c0a-9a54", "alg": "RS256", "n": "0vx7agoebGc", "e": "AQAB", "x5t": "dGh1bWI"}
EC_KEY = {
    "kty": "EC",
    "kid": "bixarena-2026-01",
    "use": "sig",
    "alg": "ES256",
    "crv": "P-256",
    "x": "Tswg",
    "y": "CYmB",
}


def test_each_key_of_a_jwks_is_a_jwk_with_its_members_as_attributes() -> None:
    keys = JwksResponse.from_dict({"keys": [RSA_KEY, EC_KEY]}).keys
    assert isinstance(keys, list) and all(isinstance(key, Jwk) for key in keys)
    rsa, ec = keys
    assert (rsa.kty, rsa.kid, rsa.alg, rsa.n, rsa.e) == ("RSA", "4d1f0c0a-9a54", "RS256", "0vx7agoebGc", "AQAB")
    assert (ec.kty, ec.crv, ec.x, ec.y, ec.use) == ("EC", "P-256", "Tswg", "CYmB", "sig")


def test_members_a_key_does_not_have_are_unset_and_unknown_members_are_kept() -> None:
    rsa, ec = JwksResponse.from_dict({"keys": [RSA_KEY, EC_KEY]}).keys or []
    assert ec.n is UNSET and rsa.crv is UNSET and rsa.use is UNSET
    assert rsa.additional_properties == {"x5t": "dGh1bWI"}
    assert rsa.to_dict() == RSA_KEY
