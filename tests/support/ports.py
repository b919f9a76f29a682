"""Loopback ports for servers that a test starts on ports it names (the bench takes a first port and the ones after)."""

from __future__ import annotations

import random
import socket
from pathlib import Path

EPHEMERAL_RANGE = Path("/proc/sys/net/ipv4/ip_local_port_range")


def _ephemeral_low() -> int:
    try:
        return int(EPHEMERAL_RANGE.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 32768  # Linux's default


def _bindable(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def free_port_run(count: int) -> int:
    """The first of ``count`` consecutive loopback ports nobody listens on, below the kernel's ephemeral range.

    A port picked with ``bind(("127.0.0.1", 0))`` comes from the ephemeral range, from which every outgoing
    connection also takes its local port: between the pick and a server's bind, a client connection elsewhere in the
    suite can take it ("Address already in use"). Below that range only listeners bind.
    """
    low = _ephemeral_low()
    pick = random.Random()
    for _ in range(500):
        first = pick.randrange(10_000, low - count)
        if all(_bindable(port) for port in range(first, first + count)):
            return first
    raise RuntimeError(f"no {count} consecutive free loopback ports between 10000 and {low}")
