"""Schemathesis hooks: log in with the seeded demo credentials, the way each API's clients do.

Loaded by the ``st`` CLI through ``SCHEMATHESIS_HOOKS=tests.contract.st_hooks`` (see ``test_server_vs_spec.py``).
The credentials default to the reference server's built-in seed and can be replaced with environment variables
when the harness runs against another deployment (``AUTHKIT_BASE_URL``):

- svix: an organisation API key, ``AUTHKIT_SVIX_TOKEN`` (``Authorization: Bearer``);
- pacerpro: ``AUTHKIT_PACERPRO_EMAIL`` / ``AUTHKIT_PACERPRO_PASSWORD``, logged in with ``POST /session``;
- polario: ``AUTHKIT_POLARIO_EMAIL`` / ``AUTHKIT_POLARIO_PASSWORD``, a real SCRAM-SHA-256 login whose JWT goes in
  the ``Session`` header of ``GET /auth/logout``;
- bixarena: the OIDC login against the embedded provider as ``AUTHKIT_BIXARENA_USER`` (automatic login, or the
  login form), whose ``JSESSIONID`` cookie goes with ``POST /token`` and ``POST /auth/logout``;
- admin: ``AUTHKIT_ADMIN_TOKEN`` in ``X-Admin-Token`` when the deployment requires one.

Cases generated to be invalid in a place the login fills (a negative ``Session`` header, say) are left alone, so
``negative_data_rejection`` still sees the invalid value reach the server.
"""

from __future__ import annotations

import base64
import os
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import schemathesis
from schemathesis import Case as GenericCase
from schemathesis.auths import AuthContext
from schemathesis.hooks import HookContext

from authkit_sdk.bixarena import BixarenaClient
from authkit_sdk.pacerpro import PacerproClient
from authkit_sdk.polario import PolarioClient
from authkit_sdk.scram import auth_message, client_proof

Case = GenericCase[Any]

SVIX = "Svix API"
PACERPRO = "PacerPro Session API"
POLARIO = "Polario Session API"
BIXARENA = "BixArena Auth API"
ADMIN = "authkit reference server admin API"


def _env(name: str, default: str) -> str:
    return os.environ.get(name) or default


def _title(case: Case) -> str:
    return str(case.operation.schema.raw_schema.get("info", {}).get("title", ""))


def _operation_id(case: Case) -> str:
    return str(case.operation.definition.raw.get("operationId", ""))


def _is_stateful(case: Case) -> bool:
    meta = case.meta
    return meta is not None and str(getattr(meta.phase.name, "value", meta.phase.name)) == "stateful"


def _is_negative(case: Case, location: str) -> bool:
    """Whether Schemathesis made ``location`` (``header``, ``cookie``...) of this case invalid on purpose."""
    meta = case.meta
    if meta is None:
        return False
    for where, info in meta.components.items():
        if str(getattr(where, "value", where)) == location and info.mode.is_negative:
            return True
    return False


def _bixarena_authorize(authorize_url: str) -> tuple[str, str]:
    """Sign in at the embedded provider: its automatic login (a redirect), or else its login form."""
    subject = _env("AUTHKIT_BIXARENA_USER", "3350396")
    with httpx.Client(timeout=10) as http:
        response = http.get(authorize_url)
        if not response.is_redirect:
            parts = urlsplit(authorize_url)
            form = {name: values[0] for name, values in parse_qs(parts.query).items()}
            form["login_as"] = subject
            origin = f"{parts.scheme}://{parts.netloc}"
            # The provider refuses form posts from other origins (login CSRF), so say where this one comes from.
            response = http.post(authorize_url.split("?", maxsplit=1)[0], data=form, headers={"Origin": origin})
        assert response.is_redirect, f"the identity provider did not redirect back: {response.status_code}"
        query = parse_qs(urlsplit(response.headers["location"]).query)
        return query["code"][0], query["state"][0]


def _log_in(title: str, base_url: str) -> str | None:
    """The credential that operations of the API called ``title`` need, freshly obtained."""
    if title == SVIX:
        return _env("AUTHKIT_SVIX_TOKEN", "testsk_demo_org_key")
    if title == PACERPRO:
        with PacerproClient(base_url=base_url) as pacerpro:
            pacerpro.login(
                _env("AUTHKIT_PACERPRO_EMAIL", "demo@example.com"),
                _env("AUTHKIT_PACERPRO_PASSWORD", "pacerpro-demo"),
            )
            return pacerpro.token
    if title == POLARIO:
        with PolarioClient(base_url=base_url) as polario:
            polario.login(_env("AUTHKIT_POLARIO_EMAIL", "demo@example.com"), _env("AUTHKIT_POLARIO_PASSWORD", "pencil"))
            return polario.session_token
    if title == BIXARENA:
        with BixarenaClient(base_url=base_url) as bixarena:
            bixarena.login_with(_bixarena_authorize)
            return bixarena.session_id
    if title == ADMIN:
        return os.environ.get("AUTHKIT_ADMIN_TOKEN")
    return None


SESSION_OPERATIONS = {POLARIO: {"logout"}, BIXARENA: {"logout", "mint_internal_token"}}
"""The operations of the APIs without a security scheme that take the session a login gives."""


