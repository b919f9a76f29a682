"""``authkit-mock``: run the reference server (``serve``) from the command line."""

from __future__ import annotations

import argparse
import gc
import logging
import signal
import sys
import time
from dataclasses import replace
from pathlib import Path

from authkit_mock.core.keys import KeyFileError
from authkit_mock.core.seed import Seed, SeedFileError
from authkit_mock.core.serving import run
from authkit_mock.core.settings import SLUGS, Limits, Settings

DEFAULT_CORS = ("http://localhost:*", "http://127.0.0.1:*")


def build_parser() -> argparse.ArgumentParser:
    """The command line of ``authkit-mock``."""
    parser = argparse.ArgumentParser(prog="authkit-mock", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="run the reference server (all five APIs, or one with --api)")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default: %(default)s)")
    serve.add_argument("--port", type=int, default=4010, help="port to bind (default: %(default)s)")
    serve.add_argument("--api", choices=SLUGS, help="serve only this API, at the root (as Prism would)")
    serve.add_argument(
        "--seed",
        type=Path,
        help="seed file (YAML or JSON) replacing the built-in demo data; the server resets to it when it changes",
    )
    serve.add_argument("--key-file", type=Path, help="JSON file of signing keys, created if missing")
    serve.add_argument(
        "--state",
        type=Path,
        metavar="FILE",
        help="keep users, sessions, tokens and keys in this SQLite file across restarts (default: in memory)",
    )
    serve.add_argument(
        "--idp-auto-login",
        metavar="SUBJECT",
        help="embedded identity provider: log this Synapse user in without the login page (automated tests)",
    )
    serve.add_argument("--public-url", help="base URL clients use to reach this server (default: from host/port)")
    serve.add_argument(
        "--cors-origin",
        action="append",
        dest="cors_origins",
        metavar="ORIGIN",
        help="allowed browser origin, '*' as a wildcard in the port or host (repeatable; "
        "default: http://localhost:* and http://127.0.0.1:*)",
    )
    serve.add_argument(
        "--bixarena-frontend-url",
        default=Settings.bixarena_frontend_url,
        metavar="URL",
        help="where bixarena's OIDC callback redirects a browser after login (default: %(default)s, upstream's)",
    )
    serve.add_argument(
        "--admin-token",
        help="require this token in X-Admin-Token for admin requests that may not come from you "
        "(other machines, or through a proxy); without it such requests are refused",
    )
    serve.add_argument(
        "--allowed-host",
        action="append",
        dest="allowed_hosts",
        metavar="NAME",
        help="also answer requests naming this host (repeatable; '*': any). Always answered: localhost, "
        "127.0.0.1, ::1, the --host address and the --public-url host",
    )
    serve.add_argument(
        "--provider-url",
        help="the OpenID provider bixarena's login calls (default: the embedded one, on this server)",
    )
    add_limit_flags(serve)
    serve.add_argument("--access-log", action="store_true", help="log every request")
    serve.add_argument(
        "--log-level", default="info", choices=["debug", "info", "warning", "error"], help="(default: %(default)s)"
    )
    prism = commands.add_parser("prism", help="run Prism's spec-example mock for one or every API (ports printed)")
    prism.add_argument("--api", choices=SLUGS, help="only this API (default: all five)")
    prism.add_argument("--host", default="127.0.0.1", help="address to bind (default: %(default)s)")
    prism.add_argument(
        "--port", type=int, default=4020, help="port of the first API; the others follow (default: %(default)s)"
    )
    return parser


def add_limit_flags(serve: argparse.ArgumentParser) -> None:
    """The flags of :class:`Limits` a user may want to tune (the defaults are documented in core/settings.py)."""
    defaults = Limits()
    limits = serve.add_argument_group("limits (README: Reliability and security)")
    limits.add_argument(
        "--max-connections",
        type=int,
        default=defaults.max_connections,
        help="open connections at most (default: the open-file limit less a reserve)",
    )
    for flag, name, what in (
        ("--header-timeout", "header_timeout", "seconds a client has to send a request's headers"),
        ("--body-timeout", "body_timeout", "seconds a client has to send a request's body (then 408)"),
        ("--keepalive-timeout", "keepalive_timeout", "seconds an idle keep-alive connection stays open"),
    ):
        limits.add_argument(
            flag, type=float, dest=name, default=getattr(defaults, name), help=f"{what} (default: %(default)s)"
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
            flag, type=int, dest=name, default=getattr(defaults, name), help=f"{what} (default: %(default)s)"
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
        "pending_logins",
        "scram_challenges",
        "authorization_codes",
        "idempotency_records",
        "provider_users",
    )
    return replace(Limits(), **{name: getattr(args, name) for name in names})


