"""The requests of the svix facade, built once for its sync and async twins: each function returns the request
(the generated ``_get_kwargs``, with an idempotency key on every POST) and the generated parser of its answer.

Also where the facade's base URL comes from: a token with a regional suffix goes to that region's server, as the
official SDK does (PyPI ``svix`` 2.9.1, ``svix/api/svix.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from authkit_sdk._core.idempotency import new_idempotency_key
from authkit_sdk._core.responses import Parser
from authkit_sdk.svix._generated.api.authentication import app_portal_access, dashboard_access, expire_all, logout
from authkit_sdk.svix._generated.api.stream_authentication import (
    get_stream_poller_token,
    rotate_stream_poller_token,
    stream_expire_all,
    stream_logout,
    stream_portal_access,
)
from authkit_sdk.svix._generated.models import (
    ApplicationIn,
    ApplicationTokenExpireIn,
    AppPortalAccessIn,
    AppPortalCapability,
    RotatePollerTokenIn,
    StreamPortalAccessIn,
    StreamTokenExpireIn,
)
from authkit_sdk.svix._generated.models.app_portal_capability import check_app_portal_capability
from authkit_sdk.svix._generated.types import UNSET, Unset

Request = tuple[dict[str, Any], Parser]

REGIONS = ("eu", "us", "ca", "au", "in")
"""The regions upstream serves, each at ``https://api.<region>.svix.com``."""


def region_url(token: str) -> str | None:
    """The regional server a token belongs to (its suffix after the last ``.``), or None when it names none."""
    region = token.rsplit(".", 1)[-1] if "." in token else None
    return f"https://api.{region}.svix.com" if region in REGIONS else None


def _key(idempotency_key: str | None) -> str:
    return idempotency_key or new_idempotency_key()


def _given(value: Any) -> Any:
    """``value``, or UNSET (not sent) for None: the facade never sends a null upstream does not need."""
    return UNSET if value is None else value


def _list(values: Sequence[Any] | None) -> Any:
    return UNSET if values is None else list(values)


def _capabilities(values: Sequence[AppPortalCapability] | None) -> list[AppPortalCapability] | Unset:
    # Checked here: an unknown capability is a mistake in the caller's code, not something to send.
    return UNSET if values is None else [check_app_portal_capability(value) for value in values]


def dashboard_access_request(app_id: str, idempotency_key: str | None) -> Request:
    """POST dashboard-access."""
    return dashboard_access._get_kwargs(app_id, idempotency_key=_key(idempotency_key)), dashboard_access._parse_response


def app_portal_access_request(
    app_id: str,
    feature_flags: Sequence[str] | None,
    capabilities: Sequence[AppPortalCapability] | None,
    expiry: int | None,
    read_only: bool | None,
    session_id: str | None,
    application: ApplicationIn | None,
    idempotency_key: str | None,
) -> Request:
    """POST app-portal-access with the options given (the others are not sent)."""
    body = AppPortalAccessIn(
        feature_flags=_list(feature_flags),
        capabilities=_capabilities(capabilities),
        expiry=_given(expiry),
        read_only=_given(read_only),
        session_id=_given(session_id),
        application=_given(application),
    )
    request = app_portal_access._get_kwargs(app_id, body=body, idempotency_key=_key(idempotency_key))
    return request, app_portal_access._parse_response


def expire_all_request(
    app_id: str, expiry: int | None, session_ids: Sequence[str] | None, idempotency_key: str | None
) -> Request:
    """POST expire-all."""
    body = ApplicationTokenExpireIn(expiry=_given(expiry), session_ids=_list(session_ids))
    return expire_all._get_kwargs(app_id, body=body, idempotency_key=_key(idempotency_key)), expire_all._parse_response


def logout_request(idempotency_key: str | None) -> Request:
    """POST logout."""
    return logout._get_kwargs(idempotency_key=_key(idempotency_key)), logout._parse_response


def stream_portal_access_request(
    stream_id: str,
    feature_flags: Sequence[str] | None,
    expiry: int | None,
    session_id: str | None,
    idempotency_key: str | None,
) -> Request:
    """POST stream-portal-access."""
    body = StreamPortalAccessIn(
        feature_flags=_list(feature_flags), expiry=_given(expiry), session_id=_given(session_id)
    )
    request = stream_portal_access._get_kwargs(stream_id, body=body, idempotency_key=_key(idempotency_key))
    return request, stream_portal_access._parse_response


def stream_logout_request(idempotency_key: str | None) -> Request:
    """POST stream-logout."""
    return stream_logout._get_kwargs(idempotency_key=_key(idempotency_key)), stream_logout._parse_response


def stream_expire_all_request(
    stream_id: str, expiry: int | None, session_ids: Sequence[str] | None, idempotency_key: str | None
) -> Request:
    """POST stream expire-all."""
    body = StreamTokenExpireIn(expiry=_given(expiry), session_ids=_list(session_ids))
    request = stream_expire_all._get_kwargs(stream_id, body=body, idempotency_key=_key(idempotency_key))
    return request, stream_expire_all._parse_response


def rotate_stream_poller_token_request(
    stream_id: str, sink_id: str, expiry: int | None, old_token_expiry: int | None, idempotency_key: str | None
) -> Request:
    """POST rotate-stream-poller-token."""
    body = RotatePollerTokenIn(expiry=_given(expiry), old_token_expiry=_given(old_token_expiry))
    request = rotate_stream_poller_token._get_kwargs(
        stream_id, sink_id, body=body, idempotency_key=_key(idempotency_key)
    )
    return request, rotate_stream_poller_token._parse_response


def get_stream_poller_token_request(stream_id: str, sink_id: str) -> Request:
    """GET get-stream-poller-token (a GET: upstream takes no idempotency key)."""
    return get_stream_poller_token._get_kwargs(stream_id, sink_id), get_stream_poller_token._parse_response
