"""BixArena's relying-party checks (OIDC Core 1.0 section 3.1.3.7), one by one, on hand-made ID tokens.

Tokens are signed here with PyJWT and a key of the test's own; the function under test gets the JWKS, the
provider metadata and the clock value a callback would give it. The last test rotates the provider's key on a
running server: the client's cached JWKS is refreshed when an ID token names an unknown key.
"""

from __future__ import annotations

from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from jwt.algorithms import ECAlgorithm

from authkit_mock.apis.bixarena.relying_party import (
    LOGIN_TTL,
    LoginError,
    PendingLogins,
    ProviderMetadata,
    UnknownKeyError,
    authorization_url,
    verify_id_token,
)
from authkit_mock.core.entropy import Entropy
from authkit_mock.core.ephemeral import MemoryMaps
from authkit_mock.core.pkce import s256_challenge
from authkit_mock.core.tokens import SigningKey, TokenAuthority
from tests.conftest import make_settings
from tests.server.bixarena.flow import GRACE, BixarenaClient, query_of
from tests.support.server import running_server

NOW = 1_800_000_000
ISSUER = "http://127.0.0.1:4010/synapse"
CLIENT = "bixarena"
NONCE = "n-0S6_WzA2Mj"
METADATA = ProviderMetadata(
    issuer=ISSUER,
    authorization_endpoint=f"{ISSUER}/authorize",
    token_endpoint=f"{ISSUER}/token",
    jwks_uri=f"{ISSUER}/.well-known/jwks.json",
    algorithms=("ES256",),
)


class Signer:
    """An EC P-256 key that signs ID tokens and publishes itself as a JWKS."""

    def __init__(self, kid: str = "provider-key") -> None:
        self.kid = kid
        self.key = ec.generate_private_key(ec.SECP256R1())

    def jwks(self) -> jwt.PyJWKSet:
        public: dict[str, Any] = ECAlgorithm.to_jwk(self.key.public_key(), as_dict=True)
        return jwt.PyJWKSet.from_dict({"keys": [{**public, "kid": self.kid, "alg": "ES256", "use": "sig"}]})

    def sign(self, **changes: Any) -> str:
        claims: dict[str, Any] = {
            "iss": ISSUER,
            "sub": GRACE,
            "aud": CLIENT,
            "iat": NOW,
            "exp": NOW + 300,
            "nonce": NONCE,
        }
        claims.update(changes)
        claims = {name: value for name, value in claims.items() if value is not None}
        return jwt.encode(claims, self.key, algorithm="ES256", headers={"kid": self.kid})


@pytest.fixture
def signer() -> Signer:
    return Signer()


def verify(token: str, keys: jwt.PyJWKSet, now: float = NOW + 10) -> dict[str, Any]:
    return verify_id_token(token, keys, metadata=METADATA, client_id=CLIENT, nonce=NONCE, now=now)


def test_a_valid_id_token_gives_its_claims(signer: Signer) -> None:
    claims = verify(signer.sign(), signer.jwks())
    assert claims["sub"] == GRACE
    assert claims["nonce"] == NONCE


@pytest.mark.parametrize(
    ("changes", "detail"),
    [
        ({"nonce": "another"}, "The ID token nonce does not match the pending login."),
        ({"nonce": None}, "The ID token nonce does not match the pending login."),
        ({"aud": "someone-else"}, "The ID token audience is not this client."),
        ({"iss": "http://evil.example/synapse"}, "The ID token issuer is not the identity provider."),
        ({"aud": [CLIENT, "other"]}, "The ID token has several audiences and its azp is not this client."),
        ({"sub": ""}, "The ID token has no subject."),
    ],
)
def test_an_id_token_failing_a_claim_check_is_refused(signer: Signer, changes: dict[str, Any], detail: str) -> None:
    with pytest.raises(LoginError) as refused:
        verify(signer.sign(**changes), signer.jwks())
    assert refused.value.detail == detail


def test_several_audiences_are_accepted_when_azp_is_this_client(signer: Signer) -> None:
    assert verify(signer.sign(aud=[CLIENT, "other"], azp=CLIENT), signer.jwks())["azp"] == CLIENT


def test_an_id_token_without_exp_is_refused(signer: Signer) -> None:
    with pytest.raises(LoginError, match="not valid"):
        verify(signer.sign(exp=None), signer.jwks())


def test_an_id_token_expires_on_the_server_clock(signer: Signer) -> None:
    token = signer.sign()
    assert verify(token, signer.jwks(), now=NOW + 299)["sub"] == GRACE
    with pytest.raises(LoginError, match="expired"):
        verify(token, signer.jwks(), now=NOW + 300)


def test_an_id_token_signed_by_another_key_with_the_same_kid_is_refused(signer: Signer) -> None:
    impostor = Signer(kid=signer.kid)
    with pytest.raises(LoginError, match="signature is not valid"):
        verify(impostor.sign(), signer.jwks())


