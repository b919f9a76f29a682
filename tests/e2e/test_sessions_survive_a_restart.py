"""Sessions that survive a process restart, against the real reference server (the project's pytest plugin).

A client saves every change of its session to a file store; a new client (the restarted process) resumes from it
and carries on without logging in again. polario's refresh token rotates on every refresh: the rotation is saved,
so the restarted app holds the live token, and a copy of an already-rotated one (stolen) is refused.
"""

from __future__ import annotations

import stat
from pathlib import Path

import httpx
import pytest

from authkit_mock.pytest_plugin import PACERPRO_DEMO, POLARIO_DEMO, provider_login
from authkit_mock.testing import RunningServer
from authkit_sdk.auth import FileTokenStore, MemoryTokenStore, StoredSession
from authkit_sdk.bixarena import BixarenaClient
from authkit_sdk.errors import InvalidRefreshTokenError, LoginRequiredError
from authkit_sdk.pacerpro import PacerproClient
from authkit_sdk.polario import PolarioClient


def test_a_restarted_polario_app_carries_on_and_a_stolen_rotated_refresh_token_is_refused(
    authkit: RunningServer, tmp_path: Path
) -> None:
    path = tmp_path / "tokens.json"
    store = FileTokenStore(path)
    url = authkit.api_url("polario")
    with PolarioClient(base_url=url, token_store=store) as before:
        before.login(*POLARIO_DEMO)
        stolen = before.refresh_token  # copied by someone, e.g. from a backup
        before.refresh()  # rotation: the copy is used up, the new token is saved
        assert before.session == store.load("polario")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600

    # The process restarts: a new client from the file, no login.
    with PolarioClient.resume(FileTokenStore(path), base_url=url) as after, httpx.Client(auth=after.auth()) as http:
        assert after.refresh_token != stolen
        assert http.get(authkit.protected_url("polario")).json()["subject"] == POLARIO_DEMO[0]
        authkit.advance_clock(900 + 30)  # past the JWT's expiry: the saved refresh token renews it
        assert http.get(authkit.protected_url("polario")).status_code == 200
    saved = store.load("polario")
    assert saved is not None
    assert saved.refresh_token == after.refresh_token  # the second rotation was saved too

    thief_store = MemoryTokenStore()
    thief_store.save("polario", StoredSession("polario", refresh_token=stolen))
    with PolarioClient.resume(thief_store, base_url=url) as thief, pytest.raises(InvalidRefreshTokenError):
        thief.refresh()


def test_a_restarted_pacerpro_app_carries_on_with_the_saved_jwt(authkit: RunningServer, tmp_path: Path) -> None:
    store = FileTokenStore(tmp_path / "tokens.json")
    url = authkit.api_url("pacerpro")
    with PacerproClient(base_url=url, token_store=store) as before:
        before.login(*PACERPRO_DEMO)
    with PacerproClient.resume(FileTokenStore(tmp_path / "tokens.json"), base_url=url) as after:
        assert after.expires_at is not None
        with httpx.Client(auth=after.auth()) as http:
            authkit.advance_clock(3600 - 30)  # into the margin; the answer's Date tells the client
            assert http.get(authkit.protected_url("pacerpro")).status_code == 200
            assert http.get(authkit.protected_url("pacerpro")).status_code == 200
        assert after.token != before.token  # refreshed, and saved
    saved = store.load("pacerpro")
    assert saved is not None
    assert saved.access_token == after.token


def test_a_restarted_bixarena_app_mints_from_the_saved_session_cookie(authkit: RunningServer, tmp_path: Path) -> None:
    store = FileTokenStore(tmp_path / "tokens.json")
    url = authkit.api_url("bixarena")
    with BixarenaClient(base_url=url, token_store=store) as before:
        before.login_with(provider_login)
    with BixarenaClient.resume(store, base_url=url) as after, httpx.Client(auth=after.auth()) as http:
        assert after.access_token is None
        assert http.get(authkit.protected_url("bixarena")).json()["subject"] == "3350396"  # minted on first use


def test_resuming_from_an_empty_store_asks_for_a_login(tmp_path: Path) -> None:
    with pytest.raises(LoginRequiredError):
        PolarioClient.resume(FileTokenStore(tmp_path / "none.json"))


def test_logout_deletes_the_saved_session_and_tells_the_hook(authkit: RunningServer) -> None:
    store = MemoryTokenStore()
    changes: list[StoredSession | None] = []
    url = authkit.api_url("polario")
    with PolarioClient(base_url=url, token_store=store, on_session_change=changes.append) as polario:
        polario.login(*POLARIO_DEMO)
        polario.refresh()
        polario.logout()
    assert [change is None for change in changes] == [False, False, True]
    assert changes[0] is not None and changes[1] is not None
    assert changes[0].refresh_token != changes[1].refresh_token
    assert store.load("polario") is None
