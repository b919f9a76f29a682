"""Session-wide Prism mocks: one process per contract (the five APIs and the admin API), started together once."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from authkit_mock.prism import PrismProcess, free_port
from tests.support.specs import ALL_SPECS, spec_path


@dataclass(frozen=True)
class PrismMocks:
    """The running mocks by contract name. How fast Prism starts is measured by ``scripts/bench``, not asserted
    here: a wall-clock budget fails on a busy machine; ``PrismProcess.wait`` bounds the start instead."""

    processes: dict[str, PrismProcess]

    def url(self, name: str) -> str:
        """Where Prism mocks the contract ``name``."""
        return self.processes[name].url


@pytest.fixture(scope="session")
def prism_mocks() -> Iterator[PrismMocks]:
    """Prism's spec-example mock of every contract, launched in parallel on free ports."""
    processes = {name: PrismProcess(name, free_port(), spec=spec_path(name)) for name in ALL_SPECS}
    try:
        for process in processes.values():
            process.start()
        for process in processes.values():
            process.wait()
        yield PrismMocks(processes)
    finally:
        for process in processes.values():
            process.stop()
