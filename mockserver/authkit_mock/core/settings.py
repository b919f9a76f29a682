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


@dataclass(frozen=True)
class Limits:
    """The bounds of everything the server keeps or waits for (docs/operations/reliability.md).

    The defaults are far above what a developer, a test suite or a QA session uses, and far below what would
    hurt the machine; docs/operations/reliability.md lists each store's bound. The CLI has a flag for each
    limit a user may want to tune (``authkit-mock serve --help``).
    """

    journal_entries: int = 10_000
    journal_bytes: int = 32 * 1024 * 1024
    """The journal's budget for what its entries hold (headers and bodies, truncated copies): oldest out first."""
    journal_body_bytes: int = 8 * 1024
    """At most this much of each request and response body is journaled (the entry says how much was cut)."""
    journal_header_bytes: int = 8 * 1024
    """At most this much of a request's headers (names and values) is journaled; the rest is reported as cut."""
    pending_logins: int = 10_000
    """bixarena: OIDC logins started and not yet called back (each holds about 300 bytes)."""
    authorization_codes: int = 10_000
    """The embedded provider's outstanding authorization codes, and as many userinfo access tokens."""
    scram_challenges: int = 10_000
    idempotency_records: int = 10_000
    idempotency_bytes: int = 16 * 1024 * 1024
    """svix: recorded answers kept for replay, by count and by the bytes of the answers."""
    tokens: int = 100_000
    """Opaque tokens and issued-token records of all APIs (svix app and stream tokens, refresh tokens, JWT records):
    past it, the oldest record is forgotten (that credential stops working). A svix portal token's grants take at
    most ``apis.svix.grants.MAX_GRANTS_CHARS``."""
    grant_chars: int = 64 * 1024 * 1024
    """The characters of grants (svix feature flags, capabilities) that issued tokens carry, all together: past it,
    the oldest issued token is forgotten, so many fat tokens cannot add up to ``tokens`` times the largest grants."""
    sessions: int = 100_000
    applications: int = 10_000
    """svix applications created by app-portal-access with an ``application`` body (seeded and admin-added ones are
    not counted): past it, the oldest created one is forgotten with its tokens."""
    provider_users: int = 1_000
    """People typed in on the embedded provider's login page (seeded and admin-added users are not counted)."""
    collect_after_bytes: int = 16 * 1024 * 1024
    """Run the cyclic garbage collector after requests that brought this many bytes of headers and bodies. A request
    answered with an error leaves a reference cycle (exception, traceback, frame, request) that only the collector
    frees, and the CLI makes it run rarely (``tune_garbage_collector``): without this, 250 requests with 800 KB of
    headers each left 400 MB behind."""
    max_connections: int = 0
    """Open client connections at most; a connection beyond it is closed at once. 0: the open-file limit less a
    reserve (see ``core/serving.py``)."""
    header_timeout: float = 10.0
    """Seconds a client has to send a request's whole head (request line and headers), from its first byte, or
    from the connection's opening."""
    body_timeout: float = 30.0
    """Seconds a handler waits for a request's whole body before answering 408 and closing the connection."""
    keepalive_timeout: float = 75.0
    """Seconds an idle keep-alive connection stays open (aiohttp's default)."""


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
    store_url: str | None = None
    """A Valkey/Redis server keeping every piece of state (``--store redis://host:port/db``), shared by every
    process and replica started with the same URL; None: this process's memory (or ``state_file``)."""
    store_prefix: str = "authkit:"
    """What every key of the shared store starts with: servers with the same URL and prefix are one deployment."""
    access_log: bool = False
    cors_origins: tuple[str, ...] = ()
    max_body_bytes: int = 64 * 1024
    # Token lifetimes, in seconds.
    authlance_token_ttl: int = 3600
    polario_token_ttl: int = 900
    polario_refresh_ttl: int = 30 * 24 * 3600
    polario_challenge_ttl: int = 60
    svix_app_token_ttl: int = 7 * 24 * 3600
    """Also the stream tokens' lifetime when stream-portal-access is given no ``expiry`` (upstream's default)."""
    svix_poller_token_ttl: int = 365 * 24 * 3600
    """A poller token's lifetime when rotate is given no ``expiry`` (upstream's maximum; its default is not public)."""
    svix_max_poller_tokens_per_sink: int = 10
    """How many poller tokens of one sink work at once; a rotation beyond ends the oldest (dead ones are dropped)."""
    svix_max_streams: int = 1000
    """How many streams the server holds; adding one more through the admin API is refused (409)."""
    svix_max_sinks_per_stream: int = 100
    """How many sinks one stream holds; adding one more through the admin API is refused (409)."""
    svix_stream_ttl: int = 30 * 24 * 3600
    """How long a stream added through the admin API lives (with its sinks); seeded streams stay until reset."""
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
    """Required in ``X-Admin-Token`` for the admin API whenever the peer may not be the developer (a non-loopback
    peer, or a request with forwarding headers); without one such requests are refused."""
    allowed_hosts: tuple[str, ...] = ()
    """Host names accepted in the ``Host`` header besides the loopback names, the bind address and the public URL's
    host (``*``: any, for a server behind a proxy that rewrites Host). See ``core/public_urls.py``."""
    provider_url: str | None = None
    """The OpenID provider bixarena's relying party calls, server-side; default: the embedded one, at the public URL
    when one is configured, else at the listen address. Never derived from a request."""
    limits: Limits = field(default_factory=Limits)
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

    def listen_url(self) -> str:
        """The URL of the listening socket, for the server's calls to itself (a wildcard address means loopback)."""
        host = WILDCARD_TO_LOOPBACK.get(self.host, self.host)
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{self.port}"

    def oidc_provider_url(self) -> str:
        """Where bixarena's relying party finds its OpenID provider: configured, never taken from a request."""
        if self.provider_url:
            return self.provider_url.rstrip("/")
        return f"{self.public_url.rstrip('/') if self.public_url else self.listen_url()}{IDP_PATH}"


WILDCARD_TO_LOOPBACK = {"": "127.0.0.1", "0.0.0.0": "127.0.0.1", "::": "::1"}  # noqa: S104 (names, not binds)
"""A wildcard bind address, and the loopback address the server reaches itself at through it."""
