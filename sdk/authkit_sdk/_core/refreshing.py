"""Credentials that refresh themselves: an :class:`httpx.Auth` over the credential a client holds.

:class:`Credentials` is what a facade holds (the token, its expiry on the server's clock, the estimated clock
skew); every :class:`RefreshingAuth` a facade hands out shares it. The auth

- attaches the token the way the API expects (``Authorization: Bearer``, or polario's ``Session`` header);
- refreshes **before** sending when the token is within ``margin`` seconds of its expiry, judged on the server's
  clock: the skew is estimated from the token's ``iat`` at issue and from each response's ``Date`` header, so it
  holds when the clocks differ and when QA moves the reference server's clock;
- refreshes **once on a 401** and replays the request once (not when its body is a stream that cannot be replayed);
- is **single-flight**: concurrent requests that find the token stale share one refresh (a lock and an event for
  threads, one task for asyncio); a failed refresh raises the same error in every waiter, and the next request
  may try again. Like google-auth's ``AuthorizedSession`` and Authlib's httpx ``OAuth2Client``.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import email.utils
import json
import threading
import time
from collections.abc import AsyncGenerator, Awaitable, Callable, Generator
from typing import Any

import httpx

from authkit_sdk._core.errors import AuthkitError, LoginRequiredError, UnauthorizedError, build_error

__all__ = ["DEFAULT_MARGIN", "AttachAuth", "Credentials", "RefreshingAuth", "unverified_claims"]

DEFAULT_MARGIN = 60.0
"""Seconds before expiry (on the server's clock) at which a credential is refreshed proactively."""


def unverified_claims(token: str) -> dict[str, Any]:
    """The claims of a JWT, read **without verifying it**: only to learn ``exp`` and ``iat``, never to trust it.

    ``{}`` for anything that is not a JWS compact serialisation with a JSON object payload.
    """
    parts = token.split(".")
    if len(parts) != 3:
        return {}
    try:
        payload = base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4))
        claims = json.loads(payload)
    except (binascii.Error, ValueError):
        return {}
    return claims if isinstance(claims, dict) else {}


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


class _Flight:
    """One refresh shared by the threads that wait for it."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.error: BaseException | None = None


class Credentials:
    """The credential one client holds, shared by its facade and every :class:`RefreshingAuth` it hands out.

    Args:
        header: the request header that carries the token.
        prefix: put before the token (``"Bearer"``), or ``""`` for the bare token.
        margin: refresh this many seconds before expiry.
        clock: this machine's clock (seconds since the epoch); tests may pass their own.
    """

    def __init__(
        self,
        *,
        header: str = "Authorization",
        prefix: str = "Bearer",
        margin: float = DEFAULT_MARGIN,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.header = header
        self.prefix = prefix
        self.margin = margin
        self.clock = clock
        self.token: str | None = None
        self.expires_at: float | None = None
        self.clock_skew = 0.0
        self._lock = threading.Lock()
        self._flight: _Flight | None = None
        self._task: asyncio.Future[None] | None = None
        self._last_date: tuple[str | None, float] = (None, 0.0)

    def keep(
        self,
        token: str,
        *,
        expires_at: float | None = None,
        response: httpx.Response | None = None,
        clock_skew: float | None = None,
    ) -> None:
        """Hold a new token. Its expiry is the JWT's ``exp`` when it has one, else ``expires_at`` (server clock).

        The skew is estimated from the JWT's ``iat`` (the server's time at issue), else from ``response``'s
        ``Date`` header, else taken from ``clock_skew`` (a stored session), else left as it was.
        """
        claims = unverified_claims(token)
        issued_at = _number(claims.get("iat"))
        if issued_at is not None:
            self.clock_skew = issued_at - self.clock()
        elif response is not None:
            self.observe(response)
        elif clock_skew is not None:
            self.clock_skew = clock_skew
        exp = _number(claims.get("exp"))
        self.token, self.expires_at = token, exp if exp is not None else expires_at

    def forget(self) -> None:
        """Drop the token (after logout)."""
        self.token = self.expires_at = None

    def observe(self, response: httpx.Response) -> None:
        """Learn the server's time from a response's ``Date`` header (RFC 9110 section 6.6.1), when it has one."""
        date = response.headers.get("date")
        if not date:
            return
        if date != self._last_date[0]:  # a Date changes once a second: parse it once, not on every response
            try:
                sent = email.utils.parsedate_to_datetime(date).timestamp()
            except (TypeError, ValueError, IndexError):
                return
            self._last_date = (date, sent)
        self.clock_skew = self._last_date[1] - self.clock()

    def server_now(self) -> float:
        """The server's time, as estimated here."""
        return self.clock() + self.clock_skew

    def stale(self) -> bool:
        """Whether the token is missing, or within ``margin`` of its expiry on the server's clock."""
        if self.token is None:
            return True
        return self.expires_at is not None and self.server_now() >= self.expires_at - self.margin

    def header_value(self) -> str:
        """The header value that carries the token; :class:`LoginRequiredError` when there is none."""
        token = self.token
        if token is None:
            raise LoginRequiredError("no credential: log in (or resume a stored session) first")
        return f"{self.prefix} {token}" if self.prefix else token

    # -- single flight -------------------------------------------------------------------------------------------

    def _needs(self, after: str | None) -> bool:
        # After a 401 with token ``after``: refresh unless someone already replaced that token.
        return self.token == after if after is not None else self.stale()

    def refresh_sync(self, refresh: Callable[[], object], after: str | None = None) -> None:
        """Run ``refresh`` once for every thread that finds the token stale now (or still ``after`` a 401)."""
        with self._lock:
            flight = self._flight
            leader = flight is None
            if flight is None:
                if not self._needs(after):
                    return
                flight = self._flight = _Flight()
        if not leader:
            flight.done.wait()
            if flight.error is not None:
                raise flight.error
            return
        try:
            refresh()
        except BaseException as error:
            flight.error = error
            raise
        finally:
            with self._lock:
                self._flight = None
            flight.done.set()

    async def refresh_async(self, refresh: Callable[[], Awaitable[object]], after: str | None = None) -> None:
        """The asyncio twin of :meth:`refresh_sync`: one task, awaited (shielded) by every request that needs it."""
        task = self._task
        if task is None:
            if not self._needs(after):
                return

            async def run() -> None:
                await refresh()

            task = self._task = asyncio.ensure_future(run())
            # Cleared before any waiter resumes (callbacks run in order), so the next request may try again.
            task.add_done_callback(self._clear_task)
        await asyncio.shield(task)

    def _clear_task(self, task: asyncio.Future[None]) -> None:
        if self._task is task:
            self._task = None


