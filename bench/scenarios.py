"""The measured operations: what one virtual user sends, prepared once against each target.

A static operation is one request sent again and again (wrk can run it); the SCRAM login is two dependent
requests, so it always runs on the bundled generator. The client's PBKDF2 (SaltedPassword) is the client's cost,
not the server's: it is computed once per salt and reused, so the login measures the server.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

import httpx

from authkit_sdk.scram import auth_message, new_client_nonce, salted_password
from bench.http import Connection, Request

Step = Callable[[Connection], Awaitable[bool]]

ORG_KEY = "testsk_demo_org_key"
POLARIO_USER = ("demo@example.com", "pencil")
PACERPRO_USER = {"email": "demo@example.com", "password": "pacerpro-demo"}
SYNAPSE_USER = "3350396"
JSON = {"Content-Type": "application/json"}


@dataclass(frozen=True)
class Operation:
    """One measured operation of one API."""

    key: str
    label: str
    api: str
    kind: str
    """``read``, ``mint``, ``login`` or ``flow`` (which target ratio applies; flows are in ``bench/flows.py``)."""
    requests: tuple[Request, ...]
    """The requests (paths relative to the API's root); the login has two."""
    sample: tuple[bytes, ...]
    """Answers the bare floor gives when the reference server's real ones were not captured."""
    targets: tuple[str, ...] = ("authkit", "prism", "floor")
    """The targets that can run it (the floor answers fixed bytes, so it runs no flow)."""


CHEAP_READ = Operation(
    "cheap-read",
    "svix dashboard-access (cheap read)",
    "svix",
    "read",
    (Request("POST", "/api/v1/auth/dashboard-access/app_demo/", {"Authorization": f"Bearer {ORG_KEY}"}),),
    (b'{"url":"https://app.svix.com/login#key=eyJhcHBJZCI6ImFwcF9kZW1vIn0","token":"appsk_0123456789abcdef"}',),
)
PACERPRO_LOGIN = Operation(
    "pacerpro-login",
    "pacerpro POST /session (login, mints an ES256 JWT)",
    "pacerpro",
    "mint",
    (Request("POST", "/session", JSON, json.dumps(PACERPRO_USER).encode()),),
    (b'{"jwtToken":"' + b"x" * 330 + b'","expiresAt":"2026-01-01T00:00:00Z"}',),
)
BIXARENA_TOKEN = Operation(
    "bixarena-token",
    "bixarena POST /token (mints an ES256 JWT)",
    "bixarena",
    "mint",
    (Request("POST", "/token", {"Cookie": "JSESSIONID=prepared-per-target"}),),
    (b'{"access_token":"' + b"x" * 400 + b'","token_type":"Bearer","expires_in":600}',),
)
SCRAM_LOGIN = Operation(
    "scram-login",
    "polario SCRAM-SHA-256 login (2 requests)",
    "polario",
    "login",
    (Request("POST", "/auth/auth", JSON), Request("POST", "/auth/login", JSON)),
    (
        b'{"nonce":"clientnonce0123456789abcdefserver0123456789abcd","salt":"c2FsdHNhbHRzYWx0c2FsdA==",'
        b'"iterationCount":4096,"expires":4102444800}',
        b'{"signature":"c2lnbmF0dXJl","refreshToken":"refresh","deviceId":"device",'
        b'"sendbirdSessionToken":null,"redirectProjectId":null}',
    ),
)
OPERATIONS = (CHEAP_READ, PACERPRO_LOGIN, BIXARENA_TOKEN, SCRAM_LOGIN)


def bixarena_session(api_url: str) -> str:
    """A live ``JSESSIONID`` from the reference server: the OIDC login through the embedded provider's form."""
    with httpx.Client(timeout=10) as http:
        start = http.get(f"{api_url}/auth/oidc/start")
        authorize = start.headers["location"]
        form = dict(parse_qsl(urlsplit(authorize).query))
        login = http.post(authorize.split("?", 1)[0], data={**form, "login_as": SYNAPSE_USER})
        callback = http.get(login.headers["location"])
        callback.raise_for_status()
        return str(http.cookies["JSESSIONID"])


def client_proof(salted: bytes, message: bytes) -> bytes:
    """ClientProof := ClientKey XOR HMAC(H(ClientKey), AuthMessage) (RFC 5802 section 3), from a SaltedPassword."""
    client_key = hmac.digest(salted, b"Client Key", "sha256")
    signature = hmac.digest(hashlib.sha256(client_key).digest(), message, "sha256")
    return bytes(a ^ b for a, b in zip(client_key, signature, strict=True))


def static_requests(operation: Operation, prefix: str, session: str | None) -> tuple[Request, ...]:
    """The operation's requests under ``prefix``, with the bixarena session cookie filled in."""
    prepared = []
    for request in operation.requests:
        headers = dict(request.headers)
        if "Cookie" in headers and session is not None:
            headers["Cookie"] = f"JSESSIONID={session}"
        prepared.append(Request(request.method, prefix + request.path, headers, request.body))
    return tuple(prepared)


def static_step(wire: bytes) -> Step:
    """A virtual user that sends one prepared request; success is a 2xx."""

    async def step(connection: Connection) -> bool:
        return 200 <= (await connection.send(wire)).status < 300

    return step


def scram_step(first: Request, final: Request, host: str) -> Step:
    """A virtual user that logs in with SCRAM: the first message, the proof computed from the challenge, the final."""
    email, password = POLARIO_USER
    salted: dict[tuple[str, int], bytes] = {}

    async def step(connection: Connection) -> bool:
        client_nonce = new_client_nonce()
        body = json.dumps({"email": email, "nonce": client_nonce}).encode()
        answer = await connection.send(Request(first.method, first.path, first.headers, body).encode(host))
        if answer.status != 200:
            return False
        challenge = json.loads(answer.body)
        salt, iterations, nonce = challenge["salt"], int(challenge["iterationCount"]), challenge["nonce"]
        if (salt, iterations) not in salted:
            salted[salt, iterations] = salted_password(password, base64.b64decode(salt), iterations)
        message = auth_message(email, client_nonce, nonce, salt, iterations)
        proof = base64.b64encode(client_proof(salted[salt, iterations], message)).decode()
        final_body = json.dumps({"email": email, "nonce": nonce, "proof": proof, "os": "Linux"}).encode()
        done = await connection.send(Request(final.method, final.path, final.headers, final_body).encode(host))
        return done.status == 200

    return step


def step_for(operation: Operation, requests: tuple[Request, ...], host: str) -> Step:
    """The virtual user of ``operation``."""
    if operation.kind == "login":
        return scram_step(requests[0], requests[1], host)
    return static_step(requests[0].encode(host))
