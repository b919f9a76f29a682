from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.application_token_expire_in import ApplicationTokenExpireIn
from ...models.http_error_out import HttpErrorOut
from ...models.http_validation_error import HTTPValidationError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    app_id: str,
    *,
    body: ApplicationTokenExpireIn,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["idempotency-key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/auth/app/{app_id}/expire-all/".format(
            app_id=quote(str(app_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | HTTPValidationError | HttpErrorOut | None:
    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

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
) -> Response[Any | HTTPValidationError | HttpErrorOut]:
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
    body: ApplicationTokenExpireIn,
    idempotency_key: str | Unset = UNSET,
) -> Response[Any | HTTPValidationError | HttpErrorOut]:
    """Expire all

     Expire all of the tokens associated with a specific application (upstream: "Expire all of the tokens
    associated with a specific Application"). `expiry` is how many seconds until the old tokens expire.

    **authkit reference server:** needs an organisation API key. Every application token of that
    application
    that exists now expires `expiry` seconds from now, immediately when `expiry` is 0, null or absent;
    tokens
    issued afterwards are not affected → 204. With `sessionIds`, only the tokens created with one of
    those
    `sessionId`s expire (upstream: "If any session ids are specified, only Application tokens created
    with
    that session id will be expired", svix/svix-webhooks@4fc0cfb8b426 `codegen/lib-openapi.json`); an
    empty list means every token. Unknown application → 404; an application token as bearer → 403;
    `expiry` outside 0..259200 or an invalid `app_id` → 422. The path is also served without the
    trailing
    slash.

    Args:
        app_id (str):
        idempotency_key (str | Unset):
        body (ApplicationTokenExpireIn): How soon the existing tokens of an application expire.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | HTTPValidationError | HttpErrorOut]
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
    body: ApplicationTokenExpireIn,
    idempotency_key: str | Unset = UNSET,
) -> Any | HTTPValidationError | HttpErrorOut | None:
    """Expire all

     Expire all of the tokens associated with a specific application (upstream: "Expire all of the tokens
    associated with a specific Application"). `expiry` is how many seconds until the old tokens expire.

    **authkit reference server:** needs an organisation API key. Every application token of that
    application
    that exists now expires `expiry` seconds from now, immediately when `expiry` is 0, null or absent;
    tokens
    issued afterwards are not affected → 204. With `sessionIds`, only the tokens created with one of
    those
    `sessionId`s expire (upstream: "If any session ids are specified, only Application tokens created
    with
    that session id will be expired", svix/svix-webhooks@4fc0cfb8b426 `codegen/lib-openapi.json`); an
    empty list means every token. Unknown application → 404; an application token as bearer → 403;
    `expiry` outside 0..259200 or an invalid `app_id` → 422. The path is also served without the
    trailing
    slash.

    Args:
        app_id (str):
        idempotency_key (str | Unset):
        body (ApplicationTokenExpireIn): How soon the existing tokens of an application expire.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | HTTPValidationError | HttpErrorOut
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
    body: ApplicationTokenExpireIn,
    idempotency_key: str | Unset = UNSET,
) -> Response[Any | HTTPValidationError | HttpErrorOut]:
    """Expire all

     Expire all of the tokens associated with a specific application (upstream: "Expire all of the tokens
    associated with a specific Application"). `expiry` is how many seconds until the old tokens expire.

    **authkit reference server:** needs an organisation API key. Every application token of that
    application
    that exists now expires `expiry` seconds from now, immediately when `expiry` is 0, null or absent;
    tokens
    issued afterwards are not affected → 204. With `sessionIds`, only the tokens created with one of
    those
    `sessionId`s expire (upstream: "If any session ids are specified, only Application tokens created
    with
    that session id will be expired", svix/svix-webhooks@4fc0cfb8b426 `codegen/lib-openapi.json`); an
    empty list means every token. Unknown application → 404; an application token as bearer → 403;
    `expiry` outside 0..259200 or an invalid `app_id` → 422. The path is also served without the
    trailing
    slash.

    Args:
        app_id (str):
        idempotency_key (str | Unset):
        body (ApplicationTokenExpireIn): How soon the existing tokens of an application expire.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | HTTPValidationError | HttpErrorOut]
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
    body: ApplicationTokenExpireIn,
    idempotency_key: str | Unset = UNSET,
) -> Any | HTTPValidationError | HttpErrorOut | None:
    """Expire all

     Expire all of the tokens associated with a specific application (upstream: "Expire all of the tokens
    associated with a specific Application"). `expiry` is how many seconds until the old tokens expire.

    **authkit reference server:** needs an organisation API key. Every application token of that
    application
    that exists now expires `expiry` seconds from now, immediately when `expiry` is 0, null or absent;
    tokens
    issued afterwards are not affected → 204. With `sessionIds`, only the tokens created with one of
    those
    `sessionId`s expire (upstream: "If any session ids are specified, only Application tokens created
    with
    that session id will be expired", svix/svix-webhooks@4fc0cfb8b426 `codegen/lib-openapi.json`); an
    empty list means every token. Unknown application → 404; an application token as bearer → 403;
    `expiry` outside 0..259200 or an invalid `app_id` → 422. The path is also served without the
    trailing
    slash.

    Args:
        app_id (str):
        idempotency_key (str | Unset):
        body (ApplicationTokenExpireIn): How soon the existing tokens of an application expire.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | HTTPValidationError | HttpErrorOut
    """

    return (
        await asyncio_detailed(
            app_id=app_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
