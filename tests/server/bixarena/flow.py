"""What the bixarena and fake-Synapse tests share: a contract-validating client and the login's steps.

The steps are taken one at a time (no redirect following), so a test can stop, tamper or replay at any point.
PKCE values for tests that act as their own OAuth client are computed here with hashlib, not with the server's
code, so the provider's check is compared against an independent implementation.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx

from tests.support.openapi import ContractValidator
from tests.support.server import RunningServer

GRACE = "3350396"
"""The seeded Synapse user that tests log in as (Grace Hopper)."""
CLIENT_ID = "bixarena"

_VALIDATORS: dict[str, ContractValidator] = {}


def validator(prefix: str = "/bixarena") -> ContractValidator:
    """The bixarena contract served under ``prefix`` (loaded once per prefix: loading takes half a second)."""
    if prefix not in _VALIDATORS:
        _VALIDATORS[prefix] = ContractValidator("bixarena", prefix)
    return _VALIDATORS[prefix]


@dataclass
class BixarenaClient:
    """An httpx client (with a cookie jar, like a browser) that validates every bixarena response.

    Responses of the provider (``/synapse``) are not part of the contract and are not validated. Requests are
    not validated either: negative tests send what the contract forbids on purpose. Every ``(method, path,
    status)`` of the API is recorded, for the test that every documented status occurs.
    """

    server: RunningServer
    prefix: str = "/bixarena"
    seen: set[tuple[str, str, int]] = field(default_factory=set)
    http: httpx.Client = field(init=False)

    def __post_init__(self) -> None:
        self.http = httpx.Client(base_url=self.server.url, event_hooks={"response": [self._check]})

    def _check(self, response: httpx.Response) -> None:
        path = response.request.url.path
        if path.startswith("/synapse/") or not path.startswith(self.prefix.rstrip("/") + "/"):
            return
        response.request.read()  # requests httpx builds for redirects have unread (empty) content
        validator(self.prefix).validate_response(response)
        relative = path.removeprefix(self.prefix.rstrip("/"))
        self.seen.add((response.request.method.lower(), relative, response.status_code))

    def url(self, path: str) -> str:
        """The absolute URL of an API path."""
        return f"{self.server.url}{self.prefix.rstrip('/')}{path}"

    def start(self) -> str:
        """``GET /auth/oidc/start``: the authorize URL it redirects to (the ``oidc_state`` cookie is now in the jar)."""
        response = self.http.get(self.url("/auth/oidc/start"))
        assert response.status_code == 302, response.text
        return response.headers["location"]

    def authorize(self, authorize_url: str) -> str:
        """The provider's answer to the authorize URL with automatic login: the callback URL (with code and state)."""
        response = self.http.get(authorize_url)
        assert response.status_code == 302, response.text
        return response.headers["location"]

    def callback(self, callback_url: str) -> httpx.Response:
        """``GET /auth/oidc/callback`` with whatever the provider put in the URL."""
        return self.http.get(callback_url)

    def log_in(self) -> httpx.Response:
        """The whole login, one step at a time; the callback's response."""
        response = self.callback(self.authorize(self.start()))
        assert response.status_code == 200, response.text
        return response

    def mint(self) -> httpx.Response:
        """``POST /token`` with the jar's session cookie."""
        return self.http.post(self.url("/token"))

    def close(self) -> None:
        """Close the HTTP client."""
        self.http.close()


def query_of(url: str) -> dict[str, str]:
    """The query parameters of a URL (each is expected once)."""
    return {name: values[0] for name, values in parse_qs(urlsplit(url).query, keep_blank_values=True).items()}


def with_query(url: str, **changes: str) -> str:
    """``url`` with some query parameters replaced or added."""
    parts = urlsplit(url)
    query = {**query_of(url), **changes}
    return parts._replace(query=urlencode(query)).geturl()


@dataclass(frozen=True)
class Pkce:
    """A PKCE pair computed independently of the server (RFC 7636 section 4.1 and 4.2)."""

    verifier: str
    challenge: str

    @classmethod
    def generate(cls) -> Pkce:
        """A fresh pair."""
        verifier = secrets.token_urlsafe(32)
        digest = hashlib.sha256(verifier.encode("ascii")).digest()
        return cls(verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii"))


def callback_uri(server: RunningServer) -> str:
    """The redirect URI registered for BixArena at the provider."""
    return f"{server.api_url('bixarena')}/auth/oidc/callback"


def authorize_params(server: RunningServer, pkce: Pkce, **changes: str) -> dict[str, str]:
    """A valid authorization request of our own (as BixArena would send it), with ``changes``."""
    params = {
        "response_type": "code",
        "scope": "openid",
        "client_id": CLIENT_ID,
        "redirect_uri": callback_uri(server),
        "state": "test-state",
        "nonce": "test-nonce",
        "code_challenge": pkce.challenge,
        "code_challenge_method": "S256",
    }
    params.update(changes)
    return params


def provider_code(http: httpx.Client, server: RunningServer, pkce: Pkce, **changes: str) -> str:
    """A code from the provider's authorize endpoint (automatic login) for our own authorization request."""
    response = http.get(f"{server.url}/synapse/authorize", params=authorize_params(server, pkce, **changes))
    assert response.status_code == 302, response.text
    return query_of(response.headers["location"])["code"]


def token_request(server: RunningServer, code: str, pkce: Pkce, **changes: str) -> dict[str, str]:
    """A valid token request for ``code``, with ``changes``."""
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": callback_uri(server),
        "client_id": CLIENT_ID,
        "code_verifier": pkce.verifier,
    }
    form.update(changes)
    return form
