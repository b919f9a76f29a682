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
from dataclasses import dataclass, field
from typing import NoReturn

from aiohttp import web

from authkit_mock.core.bounded import BoundedMap, text_bytes
from authkit_mock.core.clock import Clock
from authkit_mock.core.errors import ApiError, FieldError, RequestValidationError

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
        canonical = json.dumps(json.loads(body), sort_keys=True, separators=(",", ":")).encode() if body else b""
    except (UnicodeDecodeError, ValueError, RecursionError):
        canonical = body
    digest = hashlib.sha256()
    for part in (method.upper().encode(), path.encode(), canonical):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


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


@dataclass
class _Record:
    fingerprint: str
    expires_at: float
    outcome: Outcome | None = field(default=None)
    """None while the first request is still running."""


def _record_size(key: tuple[str, str], record: _Record) -> int:
    outcome = record.outcome
    held = text_bytes(*key, record.fingerprint)
    if isinstance(outcome, RecordedResponse):
        held += text_bytes(outcome.body, outcome.content_type, *(part for pair in outcome.headers for part in pair))
    elif isinstance(outcome, RecordedError):
        held += text_bytes(outcome.detail, outcome.code, *(part for pair in outcome.headers for part in pair))
    return held


class IdempotencyStore:
    """The idempotency records of one API (short-lived protocol state: cleared on reset).

    Bounded by count and by the bytes of the recorded answers (``Limits.idempotency_records`` and
    ``idempotency_bytes``): expired records go from the front on every claim, the oldest past the bounds (a key
    evicted while its request runs simply records nothing).
    """

    def __init__(
        self,
        clock: Clock,
        ttl_seconds: float = DEFAULT_TTL_SECONDS,
        max_records: int = 10_000,
        max_bytes: int = 16 * 1024 * 1024,
    ) -> None:
        self._clock = clock
        self._ttl = ttl_seconds
        self._records: BoundedMap[tuple[str, str], _Record] = BoundedMap(
            max_records, max_bytes, _record_size, lambda record: record.expires_at
        )

    @property
    def entries(self) -> BoundedMap[tuple[str, str], _Record]:
        """The bounded map holding the records."""
        return self._records

    def begin(self, scope: str, key: str, request_fingerprint: str) -> Outcome | None:
        """Claim ``key`` for a request: None when it should run now (then :meth:`finish` or :meth:`release` it),
        the recorded outcome when it should be replayed; raises 409 or 422 when it must not run."""
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
        record = self._records.get((scope, key))
        if record is not None and record.outcome is not None and now >= record.expires_at:
            record = None  # expired: the key may be used afresh
        if record is None:
            self._records.put((scope, key), _Record(request_fingerprint, now + self._ttl), now)
            return None
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

    def finish(self, scope: str, key: str, outcome: Outcome | None) -> None:
        """Record the outcome of the request that claimed ``key`` (None: nothing to keep, the key is free again)."""
        record = self._records.get((scope, key))
        if record is None or record.outcome is not None:
            return
        if outcome is None:
            self._records.pop((scope, key))
        else:
            record.outcome = outcome
            # Again, now that it holds the answer: the byte bound counts what is kept for replay.
            self._records.put((scope, key), record, self._clock.now())

    def release(self, scope: str, key: str) -> None:
        """Free a key whose request ended without an outcome to keep."""
        self.finish(scope, key, None)

    def in_flight(self, scope: str, key: str) -> bool:
        """Whether a request holding ``key`` is running now."""
        record = self._records.get((scope, key))
        return record is not None and record.outcome is None

    def clear(self) -> None:
        """Forget every record (on reset)."""
        self._records.clear()

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
        recorded = self.begin(scope, key, request_fingerprint)
        if isinstance(recorded, RecordedError):
            recorded.replay()
        if recorded is not None:
            return recorded.replay()
        try:
            instead = await prelude() if prelude is not None else None
        except BaseException:
            self.release(scope, key)
            raise
        if instead is not None:
            self.release(scope, key)
            return instead
        try:
            response = await operation()
        except ApiError as error:
            self.finish(scope, key, RecordedError.of(error))
            raise
        except BaseException:
            self.release(scope, key)
            raise
        self.finish(scope, key, RecordedResponse.of(response))
        return response
