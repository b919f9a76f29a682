"""A bounded load generator: ``connections`` virtual users, each on its own keep-alive connection, walking realistic
flows of the five APIs against a running server for ``duration`` seconds, then stopping by itself.

Each user cycles through the flows (starting at a different one, so all five run at once), and each flow ends by
checking that what it revoked is refused. Besides, every user holds one session per API from its first flows
that it never touches during the run; :func:`verify_held` uses and revokes all of them afterwards, which shows that
nothing created under load was lost or mixed up. Rate-limited answers (429) count as intended, not as errors.

Run by ``tests/reliability/test_load.py``; also by hand: ``python -m tests.reliability.load --help``.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import functools
import json
import random
import secrets
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any

import aiohttp

from authkit_sdk.scram import auth_message, b64, client_proof

POLARIO_USER, POLARIO_PASSWORD = "demo@example.com", "pencil"
AUTHLANCE_SESSION = "demo-session-ada"
SVIX_APP = "app_demo"


class UnexpectedAnswerError(Exception):
    """A status (or a missing field) the flow did not expect: an error of the run."""


@dataclass
class Tally:
    """What a run saw: requests, latencies, intended refusals (429) and unexpected answers."""

    requests: int = 0
    latencies: list[float] = field(default_factory=list)
    intended: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    flows: Counter[str] = field(default_factory=Counter)

    def percentile(self, fraction: float) -> float:
        """A latency percentile in milliseconds (nearest rank)."""
        if not self.latencies:
            return 0.0
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] * 1000


@dataclass
class Held:
    """Sessions a user created early and leaves alone until the run is over."""

    polario_refresh: str | None = None
    pacerpro_token: str | None = None
    svix_app_token: str | None = None
    bixarena_session: str | None = None


class User:
    """One virtual user: its own connection (no shared cookie jar), its own pacerpro accounts and svix key."""

    def __init__(self, base: str, number: int, svix_key: str, tally: Tally) -> None:
        self.base = base
        self.number = number
        self.svix_key = svix_key
        self.tally = tally
        self.held = Held()
        self.http = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=1, force_close=False),
            cookie_jar=aiohttp.DummyCookieJar(),  # cookies are carried by hand, per flow, as separate browsers would
            timeout=aiohttp.ClientTimeout(total=60),
        )

    async def call(
        self, method: str, path: str, expect: int, **kwargs: Any
    ) -> tuple[int, dict[str, str], Any, SimpleCookie]:
        """One request; its status, headers, JSON body (or None) and cookies. 429 raises :class:`RateLimitedError`."""
        started = time.perf_counter()
        async with self.http.request(method, self.base + path, allow_redirects=False, **kwargs) as response:
            raw = await response.read()
            self.tally.latencies.append(time.perf_counter() - started)
            self.tally.requests += 1
            if response.status == 429:
                self.tally.intended["429 rate limited"] += 1
                raise RateLimitedError
            if response.status != expect:
                raise UnexpectedAnswerError(
                    f"{method} {path.split('?', maxsplit=1)[0]}: {response.status} (expected {expect}) "
                    f"{raw[:120].decode(errors='replace')}"
                )
            body = json.loads(raw) if raw and response.content_type == "application/json" else None
            return response.status, dict(response.headers), body, response.cookies

    # -- flows ---------------------------------------------------------------------------------------------------

    async def polario(self, hold: bool) -> None:
        """SCRAM login → refresh → logout, then the old refresh token is refused."""
        nonce = b64(secrets.token_bytes(18))
        _, _, challenge, _ = await self.call(
            "POST", "/polario/auth/auth", 200, json={"email": POLARIO_USER, "nonce": nonce}
        )
        message = auth_message(POLARIO_USER, nonce, challenge["nonce"], challenge["salt"], challenge["iterationCount"])
        proof = b64(client_proof_cached(challenge["salt"], challenge["iterationCount"], message))
        body = {"email": POLARIO_USER, "nonce": challenge["nonce"], "proof": proof, "os": "Linux", "osVersion": "6"}
        _, _, login, _ = await self.call("POST", "/polario/auth/login", 200, json=body)
        if hold:
            self.held.polario_refresh = login["refreshToken"]
            return
        _, headers, refreshed, _ = await self.call(
            "POST", "/polario/auth/session", 200, json={"refreshToken": login["refreshToken"]}
        )
        await self.call("GET", "/polario/auth/logout", 200, headers={"Session": headers["Session"]})
        await self.call("POST", "/polario/auth/session", 416, json={"refreshToken": refreshed["refreshToken"]})

    async def pacerpro(self, hold: bool) -> None:
        """Login → refresh → revoke every token, then the refreshed token is refused."""
        email = f"{'held' if hold else 'load'}-{self.number}@example.com"
        _, _, session, _ = await self.call("POST", "/pacerpro/session", 200, json={"email": email, "password": "pw"})
        if hold:
            self.held.pacerpro_token = session["jwtToken"]
            return
        _, _, refreshed, _ = await self.call("GET", "/pacerpro/session", 200, headers=bearer(session["jwtToken"]))
        await self.call("DELETE", "/pacerpro/session", 200, headers=bearer(refreshed["jwtToken"]))
        await self.call("GET", "/pacerpro/session", 401, headers=bearer(refreshed["jwtToken"]))

    async def svix(self, hold: bool) -> None:
        """Dashboard access → logout with the app token, then the token is refused."""
        path = f"/svix/api/v1/auth/dashboard-access/{SVIX_APP}/"
        _, _, access, _ = await self.call("POST", path, 200, headers=bearer(self.svix_key))
        if hold:
            self.held.svix_app_token = access["token"]
            return
        await self.call("POST", "/svix/api/v1/auth/logout/", 204, headers=bearer(access["token"]))
        await self.call("POST", "/svix/api/v1/auth/logout/", 401, headers=bearer(access["token"]))

    async def authlance(self, hold: bool) -> None:
        """Exchange the identity-provider session for a JWT → log out (clears the cookie)."""
        _, _, _, cookies = await self.call(
            "POST", "/authlance/authlance/identity/me", 200, json={"session": AUTHLANCE_SESSION}
        )
        if "loopToken" not in cookies:
            raise UnexpectedAnswerError("authlance: no loopToken cookie")
        await self.call("GET", "/authlance/authlance/identity/me/logout", 200)

    async def bixarena(self, hold: bool) -> None:
        """OIDC login through the embedded provider (auto login) → /token → logout, then /token is refused."""
        _, headers, _, cookies = await self.call("GET", "/bixarena/auth/oidc/start", 302)
        state = {"Cookie": f"oidc_state={cookies['oidc_state'].value}"}
        _, authorized, _, _ = await self.call("GET", relative(headers["Location"]), 302)
        _, _, _, cookies = await self.call("GET", relative(authorized["Location"]), 200, headers=state)
        session = cookies["JSESSIONID"].value
        if hold:
            self.held.bixarena_session = session
            return
        jar = {"Cookie": f"JSESSIONID={session}"}
        await self.call("POST", "/bixarena/token", 200, headers=jar)
        await self.call("POST", "/bixarena/auth/logout", 204, headers=jar)
        await self.call("POST", "/bixarena/token", 401, headers=jar)

    async def run(self, deadline: float) -> None:
        """Hold one session per API, then cycle through the flows until ``deadline``."""
        flows: list[Callable[[bool], Awaitable[None]]] = [
            self.polario,
            self.pacerpro,
            self.svix,
            self.authlance,
            self.bixarena,
        ]
        flows = flows[self.number % 5 :] + flows[: self.number % 5]
        for flow in flows:
            await self._attempt(flow, hold=True)
        turn = 0
        while time.monotonic() < deadline:
            await self._attempt(flows[turn % 5], hold=False)
            turn += 1

    async def _attempt(self, flow: Callable[[bool], Awaitable[None]], hold: bool) -> None:
        try:
            await flow(hold)
            self.tally.flows[flow.__name__] += 1
        except RateLimitedError:
            await asyncio.sleep(1)  # Retry-After: 1 (the load generator honours it, as the SDK does)
        except (UnexpectedAnswerError, KeyError, aiohttp.ClientError, TimeoutError) as error:
            self.tally.errors[f"{flow.__name__}: {type(error).__name__}: {error}"] += 1

    async def verify_held(self) -> tuple[int, list[str]]:
        """Use, then revoke, every session held through the run: how many, and what failed (nothing, if no state
        was lost)."""
        held, problems = self.held, []
        checks: list[tuple[str, Callable[[], Awaitable[object]]]] = []
        if held.polario_refresh is not None:
            token = held.polario_refresh
            checks.append(("polario", lambda: self._use_polario(token)))
        if held.pacerpro_token is not None:
            jwt = held.pacerpro_token
            checks.append(("pacerpro", lambda: self._use_pacerpro(jwt)))
        if held.svix_app_token is not None:
            app_token = held.svix_app_token
            checks.append(
                ("svix", lambda: self.call("POST", "/svix/api/v1/auth/logout/", 204, headers=bearer(app_token)))
            )
        if held.bixarena_session is not None:
            jar = {"Cookie": f"JSESSIONID={held.bixarena_session}"}
            checks.append(("bixarena", lambda: self._use_bixarena(jar)))
        for name, check in checks:
            try:
                await check()
            except (UnexpectedAnswerError, RateLimitedError, KeyError, aiohttp.ClientError, TimeoutError) as error:
                problems.append(f"held {name} session of user {self.number}: {error!r}")
        return len(checks), problems

    async def _use_polario(self, refresh_token: str) -> None:
        _, headers, _, _ = await self.call("POST", "/polario/auth/session", 200, json={"refreshToken": refresh_token})
        await self.call("GET", "/polario/auth/logout", 200, headers={"Session": headers["Session"]})

    async def _use_pacerpro(self, jwt: str) -> None:
        await self.call("GET", "/pacerpro/session", 200, headers=bearer(jwt))
        await self.call("DELETE", "/pacerpro/session", 200, headers=bearer(jwt))

    async def _use_bixarena(self, jar: dict[str, str]) -> None:
        await self.call("POST", "/bixarena/token", 200, headers=jar)
        await self.call("POST", "/bixarena/auth/logout", 204, headers=jar)
        await self.call("POST", "/bixarena/token", 401, headers=jar)

    async def close(self) -> None:
        """Close the user's connection."""
        await self.http.close()


