"""What ``authkit-mock`` accepts on its command line: one checker per kind of value, and one line per mistake.

Every checker raises :class:`argparse.ArgumentTypeError` with a sentence naming what was expected, and
:class:`Parser` prints it as a single line (no usage block, no traceback) and exits with status 2.
"""

from __future__ import annotations

import argparse
import ipaddress
import math
import re
import sys
from dataclasses import replace
from pathlib import Path
from typing import NoReturn
from urllib.parse import urlsplit

from authkit_mock.core.settings import Limits, RateLimit, Settings

_HOST_NAME = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9._-]{0,252})$")
_ORIGIN = re.compile(r"^https?://(\*|[A-Za-z0-9.*-]+|\[[0-9A-Fa-f:.]+\])(:(\*|[0-9]{1,5}))?$")


def usage_error(prog: str, message: str) -> NoReturn:
    """Print ``prog: message (see prog --help)`` as one line and exit with status 2."""
    print(f"{prog}: {message} (see {prog} --help)", file=sys.stderr)
    raise SystemExit(2)


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line: ``authkit-mock serve: --port: ...`` and exit status 2."""

    def error(self, message: str) -> NoReturn:
        usage_error(self.prog, message)


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Keeps the examples in a command's description as written, and wraps option help at 100 columns."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=32, width=100)


def port(text: str) -> int:
    """A TCP port: 0 (any free port, printed at start) to 65535."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (0 to 65535)") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"{value} is not a port number (0 to 65535; 0 picks a free one)")
    return value


def host(text: str) -> str:
    """An address or host name to bind (whether it can be bound is found out when binding)."""
    if not text.strip() or any(c.isspace() for c in text):
        raise argparse.ArgumentTypeError(f"{text!r} is not an address or host name")
    return text


def http_url(text: str) -> str:
    """An absolute http(s) URL with a host (and a valid port, if any): where a browser is sent."""
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname or any(c.isspace() for c in text):
        raise argparse.ArgumentTypeError(f"{text!r} is not an http:// or https:// URL with a host")
    try:
        parts.port  # noqa: B018 (urlsplit checks the port only when it is read)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} has an invalid port") from None
    return text


def public_url(text: str) -> str:
    """An absolute http(s) URL with a host and no query or fragment: a base URL others are built on (this
    server's public URL, the OpenID provider's issuer)."""
    http_url(text)
    parts = urlsplit(text)
    if parts.query or parts.fragment:
        raise argparse.ArgumentTypeError(f"{text!r} has a query or fragment; give the base URL only")
    return text


def allowed_host(text: str) -> str:
    """A host name or IP address the server answers to (no scheme, no port), or ``*`` for any."""
    if text == "*":
        return text
    if ":" in text:
        try:
            ipaddress.IPv6Address(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"{text!r} is not a host name or address (give the name without scheme or port, or '*')"
            ) from None
        return text
    if not _HOST_NAME.match(text):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a host name or address (give the name without scheme or port, or '*')"
        )
    return text


def count(text: str) -> int:
    """A bound on how many things are kept: a whole number, at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is too small (at least 1)")
    return value


def connections(text: str) -> int:
    """The cap on open connections: a whole number, 0 for the open-file limit less a reserve."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{value} is negative (0: the open-file limit less a reserve)")
    return value


def seconds(text: str) -> float:
    """A timeout in seconds: a finite number, 0 to switch it off."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds (0 or more; 0 switches it off)")
    return value


def origin(text: str) -> str:
    """A browser origin (``scheme://host[:port]``), ``*`` allowed as the whole host, a host label or the port."""
    if not _ORIGIN.match(text):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an origin like http://localhost:3000 ('*' may stand for the host or the port)"
        )
    return text


def token(text: str) -> str:
    """A secret given on the command line: at least one character, no spaces."""
    if not text or any(c.isspace() for c in text):
        raise argparse.ArgumentTypeError("must be at least one character, without spaces")
    return text


def subject(text: str) -> str:
    """A user id of the embedded identity provider."""
    if not text.strip():
        raise argparse.ArgumentTypeError("must not be empty")
    return text


SQLITE = "sqlite:"


def store(text: str) -> str:
    """``memory`` (this process's memory, the default), ``sqlite:FILE`` (the state file, as ``--state FILE``) or
    the URL of a Valkey/Redis server (``redis://HOST:PORT/DB``, ``rediss://`` for TLS, ``unix:///path``), checked by
    the backend's own URL check."""
    if text == "memory":
        return text
    if text.startswith(SQLITE):
        if not text.removeprefix(SQLITE):
            raise argparse.ArgumentTypeError(f"{text!r}: name the state file (sqlite:state.db)")
        return text
    try:
        from authkit_mock.core.redis.connection import StoreUrlError, check_store_url
    except ImportError:
        raise argparse.ArgumentTypeError(
            f"{text!r}: the Valkey/Redis backend needs the redis extra (pip install 'authkit-mockserver[redis]')"
        ) from None
    try:
        return check_store_url(text)
    except StoreUrlError as error:
        # The backend's message starts with "--store"; argparse names the option already.
        raise argparse.ArgumentTypeError(str(error).removeprefix("--store ")) from None


def key_prefix(text: str) -> str:
    """What every key of the shared store starts with: at least one character, no spaces or wildcards."""
    if not text or any(c.isspace() or c in "*?[]" for c in text):
        raise argparse.ArgumentTypeError(f"{text!r} is not a key prefix (no spaces or *?[], e.g. authkit:staging:)")
    return text


MAX_WORKERS = 256


