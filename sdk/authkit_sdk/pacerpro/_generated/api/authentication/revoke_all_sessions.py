from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/session",
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | Error | None:
    if response.status_code == 200:
        response_200 = cast(Any, None)
        return response_200

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[Any | Error]:
    """Revoke all JWT tokens (logout).

     Revoke JWT tokens by spinning a new JTI: all current tokens of the user will no longer work,
    including
    the one used for this call. Log in again with `POST /session` to get a new one.

    Upstream declares no media type for the 200 (its schema is `Empty`, an object with no properties,
    and the
    API Gateway passes the backend's body through), so a client must accept an empty body as well as
    `{}` and
    should not depend on the body at all.

    authkit reference server: with a live token, the user's JTI is replaced, so every token issued to
    that
    user so far is rejected from then on → 200 `{}` (`application/json`). A missing, malformed, expired
    or
    already revoked token → 401 `Error`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
) -> Any | Error | None:
    """Revoke all JWT tokens (logout).

     Revoke JWT tokens by spinning a new JTI: all current tokens of the user will no longer work,
    including
    the one used for this call. Log in again with `POST /session` to get a new one.

    Upstream declares no media type for the 200 (its schema is `Empty`, an object with no properties,
    and the
    API Gateway passes the backend's body through), so a client must accept an empty body as well as
    `{}` and
    should not depend on the body at all.

    authkit reference server: with a live token, the user's JTI is replaced, so every token issued to
    that
    user so far is rejected from then on → 200 `{}` (`application/json`). A missing, malformed, expired
    or
    already revoked token → 401 `Error`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[Any | Error]:
    """Revoke all JWT tokens (logout).

     Revoke JWT tokens by spinning a new JTI: all current tokens of the user will no longer work,
    including
    the one used for this call. Log in again with `POST /session` to get a new one.

    Upstream declares no media type for the 200 (its schema is `Empty`, an object with no properties,
    and the
    API Gateway passes the backend's body through), so a client must accept an empty body as well as
    `{}` and
    should not depend on the body at all.

    authkit reference server: with a live token, the user's JTI is replaced, so every token issued to
    that
    user so far is rejected from then on → 200 `{}` (`application/json`). A missing, malformed, expired
    or
    already revoked token → 401 `Error`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
) -> Any | Error | None:
    """Revoke all JWT tokens (logout).

     Revoke JWT tokens by spinning a new JTI: all current tokens of the user will no longer work,
    including
    the one used for this call. Log in again with `POST /session` to get a new one.

    Upstream declares no media type for the 200 (its schema is `Empty`, an object with no properties,
    and the
    API Gateway passes the backend's body through), so a client must accept an empty body as well as
    `{}` and
    should not depend on the body at all.

    authkit reference server: with a live token, the user's JTI is replaced, so every token issued to
    that
    user so far is rejected from then on → 200 `{}` (`application/json`). A missing, malformed, expired
    or
    already revoked token → 401 `Error`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
