"""svix: organisation keys and app tokens (``tokens``), idempotency keys (``idempotency``), per-token rate limits
(``ratelimit``) and the HTTP handlers (``api``)."""

from authkit_mock.apis.svix.api import setup

__all__ = ["setup"]
