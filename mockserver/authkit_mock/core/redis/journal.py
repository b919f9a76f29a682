"""The request journal of a ``--store redis://`` deployment: one capped Redis stream every process writes to, so
``GET /__admin/journal`` on any process shows the requests all of them answered.

Recording stays as cheap as in memory for the request: the entry goes to this process's journal at once and to an
outbox, which one background task writes in batches (``XADD`` in a pipeline). Reading first waits for this
process's outbox, then reads the stream newest first. The stream is bounded like the memory journal, by count and
by bytes, in one Lua script per entry (oldest out first), so Redis holds at most ``Limits.journal_entries``
entries and ``Limits.journal_bytes`` of them.

An entry's id in the stream is derived from its stream id (milliseconds and sequence), so ids increase across the
whole deployment and ``before`` pages through it.
"""

from __future__ import annotations

import asyncio
import base64
import json
import logging
from dataclasses import asdict
from typing import Any, cast

from authkit_mock.core.journal import Cut, Journal, JournalEntry, decoded_headers
from authkit_mock.core.redis.connection import UNREACHABLE, RedisConnection, unavailable_as_503

log = logging.getLogger("authkit_mock.store")

APPEND = """
-- KEYS[1]: the stream, KEYS[2]: the bytes it holds. ARGV: entry, its size, the count and byte budgets.
redis.call('XADD', KEYS[1], '*', 'e', ARGV[1], 's', ARGV[2])
local held = redis.call('INCRBY', KEYS[2], ARGV[2])
local count, budget = tonumber(ARGV[3]), tonumber(ARGV[4])
while redis.call('XLEN', KEYS[1]) > 1 and (redis.call('XLEN', KEYS[1]) > count or held > budget) do
  local oldest = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', 1)[1]
  redis.call('XDEL', KEYS[1], oldest[1])
  held = redis.call('DECRBY', KEYS[2], oldest[2][4])
end
return held
"""

PAGE = 200
"""Stream entries read per round trip while looking for matches."""


def _encode(entry: JournalEntry) -> str:
    data: dict[str, Any] = {name: getattr(entry, name) for name in JournalEntry.__dataclass_fields__}
    data["headers"] = [list(pair) for pair in decoded_headers(entry.headers)]
    data["cut"] = asdict(entry.cut)
    for name in ("raw_request_body", "raw_response_body"):
        body = data[name]
        data[name] = base64.b64encode(body).decode() if body is not None else None
    return json.dumps(data)


def _decode(text: str, stream_id: str) -> JournalEntry:
    data: dict[str, Any] = json.loads(text)
    for name in ("raw_request_body", "raw_response_body"):
        body = data[name]
        data[name] = base64.b64decode(body) if body is not None else None
    data["headers"] = tuple(tuple(pair) for pair in data["headers"])
    data["cut"] = Cut(**data["cut"])
    data["id"] = entry_id(stream_id)
    return JournalEntry(**data)


def entry_id(stream_id: str) -> int:
    """The integer id of a stream entry: milliseconds * 1000 + sequence (below 2**53, so JSON clients read it
    exactly; a thousand entries in one millisecond is beyond any one deployment)."""
    millis, _, sequence = stream_id.partition("-")
    return int(millis) * 1000 + int(sequence or 0)


def stream_bound(entry: int) -> str:
    """The stream id just below integer id ``entry`` (for ``before``: exclusive)."""
    millis, sequence = divmod(entry, 1000)
    return f"({millis}-{sequence}"


class SharedJournal(Journal):
    """A :class:`Journal` whose entries also go to the deployment's stream (module docstring)."""

    def __init__(self, connection: RedisConnection, capacity: int, max_bytes: int) -> None:
        super().__init__(capacity, max_bytes)
        self.connection = connection
        self._stream = connection.key("journal")
        self._held = connection.key("journal:bytes")
        self._append = connection.client.register_script(APPEND)
        self._outbox: list[JournalEntry] = []
        self._writer: asyncio.Task[None] | None = None

    def add(self, entry: JournalEntry, size: int | None = None) -> None:
        super().add(entry, size)
        if len(self._outbox) < self.capacity:  # a store that is down for long loses the oldest, not memory
            self._outbox.append(entry)
        if self._writer is None or self._writer.done():
            self._writer = asyncio.get_running_loop().create_task(self._write())

    async def _write(self) -> None:
        while self._outbox:
            batch, self._outbox = self._outbox, []
            try:
                async with self.connection.client.pipeline(transaction=False) as pipe:
                    for entry in batch:
                        size = str(entry.size)
                        args = [_encode(entry), size, str(self.capacity), str(self.max_bytes)]
                        await self._append(keys=[self._stream, self._held], args=args, client=pipe)
                    await pipe.execute()
            except UNREACHABLE as error:
                # The journal is a record of requests, not state a client relies on: it is not retried.
                log.warning("journal entries not written to the shared store: %s", error)

    async def drained(self) -> None:
        """Wait until this process's entries are in the stream."""
        writer = self._writer
        if writer is not None and not writer.done():
            await asyncio.shield(writer)

    @unavailable_as_503
    async def fetch(
        self,
        api: str | None = None,
        operation: str | None = None,
        status: int | None = None,
        limit: int = 100,
        before: int | None = None,
    ) -> list[JournalEntry]:
        await self.drained()
        found: list[JournalEntry] = []
        upper = stream_bound(before) if before is not None else "+"
        redis = self.connection.client
        while len(found) < limit:
            page = cast(list[tuple[str, dict[str, str]]], await redis.xrevrange(self._stream, upper, "-", count=PAGE))
            for stream_id, fields in page:
                entry = _decode(fields["e"], stream_id)
                if (
                    (api is None or entry.api == api)
                    and (operation is None or entry.operation == operation)
                    and (status is None or entry.status == status)
                ):
                    found.append(entry)
                    if len(found) == limit:
                        break
            if len(page) < PAGE:
                break
            upper = f"({page[-1][0]}"
        return found

    @unavailable_as_503
    async def forget(self) -> None:
        self.clear()
        self._outbox = []
        await self.drained()
        await self.connection.client.delete(self._stream, self._held)
