"""``--seed`` hot reload: editing the seed file resets the running server to it; a broken edit changes nothing."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from authkit_mock.core.seed_watch import SEED_WATCHER, SeedWatcher
from tests.conftest import make_settings
from tests.support.server import RunningServer, running_server

FIRST = """
pacerpro:
  users:
    - {email: first@example.com, password: first-password}
"""

SECOND = """
pacerpro:
  users:
    - {email: second@example.com, password: second-password}
"""


def write(path: Path, text: str) -> None:
    """Write the seed file and make sure its modification time moves (coarse file-system clocks)."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text, encoding="utf-8")
    if path.stat().st_mtime_ns <= before:
        os.utime(path, ns=(before + 1_000_000, before + 1_000_000))


@pytest.fixture
def seed_file(tmp_path: Path) -> Path:
    path = tmp_path / "seed.yaml"
    write(path, FIRST)
    return path


@pytest.fixture
def seeded(seed_file: Path) -> Iterator[RunningServer]:
    with running_server(make_settings(seed_file=seed_file)) as started:
        yield started


def watcher_of(server: RunningServer) -> SeedWatcher:
    return server.app[SEED_WATCHER]


def pacerpro_users(server: RunningServer) -> list[str]:
    items = httpx.get(f"{server.url}/__admin/users", params={"api": "pacerpro"}).json()["items"]
    return [user["email"] for user in items]


def log_in(server: RunningServer, email: str, password: str) -> int:
    body = {"email": email, "password": password}
    return httpx.post(f"{server.url}/pacerpro/session", json=body).status_code


def test_an_unchanged_file_leaves_the_server_alone(seeded: RunningServer) -> None:
    assert log_in(seeded, "first@example.com", "first-password") == 200
    assert seeded.sync(watcher_of(seeded).check) is False
    assert len(seeded.sync(seeded.runtime.journal.query)) == 1


def test_a_changed_file_is_loaded_and_the_server_reset_to_it(
    seeded: RunningServer, seed_file: Path, caplog: pytest.LogCaptureFixture
) -> None:
    assert log_in(seeded, "first@example.com", "first-password") == 200
    seeded.settings.clock.advance(600)
    write(seed_file, SECOND)

    with caplog.at_level(logging.INFO, logger="authkit_mock.core.seed"):
        assert seeded.sync(watcher_of(seeded).check) is True

    assert pacerpro_users(seeded) == ["second@example.com"]
    assert seeded.sync(seeded.runtime.journal.query) == []  # reset: the journal too
    assert seeded.settings.clock.offset == 0
    assert log_in(seeded, "second@example.com", "second-password") == 200
    assert log_in(seeded, "first@example.com", "first-password") == 401
    assert "changed: reloaded" in caplog.text


def test_a_broken_file_is_reported_once_and_the_old_state_kept_until_it_is_fixed(
    seeded: RunningServer, seed_file: Path, caplog: pytest.LogCaptureFixture
) -> None:
    assert log_in(seeded, "first@example.com", "first-password") == 200
    write(seed_file, "pacerpro:\n  users:\n    - {email: broken@example.com}\n")  # no password

    with caplog.at_level(logging.INFO, logger="authkit_mock.core.seed"):
        assert seeded.sync(watcher_of(seeded).check) is False
        assert seeded.sync(watcher_of(seeded).check) is False
    errors = [record for record in caplog.records if record.levelno == logging.ERROR]
    assert len(errors) == 1
    assert "keeps its current state" in errors[0].getMessage()
    assert "password" in errors[0].getMessage()
    assert pacerpro_users(seeded) == ["first@example.com"]
    assert len(seeded.sync(seeded.runtime.journal.query)) == 1  # not reset

    write(seed_file, SECOND)
    assert seeded.sync(watcher_of(seeded).check) is True
    assert pacerpro_users(seeded) == ["second@example.com"]


def test_the_running_server_notices_an_edit_by_itself(seeded: RunningServer, seed_file: Path) -> None:
    write(seed_file, SECOND)
    # Real time, not the server clock: this waits for the background poll (about a second) to see the file.
    deadline = time.monotonic() + 10
    while pacerpro_users(seeded) != ["second@example.com"] and time.monotonic() < deadline:
        time.sleep(0.1)
    assert pacerpro_users(seeded) == ["second@example.com"]
    assert watcher_of(seeded).reloads == 1


def test_without_a_seed_file_nothing_is_watched(server: RunningServer) -> None:
    assert SEED_WATCHER not in server.app
