"""``authkit-mock``: run the reference server (``serve``), Prism (``prism``), and check seed files (``seed``)."""

from __future__ import annotations

import argparse
import gc
import json
import logging
import signal
import sys
import time
from dataclasses import replace
from pathlib import Path

from authkit_mock import cli_options as check
from authkit_mock.core.keys import KeyFileError
from authkit_mock.core.seed import DEFAULT_SEED, Seed, SeedFileError, load_seed, seed_json_schema
from authkit_mock.core.serving import run
from authkit_mock.core.settings import SLUGS, Settings
from authkit_mock.core.startup import bind, shown_url, unreachable_store
from authkit_mock.core.workers import run_workers

DEFAULT_CORS = ("http://localhost:*", "http://127.0.0.1:*")

DESCRIPTION = """\
authkit-mock: a stateful reference server for the authlance, polario, svix, bixarena and pacerpro APIs.

examples:
  authkit-mock serve                        every API under /<slug> on http://127.0.0.1:4010
  authkit-mock serve --api svix --port 0    svix alone at the root, on a free port (printed)
  authkit-mock serve --seed my-seed.yaml    your own demo users (see: authkit-mock seed example)
  authkit-mock seed check my-seed.yaml      find the mistakes in a seed file
  authkit-mock prism                        Prism's spec-example mock of every API (needs npx)
  authkit-mock serve --help                 every option of the server
"""

SERVE_DESCRIPTION = """\
Run the reference server: every API under /<slug> (or one API at the root with --api), the embedded identity
provider under /synapse, the admin API under /__admin, its page at /__admin/ui and the contracts at /docs.
It prints where it listens (the real port with --port 0) and the demo credentials of its seed.

examples:
  authkit-mock serve
  authkit-mock serve --port 0 --seed examples/seed.yaml
  authkit-mock serve --host 0.0.0.0 --public-url https://mock.example.test --admin-token s3cret
  authkit-mock serve --api bixarena --idp-auto-login 3350396     (OIDC login without the login page)
"""

SEED_DESCRIPTION = """\
Seed files replace the built-in demo data (users, sessions, org keys, applications) of `serve --seed`.
Their format is a JSON Schema (`authkit-mock seed schema`); editors that read
`# yaml-language-server: $schema=...` lines complete and check them as you type.

examples:
  authkit-mock seed example > my-seed.yaml
  authkit-mock seed check my-seed.yaml
  authkit-mock seed schema > seed.schema.json
"""


def package_version() -> str:
    """The installed distribution's version (the one place it is set is mockserver/pyproject.toml)."""
    # Imported here: importlib.metadata and the scan of the installed distributions cost ``serve`` about 10 ms of
    # its start, for a string only ``--version`` and ``seed example`` print.
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("authkit-mockserver")
    except PackageNotFoundError:  # pragma: no cover - only when run from a bare source tree
        return "unknown"


class VersionAction(argparse.Action):
    """``--version``: argparse's ``version`` action, with the version looked up only when it is asked for."""

    def __init__(self, option_strings: list[str], dest: str = argparse.SUPPRESS, **kwargs: object) -> None:
        super().__init__(
            option_strings, dest=dest, default=argparse.SUPPRESS, nargs=0, help="show program's version number and exit"
        )

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        print(f"authkit-mock {package_version()}")  # to stdout, as argparse's own action prints it
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    """The command line of ``authkit-mock``."""
    parser = check.Parser(prog="authkit-mock", description=DESCRIPTION, formatter_class=check.HelpFormatter)
    parser.add_argument("--version", action=VersionAction)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    add_serve_options(
        commands.add_parser(
            "serve",
            help="run the reference server (all five APIs, or one with --api)",
            description=SERVE_DESCRIPTION,
            formatter_class=check.HelpFormatter,
        )
    )
    add_prism_options(
        commands.add_parser(
            "prism",
            help="run Prism's spec-example mock for one or every API (ports printed)",
            description="Run Prism (the npm spec-example mock) for one or every contract; needs npx on PATH.",
            formatter_class=check.HelpFormatter,
        )
    )
    add_seed_commands(
        commands.add_parser(
            "seed",
            help="check a seed file, print an example or the JSON Schema",
            description=SEED_DESCRIPTION,
            formatter_class=check.HelpFormatter,
        )
    )
    return parser


