"""The request journal: what the server received and answered, newest last, bounded in size."""

from __future__ import annotations

import itertools
import time
from collections import deque
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

BODY_LIMIT = 65536


@dataclass(frozen=True, slots=True)
class JournalEntry:
    """One request and the status it got.

    The headers and bodies are kept as received and sent (bodies cut by :func:`bounded`), and turned into text
    only when read: recording a request must cost little, reading the journal is rare.
    """

    id: int
    time: float
    api: str | None
    operation: str | None
    method: str
    path: str
    query: str
    status: int
    duration_ms: float
    headers: Mapping[str, str]
    """The request's headers as received (a read-only multidict: a name may repeat)."""
    raw_request_body: bytes | None
    raw_response_body: bytes | None

    @property
    def request_headers(self) -> dict[str, str]:
        """The request headers with lower-case names; a repeated header's values joined with ``, ``
        (RFC 9110 section 5.3)."""
        joined: dict[str, str] = {}
        for name, value in self.headers.items():
            key = name.lower()
            joined[key] = f"{joined[key]}, {value}" if key in joined else value
        return joined

    @property
    def request_body(self) -> str | None:
        """The request body as text (see :func:`clip`)."""
        return clip(self.raw_request_body)

    @property
    def response_body(self) -> str | None:
        """The response body as text (see :func:`clip`)."""
        return clip(self.raw_response_body)


def clip(body: bytes | None) -> str | None:
    """A body as text for the journal: decoded leniently and cut at ``BODY_LIMIT`` bytes."""
    if body is None:
        return None
    text = body[:BODY_LIMIT].decode("utf-8", errors="replace")
    return text + "…" if len(body) > BODY_LIMIT else text


def bounded(body: bytes | None) -> bytes | None:
    """``body`` cut to one byte more than :func:`clip` shows (enough to know it was longer), without a copy when it
    is short: a full journal holds 10,000 entries."""
    if body is None or len(body) <= BODY_LIMIT:
        return body
    return body[: BODY_LIMIT + 1]


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
