"""svix streams: their sinks, stream (portal) tokens and the sinks' poller tokens, all kept in the store.

- Stream tokens (``strmsk_…``; Token kind ``stream_token``) are issued by stream-portal-access, bound to one stream
  (``Token.stream_id``), live ``expiry`` seconds, and end by stream-logout or stream-expire-all. They may read and
  rotate the poller tokens of their own stream's sinks.
- Poller tokens (``pollsk_…``; Token kind ``poller_token``) belong to one sink (``stream_id``, ``sink_id``). The
  sink's ``current_token`` is the last one issued; rotating issues a new one and gives the old one
  ``oldTokenExpiry`` seconds more (0: revoked at once). At most ``Settings.svix_max_poller_tokens_per_sink`` of a
  sink work at once; a rotation beyond ends the oldest, and dead ones are dropped from the store, so a sink never
  holds more than that many.

Streams added through the admin API live ``Settings.svix_stream_ttl`` seconds, at most ``svix_max_streams`` of
them and ``svix_max_sinks_per_stream`` sinks each; seeded streams stay until reset.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from authkit_mock.apis.svix.tokens import API, ORG_KEY, POLLER_TOKEN, STREAM_TOKEN, expire_tokens, forbidden, not_found
from authkit_mock.core.entropy import Entropy
from authkit_mock.core.seed import Seed
from authkit_mock.core.settings import Settings
from authkit_mock.core.store import MemoryStore, Sink, Store, Stream, Token

STREAM_TOKEN_PREFIX = "strmsk_"
POLLER_TOKEN_PREFIX = "pollsk_"


def seed_streams(store: MemoryStore, seed: Seed, now: float, settings: Settings) -> None:
    """Add the seeded streams, their sinks and each sink's first poller token to ``store``."""
    for stream in seed.svix.streams:
        store.add_stream(Stream(id=stream.id, name=stream.name, created_at=now, uid=stream.uid))
        for sink in stream.sinks:
            added = add_sink(store, stream.id, sink.id, sink.name, sink.uid, now)
            first = poller_token(added, now, settings, settings.entropy, value=sink.poller_token)
            store.add_token(first)
            added.current_token = first.token


def add_sink(store: Store, stream_id: str, sink_id: str, name: str, uid: str | None, now: float) -> Sink:
    """A new sink of the stream ``stream_id`` (without a poller token yet)."""
    return store.add_sink(Sink(stream_id=stream_id, id=sink_id, name=name, created_at=now, uid=uid))


async def prune_streams(store: Store, now: float) -> None:
    """Drop the streams whose time is up, with their sinks and those sinks' poller tokens."""
    for stream in [s for s in await store.streams_of() if not s.live(now)]:
        for token in await store.tokens_owned(API, stream=stream.id):
            store.remove_token(token.token)
        await store.remove_stream(stream)


def issue_stream_token(
    store: Store,
    stream: Stream,
    now: float,
    ttl_seconds: float,
    entropy: Entropy,
    session_id: str | None,
    grants: str | None,
) -> Token:
    """A new stream token bound to ``stream``."""
    value = STREAM_TOKEN_PREFIX + entropy.token_urlsafe(24)
    token = Token(
        api=API,
        kind=STREAM_TOKEN,
        token=value,
        created_at=now,
        stream_id=stream.id,
        session_id=session_id,
        expires_at=now + ttl_seconds,
        grants=grants,
    )
    return store.add_token(token, issued=True)


async def expire_stream_tokens(
    store: Store, stream: Stream, now: float, expiry: int | None, session_ids: list[str]
) -> int:
    """stream-expire-all: the live stream tokens of ``stream`` (of ``session_ids`` only, when given) expire."""
    tokens = [t for t in await store.tokens_owned(API, stream=stream.id) if t.kind == STREAM_TOKEN]
    return expire_tokens(tokens, now, expiry, session_ids)


async def stream_log_out(store: Store, token: Token, now: float) -> None:
    """stream-logout: end a stream token at once; 403 for any other token ("Trying to log out other tokens will
    fail"), 404 when the token's stream no longer exists (there is nothing left to log out of)."""
    if token.kind != STREAM_TOKEN:
        raise forbidden("Only stream tokens can be logged out.")
    if token.stream_id is None or await store.stream(token.stream_id, now) is None:
        raise not_found()
    token.revoked = True


