"""The authorization request of the embedded provider: parsing and checking it, and answering it by redirect.

RFC 6749 section 4.1.1 (the request), 4.1.2 (the redirect with a code) and 4.1.2.1 (errors), with the PKCE
parameters of RFC 7636 section 4.3 and the OpenID Connect ``scope=openid`` and ``nonce`` (OIDC Core 3.1.2.1).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

from aiohttp import web
from multidict import MultiMapping

from authkit_mock.core.pkce import S256, is_valid_s256_challenge

AUTHORIZE_PARAMETERS = (
    "response_type",
    "client_id",
    "redirect_uri",
    "scope",
    "state",
    "nonce",
    "code_challenge",
    "code_challenge_method",
)
"""What an authorization request carries; the login form posts exactly these back (as hidden fields)."""
PARAMETER_MAX = 1024
"""The longest ``state``, ``nonce`` and ``scope`` accepted (RFC 6749 and OIDC Core set none; real clients send
a few dozen characters): a code keeps them until it is exchanged."""


@dataclass(frozen=True)
class RegisteredClient:
    """A client the provider knows: its id, the name shown on the login page, its redirect paths.

    Redirect paths are relative to each base URL the server is configured to be known by
    (``core.public_urls.known_base_urls``: the loopback names, the bind address and the public URL, with the listen
    port), never to the Host of the request: a foreign Host must not register its own redirect URI.
    """

    client_id: str
    name: str
    redirect_paths: tuple[str, ...]


@dataclass(frozen=True)
class AuthorizationRequest:
    """A checked authorization request (``response_type=code``, PKCE S256)."""

    client_id: str
    redirect_uri: str
    scope: str
    code_challenge: str
    state: str | None = None
    nonce: str | None = None

    def parameters(self) -> dict[str, str]:
        """The request as query/form parameters (the login form's hidden fields)."""
        values = {
            "response_type": "code",
            "client_id": self.client_id,
            "redirect_uri": self.redirect_uri,
            "scope": self.scope,
            "state": self.state,
            "nonce": self.nonce,
            "code_challenge": self.code_challenge,
            "code_challenge_method": S256,
        }
        return {name: value for name, value in values.items() if value is not None}

    def scopes(self) -> frozenset[str]:
        """The requested scope values."""
        return frozenset(self.scope.split())


class UnrecoverableRequestError(Exception):
    """A request that must not be redirected back (unknown client, unregistered redirect URI, RFC 6749 4.1.2.1):
    the provider tells the person on its own page instead."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class AuthorizationError(Exception):
    """An error sent back to the client's redirect URI (RFC 6749 section 4.1.2.1)."""

    def __init__(self, redirect_uri: str, state: str | None, error: str, description: str) -> None:
        super().__init__(description)
        self.redirect_uri = redirect_uri
        self.state = state
        self.error = error
        self.description = description

    def response(self) -> web.Response:
        """The redirect carrying ``error``, ``error_description`` and the request's ``state``."""
        parameters = {"error": self.error, "error_description": self.description}
        if self.state is not None:
            parameters["state"] = self.state
        return redirect_to(self.redirect_uri, parameters, status=302)


def redirect_to(redirect_uri: str, parameters: Mapping[str, str], status: int) -> web.Response:
    """A redirect to ``redirect_uri`` with ``parameters`` added to its query (RFC 6749 section 4.1.2)."""
    separator = "&" if "?" in redirect_uri else "?"
    location = f"{redirect_uri}{separator}{urlencode(parameters)}"
    # The code and state are in the URL: keep them out of caches and of the next page's Referer.
    headers = {"Location": location, "Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}
    return web.Response(status=status, headers=headers)


def redirect_uri_registered(redirect_uri: str, client: RegisteredClient, known_base: Callable[[str], bool]) -> bool:
    """Whether ``redirect_uri`` is one of ``client``'s redirect paths under a base URL ``known_base`` accepts
    (exact match: no query, no fragment, RFC 6749 section 3.1.2.2 and OAuth 2.0 Security BCP section 4.1)."""
    for path in client.redirect_paths:
        if redirect_uri.endswith(path) and known_base(redirect_uri[: len(redirect_uri) - len(path)]):
            return True
    return False


def parse_authorization_request(
    parameters: MultiMapping[str],
    known_base: Callable[[str], bool],
    clients: Mapping[str, RegisteredClient],
    example_base: str,
) -> AuthorizationRequest:
    """Check an authorization request (from the query, or posted back by the login form).

    ``clients`` are the registered clients by id; their redirect paths are relative to any base URL
    ``known_base`` accepts (``example_base`` is the one named in the error message). The client and its redirect
    URI are checked first: until they are known good, nothing may be redirected (:class:`UnrecoverableRequestError`);
    every later problem goes back to the client as :class:`AuthorizationError`.
    """
    values: dict[str, str] = {}
    duplicated: list[str] = []
    for name in AUTHORIZE_PARAMETERS:
        found = parameters.getall(name, [])
        if len(found) > 1:
            # RFC 6749 section 3.1: request parameters MUST NOT be included more than once.
            duplicated.append(name)
        if found and found[0] != "":
            values[name] = found[0]
    client_id = values.get("client_id")
    if client_id is None or client_id not in clients or "client_id" in duplicated:
        raise UnrecoverableRequestError(
            f"Unknown client {client_id!r}: this provider knows {', '.join(sorted(clients))}."
        )
    redirect_uri = values.get("redirect_uri")
    client = clients[client_id]
    registered = [f"{example_base}{path}" for path in client.redirect_paths]
    if (
        redirect_uri is None
        or not redirect_uri_registered(redirect_uri, client, known_base)
        or "redirect_uri" in duplicated
    ):
        raise UnrecoverableRequestError(
            f"The redirect URI {redirect_uri!r} is not registered for client {client_id!r} "
            f"(registered: {', '.join(registered)})."
        )
    state = values.get("state")
    overlong = [name for name in ("state", "nonce", "scope") if len(values.get(name, "")) > PARAMETER_MAX]
    if overlong:
        description = f"{', '.join(overlong)}: at most {PARAMETER_MAX} characters."
        raise AuthorizationError(redirect_uri, None, "invalid_request", description)

    def fail(error: str, description: str) -> AuthorizationError:
        return AuthorizationError(redirect_uri, state, error, description)

    if duplicated:
        raise fail("invalid_request", f"Parameters repeated: {', '.join(duplicated)}.")
    if values.get("response_type") != "code":
        raise fail("unsupported_response_type", "Only response_type=code (the authorization-code flow) is supported.")
    scope = values.get("scope", "")
    if "openid" not in scope.split():
        raise fail("invalid_scope", "The scope must include openid.")
    challenge = values.get("code_challenge")
    if challenge is None:
        # RFC 7636 section 4.4.1: a server that requires PKCE answers invalid_request.
        raise fail("invalid_request", "code_challenge is required (PKCE).")
    if values.get("code_challenge_method") != S256:
        raise fail("invalid_request", "code_challenge_method must be S256 (transform algorithm not supported).")
    if not is_valid_s256_challenge(challenge):
        raise fail("invalid_request", "code_challenge is not a base64url SHA-256 value (43 characters).")
    return AuthorizationRequest(
        client_id=client_id,
        redirect_uri=redirect_uri,
        scope=scope,
        code_challenge=challenge,
        state=state,
        nonce=values.get("nonce"),
    )