def _replayable(request: httpx.Request) -> bool:
    # A body given as bytes, text, JSON or form is held in memory; an iterator or a file stream is not.
    return isinstance(request.stream, httpx.ByteStream)


def _no_refresh(response: httpx.Response) -> AuthkitError[Any]:
    # Built where every response error is (redacted, with the body's text kept); the body is not parsed here.
    message = "this credential cannot be refreshed (log in again)"
    return build_error(UnauthorizedError, response.status_code, None, response, message=message)


class RefreshingAuth(httpx.Auth):
    """An :class:`httpx.Auth` that keeps a client's credential fresh; get one from a client's ``auth()``.

    Use the one of a sync client with :class:`httpx.Client` and the one of an async client with
    :class:`httpx.AsyncClient` (the refresh runs on the client that handed the auth out).

    Args:
        credentials: the credential it attaches and refreshes.
        refresh: the sync refresh (e.g. ``PacerproClient.refresh``), or ``None``.
        arefresh: the async refresh (e.g. ``AsyncPacerproClient.refresh``), or ``None``.
        raise_on_401: raise :class:`~authkit_sdk.errors.UnauthorizedError` when a 401 cannot be cured (svix's app
            tokens, which cannot be refreshed); otherwise the 401 response is returned as httpx would.
    """

    def __init__(
        self,
        credentials: Credentials,
        *,
        refresh: Callable[[], object] | None = None,
        arefresh: Callable[[], Awaitable[object]] | None = None,
        raise_on_401: bool = False,
    ) -> None:
        self.credentials = credentials
        self._refresh = refresh
        self._arefresh = arefresh
        self._raise_on_401 = raise_on_401

    def _attach(self, request: httpx.Request) -> str | None:
        request.headers[self.credentials.header] = self.credentials.header_value()
        return self.credentials.token

    def sync_auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        """The flow of :class:`httpx.Client`."""
        credentials, refresh = self.credentials, self._refresh
        if refresh is None and self._arefresh is not None:
            raise TypeError("this auth comes from an async client: use it with httpx.AsyncClient")
        if refresh is not None:
            credentials.refresh_sync(refresh)
        used = self._attach(request)
        response = yield request
        credentials.observe(response)
        if response.status_code != 401:
            return
        if refresh is None or not _replayable(request):
            if self._raise_on_401:
                response.read()
                raise _no_refresh(response)
            return
        response.read()  # frees its connection while the refresh runs (httpx reads it only after the flow resumes)
        credentials.refresh_sync(refresh, after=used)
        self._attach(request)
        response = yield request
        credentials.observe(response)

    async def async_auth_flow(self, request: httpx.Request) -> AsyncGenerator[httpx.Request, httpx.Response]:
        """The flow of :class:`httpx.AsyncClient`."""
        credentials, refresh = self.credentials, self._arefresh
        if refresh is None and self._refresh is not None:
            raise TypeError("this auth comes from a sync client: use it with httpx.Client")
        if refresh is not None:
            await credentials.refresh_async(refresh)
        used = self._attach(request)
        response = yield request
        credentials.observe(response)
        if response.status_code != 401:
            return
        if refresh is None or not _replayable(request):
            if self._raise_on_401:
                await response.aread()
                raise _no_refresh(response)
            return
        await response.aread()  # frees its connection while the refresh runs
        await credentials.refresh_async(refresh, after=used)
        self._attach(request)
        response = yield request
        credentials.observe(response)


class AttachAuth(httpx.Auth):
    """The facade's own auth: attaches the held credential when there is one, never refreshes.

    A facade's calls are the login, refresh and logout themselves; a header the request already carries wins.
    """

    def __init__(self, credentials: Credentials) -> None:
        self.credentials = credentials

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        """Add the header when a token is held."""
        if self.credentials.token is not None and self.credentials.header not in request.headers:
            request.headers[self.credentials.header] = self.credentials.header_value()
        yield request
