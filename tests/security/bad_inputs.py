"""The bad-input corpus: what a careless or hostile client may send, each item one named way of being wrong.

An input builds one request for any operation (its method, its path with valid path parameters, the API's
credentials), changed in its one way. ``PARSER_LEVEL`` inputs break HTTP itself: aiohttp's parser refuses them
before any handler or middleware runs, with its own plain-text 400, which the corpus accepts if it is clean.
"""

from __future__ import annotations

import functools
import gzip
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from tests.security.actors import SVIX_APP, SVIX_ORG_KEY
from tests.support.specs import Operation

MAX_BODY = 64 * 1024
"""``Settings.max_body_bytes`` of the corpus's server (the default)."""
PATH_VALUES = {"app_id": SVIX_APP, "stream_id": "strm_demo", "sink_id": "sink_demo", "fault_id": "1"}
"""A valid value for every path parameter of the specs, so that only the input's change is wrong."""
CREDENTIAL_HEADER = {
    "authlance": "Authorization",
    "polario": "Session",
    "svix": "Authorization",
    "bixarena": "Cookie",
    "pacerpro": "Authorization",
    "admin": "X-Admin-Token",
}
"""Where each API looks for a credential (the non-UTF-8 and overlong credential inputs go there)."""
JSON = {"Content-Type": "application/json"}


def prefix_of(spec_name: str) -> str:
    """Where an API is mounted on the all-API server."""
    return "/__admin" if spec_name == "admin" else f"/{spec_name}"


def path_of(operation: Operation, value: Callable[[str], str] = PATH_VALUES.__getitem__) -> str:
    """The operation's path on the server, its parameters filled by ``value``."""
    path = operation.path
    for name in PATH_VALUES:
        path = path.replace(f"{{{name}}}", value(name))
    return prefix_of(operation.spec_name) + path


@dataclass(frozen=True)
class Request:
    """What to send: method, path (with query) and headers on top of the API's credentials, and the body."""

    method: str
    path: str
    headers: dict[str, Any] = field(default_factory=dict)
    content: bytes | Callable[[], Iterator[bytes]] | None = None
    same_operation: bool = True
    """False when the change leaves the operation's path (its answer is then judged as an unknown path's)."""


@dataclass(frozen=True)
class BadInput:
    """One way of being wrong, applicable to every operation."""

    name: str
    build: Callable[[Operation], Request]
    parser_level: bool = False


def body(content: bytes, headers: dict[str, Any] | None = None) -> Callable[[Operation], Request]:
    """An input that sends ``content`` as the body of the operation (whatever its method)."""
    return lambda op: Request(op.method.upper(), path_of(op), {**JSON, **(headers or {})}, content)


def headers_only(headers: dict[str, Any]) -> Callable[[Operation], Request]:
    return lambda op: Request(op.method.upper(), path_of(op), headers)


def credential(value: bytes | str) -> Callable[[Operation], Request]:
    """The API's own credential header carrying ``value`` (instead of a working credential)."""

    def build(op: Operation) -> Request:
        header = CREDENTIAL_HEADER[op.spec_name]
        sent = value if header != "Cookie" else (b"JSESSIONID=" + value if isinstance(value, bytes) else value)
        return Request(op.method.upper(), path_of(op), {header: sent})

    return build


def overlong_path_parameter(op: Operation) -> Request:
    """Path parameters 5,000 characters long together (an operation without one gets an extra overlong segment).

    Shared among the parameters, so that the request line stays under aiohttp's limit (8,190 bytes): the input is
    the overlong parameter, not an overlong request line (that one is ``overlong_request_line``).
    """
    if "{" not in op.path:
        return Request(op.method.upper(), path_of(op).rstrip("/") + "/" + "a" * 5000, same_operation=False)
    length = 5000 // op.path.count("{")
    return Request(op.method.upper(), path_of(op, lambda name: ("1" if name == "fault_id" else "a") * length))


