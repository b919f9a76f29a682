"""The embedded provider's short-lived state and its token endpoint: codes, access tokens, ID tokens, userinfo.

Implements the authorization-code grant (RFC 6749 section 4.1.3 and 5), PKCE verification (RFC 7636 section
4.6) and the OpenID Connect ID token (OIDC Core 1.0 section 2 and 3.1.3.3). ID tokens are ES256 JWTs of the
``synapse`` token authority, whose keys the provider publishes as its JWKS.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from multidict import MultiMapping

from authkit_mock.core.bounded import text_bytes
from authkit_mock.core.ephemeral import EphemeralMap, JsonCodec
from authkit_mock.core.pkce import is_valid_verifier, verifier_matches
from authkit_mock.core.runtime import Runtime
from authkit_mock.core.store import User
from authkit_mock.idp.authorization import AuthorizationRequest, RegisteredClient

IDP_API = "bixarena"
"""The provider's users are stored as users of the bixarena API (their id is the Synapse user id)."""

CODE_TTL = 60
"""Seconds an authorization code lives (RFC 6749 section 4.1.2 recommends 10 minutes at most)."""
ACCESS_TOKEN_TTL = 3600
ID_TOKEN_TTL = 300


class OAuthError(Exception):
    """A token or userinfo endpoint error, rendered as RFC 6749 section 5.2 JSON (``error``, ``error_description``)."""

    def __init__(
        self, error: str, description: str, status: int = 400, headers: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(description)
        self.error = error
        self.description = description
        self.status = status
        self.headers = dict(headers or {})


@dataclass(frozen=True)
class AuthorizationCode:
    """An issued code and everything it is bound to (client, redirect URI, PKCE challenge, nonce, user).

    Its use is marked by the map (``claim``), in the same atomic step that tells the first use from a replay.
    """

    client_id: str
    redirect_uri: str
    code_challenge: str
    subject: str
    scope: str
    nonce: str | None
    auth_time: int
    expires_at: float


@dataclass(frozen=True)
class AccessToken:
    """An opaque access token for the userinfo endpoint, and the code it was issued for."""

    subject: str
    scope: str
    expires_at: float
    code: str


@dataclass(frozen=True)
class Revocation:
    """A code used twice: the access tokens issued for it are refused until they would have expired anyway."""

    expires_at: float


class Provider:
    """The provider's protocol state (kept on its app; cleared on every admin reset)."""

    def __init__(self, runtime: Runtime, clients: Mapping[str, RegisteredClient]) -> None:
        self.runtime = runtime
        self.clients = dict(clients)
        """The registered clients, by client id."""
        limits = runtime.settings.limits
        # Anyone can get a code (the login page asks for no password), so codes and the access tokens they buy
        # are bounded (count and bytes, oldest out first; ``core/bounded.py``). A code holds the request's nonce,
        # state and scope, each at most ``PARAMETER_MAX`` characters.
        maps = runtime.maps
        self._codes: EphemeralMap[AuthorizationCode] = maps.bounded(
            "idp.codes",
            limits.authorization_codes,
            limits.authorization_codes * 4096,
            lambda code, record: (
                text_bytes(code, record.redirect_uri, record.code_challenge, record.subject)
                + text_bytes(record.scope, record.nonce)
            ),
            # Kept a while past expiry: a late exchange hears that its code expired, and a replay still revokes.
            lambda record: record.expires_at + CODE_TTL,
            JsonCodec(AuthorizationCode),
        )
        self._access_tokens: EphemeralMap[AccessToken] = maps.bounded(
            "idp.access_tokens",
            limits.authorization_codes,
            limits.authorization_codes * 1024,
            lambda token, record: text_bytes(token, record.subject, record.scope, record.code),
            lambda record: record.expires_at,
            JsonCodec(AccessToken),
        )
        self._revoked: EphemeralMap[Revocation] = maps.bounded(
            "idp.revoked_codes",
            limits.authorization_codes,
            limits.authorization_codes * 256,
            lambda code, _: text_bytes(code),
            lambda revocation: revocation.expires_at,
            JsonCodec(Revocation),
        )
        self.typed_in_users = 0
        """Users registered on the login page since the last reset (bounded by ``Limits.provider_users``)."""

    @property
    def codes(self) -> EphemeralMap[AuthorizationCode]:
        """The map holding the outstanding authorization codes."""
        return self._codes

    def clear(self) -> None:
        """Forget the count of typed-in users (codes and access tokens go with ``Runtime.maps`` on a reset)."""
        self.typed_in_users = 0

    async def users(self) -> list[User]:
        """The people who can log in, ordered by Synapse user id."""
        return sorted(await self.runtime.store.users_of(IDP_API), key=lambda user: (len(user.id), user.id))

    async def user(self, subject: str) -> User | None:
        """One person, by Synapse user id."""
        return await self.runtime.store.user(IDP_API, subject)

    def room_for_users(self) -> bool:
        """Whether the login page may register one more person (``Limits.provider_users`` since the last reset)."""
        return self.typed_in_users < self.runtime.settings.limits.provider_users

    def add_user(self, subject: str, name: str, email: str) -> User:
        """Register a person typed in on the login page."""
        self.typed_in_users += 1
        return self.runtime.store.add_user(User(api=IDP_API, id=subject, subject=subject, name=name, email=email))

    async def issue_code(self, request: AuthorizationRequest, subject: str) -> str:
        """A fresh single-use code for ``subject``, bound to ``request`` (RFC 6749 section 4.1.2)."""
        now = self.runtime.clock_now
        code = self.runtime.settings.entropy.token_urlsafe(24)
        record = AuthorizationCode(
            client_id=request.client_id,
            redirect_uri=request.redirect_uri,
            code_challenge=request.code_challenge,
            subject=subject,
            scope=request.scope,
            nonce=request.nonce,
            auth_time=int(now),
            expires_at=now + CODE_TTL,
        )
        await self._codes.put(code, record, now)
        return code

    async def exchange(self, form: MultiMapping[str]) -> dict[str, Any]:
        """The token response for an ``authorization_code`` grant (RFC 6749 section 4.1.3 and 4.1.4).

        The code must belong to the requesting client, be used with the same redirect URI and with the PKCE
        verifier of its challenge. A code is consumed by the first exchange its client attempts, successful or
        not; a second attempt also revokes the access tokens the code produced (RFC 6749 section 4.1.2).
        """
        values = self._token_request(form)
        verifier = values["code_verifier"]
        now = self.runtime.clock_now
        code = values["code"]
        # Another client's attempt does not use the code up; the client never changes, so it is checked first.
        bound = await self._codes.get(code, now)
        if bound is None or bound.client_id != values["client_id"]:
            raise OAuthError("invalid_grant", "Unknown authorization code.")
        # One atomic step marks the code used and tells whether this is its first use (across every process).
        record, first = await self._codes.claim(code, now)
        if record is None:
            raise OAuthError("invalid_grant", "Unknown authorization code.")
        if not first:
            await self._revoked.put(code, Revocation(now + ACCESS_TOKEN_TTL), now)
            raise OAuthError("invalid_grant", "The authorization code was already used.")
        if now >= record.expires_at:
            raise OAuthError("invalid_grant", "The authorization code has expired.")
        if values["redirect_uri"] != record.redirect_uri:
            raise OAuthError("invalid_grant", "redirect_uri does not match the authorization request.")
        if not verifier_matches(verifier, record.code_challenge):
            raise OAuthError("invalid_grant", "code_verifier does not match the code_challenge.")
        return await self._tokens_for(code, record, now)

    def _token_request(self, form: MultiMapping[str]) -> dict[str, str]:
        """The parameters of a well-formed token request from a known client (RFC 6749 4.1.3, RFC 7636 4.5)."""
        values = _single_values(form, ("grant_type", "client_id", "code", "redirect_uri", "code_verifier"))
        grant_type = values.get("grant_type")
        if grant_type is None:
            raise OAuthError("invalid_request", "grant_type is required.")
        if grant_type != "authorization_code":
            raise OAuthError("unsupported_grant_type", "Only the authorization_code grant is supported.")
        client_id = values.get("client_id")
        if client_id is None or client_id not in self.clients:
            # A public client identifies itself with client_id only (token_endpoint_auth_method "none").
            raise OAuthError("invalid_client", f"Unknown client {client_id!r}.", status=401)
        for name in ("code", "redirect_uri", "code_verifier"):
            if name not in values:
                raise OAuthError("invalid_request", f"{name} is required.")
        if not is_valid_verifier(values["code_verifier"]):
            raise OAuthError("invalid_request", "code_verifier must be 43 to 128 unreserved characters (RFC 7636).")
        return values

    async def userinfo(self, authorization: str | None) -> dict[str, Any]:
        """The claims of the user an access token was issued to (OIDC Core section 5.3, RFC 6750 section 2.1)."""
        scheme, _, token = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            # RFC 6750 section 3.1: a request without credentials gets a challenge without an error code.
            raise OAuthError(
                "invalid_token",
                "A bearer access token is required.",
                401,
                {"WWW-Authenticate": 'Bearer realm="synapse"'},
            )
        now = self.runtime.clock_now
        record = await self._access_tokens.get(token.strip(), now)
        revoked = record is not None and await self._revoked.get(record.code, now) is not None
        user = await self.user(record.subject) if record is not None else None
        if record is None or revoked or now >= record.expires_at or user is None:
            challenge = (
                'Bearer realm="synapse", error="invalid_token", error_description="unknown, expired or revoked token"'
            )
            raise OAuthError(
                "invalid_token",
                "The access token is unknown, expired or revoked.",
                401,
                {"WWW-Authenticate": challenge},
            )
        return {"sub": user.id, **_profile_claims(user, frozenset(record.scope.split()))}

    async def _tokens_for(self, code: str, record: AuthorizationCode, now: float) -> dict[str, Any]:
        access_token = self.runtime.settings.entropy.token_urlsafe(32)
        issued = AccessToken(record.subject, record.scope, now + ACCESS_TOKEN_TTL, code)
        await self._access_tokens.put(access_token, issued, now)
        claims: dict[str, Any] = {"aud": record.client_id, "auth_time": record.auth_time}
        if record.nonce is not None:
            # OIDC Core 3.1.2.1: the nonce of the authorization request goes unmodified into the ID token.
            claims["nonce"] = record.nonce
        user = await self.user(record.subject)
        if user is not None:
            claims.update(_profile_claims(user, frozenset(record.scope.split())))
        id_token, _ = self.runtime.authority("synapse").mint(record.subject, ID_TOKEN_TTL, **claims)
        return {
            "access_token": access_token,
            "token_type": "Bearer",
            "expires_in": ACCESS_TOKEN_TTL,
            "id_token": id_token,
            "scope": record.scope,
        }


def _profile_claims(user: User, scopes: frozenset[str]) -> dict[str, Any]:
    """The standard claims the ``profile`` and ``email`` scopes ask for (OIDC Core section 5.4)."""
    claims: dict[str, Any] = {}
    if "profile" in scopes and user.name:
        claims["name"] = user.name
    if "email" in scopes and user.email:
        claims["email"] = user.email
        claims["email_verified"] = True
    return claims


def _single_values(form: MultiMapping[str], names: tuple[str, ...]) -> dict[str, str]:
    """The non-empty parameters of a token request; a repeated one is an ``invalid_request`` (RFC 6749 3.2)."""
    values: dict[str, str] = {}
    for name in names:
        found = form.getall(name, [])
        if len(found) > 1:
            raise OAuthError("invalid_request", f"{name} is repeated.")
        if found and found[0] != "":
            values[name] = found[0]
    return values
