"""polario's SCRAM login: challenges, and every way a client-final message is refused."""

from __future__ import annotations

import base64
from collections.abc import Iterator

import pytest

from authkit_mock.core.entropy import Entropy
from authkit_sdk.scram import b64
from tests.conftest import make_settings
from tests.server.polario.flow import (
    CLIENT_NONCE,
    DEMO_EMAIL,
    DEMO_PASSWORD,
    PolarioClient,
    add_user,
    proof_for,
)
from tests.support.server import RunningServer, running_server

OTHER_EMAIL = "other@example.com"
OTHER_PASSWORD = "other-secret"


@pytest.fixture
def polario(server: RunningServer) -> Iterator[PolarioClient]:
    client = PolarioClient(server)
    yield client
    client.close()


# --- the challenge (POST /auth/auth) ---------------------------------------------------------------------


def test_a_challenge_appends_a_server_nonce_and_expires_after_the_configured_time(
    server: RunningServer, polario: PolarioClient
) -> None:
    now = server.sync(lambda: server.runtime.clock_now)
    first = polario.challenge(DEMO_EMAIL).json()
    second = polario.challenge(DEMO_EMAIL).json()
    assert first["nonce"].startswith(CLIENT_NONCE)
    assert len(first["nonce"]) >= len(CLIENT_NONCE) + 18
    assert first["nonce"] != second["nonce"]
    assert first["iterationCount"] == 4096
    assert len(base64.b64decode(first["salt"], validate=True)) == 16
    ttl = server.settings.polario_challenge_ttl
    assert now + ttl - 2 <= first["expires"] <= now + ttl + 1


def test_the_demo_user_is_stored_as_scram_keys_only(server: RunningServer) -> None:
    user = server.sync(lambda: server.runtime.store.user("polario", DEMO_EMAIL))
    assert user is not None
    assert user.password is None
    assert user.scram is not None
    assert user.scram.iterations == server.settings.scram_iterations
    assert DEMO_PASSWORD.encode() not in repr(user).encode()


def test_an_unknown_email_gets_a_challenge_of_the_same_shape_with_a_stable_salt(polario: PolarioClient) -> None:
    known = polario.challenge(DEMO_EMAIL).json()
    first = polario.challenge("nobody@example.com").json()
    again = polario.challenge("nobody@example.com", nonce="another-client-nonce").json()
    someone_else = polario.challenge("nobody-else@example.com").json()
    assert set(first) == set(known)
    assert first["iterationCount"] == known["iterationCount"]
    assert len(first["salt"]) == len(known["salt"])
    assert first["nonce"].startswith(CLIENT_NONCE)
    assert again["nonce"].startswith("another-client-nonce")
    assert first["salt"] == again["salt"]
    assert first["salt"] != someone_else["salt"]
    assert first["salt"] != known["salt"]


def test_an_unknown_email_keeps_its_salt_whatever_its_case_as_a_known_one_does(polario: PolarioClient) -> None:
    known = {polario.challenge(email).json()["salt"] for email in (DEMO_EMAIL, DEMO_EMAIL.upper())}
    unknown = {polario.challenge(email).json()["salt"] for email in ("nobody@example.com", "NoBody@Example.com")}
    assert len(known) == len(unknown) == 1


def test_fake_salts_differ_from_server_to_server() -> None:
    salts = []
    for seed in (1, 2):
        with running_server(make_settings(entropy=Entropy(seed=seed))) as server:
            client = PolarioClient(server)
            salts.append(client.challenge("nobody@example.com").json()["salt"])
            client.close()
    assert salts[0] != salts[1]


def test_an_unknown_email_then_fails_like_a_wrong_password(polario: PolarioClient) -> None:
    challenge, proof = polario.prepared_login("nobody@example.com", DEMO_PASSWORD)
    unknown = polario.final("nobody@example.com", challenge["nonce"], proof)
    challenge, proof = polario.prepared_login(DEMO_EMAIL, "wrong password")
    wrong = polario.final(DEMO_EMAIL, challenge["nonce"], proof)
    assert unknown.status_code == wrong.status_code == 401
    assert unknown.json() == wrong.json() == {"error": "authentication failed"}


@pytest.mark.parametrize(
    "body",
    [
        {"nonce": CLIENT_NONCE},
        {"email": DEMO_EMAIL},
        {"email": "", "nonce": CLIENT_NONCE},
        {"email": DEMO_EMAIL, "nonce": ""},
        {"email": DEMO_EMAIL, "nonce": "has,comma"},
        {"email": DEMO_EMAIL, "nonce": "has space"},
        {"email": 5, "nonce": CLIENT_NONCE},
        [DEMO_EMAIL, CLIENT_NONCE],
    ],
)
def test_a_malformed_first_message_is_a_400(polario: PolarioClient, body: object) -> None:
    response = polario.http.post("/auth/auth", json=body)
    assert response.status_code == 400
    assert response.json()["error"].startswith("invalid request body")


