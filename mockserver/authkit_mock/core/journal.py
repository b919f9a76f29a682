"""The request journal: what the server received and answered, newest last, bounded in size."""

from __future__ import annotations

import itertools
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

JOURNAL_BODY_BYTES = 8 * 1024
"""The default cut of journaled bodies (``Limits.journal_body_bytes``)."""
JOURNAL_HEADER_BYTES = 8 * 1024
"""The default budget of journaled headers (``Limits.journal_header_bytes``)."""
ENTRY_OVERHEAD = 512
"""What an entry costs besides its headers and bodies (the object, its numbers and short strings), in bytes."""


@dataclass(frozen=True, slots=True)
class Cut:
    """How many bytes of a request's headers and of each body were left out of a journal entry."""

    request_headers: int = 0
    request_body: int = 0
    response_body: int = 0


NOTHING_CUT = Cut()


Headers = tuple[tuple[str, str], ...] | tuple[tuple[bytes, bytes], ...]
"""A journaled request's headers: as received on the wire (aiohttp's ``raw_headers``, kept without a copy when they
fit the budget) or decoded (what :func:`kept_headers` keeps of headers over it)."""


@dataclass(slots=True)
class JournalEntry:
    """One request and the status it got.

    The headers and bodies are bounded (:func:`kept_headers`, :func:`kept_body`) and turned into text only when
    read: recording a request must cost little, reading the journal is rare. ``cut`` says what was left out. (Not a
    frozen dataclass: a frozen one's ``__init__`` sets each field through ``object.__setattr__``, which cost about
    as much as the rest of recording a request. Nothing changes an entry once the journal holds it.)
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
    headers: Headers
    """The request's headers as received, in order, up to the header budget (a name may repeat)."""
    raw_request_body: bytes | None
    raw_response_body: bytes | None
    cut: Cut = NOTHING_CUT

    @property
    def size(self) -> int:
        """What the entry holds, in bytes (for the journal's byte budget)."""
        return entry_size(self.path, self.query, self.headers, self.raw_request_body, self.raw_response_body)

    @property
    def request_headers(self) -> dict[str, str]:
        """The request headers with lower-case names; a repeated header's values joined with ``, ``
        (RFC 9110 section 5.3)."""
        joined: dict[str, str] = {}
        for name, value in decoded_headers(self.headers):
            key = name.lower()
            joined[key] = f"{joined[key]}, {value}" if key in joined else value
        return joined

    @property
    def request_body(self) -> str | None:
        """The request body as text (see :func:`text`)."""
        return text(self.raw_request_body, self.cut.request_body)

    @property
    def response_body(self) -> str | None:
        """The response body as text (see :func:`text`)."""
        return text(self.raw_response_body, self.cut.response_body)


def entry_size(
    path: str,
    query: str,
    headers: Headers,
    request_body: bytes | None,
    response_body: bytes | None,
    names_and_values: int | None = None,
) -> int:
    """What an entry with these parts holds, in bytes (:attr:`JournalEntry.size`); ``names_and_values``: the
    headers' :func:`header_bytes`, when the caller counted them already."""
    if names_and_values is None:
        names_and_values = header_bytes(headers)
    held = ENTRY_OVERHEAD + len(path) + len(query) + 16 * len(headers) + names_and_values
    return held + (len(request_body) if request_body else 0) + (len(response_body) if response_body else 0)


def header_bytes(headers: Iterable[tuple[str | bytes, str | bytes]]) -> int:
    """The length of every name and value in ``headers``, summed (in C: no Python loop per header)."""
    return sum(map(len, itertools.chain.from_iterable(headers)))


def decoded_headers(headers: Headers) -> Iterator[tuple[str, str]]:
    """The headers as text, raw ones decoded as aiohttp decodes them."""
    for name, value in headers:
        if isinstance(name, bytes) and isinstance(value, bytes):
            # As aiohttp decodes what it parses, so the journal shows what the handlers saw.
            yield name.decode("utf-8", "surrogateescape"), value.decode("utf-8", "surrogateescape")
        else:
            yield str(name), str(value)


