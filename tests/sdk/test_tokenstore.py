"""The token stores: a session round-trips, the file is 0600 and replaced atomically, and a file other users can
read is refused."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from authkit_sdk.auth import FileTokenStore, InsecureTokenFileError, MemoryTokenStore, StoredSession, TokenStore

SESSION = StoredSession("polario", "jwt", 1_800_000_900.0, 2.5, refresh_token="r1", device_id="d1")


@pytest.mark.parametrize("make", [MemoryTokenStore, lambda: FileTokenStore("unused")], ids=["memory", "file"])
def test_both_stores_are_token_stores(make: type[TokenStore]) -> None:
    assert isinstance(make(), TokenStore)


def test_a_session_round_trips_through_the_file(tmp_path: Path) -> None:
    store = FileTokenStore(tmp_path / "tokens.json")
    assert store.load("polario") is None
    store.save("polario", SESSION)
    store.save("other", StoredSession("pacerpro", "jwt-2"))
    assert FileTokenStore(tmp_path / "tokens.json").load("polario") == SESSION
    store.delete("polario")
    assert store.load("polario") is None
    assert store.load("other") == StoredSession("pacerpro", "jwt-2")


def test_the_file_is_created_0600_and_replaced_whole(tmp_path: Path) -> None:
    path = tmp_path / "deeper" / "tokens.json"
    store = FileTokenStore(path)
    store.save("polario", SESSION)
    store.save("polario", StoredSession("polario", refresh_token="r2"))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in path.parent.iterdir()] == ["tokens.json"]  # no temporary file left behind
    assert json.loads(path.read_text())["polario"]["refresh_token"] == "r2"


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
@pytest.mark.parametrize("mode", [0o640, 0o604, 0o660])
def test_a_file_other_users_can_read_is_refused(tmp_path: Path, mode: int) -> None:
    path = tmp_path / "tokens.json"
    FileTokenStore(path).save("polario", SESSION)
    path.chmod(mode)
    with pytest.raises(InsecureTokenFileError, match="chmod 600"):
        FileTokenStore(path).load("polario")


def test_a_file_that_is_not_a_token_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "tokens.json"
    path.write_text('{"polario": {"api": 5}}')
    path.chmod(0o600)
    with pytest.raises(ValueError, match="api"):
        FileTokenStore(path).load("polario")