def chunked_over_the_limit() -> Iterator[bytes]:
    """A body without Content-Length, streamed in 1 KB chunks until it is past the limit."""
    for _ in range(MAX_BODY // 1024 + 2):
        yield b" " * 1024


@functools.cache
def gzip_bomb() -> bytes:
    """10 MB of spaces, gzipped to about 10 KB: small on the wire, far over the limit once decoded."""
    return gzip.compress(b" " * 10_000_000)


WRONG_TYPES = b'{"email": 1, "password": [], "session": {}, "nonce": null, "refreshToken": true, "proof": 5,'
WRONG_TYPES += b' "expiry": "soon", "featureFlags": "x", "api": 5, "seconds": "1", "status": "500"}'
MULTIPART = b'--x\r\nContent-Disposition: form-data; name="email"\r\n\r\na@b.c\r\n--x--\r\n'
BAD_QUERY = "?%zz=%FF&code=%FF&state=%00&api=%FF&limit=-1&status=abc&operation=&q=" + "x" * 4000

INPUTS = [
    BadInput("malformed_json", body(b'{"email" "demo@example.com", }')),
    BadInput("truncated_json", body(b'{"email": "demo@example.com", "passw')),
    BadInput("not_json", body(b"hello, server")),
    BadInput("empty_body", body(b"")),
    BadInput("json_null", body(b"null")),
    BadInput("json_array", body(b"[]")),
    BadInput("json_wrong_types", body(WRONG_TYPES)),
    BadInput("duplicate_keys", body(b'{"email": "a@b.c", "email": 1, "session": "a", "session": [1]}')),
    BadInput("text_plain", body(b'{"session": "demo-session-ada"}', {"Content-Type": "text/plain"})),
    BadInput(
        "form_urlencoded", body(b"email=a%40b.c&password=x", {"Content-Type": "application/x-www-form-urlencoded"})
    ),
    BadInput("multipart", body(MULTIPART, {"Content-Type": "multipart/form-data; boundary=x"})),
    BadInput("unknown_charset", body(b'{"session": "x"}', {"Content-Type": "application/json; charset=klingon"})),
    BadInput("invalid_utf8", body(b'{"email": "\xff\xfe@example.com", "session": "\xc3\x28", "nonce": "\x80"}')),
    BadInput("escaped_lone_surrogate", body(b'{"email": "\\ud800@example.com", "session": "\\udfff"}')),
    BadInput("nul_characters", body(b'{"email": "a\\u0000@b.c", "session": "\\u0000", "refreshToken": "\\u0000"}')),
    BadInput("deeply_nested_arrays", body(b"[" * 30_000 + b"]" * 30_000)),
    BadInput("deeply_nested_objects", body(b'{"a":' * 10_000 + b"1" + b"}" * 10_000)),
    BadInput("nested_100k_levels", body(b"[" * 100_000)),
    BadInput("huge_numbers", body(b'{"expiry": 1e999999, "seconds": ' + b"9" * 5000 + b', "status": -1e400}')),
    BadInput("huge_body", body(b'{"email": "' + b"a" * MAX_BODY + b'"}')),
    BadInput("huge_chunked_body", lambda op: Request(op.method.upper(), path_of(op), JSON, chunked_over_the_limit)),
    BadInput(
        "gzip_bomb",
        lambda op: Request(op.method.upper(), path_of(op), {**JSON, "Content-Encoding": "gzip"}, gzip_bomb()),
    ),
    BadInput("broken_gzip", body(b'{"session": "x"}', {"Content-Encoding": "gzip"})),
    BadInput("non_utf8_credential", credential(b"Bearer \xff\xfe.\xfd.\xfc")),
    BadInput("overlong_credential", credential("Bearer " + "a" * 8000)),
    BadInput("non_utf8_header", headers_only({"X-Request-Note": b"\xff\xfe\xfd", "Platform": b"\xc3\x28"})),
    BadInput("bad_query_string", lambda op: Request(op.method.upper(), path_of(op) + BAD_QUERY)),
    BadInput("overlong_path_parameter", overlong_path_parameter),
    BadInput("overlong_header", headers_only({"X-Filler": "a" * 10_000}), parser_level=True),
    BadInput("too_many_headers", headers_only({f"X-Filler-{n}": "a" for n in range(200)}), parser_level=True),
    BadInput(
        "overlong_request_line",
        lambda op: Request(op.method.upper(), path_of(op) + "?q=" + "a" * 10_000),
        parser_level=True,
    ),
]
"""Every input, by name (the second half of a corpus test id)."""


def svix_credentials(api: str) -> dict[str, str]:
    """svix authenticates before it reads anything, so its requests carry the org key (else all would be 401)."""
    return {"Authorization": f"Bearer {SVIX_ORG_KEY}"} if api == "svix" else {}
