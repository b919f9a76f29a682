"""The OpenAPI ``links`` that drive Schemathesis' stateful runs: they load, and they describe the real flows.

A link to an operationId that does not exist passes every linter; only Schemathesis' state machine notices, so
these tests build it for every spec, and show that a broken copy is refused.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from schemathesis.core.errors import InvalidStateMachine

from tests.support.specs import ALL_SPECS, Spec, load_spec, operations

FLOWS = {
    "polario": [
        ("scram_first_message", "scram_final_message"),
        ("scram_final_message", "refresh_session"),
        ("refresh_session", "refresh_session"),
        ("refresh_session", "logout"),
        ("scram_final_message", "logout"),
    ],
    "pacerpro": [("create_session", "refresh_session"), ("refresh_session", "revoke_all_sessions")],
    "svix": [
        ("dashboard_access", "logout"),
        ("app_portal_access", "logout"),
        ("app_portal_access", "expire_all"),
        # The stream flow: a stream token logged out, the stream's tokens expired, the poller token rotated and read.
        ("stream_portal_access", "stream_logout"),
        ("stream_portal_access", "stream_expire_all"),
        ("rotate_stream_poller_token", "get_stream_poller_token"),
        ("get_stream_poller_token", "rotate_stream_poller_token"),
    ],
    "admin": [("create_fault", "delete_fault")],
}
"""The flows each spec's links must describe: (from operationId, to operationId)."""


def links(spec: Spec) -> set[tuple[str, str]]:
    """Every (operation, linked operation) pair of a spec."""
    found = set()
    for operation in operations(spec):
        for response in operation.body.get("responses", {}).values():
            for link in response.get("links", {}).values():
                found.add((operation.operation_id, str(link.get("operationId"))))
    return found


def state_machine(spec: Spec) -> Any:
    return schemathesis.openapi.from_dict(spec).as_state_machine()


@pytest.mark.parametrize("name", ALL_SPECS)
def test_schemathesis_builds_a_state_machine_from_the_links(name: str) -> None:
    assert state_machine(load_spec(name)) is not None


@pytest.mark.parametrize("name", sorted(FLOWS))
def test_the_links_describe_the_flows_of_the_api(name: str) -> None:
    assert set(FLOWS[name]) <= links(load_spec(name))


def test_a_link_to_a_missing_operation_is_refused() -> None:
    spec = load_spec("pacerpro")
    link = spec["paths"]["/session"]["post"]["responses"]["200"]["links"]["RefreshSession"]
    link["operationId"] = "refresh_sesion"
    with pytest.raises(InvalidStateMachine, match="refresh_sesion"):
        state_machine(spec)
