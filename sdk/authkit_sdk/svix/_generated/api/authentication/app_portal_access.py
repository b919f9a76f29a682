from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.app_portal_access_in import AppPortalAccessIn
from ...models.app_portal_access_out import AppPortalAccessOut
from ...models.http_error_out import HttpErrorOut
from ...models.http_validation_error import HTTPValidationError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    app_id: str,
    *,
    body: AppPortalAccessIn,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["idempotency-key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/auth/app-portal-access/{app_id}/".format(
            app_id=quote(str(app_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AppPortalAccessOut | HTTPValidationError | HttpErrorOut | None:
    if response.status_code == 200:
        response_200 = AppPortalAccessOut.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = HttpErrorOut.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = HttpErrorOut.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = HttpErrorOut.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = HttpErrorOut.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = HttpErrorOut.from_dict(response.json())

        return response_409

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = HttpErrorOut.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AppPortalAccessOut | HTTPValidationError | HttpErrorOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    app_id: str,
    *,
    client: AuthenticatedClient,
    body: AppPortalAccessIn,
    idempotency_key: str | Unset = UNSET,
) -> Response[AppPortalAccessOut | HTTPValidationError | HttpErrorOut]:
    """Get consumer app portal access

     Use this function to get magic links (and authentication codes) for connecting your users to the
    Consumer
    Application Portal. The successor of the deprecated `dashboard-access`; `featureFlags` limits the
    feature
    flags the created token has access to, `capabilities` what its holder may do, `expiry` how long it
    lives,
    `sessionId` ties it to a session that `expire-all` can end alone, and `application` creates the
    application on the way when it does not exist yet (svix/svix-webhooks@4fc0cfb8b426 `codegen/lib-
    openapi.json`, operation
    `v1.authentication.app-portal-access`).

    **authkit reference server:** needs an organisation API key. Issues a new application token bound to
    the
    application, carrying the feature flags, capabilities (all six when none are given; `ViewBase` is
    always
    added), `readOnly` and `sessionId` (the admin API shows them), living `expiry` seconds (default
    604800),
    and answers it with a login URL that embeds it → 200. Unknown application: with `application`, it is
    created (its uid is the path's `app_id`; a different `application.uid` → 422), else → 404; an
    application
    token as bearer → 403; an invalid body or `app_id` → 422. The path is also served without the
    trailing
    slash.

    Args:
        app_id (str):
        idempotency_key (str | Unset):
        body (AppPortalAccessIn): Options of the application token to create (svix/svix-
            webhooks@4fc0cfb8b426 `codegen/lib-openapi.json`, `AppPortalAccessIn`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AppPortalAccessOut | HTTPValidationError | HttpErrorOut]
    """

    kwargs = _get_kwargs(
        app_id=app_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    app_id: str,
    *,
    client: AuthenticatedClient,
    body: AppPortalAccessIn,
    idempotency_key: str | Unset = UNSET,
) -> AppPortalAccessOut | HTTPValidationError | HttpErrorOut | None:
    """Get consumer app portal access

     Use this function to get magic links (and authentication codes) for connecting your users to the
    Consumer
    Application Portal. The successor of the deprecated `dashboard-access`; `featureFlags` limits the
    feature
    flags the created token has access to, `capabilities` what its holder may do, `expiry` how long it
    lives,
    `sessionId` ties it to a session that `expire-all` can end alone, and `application` creates the
    application on the way when it does not exist yet (svix/svix-webhooks@4fc0cfb8b426 `codegen/lib-
    openapi.json`, operation
    `v1.authentication.app-portal-access`).

    **authkit reference server:** needs an organisation API key. Issues a new application token bound to
    the
    application, carrying the feature flags, capabilities (all six when none are given; `ViewBase` is
    always
    added), `readOnly` and `sessionId` (the admin API shows them), living `expiry` seconds (default
    604800),
    and answers it with a login URL that embeds it → 200. Unknown application: with `application`, it is
    created (its uid is the path's `app_id`; a different `application.uid` → 422), else → 404; an
    application
    token as bearer → 403; an invalid body or `app_id` → 422. The path is also served without the
    trailing
    slash.

    Args:
        app_id (str):
        idempotency_key (str | Unset):
        body (AppPortalAccessIn): Options of the application token to create (svix/svix-
            webhooks@4fc0cfb8b426 `codegen/lib-openapi.json`, `AppPortalAccessIn`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AppPortalAccessOut | HTTPValidationError | HttpErrorOut
    """

    return sync_detailed(
        app_id=app_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    app_id: str,
    *,
    client: AuthenticatedClient,
    body: AppPortalAccessIn,
    idempotency_key: str | Unset = UNSET,
) -> Response[AppPortalAccessOut | HTTPValidationError | HttpErrorOut]:
    """Get consumer app portal access

     Use this function to get magic links (and authentication codes) for connecting your users to the
    Consumer
    Application Portal. The successor of the deprecated `dashboard-access`; `featureFlags` limits the
    feature
    flags the created token has access to, `capabilities` what its holder may do, `expiry` how long it
    lives,
    `sessionId` ties it to a session that `expire-all` can end alone, and `application` creates the
    application on the way when it does not exist yet (svix/svix-webhooks@4fc0cfb8b426 `codegen/lib-
    openapi.json`, operation
    `v1.authentication.app-portal-access`).

    **authkit reference server:** needs an organisation API key. Issues a new application token bound to
    the
    application, carrying the feature flags, capabilities (all six when none are given; `ViewBase` is
    always
    added), `readOnly` and `sessionId` (the admin API shows them), living `expiry` seconds (default
    604800),
    and answers it with a login URL that embeds it → 200. Unknown application: with `application`, it is
    created (its uid is the path's `app_id`; a different `application.uid` → 422), else → 404; an
    application
    token as bearer → 403; an invalid body or `app_id` → 422. The path is also served without the
    trailing
    slash.

    Args:
        app_id (str):
        idempotency_key (str | Unset):
        body (AppPortalAccessIn): Options of the application token to create (svix/svix-
            webhooks@4fc0cfb8b426 `codegen/lib-openapi.json`, `AppPortalAccessIn`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AppPortalAccessOut | HTTPValidationError | HttpErrorOut]
    """

    kwargs = _get_kwargs(
        app_id=app_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    app_id: str,
    *,
    client: AuthenticatedClient,
    body: AppPortalAccessIn,
    idempotency_key: str | Unset = UNSET,
) -> AppPortalAccessOut | HTTPValidationError | HttpErrorOut | None:
    """Get consumer app portal access

     Use this function to get magic links (and authentication codes) for connecting your users to the
    Consumer
    Application Portal. The successor of the deprecated `dashboard-access`; `featureFlags` limits the
    feature
    flags the created token has access to, `capabilities` what its holder may do, `expiry` how long it
    lives,
    `sessionId` ties it to a session that `expire-all` can end alone, and `application` creates the
    application on the way when it does not exist yet (svix/svix-webhooks@4fc0cfb8b426 `codegen/lib-
    openapi.json`, operation
    `v1.authentication.app-portal-access`).

    **authkit reference server:** needs an organisation API key. Issues a new application token bound to
    the
    application, carrying the feature flags, capabilities (all six when none are given; `ViewBase` is
    always
    added), `readOnly` and `sessionId` (the admin API shows them), living `expiry` seconds (default
    604800),
    and answers it with a login URL that embeds it → 200. Unknown application: with `application`, it is
    created (its uid is the path's `app_id`; a different `application.uid` → 422), else → 404; an
    application
    token as bearer → 403; an invalid body or `app_id` → 422. The path is also served without the
    trailing
    slash.

    Args:
        app_id (str):
        idempotency_key (str | Unset):
        body (AppPortalAccessIn): Options of the application token to create (svix/svix-
            webhooks@4fc0cfb8b426 `codegen/lib-openapi.json`, `AppPortalAccessIn`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AppPortalAccessOut | HTTPValidationError | HttpErrorOut
    """

    return (
        await asyncio_detailed(
            app_id=app_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
