"""polario's SCRAM-SHA-256 is RFC 7677's: the test vector end to end, and independent clients log in.

The server's side of SCRAM (``authkit_mock.apis.polario.scram``) and the SDK's client side (``authkit_sdk.scram``)
are separate implementations: each is checked against the RFC's vector, against the other, and the server against
scramp, a third implementation.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator

import pytest
from scramp import ScramClient, ScramException

from authkit_mock.apis.polario.scram import (
    SERVER_NONCE_BYTES,
    auth_message,
    b64,
    server_signature,
    verify_client_proof,
)
from authkit_mock.core.entropy import Entropy
from authkit_mock.core.passwords import ScramCredentials
from authkit_sdk import scram as sdk_scram
from tests.conftest import make_settings
from tests.server.polario.flow import (
    DEMO_EMAIL,
    DEMO_PASSWORD,
    RFC_CLIENT_NONCE,
    RFC_ITERATIONS,
    RFC_PASSWORD,
    RFC_PROOF,
    RFC_SALT,
    RFC_SERVER_NONCE,
    RFC_SIGNATURE,
    RFC_USER,
    PolarioClient,
    add_user,
)
from tests.support.server import RunningServer, running_server

RFC_NONCE = RFC_CLIENT_NONCE + RFC_SERVER_NONCE


class RfcServerNonce(Entropy):
    """Seeded randomness whose server nonce is the one of RFC 7677 section 3 (everything else stays random)."""

    def token_urlsafe(self, size: int = 32) -> str:
        if size == SERVER_NONCE_BYTES:
            return RFC_SERVER_NONCE
        return super().token_urlsafe(size)


@pytest.fixture
def polario(server: RunningServer) -> Iterator[PolarioClient]:
    client = PolarioClient(server)
    yield client
    client.close()


def test_the_server_side_gives_the_rfc_7677_values() -> None:
    salt = base64.b64decode(RFC_SALT)
    credentials = ScramCredentials.derive(RFC_PASSWORD, salt, RFC_ITERATIONS)
    message = auth_message(RFC_USER, RFC_CLIENT_NONCE, RFC_NONCE, RFC_SALT, RFC_ITERATIONS)
    assert message == (
        b"n=user,r=rOprNGfwEbeRWgbNEkqO,"
        b"r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,"
        b"c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0"
    )
    assert verify_client_proof(credentials, base64.b64decode(RFC_PROOF), message)
    assert b64(server_signature(credentials.server_key, message)) == RFC_SIGNATURE


def test_the_sdk_client_side_gives_the_rfc_7677_values() -> None:
    message = sdk_scram.auth_message(RFC_USER, RFC_CLIENT_NONCE, RFC_NONCE, RFC_SALT, RFC_ITERATIONS)
    final = sdk_scram.client_final(RFC_PASSWORD, base64.b64decode(RFC_SALT), RFC_ITERATIONS, message)
    assert sdk_scram.b64(final.proof) == RFC_PROOF
    assert sdk_scram.b64(final.server_signature) == RFC_SIGNATURE


@pytest.mark.parametrize("email", ["ada@example.com", "a=b,c@example.com", "ünï@example.com", "=,=,"])
@pytest.mark.parametrize("password", ["pencil", "pass word,=", "ünïcödé"])
def test_the_server_and_the_sdk_agree_on_every_step(email: str, password: str) -> None:
    salt, iterations, nonce = b"0123456789abcdef", 64, "client-nonce" + "server-part"
    server_message = auth_message(email, "client-nonce", nonce, b64(salt), iterations)
    assert server_message == sdk_scram.auth_message(email, "client-nonce", nonce, b64(salt), iterations)
    held = ScramCredentials.derive(password, salt, iterations)
    sdk_held = sdk_scram.ScramCredentials.derive(password, salt, iterations)
    assert (held.stored_key, held.server_key) == (sdk_held.stored_key, sdk_held.server_key)
    final = sdk_scram.client_final(password, salt, iterations, server_message)
    assert verify_client_proof(held, final.proof, server_message)
    assert server_signature(held.server_key, server_message) == final.server_signature
    wrong = sdk_scram.client_final(password + "x", salt, iterations, server_message)
    assert not verify_client_proof(held, wrong.proof, server_message)


def test_a_proof_over_another_auth_message_does_not_verify() -> None:
    credentials = ScramCredentials.derive(RFC_PASSWORD, base64.b64decode(RFC_SALT), RFC_ITERATIONS)
    other = auth_message(RFC_USER, RFC_CLIENT_NONCE, RFC_NONCE + "x", RFC_SALT, RFC_ITERATIONS)
    assert not verify_client_proof(credentials, base64.b64decode(RFC_PROOF), other)
    assert not verify_client_proof(credentials, base64.b64decode(RFC_PROOF)[:16], other)


def test_usernames_are_escaped_as_rfc_5802_says() -> None:
    assert sdk_scram.escape_username("a=b,c") == "a=3Db=2Cc"
    assert auth_message("a=b,c", "x", "xy", "c2FsdA==", 1).startswith(b"n=a=3Db=2Cc,r=x,")


def test_the_http_exchange_reproduces_the_rfc_7677_vector() -> None:
    with running_server(make_settings(entropy=RfcServerNonce(seed=1))) as server:
        add_user(server, RFC_USER, RFC_PASSWORD, base64.b64decode(RFC_SALT), RFC_ITERATIONS)
        client = PolarioClient(server)
        try:
            challenge = client.challenge(RFC_USER, RFC_CLIENT_NONCE)
            assert challenge.status_code == 200
            assert challenge.json() | {"expires": 0} == {
                "nonce": RFC_NONCE,
                "salt": RFC_SALT,
                "iterationCount": RFC_ITERATIONS,
                "expires": 0,
            }
            login = client.final(RFC_USER, RFC_NONCE, RFC_PROOF)
            assert login.status_code == 200, login.text
            assert login.json()["signature"] == RFC_SIGNATURE
        finally:
            client.close()


def scramp_login(polario: PolarioClient, email: str, password: str) -> None:
    """Log in with scramp driving the SCRAM side; its own check of the server's signature must pass."""
    scram = ScramClient(["SCRAM-SHA-256"], email, password)
    gs2_header, _, bare = scram.get_client_first().partition(",,")
    assert gs2_header == "n"
    client_nonce = dict(part.split("=", 1) for part in bare.split(","))["r"]
    challenge = polario.challenge(email, client_nonce)
    assert challenge.status_code == 200
    first = challenge.json()
    scram.set_server_first(f"r={first['nonce']},s={first['salt']},i={first['iterationCount']}")
    final = dict(part.split("=", 1) for part in scram.get_client_final().split(","))
    assert final["c"] == "biws"
    assert final["r"] == first["nonce"]
    login = polario.final(email, final["r"], final["p"])
    assert login.status_code == 200, login.text
    scram.set_server_final("v=" + login.json()["signature"])


