"""The URLs this server is known by: which ``Host`` headers it answers, and the URLs it hands out.

The ``Host`` header is chosen by the client, and a DNS-rebinding page makes a browser send its own name in it
(docs/operations/security.md, the threat model). So the server knows its names from configuration: the
loopback names, the address it is bound to, the host of ``--public-url``, and ``--allowed-host`` names. A request
naming any other host is refused (421) by the root middleware before a handler runs; handlers may then build
browser-facing URLs (redirects, cookies) from the request, because its Host is one of those names. What the server
*acts on* (the relying party's calls to its provider, the provider's registered redirect URIs) never comes from the
request at all: see :meth:`Settings.oidc_provider_url` and :func:`known_base_urls`.
"""

from __future__ import annotations

import ipaddress
import socket

from aiohttp import web

from authkit_mock.core.routing import runtime_of
from authkit_mock.core.settings import WILDCARD_TO_LOOPBACK, Settings

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
"""Always accepted: only a process on this machine (or a browser on it) reaches the server by these names."""


class BadHostError(ValueError):
    """A ``Host`` header that is not a host name or address with an optional port (RFC 9110 section 7.2)."""


def host_name(header: str) -> str:
    """The host part of a ``Host`` header, lower-cased, without the port or IPv6 brackets; :class:`BadHostError`
    when it is not a well-formed ``uri-host [ ":" port ]`` (RFC 3986 section 3.2.2)."""
    value = header.strip().lower()
    if value.startswith("["):
        literal, bracket, rest = value[1:].partition("]")
        if not bracket or (rest and not _is_port(rest)):
            raise BadHostError(header)
        try:
            ipaddress.IPv6Address(literal)
        except ValueError:
            raise BadHostError(header) from None
        return literal
    name, colon, port = value.partition(":")
    if not name or (colon and not _is_port(colon + port)) or len(name) > 253:
        raise BadHostError(header)
    if not all(ch.isascii() and (ch.isalnum() or ch in "-._") for ch in name):
        raise BadHostError(header)
    return name.rstrip(".")


def _is_port(text: str) -> bool:
    digits = text[1:]
    return text.startswith(":") and (digits == "" or (digits.isascii() and digits.isdigit() and len(digits) <= 5))


def is_ip_address(name: str) -> bool:
    """Whether ``name`` is an IPv4 or IPv6 address (not a name: DNS rebinding always uses a name)."""
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def known_host_names(settings: Settings) -> frozenset[str]:
    """The host names this server answers to (without ``*``; see :func:`host_allowed`)."""
    names = set(LOOPBACK_NAMES)
    bind = settings.host.lower()
    if bind in WILDCARD_TO_LOOPBACK:
        # Bound to every interface: other machines name it by this machine's own name.
        names.add(socket.gethostname().lower())
    else:
        names.add(bind)
    if settings.public_url:
        names.add(host_name(settings.public_url.split("://", 1)[-1].split("/", 1)[0]))
    names.update(name.lower() for name in settings.allowed_hosts if name != "*")
    return frozenset(names)


def host_allowed(name: str, settings: Settings, known: frozenset[str]) -> bool:
    """Whether a request naming ``name`` in its Host is answered.

    Known names always; any IP address when the server is bound to every interface (a rebinding page cannot make
    a browser send an IP address as the Host of its own origin: the origin would then be that address); anything
    when ``*`` is configured.
    """
    if name in known or "*" in settings.allowed_hosts:
        return True
    return settings.host.lower() in WILDCARD_TO_LOOPBACK and is_ip_address(name)


def known_base_urls(settings: Settings) -> tuple[str, ...]:
    """Every base URL a browser may use for this server, from configuration only: the public URL, and ``http://``
    with each known name and the listen port. The provider registers its clients' redirect URIs under these."""
    urls = [settings.public_url.rstrip("/")] if settings.public_url else []
    for name in sorted(known_host_names(settings)):
        host = f"[{name}]" if ":" in name else name
        urls.append(f"http://{host}:{settings.port}")
    return tuple(urls)


def is_known_base_url(base: str, settings: Settings) -> bool:
    """Whether ``base`` (scheme, host and port, no path) is one of :func:`known_base_urls`, or, on a server bound to
    every interface, ``http://`` with an IP address and the listen port. ``--allowed-host *`` adds nothing here:
    a URL the server sends browsers to is never chosen by a request."""
    if base in known_base_urls(settings):
        return True
    if settings.host.lower() not in WILDCARD_TO_LOOPBACK or not base.startswith("http://"):
        return False
    host, colon, port = base[len("http://") :].rpartition(":")
    return bool(colon) and port == str(settings.port) and is_ip_address(host.strip("[]"))


def base_url_of(request: web.Request) -> str:
    """The server's root URL as the client sees it, without a trailing slash (the request's Host was checked
    against the known names by the root middleware); the public URL wins when one is configured."""
    settings = runtime_of(request).settings
    if settings.public_url:
        return settings.base_url()
    return str(request.url.origin())


def api_prefix(request: web.Request, slug: str) -> str:
    """Where ``slug`` is mounted: ``/<slug>``, or nothing in single-API mode."""
    return "" if runtime_of(request).settings.single_api == slug else f"/{slug}"


def is_https(request: web.Request) -> bool:
    """Whether the client reached the server over https (cookies then get ``Secure``)."""
    return base_url_of(request).startswith("https://")
