"""The flows through Prism's validating proxy fail on any violation: what the server answers outside the
contract, and what a client sends outside it (Prism answers that itself, and the harness fails the call)."""

from __future__ import annotations

import pytest

from authkit_sdk.svix import SvixClient
from tests.e2e.flows import SVIX_APP, SVIX_ORG_KEY
from tests.e2e.targets import PrismViolationError, Target

pytestmark = pytest.mark.prism


def test_a_status_the_contract_does_not_document_fails_the_call(proxied: Target) -> None:
    if proxied.deployment.admin_problem is not None:
        pytest.skip(f"needs the admin API to inject a fault: {proxied.deployment.admin_problem}")
    with proxied.deployment.admin() as admin:
        admin.add_fault("svix", "dashboard_access", status=418, count=1)

    with proxied.client(SvixClient, token=SVIX_ORG_KEY, retries=None) as org:
        with pytest.raises(PrismViolationError, match="Unable to match the returned status code"):
            org.dashboard_access(SVIX_APP)
        org.dashboard_access(SVIX_APP)  # the fault is used up: the next answer is in the contract


def test_a_request_the_contract_forbids_fails_the_call(proxied: Target) -> None:
    with (
        proxied.client(SvixClient, token=SVIX_ORG_KEY, retries=None) as org,
        pytest.raises(PrismViolationError, match="featureFlags"),
    ):
        org.app_portal_access(SVIX_APP, feature_flags=["not a valid flag!"])


def test_the_same_calls_pass_when_they_keep_to_the_contract(proxied: Target) -> None:
    with proxied.client(SvixClient, token=SVIX_ORG_KEY, retries=None) as org:
        assert org.app_portal_access(SVIX_APP, feature_flags=["beta"]).token
