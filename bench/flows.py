"""The flows users run, each a virtual user's loop of dependent requests (always on the bundled generator).

- ``polario-session``: SCRAM login (2 requests), refresh, logout — the whole life of a polario session;
- ``bixarena-login``: the OIDC login through the embedded provider, as a browser makes it: start, the provider's
  page, the form post, the callback (which exchanges the code with the provider over HTTP, server-side);
- ``svix-portal-access``: app-portal-access with a fresh idempotency key, then the same request again with the
  same key (a client's retry), which the server answers from its idempotency record.

One "operation" is one whole flow; the rate is flows per second. Prism runs the polario and svix flows from its
examples (it checks each request against the spec but keeps no state); it has no identity provider, so the
bixarena login runs on the reference server only.
"""

from __future__ import annotations

import base64
import json
import secrets
from urllib.parse import parse_qsl, urlencode, urlsplit

from authkit_sdk.scram import auth_message, new_client_nonce, salted_password
from bench.http import Connection, Request, Response
from bench.scenarios import JSON, ORG_KEY, POLARIO_USER, SYNAPSE_USER, Operation, Step, client_proof

POLARIO_SESSION = Operation(
    "polario-session",
    "polario login → refresh → logout (4 requests)",
    "polario",
    "flow",
    (
        Request("POST", "/auth/auth", JSON),
        Request("POST", "/auth/login", JSON),
        Request("POST", "/auth/session", JSON),
        Request("GET", "/auth/logout"),
    ),
    (),
    targets=("authkit", "prism"),
)
BIXARENA_LOGIN = Operation(
    "bixarena-login",
    "bixarena OIDC login through the embedded provider (4 requests + the server's code exchange)",
    "bixarena",
    "flow",
    (Request("GET", "/auth/oidc/start"),),
    (),
    targets=("authkit",),
)
SVIX_PORTAL = Operation(
    "svix-portal-access",
    "svix app-portal-access with an idempotency key, and its retry (2 requests)",
    "svix",
    "flow",
    (
        Request(
            "POST",
            "/api/v1/auth/app-portal-access/app_demo/",
            {"Authorization": f"Bearer {ORG_KEY}", **JSON},
            json.dumps({"featureFlags": ["beta"]}).encode(),
        ),
    ),
    (),
    targets=("authkit", "prism"),
)
FLOWS = (POLARIO_SESSION, BIXARENA_LOGIN, SVIX_PORTAL)


def _ok(response: Response) -> bool:
    return 200 <= response.status < 300


def polario_step(prefix: str, host: str) -> Step:
    """Log in with SCRAM, refresh with the refresh token, log out with the newest JWT (``Session`` header)."""
    email, password = POLARIO_USER
    salted: dict[tuple[str, int], bytes] = {}
    first, final, refresh, logout = POLARIO_SESSION.requests

    def encode(request: Request, body: bytes = b"", extra: dict[str, str] | None = None) -> bytes:
        return Request(request.method, prefix + request.path, {**request.headers, **(extra or {})}, body).encode(host)

    async def step(connection: Connection) -> bool:
        client_nonce = new_client_nonce()
        answer = await connection.send(encode(first, json.dumps({"email": email, "nonce": client_nonce}).encode()))
        if not _ok(answer):
            return False
        challenge = json.loads(answer.body)
        salt, iterations, nonce = challenge["salt"], int(challenge["iterationCount"]), challenge["nonce"]
        if (salt, iterations) not in salted:
            salted[salt, iterations] = salted_password(password, base64.b64decode(salt), iterations)
        proof = client_proof(salted[salt, iterations], auth_message(email, client_nonce, nonce, salt, iterations))
        body = {"email": email, "nonce": nonce, "proof": base64.b64encode(proof).decode(), "os": "Linux"}
        login = await connection.send(encode(final, json.dumps(body).encode()))
        if not _ok(login):
            return False
        token = json.loads(login.body).get("refreshToken", "")
        refreshed = await connection.send(encode(refresh, json.dumps({"refreshToken": token}).encode()))
        if not _ok(refreshed):
            return False
        session = refreshed.headers.get("session") or login.headers.get("session") or "bench"
        return _ok(await connection.send(encode(logout, extra={"Session": session})))

    return step


def _cookie(response: Response, name: str) -> str:
    """The value ``response`` sets for cookie ``name`` (one ``Set-Cookie`` line is enough here)."""
    found = response.headers.get("set-cookie", "")
    return found.split(";", 1)[0].removeprefix(f"{name}=") if found.startswith(f"{name}=") else ""


def _path(location: str) -> str:
    parts = urlsplit(location)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def bixarena_step(prefix: str, host: str) -> Step:
    """Start, open the provider's page, pick the seeded user, follow the redirect to the callback."""
    (start,) = BIXARENA_LOGIN.requests

    async def step(connection: Connection) -> bool:
        started = await connection.send(Request("GET", prefix + start.path).encode(host))
        state_cookie = _cookie(started, "oidc_state")
        authorize = _path(started.headers.get("location", ""))
        if started.status != 302 or not state_cookie or not authorize:
            return False
        page = await connection.send(Request("GET", authorize).encode(host))
        if page.status != 200:
            return False
        form = urlencode({**dict(parse_qsl(urlsplit(authorize).query)), "login_as": SYNAPSE_USER}).encode()
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        chosen = await connection.send(Request("POST", authorize.split("?", 1)[0], headers, form).encode(host))
        if chosen.status not in (302, 303):
            return False
        callback = _path(chosen.headers.get("location", ""))
        done = await connection.send(Request("GET", callback, {"Cookie": f"oidc_state={state_cookie}"}).encode(host))
        return done.status == 200

    return step


def svix_step(prefix: str, host: str) -> Step:
    """One app-portal-access call with a fresh idempotency key, then its retry with the same key."""
    (request,) = SVIX_PORTAL.requests
    counter = [0]
    run = secrets.token_hex(4)  # keys never repeat across runs against the same server

    async def step(connection: Connection) -> bool:
        counter[0] += 1
        headers = {**request.headers, "Idempotency-Key": f"bench-{run}-{counter[0]}"}
        wire = Request(request.method, prefix + request.path, headers, request.body).encode(host)
        first = await connection.send(wire)
        again = await connection.send(wire)
        return _ok(first) and _ok(again) and first.body == again.body

    return step


def flow_step(operation: Operation, prefix: str, host: str) -> Step:
    """The virtual user of a flow."""
    builders = {"polario-session": polario_step, "bixarena-login": bixarena_step, "svix-portal-access": svix_step}
    return builders[operation.key](prefix, host)
