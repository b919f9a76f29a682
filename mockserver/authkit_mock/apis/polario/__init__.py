"""polario: the SCRAM-SHA-256 login over JSON (``scram``), sessions with rotating refresh tokens (``sessions``),
and the HTTP handlers (``api``)."""

from authkit_mock.apis.polario.api import new_user, setup

__all__ = ["new_user", "setup"]
