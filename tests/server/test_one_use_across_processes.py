"""The one-use protocol steps hold across server processes that share one Valkey/Redis (and, run over the memory
backend too, within one process): a SCRAM challenge answers once, a pending login completes once, an authorization
code is exchanged once, and its second use revokes the access token for every process.

Each "process" is its owner built on its own ``RedisConnection`` (its own pool), as in a server process of its own;
many attempts start together, alternating between the two.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac

import pytest
from multidict import MultiDict

from authkit_mock.apis.bixarena.relying_party import PendingLogins
from authkit_mock.apis.polario.scram import ChallengeRejectedError, Challenges, Verified
from authkit_mock.app import create_runtime
from authkit_mock.core.entropy import Entropy
from authkit_mock.core.ephemeral import MapFactory
from authkit_mock.core.passwords import ScramCredentials
from authkit_mock.core.pkce import s256_challenge
from authkit_mock.core.store import User
from authkit_mock.idp.authorization import AuthorizationRequest, RegisteredClient
from authkit_mock.idp.provider import OAuthError, Provider
from tests.conftest import make_settings
from tests.support.maps import Processes

NOW = 1_000_000.0
ATTEMPTS = 20
PASSWORD = "pencil"
SALT = b"salt of sixteen!"
ITERATIONS = 1000
VERIFIER = "v" * 43
CALLBACK = "http://127.0.0.1/cb"


def client_proof(message: bytes) -> bytes:
    """The client's side of RFC 5802 section 3, for the test's password."""
    salted = hashlib.pbkdf2_hmac("sha256", PASSWORD.encode(), SALT, ITERATIONS)
    client_key = hmac.new(salted, b"Client Key", hashlib.sha256).digest()
    signature = hmac.new(hashlib.sha256(client_key).digest(), message, hashlib.sha256).digest()
    return bytes(a ^ b for a, b in zip(client_key, signature, strict=True))


@pytest.mark.asyncio
async def test_a_scram_challenge_answered_at_two_processes_at_once_logs_in_once(processes: Processes) -> None:
    credentials = ScramCredentials.derive(PASSWORD, SALT, ITERATIONS)
    async with processes(2) as pair:
        challenges = [Challenges(maps, Entropy(seed=n), ITERATIONS) for n, maps in enumerate(pair)]
        challenge = await challenges[0].issue("ada@example.com", "client-nonce", None, credentials, NOW, 60)
        proof = client_proof(challenge.message())

        async def answer(i: int) -> Verified | None:
            try:
                return await challenges[i % 2].answer("ada@example.com", challenge.nonce, proof, None, NOW)
            except ChallengeRejectedError:
                return None

        answers = await asyncio.gather(*(answer(i) for i in range(ATTEMPTS)))
        assert [type(answer) for answer in answers].count(Verified) == 1


@pytest.mark.asyncio
async def test_a_pending_login_completed_at_two_processes_at_once_completes_once(processes: Processes) -> None:
    async with processes(2) as pair:
        logins = [PendingLogins(maps) for maps in pair]
        login = await logins[1].start(Entropy(seed=1), NOW, CALLBACK, "http://127.0.0.1/synapse")
        taken = await asyncio.gather(*(logins[i % 2].take(login.handle, NOW) for i in range(ATTEMPTS)))
        assert taken.count(login) == 1
        assert taken.count(None) == ATTEMPTS - 1


def provider_on(maps: MapFactory) -> Provider:
    """The embedded provider of one server process whose short-lived state lives in ``maps``."""
    runtime = create_runtime(make_settings())
    runtime.maps = maps
    runtime.store.add_user(User(api="bixarena", id="3350396", subject="3350396", name="Grace", email="g@example.com"))
    return Provider(runtime, {"bixarena": RegisteredClient("bixarena", "BixArena", ("/cb",))})


def token_form(code: str) -> MultiDict[str]:
    return MultiDict(
        grant_type="authorization_code", client_id="bixarena", code=code, redirect_uri=CALLBACK, code_verifier=VERIFIER
    )


@pytest.mark.asyncio
async def test_a_code_exchanged_at_two_processes_at_once_is_exchanged_once_and_its_replay_revokes_everywhere(
    processes: Processes,
) -> None:
    async with processes(2) as pair:
        providers = [provider_on(maps) for maps in pair]
        request = AuthorizationRequest("bixarena", CALLBACK, "openid profile", s256_challenge(VERIFIER), "s", "n")
        code = await providers[0].issue_code(request, "3350396")

        async def exchange(i: int) -> str | None:
            try:
                return str((await providers[i % 2].exchange(token_form(code)))["access_token"])
            except OAuthError as error:
                assert error.description == "The authorization code was already used."
                return None

        tokens = [token for token in await asyncio.gather(*(exchange(i) for i in range(ATTEMPTS))) if token]
        assert len(tokens) == 1
        # The replays above revoked the one access token: neither process answers userinfo for it.
        for provider in providers:
            with pytest.raises(OAuthError) as refused:
                await provider.userinfo(f"Bearer {tokens[0]}")
            assert refused.value.error == "invalid_token"


@pytest.mark.asyncio
async def test_an_access_token_works_at_every_process_until_its_code_is_replayed(processes: Processes) -> None:
    async with processes(2) as pair:
        providers = [provider_on(maps) for maps in pair]
        request = AuthorizationRequest("bixarena", CALLBACK, "openid profile", s256_challenge(VERIFIER), "s", "n")
        code = await providers[0].issue_code(request, "3350396")
        token = (await providers[1].exchange(token_form(code)))["access_token"]
        for provider in providers:
            assert await provider.userinfo(f"Bearer {token}") == {"sub": "3350396", "name": "Grace"}
        with pytest.raises(OAuthError):
            await providers[0].exchange(token_form(code))
        with pytest.raises(OAuthError):
            await providers[1].userinfo(f"Bearer {token}")
