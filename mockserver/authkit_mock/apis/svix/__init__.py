"""svix: organisation keys and app tokens (``tokens``), streams, sinks, stream and poller tokens (``streams``),
idempotency keys (``idempotency``), per-token rate limits (``ratelimit``) and the HTTP handlers (``api``)."""

from authkit_mock.apis.svix.api import setup
from authkit_mock.apis.svix.streams import (
    add_sink,
    current_poller_token,
    poller_token_id,
    prune_streams,
    rotate_poller_token,
)
from authkit_mock.apis.svix.tokens import POLLER_TOKEN, new_id

__all__ = [
    "POLLER_TOKEN",
    "add_sink",
    "current_poller_token",
    "new_id",
    "poller_token_id",
    "prune_streams",
    "rotate_poller_token",
    "setup",
]
