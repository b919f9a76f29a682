"""Keeping secrets out of messages, reprs and log records: the one place the SDK renders a request for people.

An auth API's requests are full of secrets: the OIDC ``code`` and ``state`` in a callback's query, tokens in
``Authorization``, ``Session`` and ``Cookie`` headers, passwords and SCRAM proofs in bodies, an app token in the
fragment of a portal URL. Every exception message and every log line of the SDK renders requests through
:func:`describe_request`, and every piece of server text it quotes through :func:`scrub`, so none of them
reaches an application's logs:

- a URL keeps its scheme, host, port, path and query *names*; query values, the fragment and the userinfo
  password become ``[redacted]``;
- the values of credential headers and the credential-like query values and fields of a JSON body (password,
  token, proof, code, state, nonce, session, key, ...) are the request's secrets: wherever a server echoes one
  in an error message, :func:`scrub` replaces it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from urllib.parse import quote

import httpx

__all__ = ["REDACTED", "SENSITIVE_HEADERS", "describe_request", "redact_url", "request_of", "scrub", "secrets_of"]

REDACTED = "[redacted]"
"""What a secret is replaced with."""

SENSITIVE_HEADERS = frozenset(
    {"authorization", "proxy-authorization", "cookie", "set-cookie", "session", "x-admin-token", "x-api-key"}
)
"""Request headers whose values are credentials (lower case): polario's ``Session``, the admin token, ..."""

_SENSITIVE_FIELD = re.compile(r"pass|secret|token|proof|code|state|nonce|session|key|signature|credential", re.I)
_SEPARATORS = re.compile(r"[\s,;=]+")
_SCHEMES = frozenset({"bearer", "basic", "token"})
# Shorter values would scrub ordinary words out of a message ("ok", "web") and protect nothing.
_MIN_SECRET_LENGTH = 4


def request_of(response: httpx.Response | None) -> httpx.Request | None:
    """The request of ``response``, or ``None`` (a response built by hand has none)."""
    if response is None:
        return None
    try:
        return response.request
    except RuntimeError:
        return None


def redact_url(url: httpx.URL | str) -> str:
    """``url`` with its query values, fragment and password replaced by ``[redacted]``; names stay readable."""
    url = httpx.URL(url)
    shown = str(url.copy_with(query=None, fragment=None, userinfo=b""))
    if url.userinfo:
        scheme, _, rest = shown.partition("://")
        user = f"{url.username}:{REDACTED}" if url.password else url.username
        shown = f"{scheme}://{user}@{rest}"
    names = [name for name, _ in url.params.multi_items()]
    if url.query:
        shown += "?" + "&".join(f"{name}={REDACTED}" for name in names)
    if url.fragment:
        shown += f"#{REDACTED}"
    return shown


def describe_request(request: httpx.Request | None) -> str:
    """``"POST https://host/path?code=[redacted]"``, or ``""`` without a request."""
    if request is None:
        return ""
    return f"{request.method} {redact_url(request.url)}"


def _body_secrets(value: object, sensitive: bool = False) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _body_secrets(item, sensitive or bool(_SENSITIVE_FIELD.search(str(key))))
    elif isinstance(value, list):
        for item in value:
            yield from _body_secrets(item, sensitive)
    elif sensitive and isinstance(value, str):
        yield value


def _request_body(request: httpx.Request) -> object:
    try:
        content = request.content
    except httpx.RequestNotRead:  # a streamed body: the SDK never sends one
        return None
    if not content:
        return None
    try:
        decoded: object = json.loads(content)
    except ValueError:
        return None
    return decoded


def secrets_of(request: httpx.Request | None) -> frozenset[str]:
    """The values in ``request`` that must never be quoted: credential-like query values and body fields, credential
    headers. (Every query value is hidden when a URL is shown; only these are also scrubbed from server text, so
    that an echoed ``api=svix`` does not garble a message.)"""
    if request is None:
        return frozenset()
    found: set[str] = {value for name, value in request.url.params.multi_items() if _SENSITIVE_FIELD.search(name)}
    if request.url.password:
        found.add(request.url.password)
    if request.url.fragment:
        found.add(request.url.fragment)
    for name, value in request.headers.multi_items():
        if name.lower() in SENSITIVE_HEADERS:
            # The whole value and its parts: "Bearer <token>", "a=<v1>; b=<v2>".
            found.add(value)
            found.update(part for part in _SEPARATORS.split(value) if part.lower() not in _SCHEMES)
    found.update(_body_secrets(_request_body(request)))
    return frozenset(value for value in found if len(value) >= _MIN_SECRET_LENGTH)


def _variants(secrets: Iterable[str]) -> list[str]:
    """Each secret as sent and percent-encoded (a server may echo either), longest first."""
    variants = {form for secret in secrets for form in (secret, quote(secret, safe=""))}
    return sorted(variants, key=len, reverse=True)


def scrub(text: str, secrets: Iterable[str]) -> str:
    """``text`` with every occurrence of each of ``secrets`` replaced by ``[redacted]``."""
    for secret in _variants(secrets):
        text = text.replace(secret, REDACTED)
    return text
