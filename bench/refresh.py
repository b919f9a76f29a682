"""The refreshing auth, measured: a burst with an expired credential costs one refresh, and a fresh credential costs
(almost) nothing next to a static header.

1. ``burst``: a polario session whose JWT the server clock has moved past; ``requests`` concurrent asyncio requests
   to the protected stand-in resource through ``httpx.AsyncClient(auth=polario.auth())``. Counted in the server's
   journal: how many refreshes (``refresh_session``) it received (the target is exactly one) and how many requests
   succeeded.
2. ``overhead``: sequential GETs of the protected resource with a fresh credential, through the auth and through a
   static ``Session`` header, interleaved in rounds so that drift hits both alike (the target: within 5%). Also the
   auth flow's own cost per request, against an in-memory transport where no network hides it.

Runs the reference server in this process (``authkit_mock.testing``). ``python -m bench.refresh`` prints it alone.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass

import httpx

from authkit_mock.core.settings import Settings
from authkit_mock.testing import RunningServer, running_server
from authkit_sdk.polario import AsyncPolarioClient, PolarioClient

DEMO = ("demo@example.com", "pencil")
ROUNDS = 25


@dataclass(frozen=True)
class RefreshFigures:
    """What :func:`measure` found."""

    burst_requests: int
    burst_ok: int
    burst_refreshes: int
    burst_seconds: float
    sequential_calls: int
    static_header_us: float
    refreshing_auth_us: float
    overhead_ratio: float
    auth_flow_us: float

    def as_dict(self) -> dict[str, object]:
        """JSON-ready values."""
        return asdict(self)


async def burst(server: RunningServer, requests: int) -> tuple[int, int, float]:
    """``requests`` concurrent requests with an expired credential: (succeeded, refreshes, seconds)."""
    async with AsyncPolarioClient(base_url=server.api_url("polario")) as polario:
        await polario.login(*DEMO)
        server.advance_clock(server.settings.polario_token_ttl + 30)
        server.runtime.journal.clear()
        auth, url = polario.auth(), server.protected_url("polario")
        # Ten clients of ten connections share the one auth: httpcore's pool scans every queued request on each
        # release, so a thousand requests queued on one pool would measure that scan rather than the auth.
        clients = [httpx.AsyncClient(auth=auth, limits=httpx.Limits(max_connections=10), timeout=60) for _ in range(10)]
        started = time.perf_counter()
        answers = await asyncio.gather(*(clients[i % len(clients)].get(url) for i in range(requests)))
        seconds = time.perf_counter() - started
        for client in clients:
            await client.aclose()
    refreshes = len(server.runtime.journal.query(api="polario", operation="refresh_session", limit=requests + 1))
    return sum(answer.status_code == 200 for answer in answers), refreshes, seconds


def _interleaved(calls: dict[str, Callable[[], object]], count: int) -> dict[str, float]:
    """Median microseconds per call of each function over interleaved rounds (after a warm-up).

    Medians, because on a shared machine a round that another process interrupts is an outlier, not a trend.
    """
    rounds: dict[str, list[float]] = {name: [] for name in calls}
    for call in calls.values():
        for _ in range(20):
            call()
    per_round = max(1, count // ROUNDS)
    for _ in range(ROUNDS):
        for name, call in calls.items():
            started = time.perf_counter()
            for _ in range(per_round):
                call()
            rounds[name].append((time.perf_counter() - started) / per_round * 1e6)
    return {name: statistics.median(values) for name, values in rounds.items()}


def overhead(server: RunningServer, count: int) -> tuple[float, float, float]:
    """(static header µs, refreshing auth µs) per call over loopback, and the auth flow's own µs per call."""
    url = server.protected_url("polario")
    with PolarioClient(base_url=server.api_url("polario")) as polario:
        polario.login(*DEMO)
        header = {"Session": polario.session_token or ""}
        with httpx.Client(headers=header) as static, httpx.Client(auth=polario.auth()) as refreshing:
            loopback = _interleaved({"static": lambda: static.get(url), "auth": lambda: refreshing.get(url)}, count)
        # The same pair against an in-memory transport: what the auth flow itself adds to a request.
        transport = httpx.MockTransport(lambda _request: httpx.Response(200))
        with (
            httpx.Client(headers=header, transport=transport) as static,
            httpx.Client(auth=polario.auth(), transport=transport) as refreshing,
        ):
            local = _interleaved({"static": lambda: static.get(url), "auth": lambda: refreshing.get(url)}, count * 5)
    return loopback["static"], loopback["auth"], local["auth"] - local["static"]


def measure(requests: int = 1000, calls: int = 2000) -> RefreshFigures:
    """Both measurements against a fresh in-process reference server."""
    with running_server(Settings()) as server:
        ok, refreshes, seconds = asyncio.run(burst(server, requests))
        server.reset()
        static_us, auth_us, flow_us = overhead(server, calls)
    return RefreshFigures(
        requests,
        ok,
        refreshes,
        round(seconds, 3),
        calls,
        round(static_us, 1),
        round(auth_us, 1),
        round(auth_us / static_us, 3),
        round(flow_us, 1),
    )


def render(figures: RefreshFigures) -> str:
    """The figures as two lines of text."""
    return (
        f"Refreshing auth: {figures.burst_requests} concurrent requests with an expired credential -> "
        f"{figures.burst_ok} ok, {figures.burst_refreshes} refresh(es) in {figures.burst_seconds:.2f} s\n"
        f"  fresh credential, {figures.sequential_calls} sequential calls: static header "
        f"{figures.static_header_us:.0f} µs, refreshing auth {figures.refreshing_auth_us:.0f} µs "
        f"({figures.overhead_ratio:.3f}x); the auth flow itself adds {figures.auth_flow_us:.1f} µs/request"
    )


def main(argv: list[str] | None = None) -> int:
    """``python -m bench.refresh``: print the figures (and their JSON)."""
    parser = argparse.ArgumentParser(prog="python -m bench.refresh", description=__doc__)
    parser.add_argument("--requests", type=int, default=1000, help="concurrent requests (default: %(default)s)")
    parser.add_argument("--calls", type=int, default=2000, help="sequential calls per client (default: %(default)s)")
    args = parser.parse_args(argv)
    figures = measure(args.requests, args.calls)
    print(render(figures))
    print(json.dumps(figures.as_dict()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
