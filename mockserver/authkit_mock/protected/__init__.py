"""The protected stand-in resource: "the rest of the service" of each API, at ``/__protected/<api>``.

None of the five contracts has a protected resource of its own (they are the auth APIs), yet an app logs in to
call one. This sub-app answers any request under ``/__protected/<api>`` (``openapi/protected.yaml``) after checking
the API's credential exactly as its protected endpoints would: the check each API registered in
``Runtime.credential_checks`` (signature, expiry by the server clock, revocation, JTI, session). It answers whose
the credential is, or 401. Frontend teams use it to see that their app sends the credential; the SDK's tests use it
to see that credentials refresh themselves. It imports no API package: the checks come through the runtime.
"""

from __future__ import annotations

from aiohttp import web

from authkit_mock.core.clock import isoformat
from authkit_mock.core.credentials import CredentialRejectedError
from authkit_mock.core.routing import runtime_of

__all__ = ["PREFIX", "create_protected_app"]

PREFIX = "/__protected"
"""Where :func:`create_protected_app` is mounted."""

# How each API's clients send their credential, for the 401 challenge (RFC 9110 section 11.6.1).
_CHALLENGES = {"polario": 'Session realm="polario"', "authlance": 'Bearer realm="authlance", Cookie loopToken'}


def _problem(status: int, error: str, detail: str, headers: dict[str, str] | None = None) -> web.Response:
    response = web.json_response({"error": error, "detail": detail}, status=status, headers=headers)
    response.headers["Cache-Control"] = "no-store"
    return response


async def protected_resource(request: web.Request) -> web.StreamResponse:
    """Any method on ``/{api}`` or ``/{api}/{path}``: 200 with whose the credential is, 401, or 404."""
    runtime = runtime_of(request)
    slug = request.match_info["api"]
    check = runtime.credential_checks.get(slug)
    if check is None:
        return _problem(404, "not_found", f"{slug!r} is not an API this server serves")
    # The body is read (and dropped) so that a client sees its whole request was received before the answer.
    received = len(await request.read())
    try:
        principal = await check(request)
    except CredentialRejectedError as rejected:
        challenge = _CHALLENGES.get(slug, f'Bearer realm="{slug}"')
        return _problem(401, "invalid_credential", str(rejected), {"WWW-Authenticate": challenge})
    answer = {
        "api": slug,
        "subject": principal.subject,
        "credential": principal.credential,
        "expires_at": isoformat(principal.expires_at) if principal.expires_at is not None else None,
        "session_id": principal.session_id,
        "method": request.method,
        "path": request.match_info.get("path", ""),
        "received_bytes": received,
    }
    response = web.json_response(answer)
    response.headers["Cache-Control"] = "no-store"
    return response


def create_protected_app() -> web.Application:
    """The sub-app to mount at :data:`PREFIX` (its requests are journaled, with no API or operation)."""
    app = web.Application()
    app.router.add_route("*", "/{api}", protected_resource)
    app.router.add_route("*", "/{api}/{path:.*}", protected_resource)
    return app
