from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.admin_error import AdminError
from ...models.api_slug import ApiSlug
from ...models.journal_entry_list import JournalEntryList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    api: ApiSlug | Unset = UNSET,
    operation: str | Unset = UNSET,
    status: int | Unset = UNSET,
    limit: int | Unset = 100,
    before: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_api: str | Unset = UNSET
    if not isinstance(api, Unset):
        json_api = api

    params["api"] = json_api

    params["operation"] = operation

    params["status"] = status

    params["limit"] = limit

    params["before"] = before

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/journal",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AdminError | JournalEntryList | None:
    if response.status_code == 200:
        response_200 = JournalEntryList.from_dict(response.json())

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
) -> Response[AdminError | JournalEntryList]:
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
    operation: str | Unset = UNSET,
    status: int | Unset = UNSET,
    limit: int | Unset = 100,
    before: int | Unset = UNSET,
) -> Response[AdminError | JournalEntryList]:
    """Read the request journal

     Returns what the server received and answered, newest first, optionally filtered (all filters
    combine).
    The journal holds every request to the five APIs and to the rest of the server (the embedded fake
    Synapse
    at `/synapse`, unknown paths), not those to `/__admin`, including requests answered by an injected
    fault.
    It keeps the most recent 10000 entries; bodies are kept up to 65536 characters.

    Args:
        api (ApiSlug | Unset): The slug of one of the five APIs (its URL prefix on the reference
            server).
        operation (str | Unset):
        status (int | Unset):
        limit (int | Unset):  Default: 100.
        before (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AdminError | JournalEntryList]
    """

    kwargs = _get_kwargs(
        api=api,
        operation=operation,
        status=status,
        limit=limit,
        before=before,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    api: ApiSlug | Unset = UNSET,
    operation: str | Unset = UNSET,
    status: int | Unset = UNSET,
    limit: int | Unset = 100,
    before: int | Unset = UNSET,
) -> AdminError | JournalEntryList | None:
    """Read the request journal

     Returns what the server received and answered, newest first, optionally filtered (all filters
    combine).
    The journal holds every request to the five APIs and to the rest of the server (the embedded fake
    Synapse
    at `/synapse`, unknown paths), not those to `/__admin`, including requests answered by an injected
    fault.
    It keeps the most recent 10000 entries; bodies are kept up to 65536 characters.

    Args:
        api (ApiSlug | Unset): The slug of one of the five APIs (its URL prefix on the reference
            server).
        operation (str | Unset):
        status (int | Unset):
        limit (int | Unset):  Default: 100.
        before (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AdminError | JournalEntryList
    """

    return sync_detailed(
        client=client,
        api=api,
        operation=operation,
        status=status,
        limit=limit,
        before=before,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    api: ApiSlug | Unset = UNSET,
    operation: str | Unset = UNSET,
    status: int | Unset = UNSET,
    limit: int | Unset = 100,
    before: int | Unset = UNSET,
) -> Response[AdminError | JournalEntryList]:
    """Read the request journal

     Returns what the server received and answered, newest first, optionally filtered (all filters
    combine).
    The journal holds every request to the five APIs and to the rest of the server (the embedded fake
    Synapse
    at `/synapse`, unknown paths), not those to `/__admin`, including requests answered by an injected
    fault.
    It keeps the most recent 10000 entries; bodies are kept up to 65536 characters.

    Args:
        api (ApiSlug | Unset): The slug of one of the five APIs (its URL prefix on the reference
            server).
        operation (str | Unset):
        status (int | Unset):
        limit (int | Unset):  Default: 100.
        before (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AdminError | JournalEntryList]
    """

    kwargs = _get_kwargs(
        api=api,
        operation=operation,
        status=status,
        limit=limit,
        before=before,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    api: ApiSlug | Unset = UNSET,
    operation: str | Unset = UNSET,
    status: int | Unset = UNSET,
    limit: int | Unset = 100,
    before: int | Unset = UNSET,
) -> AdminError | JournalEntryList | None:
    """Read the request journal

     Returns what the server received and answered, newest first, optionally filtered (all filters
    combine).
    The journal holds every request to the five APIs and to the rest of the server (the embedded fake
    Synapse
    at `/synapse`, unknown paths), not those to `/__admin`, including requests answered by an injected
    fault.
    It keeps the most recent 10000 entries; bodies are kept up to 65536 characters.

    Args:
        api (ApiSlug | Unset): The slug of one of the five APIs (its URL prefix on the reference
            server).
        operation (str | Unset):
        status (int | Unset):
        limit (int | Unset):  Default: 100.
        before (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AdminError | JournalEntryList
    """

    return (
        await asyncio_detailed(
            client=client,
            api=api,
            operation=operation,
            status=status,
            limit=limit,
            before=before,
        )
    ).parsed
