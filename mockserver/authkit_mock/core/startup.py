"""What ``authkit-mock serve`` sets up before it serves: the listening socket (bound before anything is printed, and
shared by the workers), and a check that the shared store answers."""

from __future__ import annotations

import asyncio
import socket
from urllib.parse import urlsplit, urlunsplit

from authkit_mock.core.settings import Settings


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port`` (port 0: any free one), bound before anything is printed.

    :class:`OSError` when the address cannot be resolved or bound (busy port, foreign address, no permission).
    """
    family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    listener = socket.socket(family, kind, proto)
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(address)
        # aiohttp's default backlog of 128 makes a burst of new connections beyond it wait for SYN retransmits (1 s,
        # 3 s, 7 s): under 1,000 connections that pushed bixarena's back-channel call to /synapse past its timeout.
        listener.listen(2048)
    except OSError:
        listener.close()
        raise
    return listener


def shown_url(url: str) -> str:
    """``url`` as it may be printed: a password in it (``rediss://:secret@host``) replaced by ``***``."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    user = f"{parts.username}:" if parts.username else ":"
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=f"{user}***@{host}"))


def unreachable_store(settings: Settings) -> str | None:
    """None when the shared store (``--store``) answers a PING (or there is none), else why not, in one line."""
    if settings.store_url is None:
        return None
    from redis.exceptions import RedisError

    from authkit_mock.core.redis.connection import RedisConnection

    async def ping() -> None:
        connection = RedisConnection(settings.store_url or "", settings.store_prefix)
        try:
            await connection.client.ping()
        finally:
            await connection.close()

    try:
        asyncio.run(ping())
    except (RedisError, OSError) as error:
        # Unreachable (refused, timed out) or refusing us (a password, a database beyond the server's count).
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        return f"cannot reach the store at {shown_url(settings.store_url)}: {reason}"
    return None
