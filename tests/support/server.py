"""The real reference server on a loopback port, in a thread with its own event loop (``authkit_mock.testing``,
which the pytest plugin uses too), and a contract-checking client of it.

Tests talk to it over HTTP like any client would. The clock is injected, so tests move it instead of sleeping.
"""

from __future__ import annotations

import httpx

from authkit_mock.testing import RunningServer, running_server

__all__ = ["RunningServer", "checked_client", "running_server"]


def checked_client(server: RunningServer, name: str) -> httpx.Client:
    """An httpx client of one API (or ``admin``) of ``server`` that checks every response against its contract."""
    from tests.support.openapi import ContractValidator

    base_url = f"{server.url}/__admin" if name == "admin" else server.api_url(name)
    validator = ContractValidator.for_base_url(name, base_url)
    return httpx.Client(base_url=base_url, event_hooks={"response": [validator.validate_response]})