class RateLimitedError(Exception):
    """A 429: intended under load, the flow is abandoned and retried after ``Retry-After``."""


@functools.cache
def _salted(salt: str, iterations: int) -> tuple[bytes, int]:
    return base64.b64decode(salt), iterations


@functools.lru_cache(maxsize=64)
def client_proof_cached(salt: str, iterations: int, message: bytes) -> bytes:
    """The ClientProof (RFC 5802 section 3); the salted password is what costs, and the SDK caches it too."""
    raw_salt, rounds = _salted(salt, iterations)
    return client_proof(POLARIO_PASSWORD, raw_salt, rounds, message)


def bearer(token: str) -> dict[str, str]:
    """An ``Authorization: Bearer`` header."""
    return {"Authorization": f"Bearer {token}"}


def relative(url: str) -> str:
    """The path and query of an absolute URL on the server under test."""
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


@dataclass
class Report:
    """The outcome of one run."""

    connections: int
    duration: float
    tally: Tally
    held_checked: int
    held_problems: list[str]
    rss_samples: list[tuple[float, int]]

    def summary(self) -> dict[str, object]:
        """The figures, as printed and as quoted in docs/operations/reliability.md."""
        return {
            "connections": self.connections,
            "seconds": round(self.duration, 1),
            "requests": self.tally.requests,
            "requests_per_second": round(self.tally.requests / self.duration),
            "flows": dict(self.tally.flows),
            "errors": sum(self.tally.errors.values()),
            "error_kinds": dict(self.tally.errors.most_common(5)),
            "intended": dict(self.tally.intended),
            "p50_ms": round(self.tally.percentile(0.50), 1),
            "p99_ms": round(self.tally.percentile(0.99), 1),
            "held_sessions_checked_after": self.held_checked,
            "held_problems": self.held_problems[:5],
            "rss_mb": [round(rss / 2**20, 1) for _, rss in self.rss_samples],
        }


