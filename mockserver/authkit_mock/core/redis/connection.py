"""One connection pool to the shared Valkey/Redis server, the key names every piece of state lives under, and how an
unreachable server is told to clients (a 503 in the API's error shape, see ``StoreUnavailableError``)."""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from typing import Any, ParamSpec, TypeVar
from urllib.parse import urlsplit

from redis.asyncio import Redis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from authkit_mock.core.errors import ApiError

UNREACHABLE: tuple[type[BaseException], ...] = (RedisConnectionError, RedisTimeoutError, OSError)
"""What the client raises when the server cannot be reached or does not answer in time."""

SCHEMES = ("redis", "rediss", "valkey", "valkeys", "unix")

log = logging.getLogger("authkit_mock.store")

P = ParamSpec("P")
R = TypeVar("R")


class StoreUnavailableError(ApiError):
    """The shared store did not answer: the request is refused whole (nothing of it was applied) with a 503."""

    def __init__(self) -> None:
        super().__init__(503, "the shared state store (Valkey/Redis) is unreachable; try again", code="unavailable")


class StoreUrlError(ValueError):
    """A ``--store`` URL that cannot name a Valkey/Redis server; the message says why."""


def check_store_url(url: str) -> str:
    """``url`` when it names a Valkey/Redis server (``redis://host:port/db``, ``rediss://`` for TLS,
    ``unix:///path``); ``valkey://`` is accepted as a synonym. Raises :class:`StoreUrlError` otherwise."""
    parts = urlsplit(url)
    if parts.scheme not in SCHEMES:
        raise StoreUrlError(f"--store {url!r}: expected redis://HOST:PORT/DB (or rediss://, unix://)")
    if parts.scheme != "unix" and not parts.hostname:
        raise StoreUrlError(f"--store {url!r}: no host (expected redis://HOST:PORT/DB)")
    database = parts.path.strip("/")
    if parts.scheme != "unix" and database and not database.isdigit():
        raise StoreUrlError(f"--store {url!r}: the database must be a number (redis://HOST:PORT/0)")
    try:
        _ = parts.port
    except ValueError:
        raise StoreUrlError(f"--store {url!r}: the port is not a number") from None
    return url


@dataclass(frozen=True)
class Timeouts:
    """How long a request waits for the shared store: connecting, and each command. A store that does not answer
    within these makes the request a 503 instead of holding the connection (and the client) indefinitely."""

    connect: float = 1.0
    command: float = 2.0


class RedisConnection:
    """The pool every backend module shares, and the prefix all of authkit's keys start with (one Redis database
    may hold other things; a reset deletes only keys under the prefix)."""

    def __init__(self, url: str, prefix: str = "authkit:", timeouts: Timeouts = Timeouts()) -> None:
        check_store_url(url)
        self.url = url
        self.prefix = prefix
        normalised = url.replace("valkey", "redis", 1) if url.startswith("valkey") else url
        self.client: Redis = Redis.from_url(
            normalised,
            socket_connect_timeout=timeouts.connect,
            socket_timeout=timeouts.command,
            # Every reply is decoded by its reader; values are JSON text or numbers.
            decode_responses=True,
            # Keys and values may hold what a request sent that is not text: a header's undecodable bytes (as
            # aiohttp decodes them, lone surrogates) or a JSON string's lone "\ud800". Written as such
            # (surrogatepass: never valid UTF-8, so never the same bytes as a real string), not refused with a 500.
            encoding_errors="surrogatepass",
            # A connection broken while the server was down is dropped and remade on the next command.
            health_check_interval=30,
            retry_on_timeout=False,
        )

    def key(self, *parts: str) -> str:
        """The full name of one of authkit's keys (parts joined by ``:``; parts are never split again)."""
        return self.prefix + ":".join(parts)

    async def close(self) -> None:
        """Close the pool's connections."""
        await self.client.aclose()


async def answered(call: Awaitable[R]) -> R:
    """The answer of one call to the shared store; :class:`StoreUnavailableError` (a 503) when it is unreachable
    or does not answer in time."""
    try:
        return await call
    except UNREACHABLE as error:
        log.warning("shared store unreachable: %s", error)
        raise StoreUnavailableError from None


def unavailable_as_503(function: Callable[P, Coroutine[Any, Any, R]]) -> Callable[P, Coroutine[Any, Any, R]]:
    """``function`` with its store calls :func:`answered`: an unreachable or silent store is a 503."""

    @functools.wraps(function)
    async def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
        return await answered(function(*args, **kwargs))

    return guarded