def _needs_login(case: Case) -> bool:
    title = _title(case)
    return title not in SESSION_OPERATIONS or _operation_id(case) in SESSION_OPERATIONS[title]


def _cache_key(case: Case, context: AuthContext) -> str:
    return f"{_title(case)}:{_needs_login(case)}"


# Credentials are cached per API (one Schemathesis run tests one spec) and fetched again after a 401, which is what
# happens once a test case logs the session out (polario logout, pacerpro revoke-all, bixarena logout). Operations
# that need no session never log in, so a broken login shows up in the operations that need one.
@schemathesis.auth(cache_by_key=_cache_key)
class SeededCredentials:
    """Attach each API's credential where its clients put it."""

    def get(self, case: Case, context: AuthContext) -> str | None:
        if not _needs_login(case):
            return None
        return _log_in(_title(case), case.operation.base_url or "")

    def set(self, case: Case, data: str | None, context: AuthContext) -> None:
        if data is None:
            return
        title = _title(case)
        if title in (SVIX, PACERPRO):
            # A stateful step whose link supplied the bearer (svix logout with the app token just issued, pacerpro
            # refresh with the JWT just issued) keeps it: that is the point of the link.
            if not (_is_stateful(case) and "Authorization" in case.headers):
                case.headers["Authorization"] = f"Bearer {data}"
        elif title == POLARIO and _operation_id(case) == "logout":
            if not _is_negative(case, "header"):
                case.headers["Session"] = data
        elif title == BIXARENA and _operation_id(case) in ("logout", "mint_internal_token"):
            if not _is_negative(case, "cookie"):
                case.cookies["JSESSIONID"] = data
        elif title == ADMIN:
            case.headers["X-Admin-Token"] = data


@dataclass
class _Challenge:
    email: str
    client_nonce: str
    salt: str
    iterations: int


_CHALLENGES: dict[str, _Challenge] = {}
"""polario challenges issued to the seeded user in this run, by combined nonce."""


@schemathesis.hook
def after_call(context: HookContext, case: Case, response: Any) -> None:
    """Remember the challenges the seeded polario user got, so the next step of a stateful run can answer them."""
    if _title(case) != POLARIO or _operation_id(case) != "scram_first_message":
        return
    body: dict[str, Any] = case.body if isinstance(case.body, dict) else {}
    if response.status_code != 200 or body.get("email") != _env("AUTHKIT_POLARIO_EMAIL", "demo@example.com"):
        return
    challenge: dict[str, Any] = response.json()
    _CHALLENGES[str(challenge["nonce"])] = _Challenge(
        str(body["email"]), str(body["nonce"]), str(challenge["salt"]), int(challenge["iterationCount"])
    )


@schemathesis.hook
def before_call(context: HookContext, case: Case, kwargs: dict[str, Any]) -> None:
    """Make each request what a real client would send where Schemathesis cannot know how."""
    title = _title(case)
    if title == SVIX:
        _fresh_idempotency_key(case)
    elif title == POLARIO and _operation_id(case) == "scram_first_message":
        _challenge_the_seeded_user(case)
    elif title == POLARIO and _operation_id(case) == "scram_final_message":
        _answer_challenge(case)


def _fresh_idempotency_key(case: Case) -> None:
    """A new ``idempotency-key`` per request, as the SDK sends.

    Schemathesis reuses the spec's example key across different requests, which the contract answers with 422
    ("the same key with a different request"): right, but it would hide whether a valid request is accepted.
    """
    if "idempotency-key" in case.headers and not _is_negative(case, "header"):
        case.headers["idempotency-key"] = f"st_{uuid.uuid4()}"


def _challenge_the_seeded_user(case: Case) -> None:
    """In a stateful run, ask the challenge for the seeded user, so that the scenario can log in and go on.

    Which email Hypothesis draws depends on every constant in the code it can see (it mines the local modules for
    them), so without this, whether a stateful run ever logs in changed with unrelated edits. The other phases
    still fuzz the email.
    """
    body: dict[str, Any] | None = case.body if isinstance(case.body, dict) else None
    if body is None or not _is_stateful(case) or _is_negative(case, "body") or not isinstance(body.get("nonce"), str):
        return
    case.body = {**body, "email": _env("AUTHKIT_POLARIO_EMAIL", "demo@example.com")}


def _answer_challenge(case: Case) -> None:
    """Answer a remembered challenge with the seeded password, as a real client would (RFC 5802 section 3).

    Without this, a stateful run could never get past ``scram_final_message`` (no generated proof is right),
    and the links to ``refresh_session`` and ``logout`` would never be followed with a live session.
    """
    body: dict[str, Any] | None = case.body if isinstance(case.body, dict) else None
    if body is None or _is_negative(case, "body") or not isinstance(body.get("nonce"), str):
        return
    nonce = str(body["nonce"])
    challenge = _CHALLENGES.pop(nonce, None)
    if challenge is None or body.get("email") != challenge.email:
        return
    message = auth_message(challenge.email, challenge.client_nonce, nonce, challenge.salt, challenge.iterations)
    password = _env("AUTHKIT_POLARIO_PASSWORD", "pencil")
    proof = client_proof(password, base64.b64decode(challenge.salt), challenge.iterations, message)
    case.body = {**body, "proof": base64.b64encode(proof).decode("ascii")}