def test_an_id_token_naming_an_unpublished_key_asks_for_a_fresh_jwks(signer: Signer) -> None:
    with pytest.raises(UnknownKeyError):
        verify(Signer(kid="rotated").sign(), signer.jwks())


def test_an_unsigned_id_token_is_refused(signer: Signer) -> None:
    unsigned = jwt.encode({"iss": ISSUER, "sub": GRACE, "aud": CLIENT, "nonce": NONCE}, "", algorithm="none")
    with pytest.raises(LoginError, match="'none' is not one the identity provider announces"):
        verify(unsigned, signer.jwks())


def test_an_hmac_id_token_is_refused_even_if_the_provider_announced_it(signer: Signer) -> None:
    hmac_token = jwt.encode({"iss": ISSUER, "sub": GRACE}, "a-shared-secret-of-32-bytes-long!", algorithm="HS256")
    metadata = ProviderMetadata.from_document(
        {
            "issuer": ISSUER,
            "authorization_endpoint": METADATA.authorization_endpoint,
            "token_endpoint": METADATA.token_endpoint,
            "jwks_uri": METADATA.jwks_uri,
            "id_token_signing_alg_values_supported": ["HS256", "none", "ES256"],
        }
    )
    assert metadata.algorithms == ("ES256",)
    with pytest.raises(LoginError, match="'HS256'"):
        verify_id_token(hmac_token, signer.jwks(), metadata=metadata, client_id=CLIENT, nonce=NONCE, now=NOW)


def test_a_malformed_id_token_is_refused(signer: Signer) -> None:
    with pytest.raises(LoginError, match="malformed"):
        verify("not.a.jwt", signer.jwks())


# --- discovery, the authorize URL, pending logins ------------------------------------------------------------


def test_a_discovery_document_lacking_an_endpoint_is_refused() -> None:
    with pytest.raises(LoginError, match="lacks token_endpoint, jwks_uri"):
        ProviderMetadata.from_document({"issuer": ISSUER, "authorization_endpoint": METADATA.authorization_endpoint})


def test_a_provider_without_pkce_s256_is_refused() -> None:
    document = {
        "issuer": ISSUER,
        "authorization_endpoint": METADATA.authorization_endpoint,
        "token_endpoint": METADATA.token_endpoint,
        "jwks_uri": METADATA.jwks_uri,
        "code_challenge_methods_supported": ["plain"],
    }
    with pytest.raises(LoginError, match="PKCE S256"):
        ProviderMetadata.from_document(document)


@pytest.mark.asyncio
async def test_the_authorize_url_carries_the_s256_challenge_of_the_pending_logins_verifier() -> None:
    callback = "http://127.0.0.1:4010/bixarena/auth/oidc/callback"
    login = await PendingLogins(MemoryMaps()).start(Entropy(seed=1), NOW, callback, ISSUER)
    params = query_of(authorization_url(METADATA, CLIENT, login))
    assert params == {
        "response_type": "code",
        "scope": "openid",
        "client_id": CLIENT,
        "redirect_uri": login.redirect_uri,
        "state": login.state,
        "nonce": login.nonce,
        "code_challenge": s256_challenge(login.code_verifier),
        "code_challenge_method": "S256",
    }
    assert len(login.code_verifier) == 43


@pytest.mark.asyncio
async def test_a_pending_login_can_be_taken_once() -> None:
    logins = PendingLogins(MemoryMaps())
    login = await logins.start(Entropy(seed=1), NOW, "http://cb", ISSUER)
    assert await logins.take(login.handle, NOW) == login
    assert await logins.take(login.handle, NOW) is None
    assert await logins.take(None, NOW) is None


@pytest.mark.asyncio
async def test_expired_pending_logins_are_dropped_when_a_new_one_starts() -> None:
    logins = PendingLogins(MemoryMaps())
    old = await logins.start(Entropy(seed=1), NOW, "http://cb", ISSUER)
    # Kept one more LOGIN_TTL past its expiry, so that a late callback hears that its login expired.
    assert await logins.take(old.handle, NOW + LOGIN_TTL) == old
    await logins.start(Entropy(seed=2), NOW, "http://cb", ISSUER)
    late = NOW + 2 * LOGIN_TTL
    await logins.start(Entropy(seed=3), late, "http://cb", ISSUER)
    assert (await logins.entries.usage())[0] == 1


# --- the cached JWKS on a running server -----------------------------------------------------------------------


def test_the_cached_provider_jwks_is_refreshed_when_the_provider_rotates_its_key() -> None:
    with running_server(make_settings(idp_auto_login=GRACE)) as server:
        client = BixarenaClient(server)
        client.log_in()  # the provider's JWKS is now cached

        def rotate() -> None:
            old = server.runtime.authorities["synapse"]
            settings = server.runtime.settings
            server.runtime.authorities["synapse"] = TokenAuthority(
                old.issuer, old.audience, SigningKey.generate(), settings.clock, settings.entropy
            )

        server.sync(rotate)
        callback_url = client.authorize(client.start())
        response = client.callback(callback_url)
        client.close()
    assert query_of(callback_url)["code"]
    assert response.status_code == 200