def add_serve_options(serve: argparse.ArgumentParser) -> None:
    """The options of ``serve``: each one checked by a function of :mod:`authkit_mock.cli_options`."""
    serve.add_argument("--host", type=check.host, default="127.0.0.1", help="address to bind (default: %(default)s)")
    serve.add_argument(
        "--port", type=check.port, default=4010, help="port to bind, 0 for any free one (default: %(default)s)"
    )
    serve.add_argument("--api", choices=SLUGS, help="serve only this API, at the root (as Prism would)")
    serve.add_argument(
        "--seed",
        type=check.existing_file,
        metavar="FILE",
        help="seed file (YAML or JSON) replacing the built-in demo data; the server resets to it when it changes",
    )
    serve.add_argument("--key-file", type=Path, metavar="FILE", help="JSON file of signing keys, created if missing")
    serve.add_argument(
        "--state",
        type=Path,
        metavar="FILE",
        help="keep users, sessions, tokens and keys in this SQLite file across restarts (default: in memory)",
    )
    serve.add_argument(
        "--idp-auto-login",
        type=check.subject,
        metavar="SUBJECT",
        help="embedded identity provider: log this Synapse user in without the login page (automated tests)",
    )
    serve.add_argument(
        "--public-url",
        type=check.public_url,
        metavar="URL",
        help="base URL clients use to reach this server (default: from host/port)",
    )
    serve.add_argument(
        "--cors-origin",
        type=check.origin,
        action="append",
        dest="cors_origins",
        metavar="ORIGIN",
        help="allowed browser origin, '*' as a wildcard in the port or host (repeatable; "
        "default: http://localhost:* and http://127.0.0.1:*)",
    )
    serve.add_argument(
        "--bixarena-frontend-url",
        type=check.http_url,
        default=Settings.bixarena_frontend_url,
        metavar="URL",
        help="where bixarena's OIDC callback redirects a browser after login (default: %(default)s, upstream's)",
    )
    serve.add_argument(
        "--admin-token",
        type=check.token,
        metavar="TOKEN",
        help="require this token in X-Admin-Token for admin requests that may not come from you "
        "(other machines, or through a proxy); without it such requests are refused",
    )
    serve.add_argument(
        "--allowed-host",
        type=check.allowed_host,
        action="append",
        dest="allowed_hosts",
        metavar="NAME",
        help="also answer requests naming this host (repeatable; '*': any). Always answered: localhost, "
        "127.0.0.1, ::1, the --host address and the --public-url host",
    )
    serve.add_argument(
        "--provider-url",
        type=check.public_url,
        metavar="URL",
        help="the OpenID provider bixarena's login calls (default: the embedded one, on this server)",
    )
    check.add_deployment_flags(serve)
    check.add_limit_flags(serve)
    serve.add_argument("--access-log", action="store_true", help="log every request")
    serve.add_argument(
        "--log-level", default="info", choices=["debug", "info", "warning", "error"], help="(default: %(default)s)"
    )


def add_prism_options(prism: argparse.ArgumentParser) -> None:
    """The options of ``prism``."""
    prism.add_argument("--api", choices=SLUGS, help="only this API (default: all five)")
    prism.add_argument("--host", type=check.host, default="127.0.0.1", help="address to bind (default: %(default)s)")
    prism.add_argument(
        "--port", type=check.port, default=4020, help="port of the first API; the others follow (default: %(default)s)"
    )


def add_seed_commands(seed: argparse.ArgumentParser) -> None:
    """``seed check FILE...``, ``seed example`` and ``seed schema``."""
    actions = seed.add_subparsers(dest="seed_command", required=True, metavar="ACTION")
    checker = actions.add_parser(
        "check", help="validate seed files: one line per mistake (file:line:column: field: what is wrong)"
    )
    checker.add_argument("files", nargs="+", type=Path, metavar="FILE")
    actions.add_parser("example", help="print the built-in demo seed as YAML (a starting point for your own)")
    actions.add_parser("schema", help="print the JSON Schema of seed files")


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


def store_file(store: str) -> Path | None:
    """The state file a ``--store sqlite:FILE`` names (a path as given to ``--state``)."""
    return Path(store.removeprefix(check.SQLITE)) if store.startswith(check.SQLITE) else None


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
        state_file=args.state or store_file(args.store),
        store_url=None if args.store == "memory" or store_file(args.store) else args.store,
        store_prefix=args.store_prefix,
        bixarena_frontend_url=args.bixarena_frontend_url,
        idp_auto_login=args.idp_auto_login,
        access_log=args.access_log,
        cors_origins=tuple(args.cors_origins) if args.cors_origins else DEFAULT_CORS,
        admin_token=args.admin_token,
        allowed_hosts=tuple(args.allowed_hosts or ()),
        provider_url=args.provider_url,
        limits=check.limits_from(args),
        rate_limit=args.svix_rate_limit,
    )


