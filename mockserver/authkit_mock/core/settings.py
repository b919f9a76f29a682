"""Settings of the reference server: everything a deployment or a test may want to change, in one value."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from authkit_mock.core.clock import Clock
from authkit_mock.core.entropy import Entropy

SLUGS = ("authlance", "polario", "svix", "bixarena", "pacerpro")

IDP_PATH = "/synapse"
"""Where the embedded identity provider (``authkit_mock.idp``) is mounted: bixarena's relying party and the app
factory both need it, and neither may import the other's package."""


@dataclass(frozen=True)
class RateLimit:
    """At most ``requests`` per ``per_seconds`` for one bearer token (a fixed window)."""

    requests: int = 600
    per_seconds: float = 60.0


@dataclass
class Settings:
    """How one reference server runs. The clock, the randomness and the keys are injected here."""

    host: str = "127.0.0.1"
    port: int = 4010
    apis: tuple[str, ...] = SLUGS
    single_api: str | None = None
    """Serve this one API at the root (as Prism would) instead of every API under ``/<slug>``."""
    public_url: str | None = None
    """The base URL clients reach the server at (issuers and URLs are built from it); default from host/port."""
    seed_file: Path | None = None
    key_file: Path | None = None
    """A JSON file of private JWKs; created on first use, so tokens survive a restart."""
    state_file: Path | None = None
    """An SQLite file keeping users, sessions, tokens and keys across restarts (``--state``); None: in memory."""
    access_log: bool = False
    cors_origins: tuple[str, ...] = ()
    max_body_bytes: int = 64 * 1024
    # Token lifetimes, in seconds.
    authlance_token_ttl: int = 3600
    polario_token_ttl: int = 900
    polario_refresh_ttl: int = 30 * 24 * 3600
    polario_challenge_ttl: int = 60
    svix_app_token_ttl: int = 7 * 24 * 3600
    bixarena_token_ttl: int = 600
    bixarena_session_ttl: int = 24 * 3600
    bixarena_client_id: str = "bixarena"
    """The client id BixArena uses at the embedded identity provider (the ``aud`` of its ID tokens)."""
    bixarena_frontend_url: str = "http://127.0.0.1:8000"
    """Where bixarena's callback sends a browser (``Accept: text/html``) after login: upstream's ``app.ui-base-url``,
    whose default is this one (sage-monorepo ``apps/bixarena/auth-service/.../application.yml``)."""
    pacerpro_token_ttl: int = 3600
    password_hash_iterations: int = 100
    """PBKDF2 rounds for pacerpro's stored passwords. Low on purpose: the mock holds demo passwords only, and the hash
    runs on the event loop, so it bounds login throughput (1,000 rounds cost about 0.5 ms per login)."""
    scram_iterations: int = 4096
    rate_limit: RateLimit = field(default_factory=RateLimit)
    idp_auto_login: str | None = None
    """Embedded identity provider: log this subject in without showing the login form (for automated tests)."""
    admin_token: str | None = None
    """Required in ``X-Admin-Token`` for the admin API when set (and when the server is bound beyond loopback)."""
    clock: Clock = field(default_factory=Clock)
    entropy: Entropy = field(default_factory=Entropy)

    def base_url(self) -> str:
        """The URL of the server's root, without a trailing slash."""
        if self.public_url:
            return self.public_url.rstrip("/")
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def api_url(self, slug: str) -> str:
        """Where ``slug`` is served: under ``/<slug>``, or at the root in single-API mode."""
        return self.base_url() if self.single_api == slug else f"{self.base_url()}/{slug}"
