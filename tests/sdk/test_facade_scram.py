"""SCRAM-SHA-256 login: the RFC 7677 test vector, an independent implementation (scramp), and a polario
client that refuses a server which cannot prove it knows the password."""

from __future__ import annotations

import base64
import json

import httpx
import pytest
import scramp

from authkit_sdk import errors, scram
from authkit_sdk.polario import AsyncPolarioClient, PolarioClient
from tests.sdk.facades import (
    RFC_CLIENT_NONCE,
    RFC_ITERATIONS,
    RFC_NONCE,
    RFC_PASSWORD,
    RFC_PROOF,
    RFC_SALT,
    RFC_SERVER_SIGNATURE,
    RFC_USER,
    api_router,
    make_facade,
)

RFC_AUTH_MESSAGE = (
    f"n={RFC_USER},r={RFC_CLIENT_NONCE},r={RFC_NONCE},s={RFC_SALT},i={RFC_ITERATIONS},c=biws,r={RFC_NONCE}"
).encode()


def _challenge(nonce: str = RFC_NONCE, salt: str = RFC_SALT, iterations: int = RFC_ITERATIONS) -> httpx.Response:
    return httpx.Response(200, json={"nonce": nonce, "salt": salt, "iterationCount": iterations, "expires": 1})


def _login_answer(signature: str) -> httpx.Response:
    body = {
        "signature": signature,
        "refreshToken": "refresh-1",
        "deviceId": "device-1",
        "sendbirdSessionToken": None,
        "redirectProjectId": None,
    }
    return httpx.Response(200, json=body, headers={"Session": "jwt-session-1"})


def test_the_auth_message_is_the_one_of_rfc_7677() -> None:
    message = scram.auth_message(RFC_USER, RFC_CLIENT_NONCE, RFC_NONCE, RFC_SALT, RFC_ITERATIONS)
    assert message == RFC_AUTH_MESSAGE


def test_the_client_proof_and_server_signature_are_those_of_rfc_7677() -> None:
    salt = base64.b64decode(RFC_SALT)
    final = scram.client_final(RFC_PASSWORD, salt, RFC_ITERATIONS, RFC_AUTH_MESSAGE)
    assert scram.b64(final.proof) == RFC_PROOF
    assert scram.b64(final.server_signature) == RFC_SERVER_SIGNATURE
    assert scram.client_proof(RFC_PASSWORD, salt, RFC_ITERATIONS, RFC_AUTH_MESSAGE) == final.proof


def test_the_server_side_accepts_the_rfc_proof_and_signs_like_the_rfc() -> None:
    credentials = scram.ScramCredentials.derive(RFC_PASSWORD, base64.b64decode(RFC_SALT), RFC_ITERATIONS)
    assert scram.verify_client_proof(credentials, base64.b64decode(RFC_PROOF), RFC_AUTH_MESSAGE)
    assert scram.b64(scram.server_signature(credentials.server_key, RFC_AUTH_MESSAGE)) == RFC_SERVER_SIGNATURE


def test_scramp_computes_the_same_proof_and_accepts_the_same_server_signature() -> None:
    client = scramp.ScramClient(["SCRAM-SHA-256"], RFC_USER, RFC_PASSWORD, c_nonce=RFC_CLIENT_NONCE)
    assert client.get_client_first() == f"n,,n={RFC_USER},r={RFC_CLIENT_NONCE}"
    client.set_server_first(f"r={RFC_NONCE},s={RFC_SALT},i={RFC_ITERATIONS}")
    salt = base64.b64decode(RFC_SALT)
    ours = scram.client_final(RFC_PASSWORD, salt, RFC_ITERATIONS, RFC_AUTH_MESSAGE)
    assert client.get_client_final() == f"c=biws,r={RFC_NONCE},p={scram.b64(ours.proof)}"
    client.set_server_final(f"v={scram.b64(ours.server_signature)}")  # raises if scramp disagrees


