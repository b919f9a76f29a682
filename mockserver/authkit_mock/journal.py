"""The request journal: what the server received and answered, newest last, bounded in size."""

from __future__ import annotations

import itertools
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass

BODY_LIMIT = 65536


@dataclass(frozen=True)
class JournalEntry:
    """One request and the status it got."""

    id: int
    time: float
    api: str | None
    operation: str | None
    method: str
    path: str
    query: str
    status: int
    duration_ms: float
    request_headers: dict[str, str]
    request_body: str | None
    response_body: str | None


def clip(body: bytes | None) -> str | None:
    """A body as text for the journal: decoded leniently and cut at ``BODY_LIMIT`` bytes."""
    if body is None:
        return None
    text = body[:BODY_LIMIT].decode("utf-8", errors="replace")
    return text + "…" if len(body) > BODY_LIMIT else text


class Journal:
    """The last ``capacity`` requests."""

    def __init__(self, capacity: int = 10_000) -> None:
        self._entries: deque[JournalEntry] = deque(maxlen=capacity)
        self._ids = itertools.count(1)

    def next_id(self) -> int:
        """A fresh entry id."""
        return next(self._ids)

    def add(self, entry: JournalEntry) -> None:
        """Record an entry (the oldest falls out when full)."""
        self._entries.append(entry)

    def clear(self) -> None:
        """Forget every entry."""
        self._entries.clear()

    def query(
        self, api: str | None = None, operation: str | None = None, status: int | None = None, limit: int = 100
    ) -> list[JournalEntry]:
        """Matching entries, newest first."""
        found: Iterator[JournalEntry] = (
            entry
            for entry in reversed(self._entries)
            if (api is None or entry.api == api)
            and (operation is None or entry.operation == operation)
            and (status is None or entry.status == status)
        )
        return list(itertools.islice(found, limit))


def monotonic_ms() -> float:
    """Milliseconds from a monotonic source, for durations (not the server's clock, which QA moves)."""
    return time.perf_counter() * 1000.0
