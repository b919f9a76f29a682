from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.admin_error import AdminError
from ...models.admin_user_list import AdminUserList
from ...models.api_slug import ApiSlug
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    api: ApiSlug | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_api: str | Unset = UNSET
    if not isinstance(api, Unset):
        json_api = api

    params["api"] = json_api

    params["limit"] = limit

    params["offset"] = offset

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/users",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AdminError | AdminUserList | None:
    if response.status_code == 200:
        response_200 = AdminUserList.from_dict(response.json())

        return response_200

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


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AdminError | AdminUserList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    api: ApiSlug | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
) -> Response[AdminError | AdminUserList]:
    """List users

     Lists the users of every API that has users (authlance, polario, bixarena - the users of the
    embedded
    fake Synapse - and pacerpro), seeded or added, in creation order. Passwords and password-derived
    values are never returned. `api` narrows the list to one API (svix has no users: an empty list).

    Args:
        api (ApiSlug | Unset): The slug of one of the five APIs (its URL prefix on the reference
            server).
        limit (int | Unset):
        offset (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AdminError | AdminUserList]
    """

    kwargs = _get_kwargs(
        api=api,
        limit=limit,
        offset=offset,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    api: ApiSlug | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
) -> AdminError | AdminUserList | None:
    """List users

     Lists the users of every API that has users (authlance, polario, bixarena - the users of the
    embedded
    fake Synapse - and pacerpro), seeded or added, in creation order. Passwords and password-derived
    values are never returned. `api` narrows the list to one API (svix has no users: an empty list).

    Args:
        api (ApiSlug | Unset): The slug of one of the five APIs (its URL prefix on the reference
            server).
        limit (int | Unset):
        offset (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AdminError | AdminUserList
    """

    return sync_detailed(
        client=client,
        api=api,
        limit=limit,
        offset=offset,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    api: ApiSlug | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
) -> Response[AdminError | AdminUserList]:
    """List users

     Lists the users of every API that has users (authlance, polario, bixarena - the users of the
    embedded
    fake Synapse - and pacerpro), seeded or added, in creation order. Passwords and password-derived
    values are never returned. `api` narrows the list to one API (svix has no users: an empty list).

    Args:
        api (ApiSlug | Unset): The slug of one of the five APIs (its URL prefix on the reference
            server).
        limit (int | Unset):
        offset (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AdminError | AdminUserList]
    """

    kwargs = _get_kwargs(
        api=api,
        limit=limit,
        offset=offset,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    api: ApiSlug | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
) -> AdminError | AdminUserList | None:
    """List users

     Lists the users of every API that has users (authlance, polario, bixarena - the users of the
    embedded
    fake Synapse - and pacerpro), seeded or added, in creation order. Passwords and password-derived
    values are never returned. `api` narrows the list to one API (svix has no users: an empty list).

    Args:
        api (ApiSlug | Unset): The slug of one of the five APIs (its URL prefix on the reference
            server).
        limit (int | Unset):
        offset (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AdminError | AdminUserList
    """

    return (
        await asyncio_detailed(
            client=client,
            api=api,
            limit=limit,
            offset=offset,
        )
    ).parsed
