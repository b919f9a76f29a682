"""RS256 signing keys (bixarena's, as upstream's ``JwkKeyStore``): UUID ``kid``s from the injected randomness,
RSA-2048, tokens that verify with ``algorithms=["RS256"]`` only, and key files that keep them across restarts.

Upstream: Sage-Bionetworks/sage-monorepo at 86cae545e859d394a33e16fd2d396d22955e4e26,
``apps/bixarena/auth-service/.../security/key/JwkKeyStore.java`` and ``service/InternalJwtService.java``.
"""

from __future__ import annotations

import json
import threading
import uuid
from pathlib import Path

import jwt
import pytest

from authkit_mock.core.clock import Clock
from authkit_mock.core.entropy import Entropy
from authkit_mock.core.keys import load_or_create_keys
from authkit_mock.core.tokens import RS256, InvalidTokenError, Signer, SigningKey, TokenAuthority

NOW = 1_800_000_000.0


def rs256_authority(key: SigningKey | None = None) -> TokenAuthority:
    key = key or SigningKey.generate(RS256, Entropy(seed=3))
    return TokenAuthority("http://mock/bixarena", "urn:bixarena:api", key, Clock(lambda: NOW), Entropy(seed=7))


def test_an_rsa_key_is_2048_bits_and_named_by_a_uuid_drawn_from_the_injected_randomness() -> None:
    key = SigningKey.generate(RS256, Entropy(seed=3))
    assert key.kid == SigningKey.generate(RS256, Entropy(seed=3)).kid
    assert uuid.UUID(key.kid).version == 4
    assert key.private_key.key_size == 2048


def test_an_rs256_token_verifies_with_the_published_jwks_and_rs256_only() -> None:
    issuer = rs256_authority()
    token, claims = issuer.mint("3350396", 600, roles=["user"])
    assert jwt.get_unverified_header(token) == {"alg": "RS256", "kid": issuer.key.kid, "typ": "JWT"}
    public = jwt.PyJWK(issuer.jwks()["keys"][0])
    options: jwt.types.Options = {"verify_exp": False, "verify_iat": False, "verify_nbf": False}
    assert jwt.decode(token, public, algorithms=["RS256"], audience="urn:bixarena:api", options=options) == claims
    with pytest.raises(jwt.InvalidAlgorithmError):
        jwt.decode(token, public, algorithms=["ES256"], audience="urn:bixarena:api", options=options)
    assert issuer.verify(token) == claims


@pytest.mark.asyncio
async def test_a_handler_gets_its_rsa_signature_made_off_the_event_loop_and_its_ec_signature_on_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # An RSA-2048 signature holds about 250 µs of CPU: made on the loop, it stalls every other request that long and
    # leaves the second core idle (cryptography releases the GIL while it signs).
    signed_in: list[int] = []
    sign = Signer.sign

    def recording(signer: Signer, signing_input: bytes, key: object) -> bytes:
        signed_in.append(threading.get_ident())
        return sign(signer, signing_input, key)  # type: ignore[arg-type]

    monkeypatch.setattr(Signer, "sign", recording)
    rs256 = rs256_authority()
    token, claims = await rs256.mint_async("3350396", 600, roles=["user"])
    es256 = TokenAuthority("http://mock/p", "urn:p", SigningKey.generate(), Clock(lambda: NOW), Entropy(seed=7))
    es_token, es_claims = await es256.mint_async("demo", 600)
    loop_thread = threading.get_ident()
    assert signed_in[0] != loop_thread
    assert signed_in[1] == loop_thread
    options: jwt.types.Options = {"verify_exp": False, "verify_iat": False, "verify_nbf": False}
    public = jwt.PyJWK(rs256.jwks()["keys"][0])
    assert jwt.decode(token, public, algorithms=["RS256"], audience="urn:bixarena:api", options=options) == claims
    assert claims["roles"] == ["user"]
    assert es256.verify(es_token) == es_claims


def test_an_es256_token_is_not_accepted_by_an_rs256_authority() -> None:
    issuer = rs256_authority()
    attacker = SigningKey.generate().private_key
    forged = jwt.encode({"sub": "x"}, attacker, algorithm="ES256", headers={"kid": issuer.key.kid})
    with pytest.raises(InvalidTokenError, match="algorithm 'ES256' is not accepted"):
        issuer.verify(forged)


def test_the_private_rsa_jwk_loads_back_as_the_same_key() -> None:
    key = SigningKey.generate(RS256, Entropy(seed=3))
    loaded = SigningKey.from_jwk(key.to_private_jwk())
    assert (loaded.kid, loaded.algorithm) == (key.kid, RS256)
    assert loaded.to_public_jwk() == key.to_public_jwk()
    assert "key_ops" not in key.to_public_jwk()


def test_a_key_file_keeps_the_rsa_key_and_replaces_a_key_of_another_algorithm(tmp_path: Path) -> None:
    key_file = tmp_path / "keys.json"
    key_file.write_text(json.dumps({"bixarena": SigningKey.generate().to_private_jwk()}))  # an ES256 key of old
    first = load_or_create_keys({"bixarena": RS256, "pacerpro": "ES256"}, key_file, Entropy(seed=1))
    assert first["bixarena"].algorithm == RS256
    again = load_or_create_keys({"bixarena": RS256, "pacerpro": "ES256"}, key_file, Entropy(seed=2))
    assert {name: key.to_public_jwk() for name, key in again.items()} == {
        name: key.to_public_jwk() for name, key in first.items()
    }
