"""Faults and latency that QA switches on per API and operation through the admin API."""

from __future__ import annotations

import json
from dataclasses import dataclass


@dataclass
class Fault:
    """Answer ``status`` (if set) after ``delay_ms`` to matching requests, ``remaining`` more times (None: always)."""

    id: int
    api: str
    operation: str
    status: int | None
    delay_ms: int
    count: int | None
    remaining: int | None

    def matches(self, api: str, operation: str | None) -> bool:
        """Whether this fault applies to a request of ``operation`` on ``api`` (``*`` matches every operation)."""
        return self.api == api and self.operation in ("*", operation)


class Faults:
    """The switched-on faults, first added first applied."""

    def __init__(self) -> None:
        self._faults: dict[int, Fault] = {}
        self._next = 1

    def add(self, api: str, operation: str, status: int | None, delay_ms: int, count: int | None) -> Fault:
        """Switch a fault on."""
        fault = Fault(self._next, api, operation, status, delay_ms, count, count)
        self._next += 1
        self._faults[fault.id] = fault
        return fault

    def __bool__(self) -> bool:
        """Whether any fault is switched on (checked on every request: nothing else to do when none is)."""
        return bool(self._faults)

    def all(self) -> list[Fault]:
        """Every fault still switched on."""
        return list(self._faults.values())

    def remove(self, fault_id: int) -> bool:
        """Switch one fault off; False when there was none with that id."""
        return self._faults.pop(fault_id, None) is not None

    def clear(self) -> None:
        """Switch every fault off."""
        self._faults.clear()

    def snapshot(self) -> str:
        """Every fault and the next id, as JSON (what a shared store keeps, so every process applies them)."""
        return json.dumps({"next": self._next, "faults": [vars(fault) for fault in self._faults.values()]})

    def restore(self, snapshot: str) -> None:
        """Switch on exactly the faults of a :meth:`snapshot`."""
        data = json.loads(snapshot)
        self._faults = {item["id"]: Fault(**item) for item in data["faults"]}
        self._next = int(data["next"])

    async def claim(self, api: str, operation: str | None) -> Fault | None:
        """:meth:`take` for a request: shared faults are counted down in the shared store, atomically."""
        return self.take(api, operation)

    async def create(self, api: str, operation: str, status: int | None, delay_ms: int, count: int | None) -> Fault:
        """:meth:`add` for a request (the admin API): a shared deployment adds it in the shared store, atomically."""
        return self.add(api, operation, status, delay_ms, count)

    async def delete(self, fault_id: int) -> bool:
        """:meth:`remove` for a request (the admin API), atomically in a shared store."""
        return self.remove(fault_id)

    async def clear_all(self) -> None:
        """:meth:`clear` for a request (the admin API), atomically in a shared store."""
        self.clear()

    def take(self, api: str, operation: str | None) -> Fault | None:
        """The fault to apply to this request, counting it down (and switching it off when used up)."""
        for fault in self._faults.values():
            if fault.matches(api, operation):
                if fault.remaining is not None:
                    fault.remaining -= 1
                    if fault.remaining <= 0:
                        del self._faults[fault.id]
                return fault
        return None
