"""BixArena's side of the OpenID Connect login (the relying party).

Pending logins (``state``, ``nonce`` and the PKCE verifier, bound to a browser by the ``oidc_state`` cookie), the
authorization URL, the code exchange and the ID-token checks of OpenID Connect Core 1.0 section 3.1.3.7. The
provider is reached over real HTTP (discovery, token endpoint, JWKS), exactly as a real provider would be, so the
embedded fake Synapse could be swapped for any OpenID provider.
"""

from __future__ import annotations

import hmac
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import aiohttp
import jwt

from authkit_mock.core.bounded import text_bytes
from authkit_mock.core.entropy import Entropy
from authkit_mock.core.ephemeral import EphemeralMap, JsonCodec, MapFactory
from authkit_mock.core.pkce import S256, new_verifier, s256_challenge

LOGIN_TTL = 600
"""Seconds a pending login waits for its callback (also the ``oidc_state`` cookie's Max-Age)."""
# Generous: under heavy load (1,000 connections) the server answering itself queues for seconds (see
# tests/reliability); a timeout here would turn a slow login into a failed one.
HTTP_TIMEOUT = aiohttp.ClientTimeout(total=60)
ASYMMETRIC = ("ES256", "ES384", "ES512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "EdDSA")
"""ID-token algorithms this client accepts (never ``none``, never an HMAC keyed with a public value)."""


class LoginError(Exception):
    """The login cannot be completed; ``detail`` says which check failed (it goes into the problem document)."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class UnknownKeyError(LoginError):
    """The ID token names a key the cached JWKS does not have (the provider may have rotated its keys)."""


@dataclass(frozen=True)
class PendingLogin:
    """A login between ``/auth/oidc/start`` and its callback, named by the ``oidc_state`` cookie (``handle``)."""

    handle: str
    state: str
    nonce: str
    code_verifier: str
    redirect_uri: str
    provider_url: str
    expires_at: float


class PendingLogins:
    """The pending logins of every browser, each usable once (across every process that shares ``maps``).

    Anyone can start a login (no credentials), so they are bounded: at most ``max_logins``, expired ones dropped
    from the front on every start, the oldest pushed out past the bound (O(1) per start, never a full scan).
    """

    def __init__(self, maps: MapFactory, max_logins: int = 10_000) -> None:
        # Each login holds four random values, the redirect URI and the provider URL (both from configuration or
        # a checked Host): a few hundred bytes, so the byte bound is a generous multiple of the count.
        self._logins: EphemeralMap[PendingLogin] = maps.bounded(
            "bixarena.logins",
            max_logins,
            max_logins * 2048,
            lambda handle, login: text_bytes(
                handle, login.state, login.nonce, login.code_verifier, login.redirect_uri, login.provider_url
            ),
            # Kept a while past its expiry, so a late callback hears that its login expired rather than that there
            # is none (its cookie lived as long).
            lambda login: login.expires_at + LOGIN_TTL,
            JsonCodec(PendingLogin),
        )

    @property
    def entries(self) -> EphemeralMap[PendingLogin]:
        """The map holding the logins (for the admin's and the tests' view of its size)."""
        return self._logins

    async def start(self, entropy: Entropy, now: float, redirect_uri: str, provider_url: str) -> PendingLogin:
        """A fresh pending login: random handle, ``state`` and ``nonce``, and a PKCE verifier (RFC 7636 4.1)."""
        login = PendingLogin(
            handle=entropy.token_urlsafe(24),
            state=entropy.token_urlsafe(24),
            nonce=entropy.token_urlsafe(24),
            code_verifier=new_verifier(entropy),
            redirect_uri=redirect_uri,
            provider_url=provider_url,
            expires_at=now + LOGIN_TTL,
        )
        await self._logins.put(login.handle, login, now)
        return login

    async def take(self, handle: str | None, now: float) -> PendingLogin | None:
        """The pending login named by ``handle`` (expired ones too, for a while: the caller checks ``expires_at``),
        forgotten from now on whatever the callback's outcome; of concurrent callbacks, one gets it."""
        return await self._logins.take(handle, now) if handle else None


@dataclass(frozen=True)
class ProviderMetadata:
    """What the client needs from a provider's discovery document (OpenID Connect Discovery 1.0 section 3)."""

    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    algorithms: tuple[str, ...]

    @classmethod
    def from_document(cls, document: Any) -> ProviderMetadata:
        """Read a discovery document; :class:`LoginError` when it lacks what the login needs."""
        if not isinstance(document, dict):
            raise LoginError("The identity provider's discovery document is not a JSON object.")
        names = ("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri")
        missing = [name for name in names if not isinstance(document.get(name), str)]
        if missing:
            raise LoginError(f"The identity provider's discovery document lacks {', '.join(missing)}.")
        methods = document.get("code_challenge_methods_supported")
        if isinstance(methods, list) and S256 not in methods:
            raise LoginError("The identity provider does not support PKCE S256.")
        announced = document.get("id_token_signing_alg_values_supported")
        algorithms = tuple(alg for alg in announced if alg in ASYMMETRIC) if isinstance(announced, list) else ("RS256",)
        return cls(
            issuer=document["issuer"],
            authorization_endpoint=document["authorization_endpoint"],
            token_endpoint=document["token_endpoint"],
            jwks_uri=document["jwks_uri"],
            algorithms=algorithms,
        )


def authorization_url(metadata: ProviderMetadata, client_id: str, login: PendingLogin) -> str:
    """The authorize URL for ``login`` (RFC 6749 4.1.1, RFC 7636 4.3, OIDC Core 3.1.2.1)."""
    parameters = {
        "response_type": "code",
        "scope": "openid",
        "client_id": client_id,
        "redirect_uri": login.redirect_uri,
        "state": login.state,
        "nonce": login.nonce,
        "code_challenge": s256_challenge(login.code_verifier),
        "code_challenge_method": S256,
    }
    separator = "&" if "?" in metadata.authorization_endpoint else "?"
    return f"{metadata.authorization_endpoint}{separator}{urlencode(parameters)}"


def state_matches(login: PendingLogin, state: str) -> bool:
    """Whether the callback's ``state`` is the pending login's (RFC 6749 section 10.12), in constant time."""
    return hmac.compare_digest(login.state.encode(), state.encode())


def verify_id_token(
    id_token: str, keys: jwt.PyJWKSet, *, metadata: ProviderMetadata, client_id: str, nonce: str, now: float
) -> dict[str, Any]:
    """The claims of a valid ID token (OIDC Core 1.0 section 3.1.3.7); :class:`LoginError` otherwise.

    Checks the algorithm (one the provider announces, never ``none``), the signature with the provider's key
    named by ``kid``, ``iss`` (the provider's issuer), ``aud`` (this client; ``azp`` when there are several),
    ``exp`` against ``now`` (the server clock), and ``nonce`` (the pending login's).
    """
    try:
        header = jwt.get_unverified_header(id_token)
    except jwt.PyJWTError as error:
        raise LoginError(f"The ID token is malformed: {error}") from None
    algorithm = header.get("alg")
    if algorithm not in metadata.algorithms:
        raise LoginError(f"The ID token algorithm {algorithm!r} is not one the identity provider announces.")
    key = _key_for(keys, header.get("kid"))
    try:
        claims: dict[str, Any] = jwt.decode(
            id_token,
            key.key,
            algorithms=[str(algorithm)],
            audience=client_id,
            issuer=metadata.issuer,
            # Time is checked below against the server clock, which QA can move forward.
            options={
                "verify_exp": False,
                "verify_nbf": False,
                "verify_iat": False,
                "require": ["iss", "sub", "aud", "exp", "iat"],
            },
        )
    except jwt.InvalidSignatureError:
        raise LoginError("The ID token signature is not valid.") from None
    except jwt.InvalidAudienceError:
        raise LoginError("The ID token audience is not this client.") from None
    except jwt.InvalidIssuerError:
        raise LoginError("The ID token issuer is not the identity provider.") from None
    except jwt.PyJWTError as error:
        raise LoginError(f"The ID token is not valid: {error}") from None
    audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
    if len(audiences) > 1 and claims.get("azp") != client_id:
        raise LoginError("The ID token has several audiences and its azp is not this client.")
    expires = claims["exp"]
    if not isinstance(expires, int | float) or now >= expires:
        raise LoginError("The ID token has expired.")
    not_before = claims.get("nbf")
    # OIDC Core does not require nbf, but RFC 7519 section 4.1.5 forbids accepting a token before it.
    if not_before is not None and (not isinstance(not_before, int | float) or now < not_before):
        raise LoginError("The ID token is not valid yet.")
    if not isinstance(claims["sub"], str) or not claims["sub"]:
        raise LoginError("The ID token has no subject.")
    token_nonce = claims.get("nonce")
    if not isinstance(token_nonce, str) or not hmac.compare_digest(token_nonce.encode(), nonce.encode()):
        raise LoginError("The ID token nonce does not match the pending login.")
    return claims


def _key_for(keys: jwt.PyJWKSet, kid: object) -> jwt.PyJWK:
    if kid is None and len(keys.keys) == 1:
        return keys.keys[0]
    for key in keys.keys:
        if key.key_id == kid:
            return key
    raise UnknownKeyError("The ID token is signed with a key the identity provider does not publish.")


class OidcClient:
    """The back channel to OpenID providers: discovery, the token endpoint and the JWKS, with caches."""

    def __init__(self, client_id: str) -> None:
        self.client_id = client_id
        self._session: aiohttp.ClientSession | None = None
        self._metadata: dict[str, ProviderMetadata] = {}
        self._keys: dict[str, jwt.PyJWKSet] = {}

    @asynccontextmanager
    async def running(self) -> AsyncIterator[None]:
        """Keep the HTTP client open while the server runs (for an app's ``cleanup_ctx``)."""
        try:
            yield
        finally:
            if self._session is not None:
                await self._session.close()
                self._session = None

    def clear(self) -> None:
        """Forget cached discovery documents and keys."""
        self._metadata.clear()
        self._keys.clear()

    async def metadata(self, provider_url: str) -> ProviderMetadata:
        """The provider's metadata, from its discovery document (fetched once, then cached)."""
        if provider_url not in self._metadata:
            document = await self._get_json(f"{provider_url}/.well-known/openid-configuration", "discovery document")
            self._metadata[provider_url] = ProviderMetadata.from_document(document)
        return self._metadata[provider_url]

    async def exchange_code(self, metadata: ProviderMetadata, code: str, login: PendingLogin) -> str:
        """The ID token the provider gives for ``code`` (RFC 6749 4.1.3 with the RFC 7636 4.5 verifier)."""
        form = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": login.redirect_uri,
            "client_id": self.client_id,
            "code_verifier": login.code_verifier,
        }
        try:
            async with self._client().post(
                metadata.token_endpoint, data=form, headers={"Accept": "application/json"}
            ) as answer:
                body = await _json_or_none(answer)
                status = answer.status
        except (aiohttp.ClientError, TimeoutError) as error:
            raise LoginError(f"The identity provider could not be reached: {error or type(error).__name__}") from None
        if status != 200:
            error_code = body.get("error") if isinstance(body, dict) else None
            reason = error_code if isinstance(error_code, str) else f"HTTP {status}"
            raise LoginError(f"The authorization code was rejected by the identity provider: {reason}")
        id_token = body.get("id_token") if isinstance(body, dict) else None
        if not isinstance(id_token, str):
            raise LoginError("The identity provider's token response has no ID token.")
        return id_token

    async def verified_claims(
        self, metadata: ProviderMetadata, id_token: str, nonce: str, now: float
    ) -> dict[str, Any]:
        """The ID token's claims after every check; an unknown ``kid`` refetches the JWKS once (OIDC Core 10.1.1)."""
        keys = await self._jwks(metadata, refresh=False)
        try:
            return verify_id_token(id_token, keys, metadata=metadata, client_id=self.client_id, nonce=nonce, now=now)
        except UnknownKeyError:
            keys = await self._jwks(metadata, refresh=True)
            return verify_id_token(id_token, keys, metadata=metadata, client_id=self.client_id, nonce=nonce, now=now)

    async def _jwks(self, metadata: ProviderMetadata, refresh: bool) -> jwt.PyJWKSet:
        if refresh or metadata.jwks_uri not in self._keys:
            document = await self._get_json(metadata.jwks_uri, "JWKS")
            try:
                self._keys[metadata.jwks_uri] = jwt.PyJWKSet.from_dict(document)
            except (jwt.PyJWTError, TypeError, KeyError) as error:
                raise LoginError(f"The identity provider's JWKS is not usable: {error}") from None
        return self._keys[metadata.jwks_uri]

    async def _get_json(self, url: str, what: str) -> Any:
        try:
            async with self._client().get(url, headers={"Accept": "application/json"}) as answer:
                body = await _json_or_none(answer)
                status = answer.status
        except (aiohttp.ClientError, TimeoutError) as error:
            raise LoginError(f"The identity provider could not be reached: {error or type(error).__name__}") from None
        if status != 200 or body is None:
            raise LoginError(f"The identity provider's {what} could not be read (HTTP {status}).")
        return body

    def _client(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            # No cookie jar (each call stands alone) and no proxy from the environment: the provider is local.
            self._session = aiohttp.ClientSession(timeout=HTTP_TIMEOUT, cookie_jar=aiohttp.DummyCookieJar())
        return self._session


async def _json_or_none(answer: aiohttp.ClientResponse) -> Any:
    try:
        return await answer.json(content_type=None)
    except (ValueError, aiohttp.ClientError):
        return None