def text(body: bytes | None, cut: int = 0) -> str | None:
    """A journaled body as text: decoded leniently, with ``…`` when some of it was cut."""
    if body is None:
        return None
    decoded = body.decode("utf-8", errors="replace")
    return decoded + "…" if cut else decoded


def kept_body(body: bytes | None, limit: int) -> tuple[bytes | None, int]:
    """``body`` cut to ``limit`` bytes (no copy when it is shorter), and how many bytes were cut."""
    if body is None or len(body) <= limit:
        return body, 0
    return body[:limit], len(body) - limit


def kept_headers(headers: Iterable[tuple[str, str]], limit: int) -> tuple[tuple[tuple[str, str], ...], int]:
    """The headers, in order, while their names and values fit in ``limit`` bytes; and how many bytes were cut.

    A copy, not the request's own multidict: that one keeps every header as received (up to aiohttp's limits,
    128 fields of 8 KB each), which made a full journal hold gigabytes.
    """
    kept: list[tuple[str, str]] = []
    used = 0
    cut = 0
    for name, value in headers:
        cost = len(name) + len(value)
        if used + cost > limit:
            cut += cost
            continue
        used += cost
        kept.append((name, value))
    return tuple(kept), cut


class Journal:
    """The last requests: at most ``capacity`` entries holding at most ``max_bytes``, oldest out first."""

    def __init__(self, capacity: int = 10_000, max_bytes: int = 32 * 1024 * 1024) -> None:
        self._entries: deque[JournalEntry] = deque()
        self._sizes: deque[int] = deque()
        """Each entry's size, in the entries' order: worked out once, when the entry is added."""
        self._ids = itertools.count(1)
        self.capacity = capacity
        self.max_bytes = max_bytes
        self._bytes = 0

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def bytes(self) -> int:
        """What the entries hold (:attr:`JournalEntry.size`)."""
        return self._bytes

    def next_id(self) -> int:
        """A fresh entry id."""
        return next(self._ids)

    def add(self, entry: JournalEntry, size: int | None = None) -> None:
        """Record an entry (``size``: its :attr:`~JournalEntry.size`, when the caller knows it); the oldest fall out
        while the journal is over its count or byte budget (O(1) each)."""
        held = entry.size if size is None else size
        self._entries.append(entry)
        self._sizes.append(held)
        self._bytes += held
        while len(self._entries) > self.capacity or (self._bytes > self.max_bytes and len(self._entries) > 1):
            self._entries.popleft()
            self._bytes -= self._sizes.popleft()

    def clear(self) -> None:
        """Forget every entry."""
        self._entries.clear()
        self._sizes.clear()
        self._bytes = 0

    def query(
        self,
        api: str | None = None,
        operation: str | None = None,
        status: int | None = None,
        limit: int = 100,
        before: int | None = None,
    ) -> list[JournalEntry]:
        """Matching entries, newest first; with ``before``, only entries with a smaller id (the next page)."""
        found: Iterator[JournalEntry] = (
            entry
            for entry in reversed(self._entries)
            if (before is None or entry.id < before)
            and (api is None or entry.api == api)
            and (operation is None or entry.operation == operation)
            and (status is None or entry.status == status)
        )
        return list(itertools.islice(found, limit))

    async def fetch(
        self,
        api: str | None = None,
        operation: str | None = None,
        status: int | None = None,
        limit: int = 100,
        before: int | None = None,
    ) -> list[JournalEntry]:
        """:meth:`query` for the admin API: a shared journal reads what every process recorded."""
        return self.query(api, operation, status, limit, before)

    async def forget(self) -> None:
        """:meth:`clear` for the admin API: a shared journal forgets for every process."""
        self.clear()


def monotonic_ms() -> float:
    """Milliseconds from a monotonic source, for durations (not the server's clock, which QA moves)."""
    return time.perf_counter() * 1000.0
