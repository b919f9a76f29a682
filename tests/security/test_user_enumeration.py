"""Nobody learns which accounts exist: an unknown user gets the same answer, as fast, as a wrong password.

Rows compare two logins that fail for different reasons: the status and the body must be identical, and the
median answer times (of interleaved tries, after a warm-up) must be within a factor of two of each other. For
pacerpro the server hashes with 20,000 PBKDF2 iterations here (about 9 ms), so the hashing a decoy saves would
show as a ratio near 0.1; polario's proof check is HMACs either way, so its times are close by construction.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import httpx
import pytest
from _pytest.mark import ParameterSet

from tests.conftest import make_settings
from tests.security.actors import PACERPRO_EMAIL, POLARIO_EMAIL, POLARIO_PASSWORD, client
from tests.security.test_scram_attacks import challenge, final
from tests.server.polario.flow import CLIENT_NONCE, proof_for
from tests.support.server import RunningServer, running_server

SLOW_HASH_ITERATIONS = 20_000
TRIES = 21
"""Interleaved tries per side; medians of 21 shrug off the odd scheduling hiccup of a busy machine."""
ATTEMPTS = 3
"""Measurements before giving up: a machine busy with other work can skew one; a real leak skews them all."""
SIMILAR = (0.5, 2.0)
UNKNOWN = "nobody@example.com"


@pytest.fixture(scope="module")
def shared_server() -> Iterator[RunningServer]:
    """This module's server hashes pacerpro passwords slowly, so that skipped hashing would be measurable."""
    with running_server(make_settings(password_hash_iterations=SLOW_HASH_ITERATIONS)) as started:
        yield started


Prepare = Callable[[httpx.Client], Callable[[], httpx.Response]]
"""Does what comes before the login request (for polario: the first message and the proof) and returns the
request itself, ready to send: only that request is timed."""


@dataclass(frozen=True)
class Probe:
    """Two failing logins: one for an account that exists (wrong password), one for an account that does not."""

    api: str
    name: str
    wrong_password: Prepare
    unknown_user: Prepare

    @property
    def id(self) -> str:
        return f"{self.api}-{self.name}"


def pacerpro_login(email: str, password: str) -> Prepare:
    def prepare(pacerpro: httpx.Client) -> Callable[[], httpx.Response]:
        return lambda: pacerpro.post("/session", json={"email": email, "password": password})

    return prepare


def polario_login(email: str, password: str) -> Prepare:
    """The SCRAM final message for ``email`` with the proof ``password`` gives, after a fresh first message."""

    def prepare(polario: httpx.Client) -> Callable[[], httpx.Response]:
        issued = challenge(polario, email)
        proof = proof_for(email, password, CLIENT_NONCE, issued)
        return lambda: final(polario, issued["nonce"], proof, email)

    return prepare


PROBES = [
    Probe("pacerpro", "login", pacerpro_login(PACERPRO_EMAIL, "wrong"), pacerpro_login(UNKNOWN, "wrong")),
    Probe("polario", "scram_login", polario_login(POLARIO_EMAIL, "wrong"), polario_login(UNKNOWN, POLARIO_PASSWORD)),
]
"""The rows compared for status, body and time (``test_guards_matter`` and the figures read them too)."""


def by_id(probes: list[Probe]) -> list[ParameterSet]:
    return [pytest.param(probe, id=probe.id) for probe in probes]


@pytest.mark.parametrize("probe", by_id(PROBES))
def test_an_unknown_user_gets_the_same_status_and_body_as_a_wrong_password(server: RunningServer, probe: Probe) -> None:
    with client(server, probe.api) as api:
        known, unknown = probe.wrong_password(api)(), probe.unknown_user(api)()
    assert known.status_code == unknown.status_code == 401
    assert known.json() == unknown.json()


def median_times(server: RunningServer, probe: Probe, tries: int = TRIES) -> tuple[float, float]:
    """Median seconds of the wrong-password and the unknown-user login request, sent alternately after a warm-up."""
    known: list[float] = []
    unknown: list[float] = []
    with client(server, probe.api) as api:
        probe.wrong_password(api)(), probe.unknown_user(api)()
        for _ in range(tries):
            for prepare, times in ((probe.wrong_password, known), (probe.unknown_user, unknown)):
                send = prepare(api)
                started = time.perf_counter()
                send()
                times.append(time.perf_counter() - started)
    return statistics.median(known), statistics.median(unknown)


@pytest.mark.parametrize("probe", by_id(PROBES))
def test_an_unknown_user_is_answered_about_as_fast_as_a_wrong_password(server: RunningServer, probe: Probe) -> None:
    low, high = SIMILAR
    for _ in range(ATTEMPTS):
        known, unknown = median_times(server, probe)
        if low <= unknown / known <= high:
            break
    assert low <= unknown / known <= high, f"median {unknown * 1000:.1f} ms (unknown) vs {known * 1000:.1f} ms"


def polario_first_message(server: RunningServer, email: str) -> httpx.Response:
    with client(server, "polario") as polario:
        return polario.post("/auth/auth", json={"email": email, "nonce": CLIENT_NONCE})


def test_an_unknown_polario_email_still_gets_a_challenge_like_a_real_one_with_a_stable_salt(
    server: RunningServer,
) -> None:
    known = polario_first_message(server, POLARIO_EMAIL)
    unknown, again = polario_first_message(server, UNKNOWN), polario_first_message(server, UNKNOWN)
    assert known.status_code == unknown.status_code == 200
    assert set(known.json()) == set(unknown.json())
    assert len(known.json()["salt"]) == len(unknown.json()["salt"])
    assert known.json()["iterationCount"] == unknown.json()["iterationCount"]
    # A salt that changed on every ask would tell the unknown email apart from a real one.
    assert unknown.json()["salt"] == again.json()["salt"]
