"""What every facade is made of: an httpx client, the generated client on top of it, and one call path.

The call path sends a request built by the generated code, re-sends the very same request (same idempotency
key) while the retry policy allows it, and then unwraps the response into a model or an exception
(:mod:`authkit_sdk._core.responses`). :class:`SyncFacade` and :class:`AsyncFacade` differ only in I/O.

Each exchange is logged at DEBUG on the API's logger (``authkit_sdk.<api>``), as httpx logs on ``httpx``:
one line per response, the request rendered by :func:`~authkit_sdk._core.redaction.describe_request` so no
secret reaches the log.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Mapping
from types import TracebackType
from typing import Any, Generic, Protocol, Self, TypeVar

import httpx

from authkit_sdk._core.redaction import describe_request
from authkit_sdk._core.responses import ApiErrors, Exchange, Parser, expect, unwrap
from authkit_sdk._core.retries import AsyncSleep, RetryPolicy, Sleep, retry_delay

__all__ = ["DEFAULT_TIMEOUT", "REFERENCE_SERVER", "AsyncFacade", "SyncFacade", "Timeout"]

REFERENCE_SERVER = "http://127.0.0.1:4010"
"""Where ``scripts/serve`` runs the reference server; each API is under ``/<slug>``."""

DEFAULT_TIMEOUT = 10.0
"""Seconds before a request times out, unless a facade is given another ``timeout``."""

Timeout = float | httpx.Timeout | None

T = TypeVar("T")


class _SyncRaw(Protocol):
    def set_httpx_client(self, client: httpx.Client) -> Self: ...


class _AsyncRaw(Protocol):
    def set_async_httpx_client(self, async_client: httpx.AsyncClient) -> Self: ...


SyncRawT = TypeVar("SyncRawT", bound=_SyncRaw)
AsyncRawT = TypeVar("AsyncRawT", bound=_AsyncRaw)


def _log(logger: logging.Logger, response: httpx.Response, attempt: int, delay: float | None) -> None:
    """One DEBUG line per response: ``POST https://host/path?code=[redacted] -> 401 Unauthorized``."""
    if not logger.isEnabledFor(logging.DEBUG):
        return
    retry = "" if delay is None else f"; retrying in {delay:.2f} s"
    request = describe_request(response.request)
    logger.debug("%s -> %s %s (attempt %d%s)", request, response.status_code, response.reason_phrase, attempt, retry)


def _adopt(client: httpx.Client | httpx.AsyncClient, base_url: str, auth: httpx.Auth | None) -> None:
    """Make a caller's httpx client fit a facade: the facade's base URL if it has none, and the facade's auth."""
    if not str(client.base_url):
        client.base_url = httpx.URL(base_url)
    if auth is not None:
        client.auth = auth


class SyncFacade(Generic[SyncRawT]):
    """Base of the sync facades: owns (or adopts) an :class:`httpx.Client` and sends through it.

    Args:
        raw: the generated client; it is given this facade's httpx client, so raw calls share its cookies
            and auth.
        base_url: where the API is served.
        timeout: the httpx timeout.
        auth: the facade's :class:`httpx.Auth`, or ``None``.
        errors: the API's error classes and generated package (:class:`~authkit_sdk._core.responses.ApiErrors`).
        httpx_client: a client to use instead of building one (it is not closed by :meth:`close`).
        httpx_args: more keyword arguments for the :class:`httpx.Client` the facade builds (e.g. ``transport``).
        retries: the retry policy, or ``None`` for no retries.
        sleep: how to wait between attempts.
    """

    def __init__(
        self,
        raw: SyncRawT,
        *,
        base_url: str,
        timeout: Timeout,
        auth: httpx.Auth | None,
        errors: ApiErrors,
        httpx_client: httpx.Client | None = None,
        httpx_args: Mapping[str, Any] | None = None,
        retries: RetryPolicy | None = None,
        sleep: Sleep = time.sleep,
    ) -> None:
        if httpx_client is not None and httpx_args:
            raise ValueError("pass either httpx_client or httpx_args, not both")
        if httpx_client is None:
            self._http = httpx.Client(base_url=base_url, timeout=timeout, auth=auth, **dict(httpx_args or {}))
        else:
            _adopt(httpx_client, base_url, auth)
            self._http = httpx_client
        self._owns_http = httpx_client is None
        self._raw = raw.set_httpx_client(self._http)
        self._errors = errors
        self._retries = retries
        self._sleep = sleep

    @property
    def raw(self) -> SyncRawT:
        """The generated client, for raw calls; it sends through this facade's httpx client."""
        return self._raw

    @property
    def cookies(self) -> httpx.Cookies:
        """The cookie jar of this client's session."""
        return self._http.cookies

    def close(self) -> None:
        """Close the httpx client this facade built (a client passed in as ``httpx_client`` stays open)."""
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()

    def _send(self, request: Mapping[str, Any], parse: Parser) -> Exchange:
        attempt = 1
        while True:
            response = self._http.request(**request)
            delay = retry_delay(self._retries, response, attempt)
            _log(self._errors.logger, response, attempt, delay)
            if delay is None:
                return unwrap(response, parse, self._raw, self._errors)
            self._sleep(delay)
            attempt += 1

    def _call(self, request: Mapping[str, Any], parse: Parser, model: type[T]) -> T:
        return expect(self._send(request, parse), model)


class AsyncFacade(Generic[AsyncRawT]):
    """Base of the async facades: the twin of :class:`SyncFacade` over an :class:`httpx.AsyncClient`."""

    def __init__(
        self,
        raw: AsyncRawT,
        *,
        base_url: str,
        timeout: Timeout,
        auth: httpx.Auth | None,
        errors: ApiErrors,
        httpx_client: httpx.AsyncClient | None = None,
        httpx_args: Mapping[str, Any] | None = None,
        retries: RetryPolicy | None = None,
        sleep: AsyncSleep = asyncio.sleep,
    ) -> None:
        if httpx_client is not None and httpx_args:
            raise ValueError("pass either httpx_client or httpx_args, not both")
        if httpx_client is None:
            self._http = httpx.AsyncClient(base_url=base_url, timeout=timeout, auth=auth, **dict(httpx_args or {}))
        else:
            _adopt(httpx_client, base_url, auth)
            self._http = httpx_client
        self._owns_http = httpx_client is None
        self._raw = raw.set_async_httpx_client(self._http)
        self._errors = errors
        self._retries = retries
        self._sleep = sleep

    @property
    def raw(self) -> AsyncRawT:
        """The generated client, for raw calls (``asyncio``/``asyncio_detailed``); it shares this httpx client."""
        return self._raw

    @property
    def cookies(self) -> httpx.Cookies:
        """The cookie jar of this client's session."""
        return self._http.cookies

    async def close(self) -> None:
        """Close the httpx client this facade built (a client passed in as ``httpx_client`` stays open)."""
        if self._owns_http:
            await self._http.aclose()

    async def aclose(self) -> None:
        """The same as :meth:`close`, named as httpx names it."""
        await self.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        await self.close()

    async def _send(self, request: Mapping[str, Any], parse: Parser) -> Exchange:
        attempt = 1
        while True:
            response = await self._http.request(**request)
            delay = retry_delay(self._retries, response, attempt)
            _log(self._errors.logger, response, attempt, delay)
            if delay is None:
                return unwrap(response, parse, self._raw, self._errors)
            await self._sleep(delay)
            attempt += 1

    async def _call(self, request: Mapping[str, Any], parse: Parser, model: type[T]) -> T:
        return expect(await self._send(request, parse), model)