def test_scramp_and_the_sdk_agree_for_an_escaped_username_and_other_nonces() -> None:
    email, password, salt = "a=b,c@example.com", "correct horse", b"0123456789abcdef"
    client = scramp.ScramClient(["SCRAM-SHA-256"], email, password, c_nonce="clientNONCE123")
    client.get_client_first()
    nonce = "clientNONCE123serverPART"
    client.set_server_first(f"r={nonce},s={scram.b64(salt)},i=4096")
    message = scram.auth_message(email, "clientNONCE123", nonce, scram.b64(salt), 4096)
    ours = scram.client_final(password, salt, 4096, message)
    assert client.get_client_final().endswith(f",p={scram.b64(ours.proof)}")


def test_the_server_signature_check_rejects_a_wrong_or_malformed_signature() -> None:
    expected = base64.b64decode(RFC_SERVER_SIGNATURE)
    assert scram.verify_server_signature(expected, RFC_SERVER_SIGNATURE)
    assert not scram.verify_server_signature(expected, scram.b64(bytes(32)))
    assert not scram.verify_server_signature(expected, "not base64!")
    assert not scram.verify_server_signature(expected, scram.b64(expected[:16]))


def test_client_nonces_are_fresh_long_and_free_of_commas() -> None:
    nonces = {scram.new_client_nonce() for _ in range(50)}
    assert len(nonces) == 50
    for nonce in nonces:
        assert len(nonce) >= 24
        assert "," not in nonce
        assert nonce.isprintable()
        assert nonce.isascii()


def test_a_polario_login_sends_the_rfc_proof_and_keeps_the_session_from_the_session_header() -> None:
    router = api_router("polario")
    with make_facade("polario", router) as client:
        result = client.login(RFC_USER, RFC_PASSWORD, os="Mac", os_version="14.5", browser="Safari", platform="web")
        first = router["scram_first_message"].calls.last.request
        final = router["scram_final_message"].calls.last.request
        assert json.loads(first.content) == {"email": RFC_USER, "nonce": RFC_CLIENT_NONCE}
        assert json.loads(final.content) == {
            "email": RFC_USER,
            "nonce": RFC_NONCE,
            "proof": RFC_PROOF,
            "os": "Mac",
            "osVersion": "14.5",
            "deviceName": None,
            "browser": "Safari",
        }
        assert first.headers["Platform"] == final.headers["Platform"] == "web"
        assert result.signature == RFC_SERVER_SIGNATURE
        assert client.session_token == "jwt-session-1"
        assert client.refresh_token == "refresh-1"
        assert client.device_id == "device-1"


def test_a_login_without_platform_sends_no_platform_header() -> None:
    router = api_router("polario")
    with make_facade("polario", router) as client:
        client.login(RFC_USER, RFC_PASSWORD)
    assert "Platform" not in router["scram_first_message"].calls.last.request.headers
    assert "Platform" not in router["scram_final_message"].calls.last.request.headers


def test_the_default_client_nonce_comes_from_secrets_and_is_fresh_per_login() -> None:
    router = api_router("polario")
    router["scram_first_message"].mock(
        side_effect=lambda request: _challenge(nonce=json.loads(request.content)["nonce"] + "server")
    )
    router["scram_final_message"].mock(return_value=httpx.Response(401, json={"error": "wrong proof"}))
    with PolarioClient(httpx_args={"transport": httpx.MockTransport(router.handler)}) as client:
        for _ in range(2):
            with pytest.raises(errors.UnauthorizedError):
                client.login("someone@example.com", "pw")
    nonces = [json.loads(call.request.content)["nonce"] for call in router["scram_first_message"].calls]
    assert len(set(nonces)) == 2
    assert all(len(nonce) >= 24 and "," not in nonce for nonce in nonces)


