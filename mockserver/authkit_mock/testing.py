"""The real reference server in this process: on a free loopback port, in a thread with its own event loop.

For tests (the pytest plugin, :mod:`authkit_mock.pytest_plugin`, and the project's own suite): clients talk to it
over HTTP like any client would, and the test moves its clock instead of sleeping. No subprocess, no fixed port,
so it works under pytest-xdist (one server per worker).
"""

from __future__ import annotations

import asyncio
import inspect
import socket
import threading
from collections.abc import Awaitable, Callable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import replace
from typing import Any, TypeVar, overload

from aiohttp import web

from authkit_mock.app import create_app
from authkit_mock.core.runtime import RUNTIME, Runtime
from authkit_mock.core.settings import Settings

__all__ = ["RunningServer", "running_server"]

T = TypeVar("T")


class RunningServer:
    """A reference server for ``settings`` (host and port replaced by a free loopback port), once :meth:`start`-ed.

    Attributes:
        url: the server's root URL: its public URL when the settings give one, else ``address``.
        address: where it listens (``http://127.0.0.1:<port>``), whatever its public URL.
        settings: the settings it runs with (the clock is ``settings.clock``).
        runtime: its state (store, journal, faults); touch it through :meth:`sync`, on the server's loop.
    """

    def __init__(self, settings: Settings) -> None:
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.bind(("127.0.0.1", 0))
        port = self._sock.getsockname()[1]
        self.settings = replace(settings, host="127.0.0.1", port=port)
        self.url = self.settings.base_url()
        self.address = f"http://127.0.0.1:{port}"
        self.app = create_app(self.settings)
        self.runtime: Runtime = self.app[RUNTIME]
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="authkit-mock", daemon=True)
        self._runner = web.AppRunner(self.app, access_log=None)

    def api_url(self, slug: str) -> str:
        """The base URL of one API on this server."""
        return self.settings.api_url(slug)

    @property
    def admin_url(self) -> str:
        """The base URL of the admin API."""
        return f"{self.url}/__admin"

    def protected_url(self, slug: str) -> str:
        """The URL of the protected stand-in resource of one API (``openapi/protected.yaml``)."""
        return f"{self.url}/__protected/{slug}"

    def start(self) -> None:
        """Start listening (returns once the server accepts connections)."""
        self._thread.start()
        self.call(self._start())

    async def _start(self) -> None:
        await self._runner.setup()
        await web.SockSite(self._runner, self._sock).start()

    def stop(self) -> None:
        """Stop the server and its loop."""
        self.call(self._runner.cleanup())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()

    def reset(self) -> None:
        """Back to the seed, as ``POST /__admin/reset`` does: store, journal, faults and the clock's offset."""
        self.call(self.runtime.reset())

    def advance_clock(self, seconds: float) -> None:
        """Move the server's clock forward (on its loop, so no request sees it half-moved): no test sleeps."""
        self.sync(lambda: self.settings.clock.advance(seconds))

    def call(self, coroutine: Any) -> Any:
        """Run a coroutine on the server's loop and wait for its result."""
        future: Future[Any] = asyncio.run_coroutine_threadsafe(coroutine, self._loop)
        return future.result(timeout=30)

    @overload
    def sync(self, function: Callable[[], Awaitable[T]]) -> T: ...

    @overload
    def sync(self, function: Callable[[], T]) -> T: ...

    def sync(self, function: Callable[[], Any]) -> Any:
        """Run a function on the server's loop (to touch its state without racing a request), awaiting what it
        returns when that is awaitable (the store's reads are), then writing what it changed to the store."""

        async def wrapper() -> Any:
            await self.runtime.refresh()
            result = function()
            if inspect.isawaitable(result):
                result = await result
            await self.runtime.commit()
            return result

        return self.call(wrapper())


@contextmanager
def running_server(settings: Settings | None = None) -> Iterator[RunningServer]:
    """A reference server for the duration of a ``with`` block."""
    server = RunningServer(settings or Settings())
    server.start()
    try:
        yield server
    finally:
        server.stop()
