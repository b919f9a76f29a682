from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.admin_error import AdminError
from ...models.fault import Fault
from ...models.fault_in import FaultIn
from ...types import Response


def _get_kwargs(
    *,
    body: FaultIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/faults",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> AdminError | Fault | None:
    if response.status_code == 201:
        response_201 = Fault.from_dict(response.json())

        return response_201

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[AdminError | Fault]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: FaultIn,
) -> Response[AdminError | Fault]:
    """Inject a fault

     Makes requests to one operation of one API (or to all its operations with `operation: "*"`) slow,
    fail,
    or both, for the next `count` matching requests or until removed.

    * The fault applies to a request that matched that operation of that API (requests that match no
      documented operation are never faulted). When several faults match, the oldest applies; one fault
    per
      request.
    * `delay_ms` is waited first, before any handling (real time; the server clock does not move).
    * With a `status`, the request is then not handled at all (no state changes, no idempotency record,
    no
      rate-limit count): the server answers that status with that API's documented error shape for that
      status, or the API's general error shape where it documents none (authlance and polario `{error}`,
    svix
      `HttpErrorOut` or `HTTPValidationError` for 422, bixarena `BasicError` as problem+json, pacerpro
      `Error`), saying that the error was injected. A 429 also carries `Retry-After: 1`. Statuses whose
      responses have no body (1xx, 204, 304) are sent without one. With `status: null` the request is
      handled normally after the delay.
    * Each faulted request counts down `remaining`; a fault whose `remaining` reaches 0 is removed.
    * The journal records faulted requests with the status actually sent.

    `operation` must be an operationId of that API's spec or `"*"`, and a fault must do something (a
    `status`, or `delay_ms` above 0); otherwise 422.

    Args:
        body (FaultIn): A fault to inject; see `create_fault`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AdminError | Fault]
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
    body: FaultIn,
) -> AdminError | Fault | None:
    """Inject a fault

     Makes requests to one operation of one API (or to all its operations with `operation: "*"`) slow,
    fail,
    or both, for the next `count` matching requests or until removed.

    * The fault applies to a request that matched that operation of that API (requests that match no
      documented operation are never faulted). When several faults match, the oldest applies; one fault
    per
      request.
    * `delay_ms` is waited first, before any handling (real time; the server clock does not move).
    * With a `status`, the request is then not handled at all (no state changes, no idempotency record,
    no
      rate-limit count): the server answers that status with that API's documented error shape for that
      status, or the API's general error shape where it documents none (authlance and polario `{error}`,
    svix
      `HttpErrorOut` or `HTTPValidationError` for 422, bixarena `BasicError` as problem+json, pacerpro
      `Error`), saying that the error was injected. A 429 also carries `Retry-After: 1`. Statuses whose
      responses have no body (1xx, 204, 304) are sent without one. With `status: null` the request is
      handled normally after the delay.
    * Each faulted request counts down `remaining`; a fault whose `remaining` reaches 0 is removed.
    * The journal records faulted requests with the status actually sent.

    `operation` must be an operationId of that API's spec or `"*"`, and a fault must do something (a
    `status`, or `delay_ms` above 0); otherwise 422.

    Args:
        body (FaultIn): A fault to inject; see `create_fault`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AdminError | Fault
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: FaultIn,
) -> Response[AdminError | Fault]:
    """Inject a fault

     Makes requests to one operation of one API (or to all its operations with `operation: "*"`) slow,
    fail,
    or both, for the next `count` matching requests or until removed.

    * The fault applies to a request that matched that operation of that API (requests that match no
      documented operation are never faulted). When several faults match, the oldest applies; one fault
    per
      request.
    * `delay_ms` is waited first, before any handling (real time; the server clock does not move).
    * With a `status`, the request is then not handled at all (no state changes, no idempotency record,
    no
      rate-limit count): the server answers that status with that API's documented error shape for that
      status, or the API's general error shape where it documents none (authlance and polario `{error}`,
    svix
      `HttpErrorOut` or `HTTPValidationError` for 422, bixarena `BasicError` as problem+json, pacerpro
      `Error`), saying that the error was injected. A 429 also carries `Retry-After: 1`. Statuses whose
      responses have no body (1xx, 204, 304) are sent without one. With `status: null` the request is
      handled normally after the delay.
    * Each faulted request counts down `remaining`; a fault whose `remaining` reaches 0 is removed.
    * The journal records faulted requests with the status actually sent.

    `operation` must be an operationId of that API's spec or `"*"`, and a fault must do something (a
    `status`, or `delay_ms` above 0); otherwise 422.

    Args:
        body (FaultIn): A fault to inject; see `create_fault`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AdminError | Fault]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: FaultIn,
) -> AdminError | Fault | None:
    """Inject a fault

     Makes requests to one operation of one API (or to all its operations with `operation: "*"`) slow,
    fail,
    or both, for the next `count` matching requests or until removed.

    * The fault applies to a request that matched that operation of that API (requests that match no
      documented operation are never faulted). When several faults match, the oldest applies; one fault
    per
      request.
    * `delay_ms` is waited first, before any handling (real time; the server clock does not move).
    * With a `status`, the request is then not handled at all (no state changes, no idempotency record,
    no
      rate-limit count): the server answers that status with that API's documented error shape for that
      status, or the API's general error shape where it documents none (authlance and polario `{error}`,
    svix
      `HttpErrorOut` or `HTTPValidationError` for 422, bixarena `BasicError` as problem+json, pacerpro
      `Error`), saying that the error was injected. A 429 also carries `Retry-After: 1`. Statuses whose
      responses have no body (1xx, 204, 304) are sent without one. With `status: null` the request is
      handled normally after the delay.
    * Each faulted request counts down `remaining`; a fault whose `remaining` reaches 0 is removed.
    * The journal records faulted requests with the status actually sent.

    `operation` must be an operationId of that API's spec or `"*"`, and a fault must do something (a
    `status`, or `delay_ms` above 0); otherwise 422.

    Args:
        body (FaultIn): A fault to inject; see `create_fault`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AdminError | Fault
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
