from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.admin_error import AdminError
from ...models.status_ok import StatusOk
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/reset",
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> AdminError | StatusOk | None:
    if response.status_code == 200:
        response_200 = StatusOk.from_dict(response.json())

        return response_200

    if response.status_code == 403:
        response_403 = AdminError.from_dict(response.json())

        return response_403

    if response.status_code == 500:
        response_500 = AdminError.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AdminError | StatusOk]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[AdminError | StatusOk]:
    """Reset the server to its seed

     Puts the server back where it was at start-up: users, sessions, applications and tokens become the
    seed
    again (the built-in one or the seed file), the journal is emptied, all faults are removed and the
    clock
    offset goes back to 0. Pending work that depends on that state is dropped too (polario SCRAM
    challenges,
    bixarena pending OIDC logins and sessions, idempotency records, rate-limit counters). Signing keys
    are
    kept, so the JWKS documents do not change. Takes no body.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AdminError | StatusOk]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
) -> AdminError | StatusOk | None:
    """Reset the server to its seed

     Puts the server back where it was at start-up: users, sessions, applications and tokens become the
    seed
    again (the built-in one or the seed file), the journal is emptied, all faults are removed and the
    clock
    offset goes back to 0. Pending work that depends on that state is dropped too (polario SCRAM
    challenges,
    bixarena pending OIDC logins and sessions, idempotency records, rate-limit counters). Signing keys
    are
    kept, so the JWKS documents do not change. Takes no body.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AdminError | StatusOk
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[AdminError | StatusOk]:
    """Reset the server to its seed

     Puts the server back where it was at start-up: users, sessions, applications and tokens become the
    seed
    again (the built-in one or the seed file), the journal is emptied, all faults are removed and the
    clock
    offset goes back to 0. Pending work that depends on that state is dropped too (polario SCRAM
    challenges,
    bixarena pending OIDC logins and sessions, idempotency records, rate-limit counters). Signing keys
    are
    kept, so the JWKS documents do not change. Takes no body.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AdminError | StatusOk]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
) -> AdminError | StatusOk | None:
    """Reset the server to its seed

     Puts the server back where it was at start-up: users, sessions, applications and tokens become the
    seed
    again (the built-in one or the seed file), the journal is emptied, all faults are removed and the
    clock
    offset goes back to 0. Pending work that depends on that state is dropped too (polario SCRAM
    challenges,
    bixarena pending OIDC logins and sessions, idempotency records, rate-limit counters). Signing keys
    are
    kept, so the JWKS documents do not change. Takes no body.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AdminError | StatusOk
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
