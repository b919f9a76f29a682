from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.admin_error import AdminError
from ...models.clock import Clock
from ...models.clock_advance_in import ClockAdvanceIn
from ...types import Response


def _get_kwargs(
    *,
    body: ClockAdvanceIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/clock/advance",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> AdminError | Clock | None:
    if response.status_code == 200:
        response_200 = Clock.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = AdminError.from_dict(response.json())

        return response_400

    if response.status_code == 403:
        response_403 = AdminError.from_dict(response.json())

        return response_403

    if response.status_code == 422:
        response_422 = AdminError.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[AdminError | Clock]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: ClockAdvanceIn,
) -> Response[AdminError | Clock]:
    """Move the server clock forward

     Adds `seconds` to the clock offset, so everything time-based behaves as if that much time had passed
    (tokens expire, sessions end, challenges lapse). The clock only moves forward; `POST /reset` puts
    the
    offset back to 0. `seconds` must be above 0 and at most 315360000 (ten years), else 422.

    Args:
        body (ClockAdvanceIn): How far to move the clock.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AdminError | Clock]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: ClockAdvanceIn,
) -> AdminError | Clock | None:
    """Move the server clock forward

     Adds `seconds` to the clock offset, so everything time-based behaves as if that much time had passed
    (tokens expire, sessions end, challenges lapse). The clock only moves forward; `POST /reset` puts
    the
    offset back to 0. `seconds` must be above 0 and at most 315360000 (ten years), else 422.

    Args:
        body (ClockAdvanceIn): How far to move the clock.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AdminError | Clock
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: ClockAdvanceIn,
) -> Response[AdminError | Clock]:
    """Move the server clock forward

     Adds `seconds` to the clock offset, so everything time-based behaves as if that much time had passed
    (tokens expire, sessions end, challenges lapse). The clock only moves forward; `POST /reset` puts
    the
    offset back to 0. `seconds` must be above 0 and at most 315360000 (ten years), else 422.

    Args:
        body (ClockAdvanceIn): How far to move the clock.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AdminError | Clock]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: ClockAdvanceIn,
) -> AdminError | Clock | None:
    """Move the server clock forward

     Adds `seconds` to the clock offset, so everything time-based behaves as if that much time had passed
    (tokens expire, sessions end, challenges lapse). The clock only moves forward; `POST /reset` puts
    the
    offset back to 0. `seconds` must be above 0 and at most 315360000 (ten years), else 422.

    Args:
        body (ClockAdvanceIn): How far to move the clock.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AdminError | Clock
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
