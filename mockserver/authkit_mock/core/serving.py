"""Serving connections: slow clients cut off, and a cap on open connections (docs/operations/security.md, threat model).

aiohttp closes idle keep-alive connections (``keepalive_timeout``) but lets a client take as long as it likes to
send a request's head: a connection that sends its headers a byte at a time is kept open for ever, and enough of
them use up the process's file descriptors, after which the server stops accepting. Two additions, at the level
of aiohttp's protocol objects (nothing per request):

- **head timeout** — a connection must deliver a complete request head within ``Limits.header_timeout`` of
  opening, or of the first byte of a later request's head; otherwise it is closed;
- **connection cap** — beyond ``Limits.max_connections`` open connections, a new one is closed at once (it costs
  a descriptor for a moment, never a handler), so the ones in use keep being served.

The body of a request has its own deadline (``Limits.body_timeout``, in the root middleware, which answers 408).
"""

from __future__ import annotations

import asyncio
import contextlib
import resource
import signal
import socket
from typing import Any

from aiohttp import web
from aiohttp.web_protocol import RequestHandler
from aiohttp.web_server import Server

from authkit_mock.core.settings import Limits

DESCRIPTOR_RESERVE = 64
"""Descriptors kept for everything but client connections (the listening socket, the state file, the relying
party's calls to the provider, log files) when the cap is derived from the open-file limit."""


def connection_cap(limits: Limits) -> int:
    """The configured cap, or the soft open-file limit less :data:`DESCRIPTOR_RESERVE` (at least 16)."""
    if limits.max_connections > 0:
        return limits.max_connections
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return 65_536
    return max(16, soft - DESCRIPTOR_RESERVE)


class GuardedRequestHandler(RequestHandler):
    """aiohttp's connection protocol with the head timeout and the connection cap (module docstring)."""

    def __init__(self, manager: GuardedServer, **kwargs: Any) -> None:
        super().__init__(manager, **kwargs)
        self._guard = manager
        self._head_timer: asyncio.TimerHandle | None = None
        self._head_count = 0

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(transport)
        if self._guard.open_connections > self._guard.cap:
            self._guard.refused += 1
            self.force_close()
            return
        self._arm_head_timer()

    def data_received(self, data: bytes) -> None:
        before = self._request_count
        super().data_received(data)
        if self._request_count > before:
            # A whole head arrived: the handler (and the body deadline) take over.
            self._disarm_head_timer()
        elif self._head_timer is None and not self._request_in_progress and not self._messages:
            # The first bytes of another request's head.
            self._arm_head_timer()

    def connection_lost(self, exc: BaseException | None) -> None:
        self._disarm_head_timer()
        super().connection_lost(exc)

    def _arm_head_timer(self) -> None:
        timeout = self._guard.limits.header_timeout
        if timeout > 0:
            self._head_count = self._request_count
            self._head_timer = self._loop.call_later(timeout, self._head_timed_out)

    def _disarm_head_timer(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_timed_out(self) -> None:
        self._head_timer = None
        if self._request_count == self._head_count and not self._request_in_progress:
            self._guard.timed_out += 1
            self.force_close()


class GuardedServer(Server):
    """aiohttp's connection factory making :class:`GuardedRequestHandler` connections; counts what it refused."""

    def __init__(self, *args: Any, limits: Limits, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.limits = limits
        self.cap = connection_cap(limits)
        self.refused = 0
        """Connections closed at once because the cap was reached."""
        self.timed_out = 0
        """Connections closed because a request head did not arrive in time."""

    @property
    def open_connections(self) -> int:
        """Connections open now (without building aiohttp's list of them)."""
        return len(self._connections)

    def __call__(self) -> RequestHandler:
        return GuardedRequestHandler(self, loop=self._loop, **self._kwargs)


class GuardedAppRunner(web.AppRunner):
    """An :class:`aiohttp.web.AppRunner` whose server is a :class:`GuardedServer`; keep-alive idle connections
    close after ``Limits.keepalive_timeout``."""

    def __init__(self, app: web.Application, limits: Limits, **kwargs: Any) -> None:
        super().__init__(app, keepalive_timeout=limits.keepalive_timeout, **kwargs)
        self.limits = limits

    async def _make_server(self) -> Server:
        # What AppRunner._make_server does, with our Server in place of aiohttp's (Application._make_handler).
        server = await super()._make_server()
        guarded = GuardedServer(
            server.request_handler,
            request_factory=server.request_factory,
            handler_cancellation=server.handler_cancellation,
            loop=server._loop,
            limits=self.limits,
            **server._kwargs,
        )
        return guarded


async def serve(
    app: web.Application,
    limits: Limits,
    host: str | None = None,
    port: int | None = None,
    *,
    sock: socket.socket | None = None,
    **runner_options: Any,
) -> None:
    """Serve ``app`` on ``host:port``, or on the listening socket ``sock`` (the CLI binds before it prints the
    banner), until cancelled (or until SIGINT or SIGTERM, with ``handle_signals=True``)."""
    backlog = runner_options.pop("backlog", 128)
    stopped = asyncio.Event()
    if runner_options.pop("handle_signals", False):
        # A signal sets an event rather than raising from a callback (aiohttp's GracefulExit): one that arrives
        # while the app starts (a shared store being seeded) then stops the server once started, instead of a
        # cancellation that a library awaiting the store may swallow, leaving the process serving for ever.
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stopped.set)
    runner = GuardedAppRunner(app, limits, **runner_options)
    await runner.setup()
    try:
        site = web.SockSite(runner, sock) if sock is not None else web.TCPSite(runner, host, port, backlog=backlog)
        await site.start()
        await stopped.wait()
    finally:
        await runner.cleanup()


def run(
    app: web.Application,
    limits: Limits,
    host: str | None = None,
    port: int | None = None,
    *,
    sock: socket.socket | None = None,
    **runner_options: Any,
) -> None:
    """Serve ``app`` until SIGINT or SIGTERM (what :func:`aiohttp.web.run_app` does, with :class:`GuardedServer`);
    raises :class:`OSError` when the address cannot be bound (never with ``sock``: it is bound already)."""
    with contextlib.suppress(web.GracefulExit, KeyboardInterrupt):
        asyncio.run(serve(app, limits, host, port, sock=sock, handle_signals=True, **runner_options))