async def prepare(base: str, connections: int) -> list[str]:
    """Per-user accounts through the admin API: two pacerpro users (one held, one revoked over and over) and a svix
    organisation key each (so no user spends another's rate limit); the svix keys."""
    keys: list[str] = []
    async with aiohttp.ClientSession(base_url=base) as http:

        async def one(number: int) -> str:
            for kind in ("held", "load"):
                user = {"api": "pacerpro", "email": f"{kind}-{number}@example.com", "password": "pw"}
                async with http.post("/__admin/users", json=user) as response:
                    if response.status != 201:
                        raise UnexpectedAnswerError(f"cannot add pacerpro user: {response.status}")
            async with http.post("/__admin/tokens", json={"api": "svix", "kind": "org_key"}) as response:
                if response.status != 201:
                    raise UnexpectedAnswerError(f"cannot add svix key: {response.status}")
                token: str = (await response.json())["token"]
                return token

        for start in range(0, connections, 50):
            keys += await asyncio.gather(*(one(n) for n in range(start, min(connections, start + 50))))
    return keys


async def run_load(
    base: str,
    connections: int,
    duration: float,
    rss: Callable[[], int] | None = None,
    sample_every: float = 2.0,
) -> Report:
    """Prepare accounts, run ``connections`` users for ``duration`` seconds, then check every held session."""
    keys = await prepare(base, connections)
    tally = Tally()
    users = [User(base, number, keys[number], tally) for number in range(connections)]
    samples: list[tuple[float, int]] = []
    started = time.monotonic()
    deadline = started + duration

    async def sample() -> None:
        while rss is not None and time.monotonic() < deadline:
            samples.append((time.monotonic() - started, rss()))
            await asyncio.sleep(sample_every)

    async def staggered(user: User) -> None:
        # Users arrive over the first second instead of all in the same millisecond.
        await asyncio.sleep(random.random())
        await user.run(deadline)

    try:
        await asyncio.gather(sample(), *(staggered(user) for user in users))
        elapsed = time.monotonic() - started
        if rss is not None:
            samples.append((elapsed, rss()))
        verified = await asyncio.gather(*(user.verify_held() for user in users))
        checked = sum(count for count, _ in verified)
        problems = [problem for _, found in verified for problem in found]
    finally:
        await asyncio.gather(*(user.close() for user in users))
    return Report(connections, elapsed, tally, checked, problems, samples)


def main() -> None:
    """``python -m tests.reliability.load``: run against a server that is already up."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", default="http://127.0.0.1:4010")
    parser.add_argument("--connections", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=10)
    args = parser.parse_args()
    report = asyncio.run(run_load(args.url, args.connections, args.seconds))
    print(json.dumps(report.summary(), indent=2))


if __name__ == "__main__":
    main()