def workers(text: str) -> int:
    """How many worker processes serve the port: 1 (the default) to :data:`MAX_WORKERS`."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= value <= MAX_WORKERS:
        raise argparse.ArgumentTypeError(f"{value} is not a number of workers (1 to {MAX_WORKERS})")
    return value


def rate(text: str) -> RateLimit:
    """A rate limit, ``REQUESTS/SECONDS`` (e.g. ``600/60``): whole requests (at least 1) per window of seconds."""
    requests, slash, window = text.partition("/")
    try:
        value = RateLimit(int(requests), float(window))
    except ValueError:
        value = None
    if (
        not slash
        or value is None
        or value.requests < 1
        or not (math.isfinite(value.per_seconds) and value.per_seconds > 0)
    ):
        raise argparse.ArgumentTypeError(f"{text!r} is not REQUESTS/SECONDS (e.g. 600/60, at least 1 request)")
    return value


def serve_conflicts(args: argparse.Namespace) -> str | None:
    """Why a combination of ``serve`` options cannot run (each option being valid alone), or None."""
    if args.store != "memory" and args.state is not None:
        return "--store and --state are two places to keep the state: give one"
    if args.workers > 1 and (args.store == "memory" or args.store.startswith(SQLITE)):
        return (
            f"--workers {args.workers} needs a shared store (--store redis://HOST:PORT/DB): the memory store and a "
            "--state file belong to one process, and each worker would keep its own users, tokens and sessions"
        )
    return None


def existing_file(text: str) -> Path:
    """A file that must exist and be readable now (a seed file)."""
    path = Path(text)
    if not path.is_file():
        raise argparse.ArgumentTypeError(f"{text}: no such file")
    return path


def add_deployment_flags(serve: argparse.ArgumentParser) -> None:
    """Where the state lives and how many processes serve (docs: operations/deployment.md), and svix's rate limit
    (a load test of an app may need it raised)."""
    group = serve.add_argument_group("deployment (docs: operations/deployment.md)")
    group.add_argument(
        "--store",
        type=store,
        default="memory",
        metavar="URL",
        help="where the state lives: 'memory' (this process, the default), 'sqlite:FILE' (a state file, as "
        "--state FILE) or a Valkey/Redis server, redis://HOST:PORT/DB, shared by every worker and replica given the "
        "same URL and prefix",
    )
    group.add_argument(
        "--store-prefix",
        type=key_prefix,
        default=Settings.store_prefix,
        metavar="PREFIX",
        help="what every key in the shared store starts with; one prefix is one deployment (default: %(default)s)",
    )
    group.add_argument(
        "--workers",
        type=workers,
        default=1,
        metavar="N",
        help="worker processes serving the port (default: %(default)s); more than one needs --store redis://...",
    )
    default_rate = RateLimit()
    group.add_argument(
        "--svix-rate-limit",
        type=rate,
        default=default_rate,
        metavar="REQUESTS/SECONDS",
        help=f"svix requests per token in a window (default: {default_rate.requests}/{default_rate.per_seconds:g}, "
        "upstream's); raise it for load tests",
    )


def add_limit_flags(serve: argparse.ArgumentParser) -> None:
    """The flags of :class:`Limits` a user may want to tune (the defaults are documented in core/settings.py),
    each checked like the other options."""
    defaults = Limits()
    limits = serve.add_argument_group("limits (docs: operations/reliability.md, the bounds table)")
    limits.add_argument(
        "--max-connections",
        type=connections,
        metavar="N",
        default=defaults.max_connections,
        help="open connections at most (default: the open-file limit less a reserve)",
    )
    for flag, name, what in (
        ("--header-timeout", "header_timeout", "seconds a client has to send a request's headers (0: no limit)"),
        ("--body-timeout", "body_timeout", "seconds a client has to send a request's body, then 408 (0: no limit)"),
        ("--keepalive-timeout", "keepalive_timeout", "seconds an idle keep-alive connection stays open"),
    ):
        limits.add_argument(
            flag,
            type=seconds,
            dest=name,
            metavar="SECONDS",
            default=getattr(defaults, name),
            help=f"{what} (default: %(default)s)",
        )
    for flag, name, what in (
        ("--journal-entries", "journal_entries", "requests the journal keeps"),
        ("--journal-bytes", "journal_bytes", "bytes the journal's entries may hold"),
        ("--max-tokens", "tokens", "issued tokens kept (oldest forgotten first)"),
        ("--max-sessions", "sessions", "sessions kept (oldest forgotten first)"),
        ("--max-grant-chars", "grant_chars", "characters of svix grants all issued tokens carry together"),
        ("--max-applications", "applications", "svix applications created by requests (oldest forgotten first)"),
        ("--max-pending-logins", "pending_logins", "bixarena OIDC logins waiting for their callback"),
        ("--max-challenges", "scram_challenges", "polario SCRAM challenges waiting for their answer"),
        ("--max-codes", "authorization_codes", "the embedded provider's outstanding authorization codes"),
        ("--max-idempotency-records", "idempotency_records", "svix idempotency records"),
        ("--max-provider-users", "provider_users", "people typed in on the provider's login page"),
    ):
        limits.add_argument(
            flag,
            type=count,
            dest=name,
            metavar="N",
            default=getattr(defaults, name),
            help=f"{what} (default: %(default)s)",
        )


def limits_from(args: argparse.Namespace) -> Limits:
    """The :class:`Limits` of the ``serve`` arguments."""
    names = (
        "max_connections",
        "header_timeout",
        "body_timeout",
        "keepalive_timeout",
        "journal_entries",
        "journal_bytes",
        "tokens",
        "sessions",
        "grant_chars",
        "applications",
        "pending_logins",
        "scram_challenges",
        "authorization_codes",
        "idempotency_records",
        "provider_users",
    )
    return replace(Limits(), **{name: getattr(args, name) for name in names})
