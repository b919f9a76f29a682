from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.model_swag_error import ModelSwagError
from ...models.model_swag_status_ok import ModelSwagStatusOk
from ...types import Response


def _get_kwargs(
    *,
    session: str,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["Session"] = session

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/auth/logout",
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ModelSwagError | ModelSwagStatusOk | None:
    if response.status_code == 200:
        response_200 = ModelSwagStatusOk.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = ModelSwagError.from_dict(response.json())

        return response_401

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ModelSwagError | ModelSwagStatusOk]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    session: str,
) -> Response[ModelSwagError | ModelSwagStatusOk]:
    """Log out (end the session)

     Ends the session of the JWT given in the `Session` header and invalidates the refresh token of that
    session (upstream: "finish current session and invalidates the refresh token for this session").

    **authkit reference server:** a valid `Session` JWT ends its session: that JWT, every other JWT of
    the
    session and the session's refresh token stop working → 200 `{"status": "ok"}`. A missing, empty,
    malformed, expired, revoked or foreign JWT (wrong signature, algorithm, key id, issuer or audience,
    or
    `alg: none`) → 401.

    Args:
        session (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ModelSwagError | ModelSwagStatusOk]
    """

    kwargs = _get_kwargs(
        session=session,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    session: str,
) -> ModelSwagError | ModelSwagStatusOk | None:
    """Log out (end the session)

     Ends the session of the JWT given in the `Session` header and invalidates the refresh token of that
    session (upstream: "finish current session and invalidates the refresh token for this session").

    **authkit reference server:** a valid `Session` JWT ends its session: that JWT, every other JWT of
    the
    session and the session's refresh token stop working → 200 `{"status": "ok"}`. A missing, empty,
    malformed, expired, revoked or foreign JWT (wrong signature, algorithm, key id, issuer or audience,
    or
    `alg: none`) → 401.

    Args:
        session (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ModelSwagError | ModelSwagStatusOk
    """

    return sync_detailed(
        client=client,
        session=session,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    session: str,
) -> Response[ModelSwagError | ModelSwagStatusOk]:
    """Log out (end the session)

     Ends the session of the JWT given in the `Session` header and invalidates the refresh token of that
    session (upstream: "finish current session and invalidates the refresh token for this session").

    **authkit reference server:** a valid `Session` JWT ends its session: that JWT, every other JWT of
    the
    session and the session's refresh token stop working → 200 `{"status": "ok"}`. A missing, empty,
    malformed, expired, revoked or foreign JWT (wrong signature, algorithm, key id, issuer or audience,
    or
    `alg: none`) → 401.

    Args:
        session (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ModelSwagError | ModelSwagStatusOk]
    """

    kwargs = _get_kwargs(
        session=session,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    session: str,
) -> ModelSwagError | ModelSwagStatusOk | None:
    """Log out (end the session)

     Ends the session of the JWT given in the `Session` header and invalidates the refresh token of that
    session (upstream: "finish current session and invalidates the refresh token for this session").

    **authkit reference server:** a valid `Session` JWT ends its session: that JWT, every other JWT of
    the
    session and the session's refresh token stop working → 200 `{"status": "ok"}`. A missing, empty,
    malformed, expired, revoked or foreign JWT (wrong signature, algorithm, key id, issuer or audience,
    or
    `alg: none`) → 401.

    Args:
        session (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ModelSwagError | ModelSwagStatusOk
    """

    return (
        await asyncio_detailed(
            client=client,
            session=session,
        )
    ).parsed
