"""The vendor's own client, the official Svix Python SDK (PyPI ``svix``), against the reference server: all eight
methods of its ``Authentication`` resource (``svix/api/authentication.py``), each as upstream documents it.

It calls the paths without the trailing slash and sends an ``idempotency-key`` on every POST, as today's SDKs do.
The SDK is not a dependency of this project: these tests run only where it is installed (checked with 2.9.1).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.server.svix.client import (
    APP_ID,
    APP_UID,
    ORG_KEY,
    POLLER_TOKEN,
    SINK_ID,
    SINK_UID,
    STREAM_ID,
    STREAM_UID,
    magic_link_payload,
    svix_server,
)

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


def test_the_official_sdk_expires_only_the_tokens_of_the_sessions_named(sdk: Callable[[str], Any]) -> None:
    org = sdk(ORG_KEY)
    ada = org.authentication.app_portal_access(APP_ID, svix_api.AppPortalAccessIn(session_id="ada")).token
    bob = org.authentication.app_portal_access(APP_ID, svix_api.AppPortalAccessIn(session_id="bob")).token
    org.authentication.expire_all(APP_ID, svix_api.ApplicationTokenExpireIn(expiry=0, session_ids=["ada"]))
    with pytest.raises(svix_exceptions.HttpError) as expired:
        sdk(ada).authentication.logout()
    assert expired.value.status_code == 401
    sdk(bob).authentication.logout()


def test_the_official_sdk_gets_stream_portal_access_and_logs_the_stream_token_out(sdk: Callable[[str], Any]) -> None:
    org = sdk(ORG_KEY)
    access = org.authentication.stream_portal_access(
        STREAM_UID, svix_api.StreamPortalAccessIn(expiry=3600, feature_flags=["beta"], session_id="user_1")
    )
    assert magic_link_payload(access.url) == {"streamId": STREAM_UID, "token": access.token}
    stream = sdk(access.token)
    assert stream.authentication.get_stream_poller_token(STREAM_ID, SINK_ID).token == POLLER_TOKEN
    with pytest.raises(svix_exceptions.HttpError) as app_logout:
        stream.authentication.logout()  # "Trying to log out other tokens will fail"
    assert app_logout.value.status_code == 403
    stream.authentication.stream_logout()
    with pytest.raises(svix_exceptions.HttpError) as again:
        stream.authentication.stream_logout()
    assert (again.value.status_code, again.value.code) == (401, "authentication_failed")


def test_the_official_sdk_expires_every_token_of_a_stream(sdk: Callable[[str], Any]) -> None:
    org = sdk(ORG_KEY)
    token = org.authentication.stream_portal_access(STREAM_ID, svix_api.StreamPortalAccessIn()).token
    org.authentication.stream_expire_all(STREAM_ID, svix_api.StreamTokenExpireIn(expiry=0))
    with pytest.raises(svix_exceptions.HttpError) as expired:
        sdk(token).authentication.get_stream_poller_token(STREAM_ID, SINK_ID)
    assert expired.value.status_code == 401
    with pytest.raises(svix_exceptions.HttpError) as org_logout:
        org.authentication.stream_logout()
    assert org_logout.value.status_code == 403


def test_the_official_sdk_rotates_the_poller_token_and_the_old_one_stops_at_once(sdk: Callable[[str], Any]) -> None:
    org = sdk(ORG_KEY)
    assert org.authentication.get_stream_poller_token(STREAM_ID, SINK_ID).token == POLLER_TOKEN
    rotated = org.authentication.rotate_stream_poller_token(
        STREAM_ID, SINK_UID, svix_api.RotatePollerTokenIn(old_token_expiry=0)
    )
    assert rotated.token != POLLER_TOKEN
    assert rotated.expires_at is not None and rotated.created_at < rotated.expires_at
    current = org.authentication.get_stream_poller_token(STREAM_UID, SINK_ID)
    assert (current.id, current.token) == (rotated.id, rotated.token)
    # The old poller token no longer authenticates at all; the new one does (and may not call these operations).
    with pytest.raises(svix_exceptions.HttpError) as old:
        sdk(POLLER_TOKEN).authentication.get_stream_poller_token(STREAM_ID, SINK_ID)
    assert old.value.status_code == 401
    with pytest.raises(svix_exceptions.HttpError) as new:
        sdk(rotated.token).authentication.get_stream_poller_token(STREAM_ID, SINK_ID)
    assert new.value.status_code == 403


def test_the_official_sdk_sees_the_stream_operations_documented_errors(sdk: Callable[[str], Any]) -> None:
    org = sdk(ORG_KEY)
    with pytest.raises(svix_exceptions.HttpError) as unknown:
        org.authentication.get_stream_poller_token(STREAM_ID, "sink_unknown")
    assert unknown.value.status_code == 404
    with pytest.raises(svix_exceptions.HTTPValidationError) as invalid:
        org.authentication.rotate_stream_poller_token(STREAM_ID, SINK_ID, svix_api.RotatePollerTokenIn(expiry=0))
    assert invalid.value.detail[0].loc == ["body", "expiry"]
