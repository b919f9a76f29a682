"""Injected faults shared by every process of a ``--store redis://`` deployment, counted down atomically.

The faults live in one JSON document in Redis (the same :meth:`Faults.snapshot` a process keeps), which every
request compares with its own copy (``shared.py``). Using one up is a Lua script that finds the first matching
fault in the document, counts it down (dropping it at zero) and writes the document back, all in Redis: a fault
switched on for three requests answers three requests of the deployment, however many run at once and wherever.
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


class SharedFaults(Faults):
    """:class:`Faults` whose :meth:`claim` counts down in the shared store (module docstring)."""

    def __init__(self, connection: RedisConnection) -> None:
        super().__init__()
        self.key = connection.key("server:faults")
        self._take = connection.client.register_script(TAKE)
        self.changed = False
        """Whether this copy was changed here (the admin API) since :meth:`take_changes`: it then is the
        deployment's document, and the deployment's (read by a request that overlapped the change) must not
        replace it."""

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
