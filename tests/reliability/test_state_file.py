"""``--state FILE``: a restarted server still accepts what it issued, still refuses what it revoked, and loses nothing
it told a client about, even when it is killed with SIGKILL."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import fields
from pathlib import Path

import httpx
import pytest

from authkit_mock.cli import main
from authkit_mock.core.entropy import Entropy
from authkit_mock.core.persistence import SCHEMA_VERSION, TABLES, StateFile
from authkit_mock.core.settings import Limits
from tests.conftest import make_settings
from tests.reliability.process import ServerProcess
from tests.server.polario.flow import CLIENT_NONCE, DEMO_EMAIL, DEMO_PASSWORD, proof_for
from tests.support.server import running_server

pytestmark = pytest.mark.single_process  # one process's --state file: not run with the shared Redis store

PACERPRO_DEMO = {"email": "demo@example.com", "password": "pacerpro-demo"}
SVIX_ORG_KEY = {"Authorization": "Bearer testsk_demo_org_key"}
KILL_TEST_PORT = 4780
PUBLIC_URL = "http://127.0.0.1:4789"


@contextmanager
def server_on(state: Path, run: int, limits: Limits | None = None) -> Iterator[str]:
    """A server keeping its state in ``state``; each ``run`` draws other random numbers (as a real restart would).

    The port changes from run to run, the public URL (and so every issuer) does not, as after a real restart;
    the base URL to send requests to is yielded.
    """
    settings = make_settings(state_file=state, entropy=Entropy(seed=run), public_url=PUBLIC_URL)
    if limits is not None:
        settings.limits = limits
    with running_server(settings) as server:
        yield f"http://127.0.0.1:{server.settings.port}"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def pacerpro_login(base: str, credentials: dict[str, str] = PACERPRO_DEMO) -> str:
    response = httpx.post(f"{base}/pacerpro/session", json=credentials)
    assert response.status_code == 200, response.text
    token: str = response.json()["jwtToken"]
    return token


def svix_app_token(base: str) -> str:
    response = httpx.post(f"{base}/svix/api/v1/auth/dashboard-access/app_demo/", headers=SVIX_ORG_KEY)
    assert response.status_code == 200, response.text
    token: str = response.json()["token"]
    return token


def test_a_pacerpro_token_is_still_accepted_after_a_restart(tmp_path: Path) -> None:
    state = tmp_path / "state.db"
    with server_on(state, 1) as first:
        token = pacerpro_login(first)
    with server_on(state, 2) as second:
        response = httpx.get(f"{second}/pacerpro/session", headers=bearer(token))
    assert response.status_code == 200, response.text


def test_a_polario_refresh_token_is_still_usable_after_a_restart_and_a_used_one_still_counts_as_reused(
    tmp_path: Path,
) -> None:
    state = tmp_path / "state.db"
    with server_on(state, 1) as first:
        _, refresh_token = polario_login(first)
        rotated = polario_refresh(first, refresh_token).json()["refreshToken"]
    with server_on(state, 2) as second:
        refreshed = polario_refresh(second, rotated)
        reused = polario_refresh(second, refresh_token)
    assert refreshed.status_code == 200, refreshed.text
    assert reused.status_code == 416


def polario_refresh(base: str, refresh_token: str) -> httpx.Response:
    return httpx.post(f"{base}/polario/auth/session", json={"refreshToken": refresh_token})


def test_a_svix_app_token_is_still_valid_after_a_restart(tmp_path: Path) -> None:
    state = tmp_path / "state.db"
    with server_on(state, 1) as first:
        token = svix_app_token(first)
    with server_on(state, 2) as second:
        response = httpx.post(f"{second}/svix/api/v1/auth/logout/", headers=bearer(token))
    assert response.status_code == 204, response.text


def test_revoked_tokens_stay_revoked_after_a_restart(tmp_path: Path) -> None:
    state = tmp_path / "state.db"
    with server_on(state, 1) as first:
        pacerpro = pacerpro_login(first)
        assert httpx.delete(f"{first}/pacerpro/session", headers=bearer(pacerpro)).status_code == 200
        svix = svix_app_token(first)
        assert httpx.post(f"{first}/svix/api/v1/auth/logout/", headers=bearer(svix)).status_code == 204
        jwt, refresh_token = polario_login(first)
        assert httpx.get(f"{first}/polario/auth/logout", headers={"Session": jwt}).status_code == 200
    with server_on(state, 2) as second:
        assert httpx.get(f"{second}/pacerpro/session", headers=bearer(pacerpro)).status_code == 401
        assert httpx.post(f"{second}/svix/api/v1/auth/logout/", headers=bearer(svix)).status_code == 401
        assert httpx.get(f"{second}/polario/auth/logout", headers={"Session": jwt}).status_code == 401
        assert polario_refresh(second, refresh_token).status_code == 416


def test_tokens_evicted_by_the_bound_leave_the_file_too_and_stay_gone_after_a_restart(tmp_path: Path) -> None:
    state = tmp_path / "state.db"
    with server_on(state, 1, Limits(tokens=3)) as first:
        issued = [svix_app_token(first) for _ in range(5)]
        evicted, kept = issued[:2], issued[2:]
        assert [httpx.post(f"{first}/svix/api/v1/auth/logout/", headers=bearer(t)).status_code for t in evicted] == [
            401,
            401,
        ]
    with closing(sqlite3.connect(state)) as db:
        stored = {row[0] for row in db.execute("SELECT token FROM tokens")}
    assert not set(evicted) & stored
    assert set(kept) <= stored
    with server_on(state, 2, Limits(tokens=3)) as second:
        for token in evicted:
            assert httpx.post(f"{second}/svix/api/v1/auth/logout/", headers=bearer(token)).status_code == 401
        for token in kept:
            assert httpx.post(f"{second}/svix/api/v1/auth/logout/", headers=bearer(token)).status_code == 204


def test_a_user_added_through_the_admin_api_can_log_in_after_a_restart(tmp_path: Path) -> None:
    state = tmp_path / "state.db"
    added = {"email": "added@example.com", "password": "s3cret"}
    with server_on(state, 1) as first:
        response = httpx.post(f"{first}/__admin/users", json={"api": "pacerpro", **added})
        assert response.status_code == 201, response.text
    with server_on(state, 2) as second:
        pacerpro_login(second, added)


def test_a_reset_reseeds_the_file(tmp_path: Path) -> None:
    state = tmp_path / "state.db"
    added = {"email": "added@example.com", "password": "s3cret"}
    with server_on(state, 1) as first:
        httpx.post(f"{first}/__admin/users", json={"api": "pacerpro", **added})
        token = pacerpro_login(first)
        assert httpx.post(f"{first}/__admin/reset").status_code == 200
    with server_on(state, 2) as second:
        assert httpx.post(f"{second}/pacerpro/session", json=added).status_code == 401
        # The reset made a new demo user with a new JTI: the old token is refused, the demo login works.
        assert httpx.get(f"{second}/pacerpro/session", headers=bearer(token)).status_code == 401
        pacerpro_login(second)


def test_a_token_issued_after_the_clock_was_moved_is_still_valid_after_a_restart(tmp_path: Path) -> None:
    state = tmp_path / "state.db"
    with server_on(state, 1) as first:
        httpx.post(f"{first}/__admin/clock/advance", json={"seconds": 86400})
        token = pacerpro_login(first)
    with server_on(state, 2) as second:
        assert httpx.get(f"{second}/__admin/clock").json()["offset_seconds"] == 86400
        assert httpx.get(f"{second}/pacerpro/session", headers=bearer(token)).status_code == 200


def test_without_a_state_file_a_new_server_knows_none_of_the_old_ones_tokens() -> None:
    with running_server(make_settings()) as first:
        token = pacerpro_login(first.url)
    with running_server(make_settings()) as second:
        assert httpx.get(f"{second.url}/pacerpro/session", headers=bearer(token)).status_code == 401


def test_every_field_of_every_record_has_a_column(tmp_path: Path) -> None:
    StateFile(tmp_path / "state.db").close()
    with closing(sqlite3.connect(tmp_path / "state.db")) as db, db:
        for kind, (table, _) in TABLES.items():
            columns = [row[1] for row in db.execute(f"PRAGMA table_info({table})")]
            assert sorted(columns) == sorted(f.name for f in fields(kind)), table  # type: ignore[arg-type]


# -- files that cannot be used ---------------------------------------------------------------------------------------


def serve(state: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """Run ``authkit-mock serve --state`` in this process; its exit status and what it printed on stderr."""
    status = main(["serve", "--port", str(KILL_TEST_PORT + 1), "--state", str(state)])
    return status, capsys.readouterr().err


def test_a_file_that_is_not_a_database_is_refused_at_start(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    state = tmp_path / "state.db"
    state.write_bytes(b"this is not SQLite" * 100)
    status, err = serve(state, capsys)
    assert status == 2
    assert "is not a readable authkit-mock state file" in err
    assert "Traceback" not in err


def test_a_state_file_of_another_schema_version_is_refused_at_start(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    state = tmp_path / "state.db"
    StateFile(state).close()
    with closing(sqlite3.connect(state)) as db, db:
        db.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION + 1,))
    status, err = serve(state, capsys)
    assert status == 2
    assert f"has schema version [{SCHEMA_VERSION + 1}]" in err


def test_an_sqlite_file_of_something_else_is_refused_at_start(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    state = tmp_path / "other.db"
    with closing(sqlite3.connect(state)) as db, db:
        db.execute("CREATE TABLE notes (text TEXT)")
    status, err = serve(state, capsys)
    assert status == 2
    assert "not an authkit-mock state file" in err


def test_a_file_in_use_by_another_server_is_refused_at_start(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    state = tmp_path / "state.db"
    with server_on(state, 1):
        status, err = serve(state, capsys)
    assert status == 2
    assert "in use by another process" in err


def test_an_unreadable_path_is_refused_at_start(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, err = serve(tmp_path / "no-such-directory" / "state.db", capsys)
    assert status == 2
    assert "cannot open state file" in err or "cannot read state file" in err


# -- SIGKILL -----------------------------------------------------------------------------------------------------------


class Background:
    """Svix dashboard logins in a thread until stopped, remembering every token a 200 handed out.

    It is still sending when the server is killed, so some of its requests are in flight at that moment.
    """

    def __init__(self, base: str) -> None:
        self.base = base
        # Its own organisation key, so its requests do not use up the rate limit of the demo key.
        created = httpx.post(f"{base}/__admin/tokens", json={"api": "svix", "kind": "org_key"})
        assert created.status_code == 201, created.text
        self.headers = bearer(created.json()["token"])
        self.tokens: list[str] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        with httpx.Client(base_url=self.base, timeout=5) as client:
            while not self.stop.is_set():
                try:
                    response = client.post("/svix/api/v1/auth/dashboard-access/app_demo/", headers=self.headers)
                except httpx.TransportError:
                    return  # the server was killed under this request: it was never answered
                if response.status_code == 200:
                    self.tokens.append(response.json()["token"])


def test_a_server_killed_with_sigkill_has_lost_nothing_it_answered_and_the_file_is_sound(tmp_path: Path) -> None:
    state = tmp_path / "state.db"
    args = ("--state", str(state))
    told_valid: list[tuple[str, str]] = []  # (api, credential) the server handed out and did not revoke
    told_revoked: list[tuple[str, str]] = []
    with ServerProcess(KILL_TEST_PORT, *args, log=tmp_path / "first.log") as process:
        first = process.url
        background = Background(first)
        background.thread.start()
        for number in range(8):
            user = {"email": f"user{number}@example.com", "password": f"password-{number}"}
            assert httpx.post(f"{first}/__admin/users", json={"api": "pacerpro", **user}).status_code == 201
            pacerpro, svix, polario = (
                pacerpro_login(first, user),
                svix_app_token(first),
                polario_login(first),
            )
            if number % 2:
                assert httpx.delete(f"{first}/pacerpro/session", headers=bearer(pacerpro)).status_code == 200
                assert httpx.post(f"{first}/svix/api/v1/auth/logout/", headers=bearer(svix)).status_code == 204
                assert httpx.get(f"{first}/polario/auth/logout", headers={"Session": polario[0]}).status_code == 200
                told_revoked += [("pacerpro", pacerpro), ("svix", svix), ("polario", polario[1])]
            else:
                told_valid += [("pacerpro", pacerpro), ("svix", svix), ("polario", polario[1])]
        # Killed right after the last answer arrived, with the background requests still coming.
        process.kill()
        background.stop.set()
        background.thread.join(timeout=10)
    assert len(background.tokens) > 0
    with ServerProcess(KILL_TEST_PORT, *args, log=tmp_path / "second.log") as restarted:
        second = restarted.url
        known = {t["token"]: t for t in httpx.get(f"{second}/__admin/tokens?api=svix").json()["items"]}
        lost = [token for token in background.tokens if token not in known or known[token]["revoked"]]
        accepted_valid = [(api, token) for api, token in told_valid if accepted(second, api, token)]
        accepted_revoked = [(api, token) for api, token in told_revoked if accepted(second, api, token)]
    assert lost == []
    assert accepted_valid == told_valid
    assert accepted_revoked == []
    with closing(sqlite3.connect(state)) as db, db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def polario_login(base: str) -> tuple[str, str]:
    """A SCRAM login of the polario demo user over plain HTTP: its ``Session`` JWT and refresh token."""
    challenge = httpx.post(f"{base}/polario/auth/auth", json={"email": DEMO_EMAIL, "nonce": CLIENT_NONCE}).json()
    proof = proof_for(DEMO_EMAIL, DEMO_PASSWORD, CLIENT_NONCE, challenge)
    body = {"email": DEMO_EMAIL, "nonce": challenge["nonce"], "proof": proof, "os": "Mac", "osVersion": "14.5"}
    response = httpx.post(f"{base}/polario/auth/login", json=body)
    assert response.status_code == 200, response.text
    return response.headers["Session"], response.json()["refreshToken"]


def accepted(base: str, api: str, credential: str) -> bool:
    """Whether the server accepts ``credential`` (pacerpro: a refresh; svix: a logout; polario: a refresh)."""
    if api == "pacerpro":
        return httpx.get(f"{base}/pacerpro/session", headers=bearer(credential)).status_code == 200
    if api == "svix":
        return httpx.post(f"{base}/svix/api/v1/auth/logout/", headers=bearer(credential)).status_code == 204
    return httpx.post(f"{base}/polario/auth/session", json={"refreshToken": credential}).status_code == 200


def test_a_rotated_poller_token_and_a_stream_token_survive_a_restart_and_dropped_tokens_stay_gone(
    tmp_path: Path,
) -> None:
    state = tmp_path / "state.db"
    sink = "/svix/api/v1/auth/stream/strm_demo/sink/sink_demo/poller/token"
    with server_on(state, 1) as first:
        access = httpx.post(f"{first}/svix/api/v1/auth/stream-portal-access/strm_demo", json={}, headers=SVIX_ORG_KEY)
        stream_token = access.json()["token"]
        rotated = httpx.post(f"{first}{sink}/rotate", json={"oldTokenExpiry": 0}, headers=SVIX_ORG_KEY)
        assert rotated.status_code == 201, rotated.text
        # The seeded token, revoked by the rotation, is dropped from the store (and from the file) by the next one.
        assert httpx.post(f"{first}{sink}/rotate", json={"oldTokenExpiry": 0}, headers=SVIX_ORG_KEY).status_code == 201
        current = httpx.get(f"{first}{sink}", headers=SVIX_ORG_KEY).json()["token"]
    with closing(sqlite3.connect(state)) as db:
        stored = {row[0] for row in db.execute("SELECT token FROM tokens WHERE kind = 'poller_token'")}
    assert "pollsk_demo_poller_token" not in stored
    assert current in stored
    with server_on(state, 2) as second:
        assert httpx.get(f"{second}{sink}", headers=bearer(stream_token)).json()["token"] == current
        assert httpx.get(f"{second}{sink}", headers=bearer("pollsk_demo_poller_token")).status_code == 401