async def current_poller_token(store: Store, sink: Sink, now: float) -> Token | None:
    """The sink's current poller token: the last one issued, while it lives."""
    token = await store.token(sink.current_token) if sink.current_token is not None else None
    return token if token is not None and token.live(now) else None


def poller_token(
    sink: Sink, now: float, settings: Settings, entropy: Entropy, expiry: int | None = None, value: str | None = None
) -> Token:
    """A new poller token of ``sink`` (not yet stored)."""
    return Token(
        api=API,
        kind=POLLER_TOKEN,
        token=value or POLLER_TOKEN_PREFIX + entropy.token_urlsafe(24),
        created_at=now,
        stream_id=sink.stream_id,
        sink_id=sink.id,
        expires_at=now + (expiry or settings.svix_poller_token_ttl),
    )


async def rotate_poller_token(
    store: Store,
    sink: Sink,
    now: float,
    settings: Settings,
    entropy: Entropy,
    expiry: int | None = None,
    old_token_expiry: int = 300,
    issued: bool = True,
) -> Token:
    """Issue the sink's next poller token; the previous one works ``old_token_expiry`` seconds more (0: none).

    ``issued``: made by a request, so it counts against the store's bound (seeded and admin-made tokens do not).
    """
    previous = await current_poller_token(store, sink, now)
    if previous is not None:
        retire(previous, now, old_token_expiry)
    token = store.add_token(poller_token(sink, now, settings, entropy, expiry), issued=issued)
    sink.current_token = token.token
    await _bound_poller_tokens(store, sink, now, settings.svix_max_poller_tokens_per_sink)
    return token


def retire(previous: Token, now: float, old_token_expiry: int) -> None:
    """A rotated-out poller token works ``old_token_expiry`` seconds more (never longer than it would have); with 0
    it is revoked at once ("If set to 0, the old token will immediately be revoked")."""
    if old_token_expiry == 0:
        previous.revoked = True
        return
    ends = now + old_token_expiry
    previous.expires_at = ends if previous.expires_at is None else min(previous.expires_at, ends)


async def _bound_poller_tokens(store: Store, sink: Sink, now: float, most: int) -> None:
    # Dead tokens are forgotten (presented again, they are unknown: 401 as before); of the live ones, the oldest
    # beyond ``most`` end now. The current token is the newest, so it always stays.
    owned = await store.tokens_owned(API, stream=sink.stream_id)
    mine = [t for t in owned if t.kind == POLLER_TOKEN and t.sink_id == sink.id]
    live = [t for t in mine if t.live(now)]
    for token in [t for t in mine if not t.live(now)] + live[: max(0, len(live) - most)]:
        store.remove_token(token.token)


def require_stream_access(token: Token, stream: Stream | None) -> Stream:
    """The stream, when ``token`` may manage its poller tokens (an org key, or a stream token of this stream).

    A stream token asking about any other stream gets 403 whether that stream exists or not, so it learns nothing
    about other streams; an org key gets 404 for an unknown stream.
    """
    if token.kind == STREAM_TOKEN:
        if stream is None or stream.id != token.stream_id:
            raise forbidden()
        return stream
    if token.kind != ORG_KEY:
        raise forbidden()
    if stream is None:
        raise not_found()
    return stream


def api_token_out(token: Token) -> dict[str, object]:
    """The ``ApiTokenOut`` body of a poller token."""
    return {
        "id": poller_token_id(token),
        "token": token.token,
        "name": None,
        "createdAt": _rfc3339(token.created_at),
        "expiresAt": None if token.expires_at is None else _rfc3339(token.expires_at),
        "scopes": None,
    }


def poller_token_id(token: Token) -> str:
    """A poller token's id: derived from the token (stable, and not secret)."""
    return "tok_" + hashlib.sha256(token.token.encode()).hexdigest()[:24]


def _rfc3339(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).isoformat().replace("+00:00", "Z")
