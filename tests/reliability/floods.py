"""Floods of the server's stores, each request carrying the largest entry the server accepts into that store.

One :class:`Flood` per bounded store (docs/operations/reliability.md, the bounds table): ``send`` makes the
``i``-th request over real HTTP and returns its status. Used by ``test_store_bounds.py`` (in-process server:
entry counts and bytes, timing full against empty) and ``test_memory_bounds.py`` (a real ``authkit-mock serve``
process: RSS growth).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

import httpx

from authkit_mock.apis.svix.grants import ALL_CAPABILITIES, MAX_GRANTS_CHARS
from tests.server.polario.flow import proof_for

GRACE = "3350396"
SVIX_ORG_KEY, SVIX_APP = "testsk_demo_org_key", "app_demo"
POLARIO_EMAIL, POLARIO_PASSWORD = "demo@example.com", "pencil"
CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
"""A well-formed PKCE S256 challenge (RFC 7636 appendix B)."""

FAT_HEADERS = {f"X-Fat-{n:03}": "h" * 8000 for n in range(100)}
"""About 800 KB of headers: what aiohttp's parser lets through (128 fields of at most 8,190 bytes)."""
FAT_BODY = b'{"session": "' + b"b" * 60_000 + b'"}'
"""Just under the 64 KB body limit."""
SVIX_STREAM = "strm_demo"
FLAGS = [f"{n:03}" + "f" * 253 for n in range(25)]
"""svix feature flags: as many as a portal token takes (25), distinct, of the longest length accepted (256)."""
SESSION_ID = "s" * 64
"""The longest svix ``sessionId`` accepted."""


@dataclass(frozen=True)
class Flood:
    """How to fill one store with its largest entries."""

    name: str
    send: Callable[[httpx.Client, int], int]
    entry_bytes: int
    """About what one entry holds, as its store counts it (for the documented RSS bound)."""


def journal(http: httpx.Client, i: int) -> int:
    """A request whose journal entry is as large as entries get: 96 KB of headers (12 times the 8 KB kept) and a
    60 KB body (over 7 times the 8 KB kept)."""
    headers = {**{name: FAT_HEADERS[name] for name in list(FAT_HEADERS)[:12]}, "Content-Type": "application/json"}
    return http.post("/authlance/authlance/identity/me", content=FAT_BODY, headers=headers).status_code


def fat_journal(http: httpx.Client, i: int) -> int:
    """The same with every header aiohttp admits (800 KB): what the process holds while it handles it."""
    headers = {**FAT_HEADERS, "Content-Type": "application/json"}
    return http.post("/authlance/authlance/identity/me", content=FAT_BODY, headers=headers).status_code


def pending_logins(http: httpx.Client, i: int) -> int:
    return http.get("/bixarena/auth/oidc/start").status_code


def authorization_codes(http: httpx.Client, i: int) -> int:
    parameters = {
        "response_type": "code",
        "client_id": "bixarena",
        "redirect_uri": f"{str(http.base_url).rstrip('/')}/bixarena/auth/oidc/callback",
        "scope": "openid " + "s" * 1017,
        "state": f"{i:08}" + "t" * 1016,
        "nonce": f"{i:08}" + "n" * 1016,
        "code_challenge": CHALLENGE,
        "code_challenge_method": "S256",
    }
    return http.get(f"/synapse/authorize?{urlencode(parameters)}").status_code


def scram_challenges(http: httpx.Client, i: int) -> int:
    email = f"{i:08}" + "e" * 50 + "@" + "d" * 60 + ".example.com"
    body = {"email": email, "nonce": f"{i:08}" + "c" * 248}
    return http.post("/polario/auth/auth", json=body, headers={"Platform": "p" * 64}).status_code


def idempotency_records(http: httpx.Client, i: int) -> int:
    headers = {"Authorization": f"Bearer {SVIX_ORG_KEY}", "Idempotency-Key": f"{i:08}" + "k" * 248}
    return http.post(f"/svix/api/v1/auth/dashboard-access/{SVIX_APP}/", headers=headers).status_code


def svix_app_tokens(http: httpx.Client, i: int) -> int:
    """An app token with the largest grants (``MAX_GRANTS_CHARS``): every flag, every capability, ``readOnly``."""
    headers = {"Authorization": f"Bearer {SVIX_ORG_KEY}"}
    body = {"featureFlags": FLAGS, "capabilities": list(ALL_CAPABILITIES), "readOnly": False, "sessionId": SESSION_ID}
    return http.post(f"/svix/api/v1/auth/app-portal-access/{SVIX_APP}/", json=body, headers=headers).status_code


def svix_stream_tokens(http: httpx.Client, i: int) -> int:
    """A stream token with the largest grants a stream token takes (every flag) and the longest session id."""
    headers = {"Authorization": f"Bearer {SVIX_ORG_KEY}"}
    body = {"featureFlags": FLAGS, "sessionId": SESSION_ID, "expiry": 604800}
    return http.post(f"/svix/api/v1/auth/stream-portal-access/{SVIX_STREAM}", json=body, headers=headers).status_code


def pacerpro_jwt_records(http: httpx.Client, i: int) -> int:
    body = {"email": "demo@example.com", "password": "pacerpro-demo"}
    return http.post("/pacerpro/session", json=body).status_code


def polario_sessions(http: httpx.Client, i: int) -> int:
    nonce = f"flood-{i:08}-client-nonce"
    challenge = http.post("/polario/auth/auth", json={"email": POLARIO_EMAIL, "nonce": nonce}).json()
    proof = proof_for(POLARIO_EMAIL, POLARIO_PASSWORD, nonce, challenge)
    final = {"email": POLARIO_EMAIL, "nonce": challenge["nonce"], "proof": proof, "os": "Mac", "osVersion": "14"}
    return http.post("/polario/auth/login", json=final).status_code


def provider_users(http: httpx.Client, i: int) -> int:
    form = {
        "response_type": "code",
        "client_id": "bixarena",
        "redirect_uri": f"{str(http.base_url).rstrip('/')}/bixarena/auth/oidc/callback",
        "scope": "openid",
        "code_challenge": CHALLENGE,
        "code_challenge_method": "S256",
        "action": "create",
        "subject": f"{i:08}" + "u" * 56,
        "name": "N" * 100,
        "email": f"{i:08}" + "m" * 56 + "@example.com",
    }
    return http.post("/synapse/authorize", data=form).status_code


FLOODS = {
    flood.name: flood
    for flood in (
        Flood("journal", journal, 2 * 8 * 1024 + 1024),
        Flood("pending_logins", pending_logins, 700),
        Flood("authorization_codes", authorization_codes, 4096),
        Flood("scram_challenges", scram_challenges, 1024),
        Flood("idempotency_records", idempotency_records, 1500),
        Flood("svix_app_tokens", svix_app_tokens, MAX_GRANTS_CHARS),
        Flood("svix_stream_tokens", svix_stream_tokens, MAX_GRANTS_CHARS),
        Flood("pacerpro_jwt_records", pacerpro_jwt_records, 1500),
        Flood("polario_sessions", polario_sessions, 2500),
        Flood("provider_users", provider_users, 1000),
    )
}