def test_an_independent_scram_client_logs_in(polario: PolarioClient) -> None:
    scramp_login(polario, DEMO_EMAIL, DEMO_PASSWORD)


def test_an_independent_scram_client_logs_in_with_an_email_that_needs_escaping(
    server: RunningServer, polario: PolarioClient
) -> None:
    add_user(server, "odd=name,x@example.com", "s3cret", b"0123456789abcdef")
    scramp_login(polario, "odd=name,x@example.com", "s3cret")


def test_the_independent_client_rejects_a_wrong_server_signature() -> None:
    # The control for the tests above: scramp does check the signature, so its passing there means something.
    scram = ScramClient(["SCRAM-SHA-256"], RFC_USER, RFC_PASSWORD, c_nonce=RFC_CLIENT_NONCE)
    scram.get_client_first()
    scram.set_server_first(f"r={RFC_NONCE},s={RFC_SALT},i={RFC_ITERATIONS}")
    assert scram.get_client_final() == f"c=biws,r={RFC_NONCE},p={RFC_PROOF}"
    with pytest.raises(ScramException):
        scram.set_server_final("v=" + b64(bytes(32)))
    scram_ok = ScramClient(["SCRAM-SHA-256"], RFC_USER, RFC_PASSWORD, c_nonce=RFC_CLIENT_NONCE)
    scram_ok.get_client_first()
    scram_ok.set_server_first(f"r={RFC_NONCE},s={RFC_SALT},i={RFC_ITERATIONS}")
    scram_ok.get_client_final()
    scram_ok.set_server_final("v=" + RFC_SIGNATURE)
