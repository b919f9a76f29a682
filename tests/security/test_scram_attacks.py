"""polario's SCRAM-SHA-256 login refuses wrong, replayed, expired and re-targeted answers (RFC 5802 section 9).

Each row runs the real two-message exchange over HTTP and changes one thing in the client-final message.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from tests.security.actors import POLARIO_EMAIL, POLARIO_PASSWORD, Attack, client, table
from tests.server.polario.flow import CLIENT_NONCE, proof_for
from tests.support.server import RunningServer


def challenge(polario: httpx.Client, email: str = POLARIO_EMAIL, platform: str | None = None) -> dict[str, Any]:
    """``POST /auth/auth``: a fresh challenge (the server-first message) for ``email``."""
    headers = {"Platform": platform} if platform is not None else {}
    response = polario.post("/auth/auth", json={"email": email, "nonce": CLIENT_NONCE}, headers=headers)
    assert response.status_code == 200, response.text
    issued: dict[str, Any] = response.json()
    return issued


def final(
    polario: httpx.Client, nonce: str, proof: str, email: str = POLARIO_EMAIL, platform: str | None = None
) -> httpx.Response:
    """``POST /auth/login``: the client-final message."""
    headers = {"Platform": platform} if platform is not None else {}
    body = {"email": email, "nonce": nonce, "proof": proof, "os": "Mac", "osVersion": "14"}
    return polario.post("/auth/login", json=body, headers=headers)


def with_polario(steps: Callable[[RunningServer, httpx.Client], httpx.Response]) -> Callable[..., httpx.Response]:
    def run(server: RunningServer) -> httpx.Response:
        with client(server, "polario") as polario:
            return steps(server, polario)

    return run


@with_polario
def wrong_proof(server: RunningServer, polario: httpx.Client) -> httpx.Response:
    issued = challenge(polario)
    return final(polario, issued["nonce"], proof_for(POLARIO_EMAIL, "not-the-password", CLIENT_NONCE, issued))


@with_polario
def replayed_challenge(server: RunningServer, polario: httpx.Client) -> httpx.Response:
    """A client-final message that logged in, captured and sent again."""
    issued = challenge(polario)
    proof = proof_for(POLARIO_EMAIL, POLARIO_PASSWORD, CLIENT_NONCE, issued)
    assert final(polario, issued["nonce"], proof).status_code == 200
    return final(polario, issued["nonce"], proof)


@with_polario
def expired_challenge(server: RunningServer, polario: httpx.Client) -> httpx.Response:
    issued = challenge(polario)
    proof = proof_for(POLARIO_EMAIL, POLARIO_PASSWORD, CLIENT_NONCE, issued)
    server.advance_clock(server.settings.polario_challenge_ttl + 1)
    return final(polario, issued["nonce"], proof)


@with_polario
def unissued_nonce(server: RunningServer, polario: httpx.Client) -> httpx.Response:
    """A combined nonce the client made up, with the proof that would be right for it."""
    issued = challenge(polario)
    made_up = {**issued, "nonce": CLIENT_NONCE + "made-up-server-part"}
    return final(polario, made_up["nonce"], proof_for(POLARIO_EMAIL, POLARIO_PASSWORD, CLIENT_NONCE, made_up))


@with_polario
def challenge_of_another_email(server: RunningServer, polario: httpx.Client) -> httpx.Response:
    """The demo user's proof over a challenge that was issued for somebody else's email."""
    issued = {**challenge(polario, "someone.else@example.com"), "salt": challenge(polario)["salt"]}
    return final(polario, issued["nonce"], proof_for(POLARIO_EMAIL, POLARIO_PASSWORD, CLIENT_NONCE, issued))


@with_polario
def platform_switched(server: RunningServer, polario: httpx.Client) -> httpx.Response:
    """The first message came from the web app; the right answer comes from elsewhere."""
    issued = challenge(polario, platform="web")
    proof = proof_for(POLARIO_EMAIL, POLARIO_PASSWORD, CLIENT_NONCE, issued)
    return final(polario, issued["nonce"], proof, platform="ios")


ROWS = [
    Attack("polario", "scram_wrong_proof", wrong_proof, rejected=401, accepted=200),
    Attack("polario", "scram_replayed_challenge", replayed_challenge, rejected=401, accepted=200),
    Attack("polario", "scram_expired_challenge", expired_challenge, rejected=401, accepted=200),
    Attack("polario", "scram_unissued_nonce", unissued_nonce, rejected=401, accepted=200),
    Attack("polario", "scram_challenge_of_another_email", challenge_of_another_email, rejected=401, accepted=200),
    Attack("polario", "scram_platform_switched", platform_switched, rejected=403, accepted=200),
]
"""The whole table (``test_guards_matter`` and the figures read it too)."""


@pytest.mark.parametrize("attack", table(ROWS))
def test_the_wrong_replayed_or_retargeted_scram_answer_is_refused(server: RunningServer, attack: Attack) -> None:
    response = attack.run(server)
    assert response.status_code == attack.rejected, response.text
    assert "Session" not in response.headers


def test_the_right_answer_logs_in_so_each_refusal_is_the_attacks_doing(server: RunningServer) -> None:
    with client(server, "polario") as polario:
        issued = challenge(polario, platform="web")
        proof = proof_for(POLARIO_EMAIL, POLARIO_PASSWORD, CLIENT_NONCE, issued)
        server.advance_clock(server.settings.polario_challenge_ttl - 2)
        assert final(polario, issued["nonce"], proof, platform="web").status_code == 200
