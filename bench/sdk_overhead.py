"""SDK overhead: the svix facade and the generated client against a raw httpx call, same endpoint, same request.

Each sends ``POST /api/v1/auth/dashboard-access/app_demo/`` with the org key and a fresh idempotency key (the
facade always sends one, so the raw call does too: the server does the same work for all three). Calls are
sequential, interleaved in rounds so that drift on the machine hits each alike; bounded in count and time.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass

import httpx

from authkit_sdk.svix import SvixClient
from authkit_sdk.svix.generated import AuthenticatedClient, dashboard_access
from bench.scenarios import ORG_KEY

APP = "app_demo"
ROUNDS = 10


@dataclass(frozen=True)
class Overhead:
    """Microseconds per call of each client, and the facade's and generated client's ratio to raw httpx."""

    calls: int
    raw_httpx_us: float
    generated_us: float
    facade_us: float
    generated_ratio: float
    facade_ratio: float

    def as_dict(self) -> dict[str, object]:
        """JSON-ready values."""
        return asdict(self)


def measure(api_url: str, calls: int, max_seconds: float = 60.0) -> Overhead:
    """Time ``calls`` calls of each client against the svix API at ``api_url``."""
    raw = httpx.Client(base_url=api_url, timeout=10)
    generated = AuthenticatedClient(base_url=api_url, token=ORG_KEY, raise_on_unexpected_status=True)
    facade = SvixClient(ORG_KEY, base_url=api_url, retries=None)
    path = f"/api/v1/auth/dashboard-access/{APP}/"

    def call_raw() -> object:
        headers = {"Authorization": f"Bearer {ORG_KEY}", "idempotency-key": str(uuid.uuid4())}
        response = raw.post(path, headers=headers)
        response.raise_for_status()
        return response.json()

    def call_generated() -> object:
        return dashboard_access.sync(APP, client=generated, idempotency_key=str(uuid.uuid4()))

    def call_facade() -> object:
        return facade.dashboard_access(APP)

    clients: dict[str, Callable[[], object]] = {"raw": call_raw, "generated": call_generated, "facade": call_facade}
    spent = dict.fromkeys(clients, 0.0)
    done = dict.fromkeys(clients, 0)
    deadline = time.monotonic() + max_seconds
    try:
        for call in clients.values():  # warm-up: connections open, imports done
            for _ in range(20):
                call()
        per_round = max(1, calls // ROUNDS)
        for _ in range(ROUNDS):
            for name, call in clients.items():
                started = time.perf_counter()
                for _ in range(per_round):
                    call()
                spent[name] += time.perf_counter() - started
                done[name] += per_round
            if time.monotonic() > deadline:
                break
    finally:
        raw.close()
        generated.get_httpx_client().close()
        facade.close()
    micros = {name: spent[name] / done[name] * 1e6 for name in clients}
    return Overhead(
        done["raw"],
        round(micros["raw"], 1),
        round(micros["generated"], 1),
        round(micros["facade"], 1),
        round(micros["generated"] / micros["raw"], 3),
        round(micros["facade"] / micros["raw"], 3),
    )