@pytest.mark.parametrize(
    "forged",
    [scram.b64(bytes(32)), scram.b64(b"short"), "not-base64!", RFC_PROOF],
    ids=["zeros", "too-short", "not-base64", "the-client-proof"],
)
def test_a_forged_server_signature_is_rejected_and_no_session_is_kept(forged: str) -> None:
    router = api_router("polario")
    router["scram_final_message"].mock(return_value=_login_answer(forged))
    with make_facade("polario", router) as client:
        with pytest.raises(errors.ServerSignatureError) as raised:
            client.login(RFC_USER, RFC_PASSWORD)
        assert raised.value.status_code == 200
        assert client.session_token is None
        assert client.refresh_token is None
        assert client.device_id is None


def test_a_wrong_password_yields_a_signature_the_client_rejects() -> None:
    # The server answers with the signature for "pencil"; a client that typed another password computes another
    # expected signature, so it cannot be fooled into a session by a server that replays a transcript.
    router = api_router("polario")
    with make_facade("polario", router) as client, pytest.raises(errors.ServerSignatureError):
        client.login(RFC_USER, "not-pencil")


@pytest.mark.asyncio
async def test_the_async_twin_logs_in_and_rejects_a_forged_signature() -> None:
    router = api_router("polario")
    async with make_facade("polario", router, is_async=True) as client:
        assert isinstance(client, AsyncPolarioClient)
        await client.login(RFC_USER, RFC_PASSWORD)
        assert client.session_token == "jwt-session-1"
    assert json.loads(router["scram_final_message"].calls.last.request.content)["proof"] == RFC_PROOF
    router["scram_final_message"].mock(return_value=_login_answer(scram.b64(bytes(32))))
    async with make_facade("polario", router, is_async=True) as client:
        with pytest.raises(errors.ServerSignatureError):
            await client.login(RFC_USER, RFC_PASSWORD)
        assert client.session_token is None


@pytest.mark.parametrize(
    ("challenge", "reason"),
    [
        (_challenge(nonce="someone-elses-nonce"), "does not extend the client nonce"),
        (_challenge(nonce=RFC_CLIENT_NONCE), "does not extend the client nonce"),
        (_challenge(nonce=RFC_NONCE + ",x"), "characters SCRAM forbids"),
        (_challenge(iterations=1024), "fewer than 4096"),
        (_challenge(salt="***"), "salt is not base64"),
    ],
    ids=["foreign-nonce", "no-server-part", "comma-in-nonce", "too-few-iterations", "bad-salt"],
)
def test_a_challenge_a_client_must_refuse_raises_before_any_proof_is_sent(
    challenge: httpx.Response, reason: str
) -> None:
    router = api_router("polario")
    router["scram_first_message"].mock(return_value=challenge)
    with make_facade("polario", router) as client, pytest.raises(errors.MalformedResponseError, match=reason):
        client.login(RFC_USER, RFC_PASSWORD)
    assert not router["scram_final_message"].called


def test_the_minimum_iteration_count_is_configurable() -> None:
    router = api_router("polario")
    with (
        make_facade("polario", router, min_iterations=8192) as client,
        pytest.raises(errors.MalformedResponseError, match="fewer than 8192"),
    ):
        client.login(RFC_USER, RFC_PASSWORD)


def test_a_login_answer_without_the_session_header_raises_malformed_response_error() -> None:
    router = api_router("polario")
    answer = _login_answer(RFC_SERVER_SIGNATURE)
    del answer.headers["Session"]
    router["scram_final_message"].mock(return_value=answer)
    with make_facade("polario", router) as client:
        with pytest.raises(errors.MalformedResponseError, match="no Session header"):
            client.login(RFC_USER, RFC_PASSWORD)
        assert client.session_token is None


def test_a_client_nonce_with_a_comma_is_refused() -> None:
    router = api_router("polario")
    with make_facade("polario", router, nonce_factory=lambda: "bad,nonce") as client, pytest.raises(ValueError):
        client.login(RFC_USER, RFC_PASSWORD)
    assert not router["scram_first_message"].called
