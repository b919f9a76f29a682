"""Injected faults shared by every process of a ``--store redis://`` deployment, counted down atomically.

The faults live in one JSON document in Redis (the same :meth:`Faults.snapshot` a process keeps), which every
request compares with its own copy (``shared.py``). Using one up is a Lua script that finds the first matching
fault in the document, counts it down (dropping it at zero) and writes the document back, all in Redis: a fault
switched on for three requests answers three requests of the deployment, however many run at once and wherever.
The admin API's changes (add, remove, clear) are Lua scripts on the document too, so a change made while another
process uses a fault keeps that count-down, and two processes adding at once get two ids.
"""

from __future__ import annotations

import json
from typing import cast

from authkit_mock.core.faults import Fault, Faults
from authkit_mock.core.redis.connection import RedisConnection, unavailable_as_503

TAKE = """
-- KEYS[1]: the faults document. ARGV: the request's api and operation. Returns the fault used, or nil.
local text = redis.call('GET', KEYS[1])
if not text then return nil end
local document = cjson.decode(text)
for index, fault in ipairs(document.faults) do
  if fault.api == ARGV[1] and (fault.operation == '*' or fault.operation == ARGV[2]) then
    if type(fault.remaining) == 'number' then
      fault.remaining = fault.remaining - 1
      if fault.remaining <= 0 then table.remove(document.faults, index) end
      if #document.faults == 0 then document.faults = nil end
      local encoded = cjson.encode(document)
      if not document.faults then encoded = string.gsub(encoded, '}$', ',"faults":[]}', 1) end
      redis.call('SET', KEYS[1], encoded)
    end
    return cjson.encode(fault)
  end
end
return nil
"""


EDIT = """
-- KEYS[1]: the faults document. ARGV[1]: 'add' (ARGV[2]: the fault's fields but its id), 'remove' (ARGV[2]: the
-- id) or 'clear'. Returns the document written and the fault added ('1' or '0' for remove: whether it was there).
local text = redis.call('GET', KEYS[1])
local document = text and cjson.decode(text) or {next = 1}
local faults = document.faults or {}
local result = ''
if ARGV[1] == 'add' then
  local fault = cjson.decode(ARGV[2])
  fault.id = document.next
  document.next = document.next + 1
  table.insert(faults, fault)
  result = cjson.encode(fault)
elseif ARGV[1] == 'remove' then
  result = '0'
  for index, fault in ipairs(faults) do
    if fault.id == tonumber(ARGV[2]) then
      table.remove(faults, index)
      result = '1'
      break
    end
  end
else
  faults = {}
end
-- cjson writes an empty table as {}: the faults array is written by hand.
local items = {}
for _, fault in ipairs(faults) do table.insert(items, cjson.encode(fault)) end
local encoded = '{"next":' .. string.format('%d', document.next) .. ',"faults":[' .. table.concat(items, ',') .. ']}'
redis.call('SET', KEYS[1], encoded)
return {encoded, result}
"""


class SharedFaults(Faults):
    """:class:`Faults` whose :meth:`claim` counts down in the shared store (module docstring)."""

    def __init__(self, connection: RedisConnection) -> None:
        super().__init__()
        self.key = connection.key("server:faults")
        self._take = connection.client.register_script(TAKE)
        self._edit = connection.client.register_script(EDIT)
        self.changed = False
        """Whether this copy was changed here, outside a request (a test, a reset), since :meth:`take_changes`: it
        then is the deployment's document, and the deployment's (read by a request that overlapped the change) must
        not replace it."""

    def add(self, api: str, operation: str, status: int | None, delay_ms: int, count: int | None) -> Fault:
        self.changed = True
        return super().add(api, operation, status, delay_ms, count)

    def remove(self, fault_id: int) -> bool:
        removed = super().remove(fault_id)
        self.changed = self.changed or removed
        return removed

    def clear(self) -> None:
        self.changed = True
        super().clear()

    def take_changes(self) -> str | None:
        """This copy as the deployment's new document when it was changed here, else None."""
        if not self.changed:
            return None
        self.changed = False
        return self.snapshot()

    @unavailable_as_503
    async def claim(self, api: str, operation: str | None) -> Fault | None:
        if not any(fault.matches(api, operation) for fault in self.all()):
            return None  # nothing here matches (this copy is at most one request old): no round trip
        found = cast(str | None, await self._take(keys=[self.key], args=[api, operation or ""]))
        # This process's copy is left as it was: the next request reads the counted-down document (and a copy
        # changed here would be written back over what other processes counted meanwhile).
        return Fault(**json.loads(found)) if found is not None else None

    async def _edited(self, *args: str) -> str:
        """Apply one edit to the deployment's document; this copy becomes the document written. Returns the edit's
        result."""
        document, result = cast(list[str], await self._edit(keys=[self.key], args=list(args)))
        self.restore(document)
        return result

    @unavailable_as_503
    async def create(self, api: str, operation: str, status: int | None, delay_ms: int, count: int | None) -> Fault:
        fields = {"api": api, "operation": operation, "status": status, "delay_ms": delay_ms}
        added = await self._edited("add", json.dumps({**fields, "count": count, "remaining": count}))
        return Fault(**json.loads(added))

    @unavailable_as_503
    async def delete(self, fault_id: int) -> bool:
        return await self._edited("remove", str(fault_id)) == "1"

    @unavailable_as_503
    async def clear_all(self) -> None:
        await self._edited("clear")