def test_a_first_message_that_is_not_json_is_a_400(polario: PolarioClient) -> None:
    response = polario.http.post("/auth/auth", content=b"{not json", headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert "error" in response.json()


# --- the login (POST /auth/login) ---------------------------------------------------------------------------


def test_a_right_proof_logs_in_and_the_server_proves_it_knows_the_password(polario: PolarioClient) -> None:
    from authkit_sdk.scram import ScramCredentials, auth_message, server_signature

    challenge, proof = polario.prepared_login(DEMO_EMAIL, DEMO_PASSWORD)
    response = polario.final(DEMO_EMAIL, challenge["nonce"], proof, deviceName=None, browser="Safari")
    assert response.status_code == 200
    body = response.json()
    salt = base64.b64decode(challenge["salt"])
    expected = ScramCredentials.derive(DEMO_PASSWORD, salt, challenge["iterationCount"])
    message = auth_message(DEMO_EMAIL, CLIENT_NONCE, challenge["nonce"], challenge["salt"], challenge["iterationCount"])
    assert body["signature"] == b64(server_signature(expected.server_key, message))
    assert body["sendbirdSessionToken"] is None
    assert body["redirectProjectId"] is None
    assert body["refreshToken"]
    assert body["deviceId"]
    assert response.headers["Session"].count(".") == 2


def test_each_login_gets_its_own_device_id_and_session(polario: PolarioClient) -> None:
    first = polario.login()
    second = polario.login()
    assert first.device_id != second.device_id
    assert first.refresh_token != second.refresh_token


def test_a_wrong_proof_is_a_401(polario: PolarioClient) -> None:
    challenge, proof = polario.prepared_login(DEMO_EMAIL, DEMO_PASSWORD)
    wrong = base64.b64decode(proof)
    wrong = bytes([wrong[0] ^ 1]) + wrong[1:]
    response = polario.final(DEMO_EMAIL, challenge["nonce"], b64(wrong))
    assert response.status_code == 401
    assert response.json() == {"error": "authentication failed"}


def test_a_proof_of_the_wrong_length_is_a_401(polario: PolarioClient) -> None:
    challenge, proof = polario.prepared_login(DEMO_EMAIL, DEMO_PASSWORD)
    response = polario.final(DEMO_EMAIL, challenge["nonce"], b64(base64.b64decode(proof)[:20]))
    assert response.status_code == 401


def test_a_replayed_challenge_is_a_401(polario: PolarioClient) -> None:
    challenge, proof = polario.prepared_login(DEMO_EMAIL, DEMO_PASSWORD)
    assert polario.final(DEMO_EMAIL, challenge["nonce"], proof).status_code == 200
    replay = polario.final(DEMO_EMAIL, challenge["nonce"], proof)
    assert replay.status_code == 401
    assert replay.json() == {"error": "challenge expired or unknown"}


def test_a_challenge_is_used_up_by_a_failed_login(polario: PolarioClient) -> None:
    challenge, proof = polario.prepared_login(DEMO_EMAIL, DEMO_PASSWORD)
    assert polario.final(DEMO_EMAIL, challenge["nonce"], b64(bytes(32))).status_code == 401
    # The right proof now comes too late: guessing passwords takes a new challenge each time.
    assert polario.final(DEMO_EMAIL, challenge["nonce"], proof).status_code == 401


def test_an_unknown_nonce_is_a_401(polario: PolarioClient) -> None:
    challenge, proof = polario.prepared_login(DEMO_EMAIL, DEMO_PASSWORD)
    response = polario.final(DEMO_EMAIL, challenge["nonce"] + "x", proof)
    assert response.status_code == 401
    assert response.json() == {"error": "challenge expired or unknown"}


def test_an_expired_challenge_is_a_401(server: RunningServer, polario: PolarioClient) -> None:
    challenge, proof = polario.prepared_login(DEMO_EMAIL, DEMO_PASSWORD)
    server.advance_clock(server.settings.polario_challenge_ttl + 1)
    response = polario.final(DEMO_EMAIL, challenge["nonce"], proof)
    assert response.status_code == 401
    assert response.json() == {"error": "challenge expired or unknown"}


def test_a_challenge_can_be_answered_until_it_expires(server: RunningServer, polario: PolarioClient) -> None:
    challenge, proof = polario.prepared_login(DEMO_EMAIL, DEMO_PASSWORD)
    # Half a second before `expires` (whole seconds), whatever fraction of a second the wall clock was at.
    server.advance_clock(challenge["expires"] - server.runtime.clock_now - 0.5)
    assert polario.final(DEMO_EMAIL, challenge["nonce"], proof).status_code == 200


def test_a_nonce_issued_for_another_email_is_a_401(server: RunningServer, polario: PolarioClient) -> None:
    add_user(server, OTHER_EMAIL, OTHER_PASSWORD, b"other-user-salt!")
    # A proof that is right for the challenge (issued for the demo user), sent as another account.
    challenge, proof = polario.prepared_login(DEMO_EMAIL, DEMO_PASSWORD)
    response = polario.final(OTHER_EMAIL, challenge["nonce"], proof)
    assert response.status_code == 401
    assert response.json() == {"error": "challenge expired or unknown"}


def test_a_proof_computed_for_another_email_fails(server: RunningServer, polario: PolarioClient) -> None:
    add_user(server, OTHER_EMAIL, OTHER_PASSWORD, b"other-user-salt!")
    # The AuthMessage carries the email of the first message: a proof over any other email does not verify.
    challenge = polario.challenge(DEMO_EMAIL).json()
    proof = proof_for(OTHER_EMAIL, DEMO_PASSWORD, CLIENT_NONCE, challenge)
    assert polario.final(DEMO_EMAIL, challenge["nonce"], proof).status_code == 401


@pytest.mark.parametrize(
    ("first", "final"),
    [("Web", "Android"), ("Web", None), (None, "Web"), ("Web", "web"), (None, "")],
)
def test_a_platform_other_than_the_first_messages_is_a_403(
    polario: PolarioClient, first: str | None, final: str | None
) -> None:
    challenge, proof = polario.prepared_login(DEMO_EMAIL, DEMO_PASSWORD, platform=first)
    response = polario.final(DEMO_EMAIL, challenge["nonce"], proof, platform=final)
    assert response.status_code == 403
    assert response.json() == {"error": "platform does not match the challenge"}


@pytest.mark.parametrize("platform", ["Web", None])
def test_the_same_platform_as_the_first_messages_logs_in(polario: PolarioClient, platform: str | None) -> None:
    challenge, proof = polario.prepared_login(DEMO_EMAIL, DEMO_PASSWORD, platform=platform)
    assert polario.final(DEMO_EMAIL, challenge["nonce"], proof, platform=platform).status_code == 200


def valid_login_body() -> dict[str, object]:
    return {"email": DEMO_EMAIL, "nonce": CLIENT_NONCE + "server", "proof": b64(bytes(32)), "os": "Mac"}


@pytest.mark.parametrize(
    "change",
    [
        {"email": None},
        {"nonce": None},
        {"proof": None},
        {"os": None},
        {"email": ""},
        {"nonce": ""},
        {"proof": ""},
        {"os": "Plan9"},
        {"proof": "not base64!"},
        {"proof": "abc"},
        {"nonce": "with,comma"},
        {"deviceName": 5},
        {"osVersion": 14},
    ],
)
def test_a_malformed_final_message_is_a_400_and_leaves_the_challenge_usable(
    polario: PolarioClient, change: dict[str, object]
) -> None:
    challenge, proof = polario.prepared_login(DEMO_EMAIL, DEMO_PASSWORD)
    body = valid_login_body() | {"nonce": challenge["nonce"]}
    for name, value in change.items():
        if value is None:
            del body[name]
        else:
            body[name] = value
    response = polario.http.post("/auth/login", json=body)
    assert response.status_code == 400
    assert response.json()["error"].startswith("invalid request body")
    assert polario.final(DEMO_EMAIL, challenge["nonce"], proof).status_code == 200


def test_a_final_message_that_is_not_json_is_a_400(polario: PolarioClient) -> None:
    response = polario.http.post("/auth/login", content=b"email=demo", headers={"Content-Type": "text/plain"})
    assert response.status_code == 400


def test_challenges_are_forgotten_on_reset(server: RunningServer, polario: PolarioClient) -> None:
    challenge, proof = polario.prepared_login(DEMO_EMAIL, DEMO_PASSWORD)
    server.sync(server.runtime.reset)
    assert polario.final(DEMO_EMAIL, challenge["nonce"], proof).status_code == 401


def test_the_email_is_matched_case_insensitively_and_signed_as_sent(
    server: RunningServer, polario: PolarioClient
) -> None:
    shouted = DEMO_EMAIL.upper()
    challenge, proof = polario.prepared_login(shouted, DEMO_PASSWORD)
    assert polario.final(shouted, challenge["nonce"], proof).status_code == 200
