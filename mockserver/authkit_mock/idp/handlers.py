"""The provider's HTTP endpoints: discovery, JWKS, authorize (login page), token and userinfo."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aiohttp import web
from aiohttp.typedefs import Handler
from aiohttp.web_protocol import RequestPayloadError
from multidict import MultiDict, MultiMapping

from authkit_mock.core.public_urls import base_url_of, is_known_base_url
from authkit_mock.core.routing import runtime_of
from authkit_mock.core.settings import IDP_PATH
from authkit_mock.formats import is_email, normalized_email
from authkit_mock.idp.authorization import (
    AuthorizationError,
    AuthorizationRequest,
    UnrecoverableRequestError,
    parse_authorization_request,
    redirect_to,
)
from authkit_mock.idp.pages import Pages
from authkit_mock.idp.provider import OAuthError, Provider

MOUNT_PATH = IDP_PATH
"""Where the provider is served, on the same origin as the APIs."""

PROVIDER = web.AppKey("idp_provider", Provider)
PAGES = web.AppKey("idp_pages", Pages)

NEW_USER_FIELDS = ("subject", "name", "email")
SUBJECT_MAX = 64
NAME_MAX = 100


def provider_url(request: web.Request) -> str:
    """The provider's base URL as the client reached the server."""
    return f"{base_url_of(request)}{MOUNT_PATH}"


