"""``--seed`` hot reload: when the seed file changes, the server reloads it and resets to it.

A background task (registered with ``cleanup_ctx``, so it stops with the server) polls the file's modification
time and size about once a second. Polling rather than inotify: it needs no extra dependency, works on every
platform and on bind-mounted folders, and a second of delay is nothing for a person editing a file. A file that
does not load is reported once in the log and the server keeps its current state until the file is fixed.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections.abc import AsyncIterator
from pathlib import Path

from aiohttp import web

from authkit_mock.core.runtime import Runtime
from authkit_mock.core.seed import SeedFileError

log = logging.getLogger("authkit_mock.core.seed")

POLL_SECONDS = 1.0

Signature = tuple[int, int] | None
"""What identifies one version of the file: (mtime in ns, size), or None when it cannot be read."""


def signature(path: Path) -> Signature:
    """The file's (mtime_ns, size) now; None when it is missing (for instance in the middle of an editor's save)."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size)


class SeedWatcher:
    """Reloads ``runtime``'s seed file and resets the server when the file changes."""

    def __init__(self, runtime: Runtime, path: Path) -> None:
        self.runtime = runtime
        self.path = path
        self._seen = signature(path)
        self.reloads = 0
        """How many times a changed file was loaded and the state reset (for the log and for tests)."""

    async def check(self) -> bool:
        """Look at the file once; on a change, reload and reset. Returns True when the state was reset."""
        current = signature(self.path)
        if current is None or current == self._seen:
            return False
        # Remembered before loading: a broken version is reported once, not on every poll.
        self._seen = current
        try:
            self.runtime.reload_seed()
        except SeedFileError as error:
            log.error("seed file changed but was not loaded; the server keeps its current state. %s", error)
            return False
        await self.runtime.reset()
        self.reloads += 1
        log.info("seed file %s changed: reloaded, and the server was reset to it", self.path)
        return True

    async def run(self, interval: float = POLL_SECONDS) -> None:
        """Check every ``interval`` seconds until cancelled."""
        while True:
            await asyncio.sleep(interval)
            try:
                await self.check()
            except Exception:
                # The watcher must outlive any surprise (it is what makes the next fix of the file take effect).
                log.exception("watching the seed file %s failed", self.path)


SEED_WATCHER = web.AppKey("seed_watcher", SeedWatcher)


async def _watch(app: web.Application) -> AsyncIterator[None]:
    task = asyncio.create_task(app[SEED_WATCHER].run(), name="authkit-mock seed watcher")
    yield
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


def add_seed_watch(app: web.Application, runtime: Runtime) -> None:
    """Watch the seed file while ``app`` runs (nothing to do without a seed file)."""
    if runtime.settings.seed_file is None:
        return
    app[SEED_WATCHER] = SeedWatcher(runtime, runtime.settings.seed_file)
    app.cleanup_ctx.append(_watch)
