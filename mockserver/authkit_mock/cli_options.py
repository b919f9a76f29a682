"""What ``authkit-mock`` accepts on its command line: one checker per kind of value, and one line per mistake.

Every checker raises :class:`argparse.ArgumentTypeError` with a sentence naming what was expected, and
:class:`Parser` prints it as a single line (no usage block, no traceback) and exits with status 2.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import NoReturn
from urllib.parse import urlsplit

_ORIGIN = re.compile(r"^https?://(\*|[A-Za-z0-9.*-]+|\[[0-9A-Fa-f:.]+\])(:(\*|[0-9]{1,5}))?$")


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line: ``authkit-mock serve: --port: ...`` and exit status 2."""

    def error(self, message: str) -> NoReturn:
        print(f"{self.prog}: {message} (see {self.prog} --help)", file=sys.stderr)
        raise SystemExit(2)


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


def public_url(text: str) -> str:
    """An absolute http(s) URL with a host and no query or fragment: the base every issued URL is built on."""
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise argparse.ArgumentTypeError(f"{text!r} is not an http:// or https:// URL with a host")
    if parts.query or parts.fragment:
        raise argparse.ArgumentTypeError(f"{text!r} has a query or fragment; give the base URL only")
    try:
        parts.port  # noqa: B018 (urlsplit checks the port only when it is read)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} has an invalid port") from None
    return text


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


def existing_file(text: str) -> Path:
    """A file that must exist and be readable now (a seed file)."""
    path = Path(text)
    if not path.is_file():
        raise argparse.ArgumentTypeError(f"{text}: no such file")
    return path
