"""The real reference server on a loopback port, in a thread with its own event loop.

Tests talk to it over HTTP like any client would. The clock is injected, so tests move it instead of sleeping.
"""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import replace
from typing import Any, TypeVar

import httpx
from aiohttp import web

from authkit_mock.app import create_app
from authkit_mock.core.runtime import RUNTIME, Runtime
from authkit_mock.core.settings import Settings

T = TypeVar("T")


class RunningServer:
    """A started reference server: its base URL, its runtime (store, clock) and a way to run code on its loop."""

    def __init__(self, settings: Settings) -> None:
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.bind(("127.0.0.1", 0))
        port = self._sock.getsockname()[1]
        self.settings = replace(settings, host="127.0.0.1", port=port)
        self.url = self.settings.base_url()
        self.app = create_app(self.settings)
        self.runtime: Runtime = self.app[RUNTIME]
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="authkit-mock", daemon=True)
        self._runner = web.AppRunner(self.app, access_log=None)

    def api_url(self, slug: str) -> str:
        """The base URL of one API on this server."""
        return self.settings.api_url(slug)

    def start(self) -> None:
        self._thread.start()
        self.call(self._start())

    async def _start(self) -> None:
        await self._runner.setup()
        await web.SockSite(self._runner, self._sock).start()

    def stop(self) -> None:
        self.call(self._runner.cleanup())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()

    def advance_clock(self, seconds: float) -> None:
        """Move the server's clock forward (on its loop, so no request sees it half-moved): no test sleeps."""
        self.sync(lambda: self.settings.clock.advance(seconds))

    def call(self, coroutine: Any) -> Any:
        """Run a coroutine on the server's loop and wait for its result."""
        future: Future[Any] = asyncio.run_coroutine_threadsafe(coroutine, self._loop)
        return future.result(timeout=30)

    def sync(self, function: Callable[[], T]) -> T:
        """Run a plain function on the server's loop (to touch its state without racing a request)."""

        async def wrapper() -> T:
            return function()

        result: T = self.call(wrapper())
        return result


def checked_client(server: RunningServer, name: str) -> httpx.Client:
    """An httpx client of one API (or ``admin``) of ``server`` that checks every response against its contract."""
    from tests.support.openapi import ContractValidator

    base_url = f"{server.url}/__admin" if name == "admin" else server.api_url(name)
    validator = ContractValidator.for_base_url(name, base_url)
    return httpx.Client(base_url=base_url, event_hooks={"response": [validator.validate_response]})


@contextmanager
def running_server(settings: Settings | None = None) -> Iterator[RunningServer]:
    """A reference server for the duration of a ``with`` block."""
    server = RunningServer(settings or Settings())
    server.start()
    try:
        yield server
    finally:
        server.stop()
