"""The vendor's own client, the official Svix Python SDK (PyPI ``svix``), against the reference server.

It calls the paths without the trailing slash and sends an ``idempotency-key`` on every POST, as today's SDKs do.
The SDK is not a dependency of this project: these tests run only where it is installed (checked with 2.9.1).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.server.svix.client import APP_ID, APP_UID, ORG_KEY, magic_link_payload, svix_server

svix_api: Any = pytest.importorskip("svix.api")
svix_exceptions: Any = pytest.importorskip("svix.exceptions")


@pytest.fixture
def sdk() -> Iterator[Callable[[str], Any]]:
    """Makes an SDK client for a token, against a server of the svix API alone at the root."""
    made: list[Any] = []

    def make(token: str) -> Any:
        # No retries: a retry would hide the status under test.
        client = svix_api.Svix(token, svix_api.SvixOptions(server_url=server.url, retry_schedule=[]))
        made.append(client)
        return client

    with svix_server(single_api="svix") as server:
        yield make
    for client in made:
        client._httpx_client.close()  # the SDK has no close() of its own


def test_the_official_sdk_gets_app_portal_access_and_logs_the_token_out(sdk: Callable[[str], Any]) -> None:
    org = sdk(ORG_KEY)
    access = org.authentication.app_portal_access(APP_UID, svix_api.AppPortalAccessIn(feature_flags=["beta"]))
    assert magic_link_payload(access.url) == {"appId": APP_UID, "token": access.token}
    app = sdk(access.token)
    app.authentication.logout()
    with pytest.raises(svix_exceptions.HttpError) as again:
        app.authentication.logout()
    assert (again.value.status_code, again.value.code) == (401, "authentication_failed")


def test_the_official_sdk_sees_the_documented_errors(sdk: Callable[[str], Any]) -> None:
    org = sdk(ORG_KEY)
    with pytest.raises(svix_exceptions.HttpError) as org_logout:
        org.authentication.logout()
    assert (org_logout.value.status_code, org_logout.value.code) == (403, "insufficient access")
    with pytest.raises(svix_exceptions.HttpError) as unknown:
        org.authentication.app_portal_access("app_unknown", svix_api.AppPortalAccessIn())
    assert unknown.value.status_code == 404
    with pytest.raises(svix_exceptions.HTTPValidationError) as invalid:
        org.authentication.expire_all(APP_ID, svix_api.ApplicationTokenExpireIn(expiry=259201))
    assert invalid.value.detail[0].loc == ["body", "expiry"]


def test_the_official_sdk_expires_every_token_of_an_application(sdk: Callable[[str], Any]) -> None:
    org = sdk(ORG_KEY)
    token = org.authentication.app_portal_access(APP_ID, svix_api.AppPortalAccessIn()).token
    org.authentication.expire_all(APP_ID, svix_api.ApplicationTokenExpireIn(expiry=0))
    with pytest.raises(svix_exceptions.HttpError) as expired:
        sdk(token).authentication.logout()
    assert expired.value.status_code == 401


def test_the_official_sdk_replays_with_its_idempotency_key(sdk: Callable[[str], Any]) -> None:
    org = sdk(ORG_KEY)
    options = svix_api.authentication.AuthenticationAppPortalAccessOptions(idempotency_key="sdk-key")
    first = org.authentication.app_portal_access(APP_ID, svix_api.AppPortalAccessIn(), options)
    again = org.authentication.app_portal_access(APP_ID, svix_api.AppPortalAccessIn(), options)
    assert again.token == first.token