def banner(settings: Settings, seed: Seed) -> list[str]:
    """One line per API with its base URL and demo credentials, as printed at start."""
    lines = [f"authkit-mock: serving on {settings.base_url()} (admin API: {settings.base_url()}/__admin)"]
    if settings.public_url:
        # The public URL is where clients reach the server (a proxy, a load balancer); this is the socket itself.
        lines.append(f"authkit-mock: listening on {settings.listen_url()}")
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

    Nothing is collected before the freeze: while the program loaded only young objects were collected
    (:mod:`authkit_mock.launch`), so the rest of what the start made is in the middle generation, and collecting it
    here would walk nearly every object (30 to 40 ms) to free next to nothing.
    """
    gc.freeze()
    gc.set_threshold(50_000, 50, 100)


def run_seed(args: argparse.Namespace) -> int:
    """``seed check``: 0 when every file is valid, 1 (and one line per mistake) otherwise; ``example``, ``schema``."""
    if args.seed_command == "example":
        import yaml  # only here: `serve` starts faster without it (about 1 MiB and 20 ms)

        print(f"# An authkit-mock seed file (authkit-mock {package_version()}): authkit-mock serve --seed FILE")
        print(yaml.safe_dump(DEFAULT_SEED.model_dump(mode="json", exclude_none=True), sort_keys=False), end="")
        return 0
    if args.seed_command == "schema":
        print(json.dumps(seed_json_schema(), indent=2))
        return 0
    status = 0
    for path in args.files:
        try:
            load_seed(path)
        except SeedFileError as error:
            print("\n".join(error.problems), file=sys.stderr)
            status = 1
        else:
            print(f"{path}: a valid seed file")
    return status


def main(argv: list[str] | None = None) -> int:
    """Run ``authkit-mock``; returns the process exit status (2: a mistake on the command line or in its files)."""
    args = build_parser().parse_args(argv)
    if args.command == "serve" and (conflict := check.serve_conflicts(args)):
        check.usage_error("authkit-mock serve", conflict)
    if args.command == "prism":
        return run_prism(args)
    if args.command == "seed":
        return run_seed(args)
    return serve(args)


def serve(args: argparse.Namespace) -> int:
    """Bind, check the store, build the app, print where it listens (the real port) and its demo credentials, and
    serve: in this process, or in ``--workers`` forked processes sharing the listening socket."""
    from authkit_mock.app import create_app
    from authkit_mock.core.runtime import RUNTIME

    logging.basicConfig(level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settings = settings_from(args)
    startup_errors: tuple[type[Exception], ...] = (KeyFileError,)
    if settings.state_file is not None:
        # SQLite and the persistence layer load only in runs with --state.
        from authkit_mock.core.persistence import StateFileError

        startup_errors = (*startup_errors, StateFileError)
    try:
        listener = bind(settings.host, settings.port)
    except OSError as error:
        reason = error.strerror or str(error)
        print(f"authkit-mock serve: cannot listen on {settings.host}:{settings.port}: {reason}", file=sys.stderr)
        return 2
    with listener:
        settings = replace(settings, port=listener.getsockname()[1])
        if problem := unreachable_store(settings):
            print(f"authkit-mock serve: {problem}", file=sys.stderr)
            return 1
        try:
            app = create_app(settings)
        except SeedFileError as error:
            print("\n".join(f"authkit-mock serve: --seed: {problem}" for problem in error.problems), file=sys.stderr)
            return 2
        except startup_errors as error:
            print(f"authkit-mock serve: {error}", file=sys.stderr)
            return 2
        lines = banner(settings, app[RUNTIME].seed)
        if settings.store_url is not None:  # (several workers need it)
            workers = f"{args.workers} worker process{'es' if args.workers > 1 else ''}"
            lines.append(f"  {workers}; state in {shown_url(settings.store_url)} (keys {settings.store_prefix}*)")
        print("\n".join(lines), flush=True)
        # Before forking: the frozen start-up objects stay shared (copy-on-write) between the workers.
        tune_garbage_collector()
        access_log = logging.getLogger("aiohttp.access") if settings.access_log else None

        def serve_here(number: int = 0) -> int:
            # Each worker makes its own connections to the store, and says so when it cannot.
            if number and (problem := unreachable_store(settings)):
                print(f"authkit-mock serve: worker {number}: {problem}", file=sys.stderr, flush=True)
                return 1
            # core.serving, not web.run_app: slow clients are cut off and open connections capped (the hardening).
            run(app, settings.limits, sock=listener, access_log=access_log)
            return 0

        if args.workers == 1:
            return serve_here()
        return run_workers(args.workers, serve_here, lambda line: print(f"authkit-mock serve: {line}", file=sys.stderr))
