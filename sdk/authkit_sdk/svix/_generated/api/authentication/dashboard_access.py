from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.dashboard_access_out import DashboardAccessOut
from ...models.http_error_out import HttpErrorOut
from ...models.http_validation_error import HTTPValidationError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    app_id: str,
    *,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["idempotency-key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/auth/dashboard-access/{app_id}/".format(
            app_id=quote(str(app_id), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DashboardAccessOut | HTTPValidationError | HttpErrorOut | None:
    if response.status_code == 200:
        response_200 = DashboardAccessOut.from_dict(response.json())

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
) -> Response[DashboardAccessOut | HTTPValidationError | HttpErrorOut]:
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
    idempotency_key: str | Unset = UNSET,
) -> Response[DashboardAccessOut | HTTPValidationError | HttpErrorOut]:
    """Dashboard access (deprecated)

     DEPRECATED upstream: use `app-portal-access` (`POST /api/v1/auth/app-portal-access/{app_id}/`)
    instead.

    Use this function to get magic links (and authentication codes) for connecting your users to the
    Consumer
    Application Portal. Takes no body.

    **authkit reference server:** needs an organisation API key. Issues a new application token bound to
    the
    application and answers it with a login URL that embeds it → 200. Unknown application → 404; an
    application token as bearer → 403; an invalid `app_id` → 422. The path is also served without the
    trailing slash.

    Args:
        app_id (str):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DashboardAccessOut | HTTPValidationError | HttpErrorOut]
    """

    kwargs = _get_kwargs(
        app_id=app_id,
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
    idempotency_key: str | Unset = UNSET,
) -> DashboardAccessOut | HTTPValidationError | HttpErrorOut | None:
    """Dashboard access (deprecated)

     DEPRECATED upstream: use `app-portal-access` (`POST /api/v1/auth/app-portal-access/{app_id}/`)
    instead.

    Use this function to get magic links (and authentication codes) for connecting your users to the
    Consumer
    Application Portal. Takes no body.

    **authkit reference server:** needs an organisation API key. Issues a new application token bound to
    the
    application and answers it with a login URL that embeds it → 200. Unknown application → 404; an
    application token as bearer → 403; an invalid `app_id` → 422. The path is also served without the
    trailing slash.

    Args:
        app_id (str):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DashboardAccessOut | HTTPValidationError | HttpErrorOut
    """

    return sync_detailed(
        app_id=app_id,
        client=client,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    app_id: str,
    *,
    client: AuthenticatedClient,
    idempotency_key: str | Unset = UNSET,
) -> Response[DashboardAccessOut | HTTPValidationError | HttpErrorOut]:
    """Dashboard access (deprecated)

     DEPRECATED upstream: use `app-portal-access` (`POST /api/v1/auth/app-portal-access/{app_id}/`)
    instead.

    Use this function to get magic links (and authentication codes) for connecting your users to the
    Consumer
    Application Portal. Takes no body.

    **authkit reference server:** needs an organisation API key. Issues a new application token bound to
    the
    application and answers it with a login URL that embeds it → 200. Unknown application → 404; an
    application token as bearer → 403; an invalid `app_id` → 422. The path is also served without the
    trailing slash.

    Args:
        app_id (str):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DashboardAccessOut | HTTPValidationError | HttpErrorOut]
    """

    kwargs = _get_kwargs(
        app_id=app_id,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    app_id: str,
    *,
    client: AuthenticatedClient,
    idempotency_key: str | Unset = UNSET,
) -> DashboardAccessOut | HTTPValidationError | HttpErrorOut | None:
    """Dashboard access (deprecated)

     DEPRECATED upstream: use `app-portal-access` (`POST /api/v1/auth/app-portal-access/{app_id}/`)
    instead.

    Use this function to get magic links (and authentication codes) for connecting your users to the
    Consumer
    Application Portal. Takes no body.

    **authkit reference server:** needs an organisation API key. Issues a new application token bound to
    the
    application and answers it with a login URL that embeds it → 200. Unknown application → 404; an
    application token as bearer → 403; an invalid `app_id` → 422. The path is also served without the
    trailing slash.

    Args:
        app_id (str):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DashboardAccessOut | HTTPValidationError | HttpErrorOut
    """

    return (
        await asyncio_detailed(
            app_id=app_id,
            client=client,
            idempotency_key=idempotency_key,
        )
    ).parsed
