"""Idempotency keys: the first response to a key is kept and replayed to retries of the same request.

As the IETF draft "The Idempotency-Key HTTP Header Field" (draft-ietf-httpapi-idempotency-key-header-06) describes.

Records are kept per *scope* (svix: the bearer token, so two clients never share keys) and key, for 24 hours of
server time from the first request ("Idempotency Key Validity and Expiry"). What the server does with a key:

- unknown (or expired) key: the request runs, and its outcome is recorded;
- same key, same request (its *fingerprint*: method, path and body): the recorded response is replayed, with
  ``Idempotent-Replayed: true``, and the operation does not run again;
- same key, different request → 422 with ``loc: ["header", "idempotency-key"]`` ("Error Scenarios");
- same key while the first request is still running → 409 ("Error Scenarios").

Which outcomes are recorded (the draft leaves it to the server; this follows the common practice of payment APIs):
a success, and a 4xx the operation itself answered (e.g. 403, 404) are replayed. Not recorded, so that a retry
with the same key runs the operation again: 5xx (the server failed; retrying is what the key is for), 422 (the
request was invalid and nothing was attempted: a corrected request may reuse the key) and 409/429 (transient).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import NoReturn

from aiohttp import web

from authkit_mock.core.bounded import text_bytes
from authkit_mock.core.clock import Clock
from authkit_mock.core.ephemeral import EphemeralMap, JsonCodec, MapFactory
from authkit_mock.core.errors import ApiError, FieldError, RequestValidationError
from authkit_mock.core.jsontext import canonical_json

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
DEFAULT_TTL_SECONDS = 24 * 3600.0
MAX_KEY_LENGTH = 256
"""The longest idempotency key accepted (upstream documents none; its SDKs send a 32-character key), answered 422."""
UNRECORDED_STATUSES = frozenset({409, 422, 429})
# Set by aiohttp from the body itself; everything else a handler set is replayed as it was.
_NOT_REPLAYED_HEADERS = frozenset({"content-length", "content-type", "date", "server", "transfer-encoding"})


def fingerprint(method: str, path: str, body: bytes) -> str:
    """The request's "Idempotency Fingerprint": method, path and body, hashed.

    A JSON body is compared by its value (key order and whitespace do not matter); any other body byte for byte.
    """
    try:
        canonical = canonical_json(json.loads(body)).encode() if body else b""
    except (UnicodeDecodeError, ValueError, RecursionError):
        canonical = body
    # Each part prefixed with its length, so no two different requests hash the same bytes; hashed in one call.
    parts = (method.upper().encode(), path.encode(), canonical)
    return hashlib.sha256(b"".join(len(part).to_bytes(8, "big") + part for part in parts)).hexdigest()


@dataclass(frozen=True)
class RecordedResponse:
    """A response kept for replay."""

    status: int
    body: bytes
    content_type: str | None
    headers: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, response: web.StreamResponse) -> RecordedResponse | None:
        """The record of ``response``, or None when it must not be kept (see the module docstring)."""
        if not isinstance(response, web.Response) or not recordable(response.status):
            return None
        body = response.body
        if body is not None and not isinstance(body, bytes):
            return None  # a streamed payload cannot be replayed
        headers = tuple((k, v) for k, v in response.headers.items() if k.lower() not in _NOT_REPLAYED_HEADERS)
        return cls(response.status, body or b"", response.headers.get("Content-Type"), headers)

    def replay(self) -> web.Response:
        """A fresh response equal to the recorded one, marked as replayed."""
        response = web.Response(status=self.status, body=self.body or None)
        if self.content_type is not None:
            response.headers["Content-Type"] = self.content_type
        response.headers.extend(self.headers)
        response.headers[REPLAYED_HEADER] = "true"
        return response


@dataclass(frozen=True)
class RecordedError:
    """An error answer kept for replay (re-raised, so it is rendered in the API's shape as the first one was)."""

    status: int
    detail: str
    code: str
    headers: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, error: ApiError) -> RecordedError | None:
        """The record of ``error``, or None when it must not be kept (see the module docstring)."""
        if isinstance(error, RequestValidationError) or not recordable(error.status):
            return None
        return cls(error.status, error.detail, error.code, tuple(error.headers.items()))

    def replay(self) -> NoReturn:
        """Raise the recorded error again, marked as replayed."""
        raise ApiError(self.status, self.detail, self.code, {**dict(self.headers), REPLAYED_HEADER: "true"})


Outcome = RecordedResponse | RecordedError


def recordable(status: int) -> bool:
    """Whether an answer with ``status`` is kept for replay."""
    return status < 500 and status not in UNRECORDED_STATUSES


@dataclass(frozen=True)
class Record:
    """What is kept for a key: the request's fingerprint and, once it has ended, its outcome."""

    fingerprint: str
    expires_at: float
    outcome: Outcome | None = None
    """None while the first request is still running."""


def record_key(scope: str, key: str) -> str:
    """One map key for a scope and a key (length-prefixed: no two pairs give the same text)."""
    return f"{len(scope)}:{scope}{key}"