def run_prism(args: argparse.Namespace) -> int:
    """Start Prism for the chosen specs, print where each answers, and stop them all on Ctrl-C."""
    from authkit_mock.prism import PrismError, PrismProcess

    slugs = (args.api,) if args.api else SLUGS
    # SIGTERM stops the Prism children too (the finally below), as Ctrl-C does.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    processes = [PrismProcess(slug, args.port + index, host=args.host) for index, slug in enumerate(slugs)]
    try:
        for process in processes:
            process.start()
        for process in processes:
            process.wait()
            print(f"  {process.name:<10} {process.url}   (Prism mock of openapi/{process.name}.yaml)", flush=True)
        print("authkit-mock: Prism is running; Ctrl-C stops it", flush=True)
        while all(p.process is not None and p.process.poll() is None for p in processes):
            time.sleep(0.5)
        print("authkit-mock: a Prism process exited", file=sys.stderr)
        return 1
    except PrismError as error:
        print(f"authkit-mock: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        for process in processes:
            process.stop()


def settings_from(args: argparse.Namespace) -> Settings:
    """Settings for the ``serve`` arguments."""
    return Settings(
        host=args.host,
        port=args.port,
        apis=(args.api,) if args.api else SLUGS,
        single_api=args.api,
        public_url=args.public_url,
        seed_file=args.seed,
        key_file=args.key_file,
        state_file=args.state,
        bixarena_frontend_url=args.bixarena_frontend_url,
        idp_auto_login=args.idp_auto_login,
        access_log=args.access_log,
        cors_origins=tuple(args.cors_origins) if args.cors_origins else DEFAULT_CORS,
        admin_token=args.admin_token,
        allowed_hosts=tuple(args.allowed_hosts or ()),
        provider_url=args.provider_url,
        limits=limits_from(args),
    )


def banner(settings: Settings, seed: Seed) -> list[str]:
    """One line per API with its base URL and demo credentials, as printed at start."""
    lines = [f"authkit-mock: serving on {settings.base_url()} (admin API: {settings.base_url()}/__admin)"]
    credentials = {
        "authlance": ", ".join(f"session {s.id} ({s.user})" for s in seed.authlance.sessions),
        "polario": ", ".join(f"{u.email} / {u.password}" for u in seed.polario.users),
        "svix": ", ".join(
            [
                *(f"org key {key}" for key in seed.svix.org_keys),
                *(f"app {a.id}" for a in seed.svix.applications),
                *(
                    f"stream {s.id} sink {k.id}" + (f" poller token {k.poller_token}" if k.poller_token else "")
                    for s in seed.svix.streams
                    for k in s.sinks
                ),
            ]
        ),
        "bixarena": ", ".join(f"Synapse user {u.subject} ({u.name})" for u in seed.bixarena.users),
        "pacerpro": ", ".join(f"{u.email} / {u.password}" for u in seed.pacerpro.users),
    }
    for slug in settings.apis:
        lines.append(f"  {slug:<10} {settings.api_url(slug):<36} {credentials[slug] or '(no demo users)'}")
    return lines


def tune_garbage_collector() -> None:
    """Freeze what start-up allocated and collect young objects less often.

    Every request allocates many short-lived objects; with the default thresholds the collector runs often and
    walks the long-lived app (routes, models, keys) each time. Measured with scripts/bench: the same throughput,
    p99 at 50 connections from about 10 ms to about 6 ms.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 50, 100)


def main(argv: list[str] | None = None) -> int:
    """Run ``authkit-mock``; returns the process exit status."""
    from authkit_mock.app import create_app

    args = build_parser().parse_args(argv)
    if args.command == "prism":
        return run_prism(args)
    logging.basicConfig(level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settings = settings_from(args)
    startup_errors: tuple[type[Exception], ...] = (SeedFileError, KeyFileError)
    if settings.state_file is not None:
        # SQLite and the persistence layer load only in runs with --state.
        from authkit_mock.core.persistence import StateFileError

        startup_errors = (*startup_errors, StateFileError)
    try:
        app = create_app(settings)
    except startup_errors as error:
        print(f"authkit-mock: {error}", file=sys.stderr)
        return 2
    from authkit_mock.core.runtime import RUNTIME

    print("\n".join(banner(settings, app[RUNTIME].seed)), flush=True)
    tune_garbage_collector()
    try:
        run(
            app,
            settings.limits,
            host=settings.host,
            port=settings.port,
            access_log=logging.getLogger("aiohttp.access") if settings.access_log else None,
            # aiohttp's default of 128 makes a burst of new connections beyond it wait for SYN retransmits (1 s,
            # 3 s, 7 s): under 1,000 connections that pushed bixarena's back-channel call to /synapse past its timeout.
            backlog=2048,
        )
    except OSError as error:
        print(f"authkit-mock: cannot listen on {settings.host}:{settings.port}: {error}", file=sys.stderr)
        return 1
    return 0