async def discovery(request: web.Request) -> web.Response:
    """OpenID Connect Discovery 1.0 section 3: the provider's metadata."""
    base = provider_url(request)
    # The endpoints follow the host the caller used (localhost, 127.0.0.1, an ephemeral port); the issuer is the
    # token authority's, which is what ID tokens carry in ``iss``.
    document = {
        "issuer": runtime_of(request).authority("synapse").issuer,
        "authorization_endpoint": f"{base}/authorize",
        "token_endpoint": f"{base}/token",
        "userinfo_endpoint": f"{base}/userinfo",
        "jwks_uri": f"{base}/.well-known/jwks.json",
        "response_types_supported": ["code"],
        "response_modes_supported": ["query"],
        "grant_types_supported": ["authorization_code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["ES256"],
        "scopes_supported": ["openid", "profile", "email"],
        "claims_supported": [
            "sub",
            "iss",
            "aud",
            "exp",
            "iat",
            "auth_time",
            "nonce",
            "name",
            "email",
            "email_verified",
        ],
        "token_endpoint_auth_methods_supported": ["none"],
        "code_challenge_methods_supported": ["S256"],
    }
    return web.json_response(document)


async def jwks(request: web.Request) -> web.Response:
    """The keys that verify the provider's ID tokens (RFC 7517 section 5)."""
    return web.json_response(runtime_of(request).authority("synapse").jwks())


async def stylesheet(request: web.Request) -> web.Response:
    """The login page's stylesheet (the CSP allows styles from this origin only)."""
    return request.app[PAGES].stylesheet()


async def authorize(request: web.Request) -> web.Response:
    """GET /authorize: the login page, or (``idp_auto_login``) an immediate redirect with a code."""
    provider, pages = request.app[PROVIDER], request.app[PAGES]
    checked = _checked_request(request, request.query)
    if isinstance(checked, web.Response):
        return checked
    auto_login = runtime_of(request).settings.idp_auto_login
    if auto_login is None:
        return pages.login(checked, provider.clients[checked.client_id], await provider.users())
    if await provider.user(auto_login) is None:
        description = f"idp_auto_login names an unknown user: {auto_login}"
        return AuthorizationError(checked.redirect_uri, checked.state, "access_denied", description).response()
    return await _redirect_with_code(provider, checked, auto_login, status=302)


async def submit_login(request: web.Request) -> web.Response:
    """POST /authorize: the login form. Picks or registers the user and redirects back with a code (303)."""
    if not _same_origin(request):
        message = "The login form was posted from another site."
        return request.app[PAGES].error("Cross-site login refused", message, 403)
    form = await _posted_form(request)
    if form is None:
        return request.app[PAGES].error("This login request is not valid", UNREADABLE_FORM, 400)
    checked = _checked_request(request, form)
    if isinstance(checked, web.Response):
        return checked
    action = form.get("action")
    if action == "cancel":
        description = "The user cancelled the login."
        return AuthorizationError(checked.redirect_uri, checked.state, "access_denied", description).response()
    if action == "create":
        return await _log_in_new_user(request, checked, {name: form.get(name, "").strip() for name in NEW_USER_FIELDS})
    return await _log_in_known_user(request, checked, form.get("login_as", ""))


UNREADABLE_FORM = "The form could not be read (it must be UTF-8 text, URL-encoded)."


async def _posted_form(request: web.Request) -> MultiDict[str] | None:
    """The text fields of a posted form; None when the body cannot be read as a form.

    aiohttp decodes the form while parsing it: bytes that are not UTF-8, an unknown charset or a broken multipart
    body raise from ``request.post()`` and would otherwise become a 500.
    """
    try:
        posted = await request.post()
    except (ValueError, LookupError, RequestPayloadError):
        return None
    return MultiDict((name, value) for name, value in posted.items() if isinstance(value, str))


def _checked_request(request: web.Request, parameters: MultiMapping[str]) -> AuthorizationRequest | web.Response:
    """The checked authorization request, or what to answer instead (an error page, or an error redirect)."""
    provider = request.app[PROVIDER]
    try:
        settings = runtime_of(request).settings
        return parse_authorization_request(
            parameters, lambda base: is_known_base_url(base, settings), provider.clients, base_url_of(request)
        )
    except UnrecoverableRequestError as error:
        return request.app[PAGES].error("This login request is not valid", error.detail, 400)
    except AuthorizationError as error:
        return error.response()


async def _log_in_known_user(request: web.Request, auth_request: AuthorizationRequest, subject: str) -> web.Response:
    provider = request.app[PROVIDER]
    if await provider.user(subject) is None:
        problem = f"There is no user {subject!r}: pick one of the list or sign in as someone new."
        client = provider.clients[auth_request.client_id]
        return request.app[PAGES].login(auth_request, client, await provider.users(), error=problem, status=400)
    return await _redirect_with_code(provider, auth_request, subject, status=303)


async def _log_in_new_user(
    request: web.Request, auth_request: AuthorizationRequest, typed: dict[str, str]
) -> web.Response:
    provider = request.app[PROVIDER]
    problem = await _new_user_problem(provider, typed)
    if problem is not None:
        client = provider.clients[auth_request.client_id]
        users = await provider.users()
        return request.app[PAGES].login(auth_request, client, users, error=problem, typed=typed, status=400)
    provider.add_user(typed["subject"], typed["name"], normalized_email(typed["email"]))
    return await _redirect_with_code(provider, auth_request, typed["subject"], status=303)


async def token(request: web.Request) -> web.Response:
    """POST /token: the authorization-code grant (RFC 6749 section 4.1.3), answered per section 5.1."""
    if request.content_type != "application/x-www-form-urlencoded":
        raise OAuthError("invalid_request", "The token request must be application/x-www-form-urlencoded.")
    form = await _posted_form(request)
    if form is None:
        raise OAuthError("invalid_request", UNREADABLE_FORM)
    body = await request.app[PROVIDER].exchange(form)
    return web.json_response(body, headers={"Cache-Control": "no-store", "Pragma": "no-cache"})


async def userinfo(request: web.Request) -> web.Response:
    """GET or POST /userinfo: the claims of the access token's user (OIDC Core section 5.3)."""
    claims: dict[str, Any] = await request.app[PROVIDER].userinfo(request.headers.get("Authorization"))
    return web.json_response(claims, headers={"Cache-Control": "no-store"})


@web.middleware
async def oauth_error_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Render :class:`OAuthError` as RFC 6749 section 5.2 JSON, in one place."""
    try:
        response = await handler(request)
    except OAuthError as error:
        body = {"error": error.error, "error_description": error.description}
        headers = {"Cache-Control": "no-store", "Pragma": "no-cache", **error.headers}
        return web.json_response(body, status=error.status, headers=headers)
    return response


async def _redirect_with_code(
    provider: Provider, request: AuthorizationRequest, subject: str, status: int
) -> web.Response:
    """Back to the client with a code and the request's state (RFC 6749 section 4.1.2)."""
    parameters = {"code": await provider.issue_code(request, subject)}
    if request.state is not None:
        parameters["state"] = request.state
    return redirect_to(request.redirect_uri, parameters, status=status)


def _same_origin(request: web.Request) -> bool:
    """Whether a form post comes from this provider's own page (a cheap login-CSRF guard).

    Fetch Metadata (``Sec-Fetch-Site``) when the browser sends it, else the ``Origin`` header; a client that
    sends neither (not a browser) is let through.
    """
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        return site in {"same-origin", "none"}
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    return origin in {str(request.url.origin()), _origin_of(base_url_of(request))}


def _origin_of(url: str) -> str:
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}"


async def _new_user_problem(provider: Provider, typed: Mapping[str, str]) -> str | None:
    """What is wrong with a typed-in user, if anything."""
    subject, name, email = typed["subject"], typed["name"], typed["email"]
    if not subject or not name or not email:
        return "Fill in the Synapse user id, the name and the email."
    if len(subject) > SUBJECT_MAX or not all(ch.isascii() and (ch.isalnum() or ch in "._@-") for ch in subject):
        return f"A Synapse user id has 1 to {SUBJECT_MAX} letters, digits and . _ @ - characters."
    if len(name) > NAME_MAX:
        return f"The name has at most {NAME_MAX} characters."
    if not is_email(email):
        return "The email is not valid: it must be an address like name@example.org."
    if await provider.user(subject) is not None:
        return f"User {subject} already exists: pick them from the list."
    return _room_problem(provider)


def _room_problem(provider: Provider) -> str | None:
    if provider.room_for_users():
        return None
    limit = provider.runtime.settings.limits.provider_users
    return f"This provider holds {limit} people typed in here already: pick one of the list, or reset the server."