def _record_size(key: str, record: Record) -> int:
    outcome = record.outcome
    held = text_bytes(key, record.fingerprint)
    if isinstance(outcome, RecordedResponse):
        held += text_bytes(outcome.body, outcome.content_type, *(part for pair in outcome.headers for part in pair))
    elif isinstance(outcome, RecordedError):
        held += text_bytes(outcome.detail, outcome.code, *(part for pair in outcome.headers for part in pair))
    return held


class IdempotencyStore:
    """The idempotency records of one API (short-lived protocol state: cleared on reset).

    Bounded by count and by the bytes of the recorded answers (``Limits.idempotency_records`` and
    ``idempotency_bytes``): expired records go from the front on every claim, the oldest past the bounds (a key
    evicted while its request runs simply records nothing). With a shared ``maps`` backend the records hold for
    every process: a key is claimed in one atomic step (SET NX), so two processes never both run its request, and
    the recorded outcome replays from any of them.
    """

    def __init__(
        self,
        maps: MapFactory,
        clock: Clock,
        ttl_seconds: float = DEFAULT_TTL_SECONDS,
        max_records: int = 10_000,
        max_bytes: int = 16 * 1024 * 1024,
    ) -> None:
        self._clock = clock
        self._ttl = ttl_seconds
        self._records: EphemeralMap[Record] = maps.bounded(
            "svix.idempotency", max_records, max_bytes, _record_size, lambda r: r.expires_at, JsonCodec(Record)
        )

    @property
    def entries(self) -> EphemeralMap[Record]:
        """The map holding the records."""
        return self._records

    async def begin(self, scope: str, key: str, request_fingerprint: str) -> Record | Outcome:
        """Claim ``key`` for a request: its in-flight :class:`Record` when it should run now (then :meth:`finish`
        or :meth:`release` it with that record), the recorded outcome when it should be replayed; raises 409 or 422
        when it must not run."""
        if len(key) > MAX_KEY_LENGTH:
            raise RequestValidationError(
                422,
                [
                    FieldError(
                        ["header", HEADER.lower()],
                        f"ensure this value has at most {MAX_KEY_LENGTH} characters",
                        "value_error.any_str.max_length",
                    )
                ],
            )
        now = self._clock.now()
        claimed = Record(request_fingerprint, now + self._ttl)
        # One atomic step: added when the key has no live record (an expired one may be used afresh), else the
        # record already there.
        record = await self._records.add(record_key(scope, key), claimed, now)
        if record is None:
            return claimed
        if record.fingerprint != request_fingerprint:
            raise RequestValidationError(
                422,
                [
                    FieldError(
                        ["header", HEADER.lower()],
                        "idempotency key already used for a different request",
                        "value_error.idempotency_key_reused",
                    )
                ],
            )
        if record.outcome is None:
            raise ApiError(409, "A request with this idempotency key is already in progress.", code="conflict")
        return record.outcome

    async def finish(self, scope: str, key: str, claimed: Record, outcome: Outcome | None) -> None:
        """Record the outcome of the request that claimed ``key`` with ``claimed`` (None: nothing to keep, the key
        is free again). Compare and set: a record that is no longer ours (evicted, then claimed by another
        request) is left alone. Put again with the answer, so the byte bound counts what is kept for replay."""
        done = None if outcome is None else Record(claimed.fingerprint, claimed.expires_at, outcome)
        await self._records.swap(record_key(scope, key), claimed, done, self._clock.now())

    async def release(self, scope: str, key: str, claimed: Record) -> None:
        """Free a key whose request ended without an outcome to keep."""
        await self.finish(scope, key, claimed, None)

    async def in_flight(self, scope: str, key: str) -> bool:
        """Whether a request holding ``key`` is running now."""
        record = await self._records.get(record_key(scope, key), self._clock.now())
        return record is not None and record.outcome is None

    async def run(
        self,
        scope: str,
        key: str,
        request_fingerprint: str,
        operation: Callable[[], Awaitable[web.StreamResponse]],
        prelude: Callable[[], Awaitable[web.StreamResponse | None]] | None = None,
    ) -> web.StreamResponse:
        """Run ``operation`` at most once per key: replay, refuse (409/422) or run it and record what it answered.

        ``prelude`` runs inside the window, before the operation, and is never recorded: a response it returns is
        sent and an error it raises propagates, and either way the key is free again (the admin API's injected
        faults go there, so that a delay holds the key in flight and an injected error is not replayed).
        """
        claimed = await self.begin(scope, key, request_fingerprint)
        if isinstance(claimed, RecordedError):
            claimed.replay()
        if isinstance(claimed, RecordedResponse):
            return claimed.replay()
        try:
            instead = await prelude() if prelude is not None else None
        except BaseException:
            await self.release(scope, key, claimed)
            raise
        if instead is not None:
            await self.release(scope, key, claimed)
            return instead
        try:
            response = await operation()
        except ApiError as error:
            await self.finish(scope, key, claimed, RecordedError.of(error))
            raise
        except BaseException:
            await self.release(scope, key, claimed)
            raise
        await self.finish(scope, key, claimed, RecordedResponse.of(response))
        return response
