"""The matrix can fail: with a guard switched off in the running server, the attack its row sends gets through.

For at least one guard of every API (and of the shared token verifier, CORS and the admin API), the guard is
monkeypatched away in the server process (the server runs in-process, in a thread), the row is sent again and
now succeeds, and once the guard is back the row is refused again. So each of these rows fails without its guard.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import jwt
import pytest

import authkit_mock.admin.api
import authkit_mock.apis.bixarena.api
import authkit_mock.apis.pacerpro.api
import authkit_mock.apis.polario.scram
import authkit_mock.apis.svix.streams
import authkit_mock.core.middlewares
from authkit_mock.core.store import Session, Token
from authkit_mock.core.tokens import TokenAuthority
from tests.security import test_oidc_attacks, test_revocation, test_scram_attacks, test_token_attacks
from tests.security.actors import Attack
from tests.security.test_admin_exposure import admin_get
from tests.security.test_cors import CONFIGURED, STRANGERS, ask
from tests.support.server import RunningServer

ROWS = {
    attack.id: attack
    for module in (test_token_attacks, test_revocation, test_scram_attacks, test_oidc_attacks)
    for attack in module.ROWS
}

_verify = TokenAuthority.verify


def verify_trusting_the_tokens_own_algorithm(authority: TokenAuthority, token: str) -> dict[str, Any]:
    """The classic mistake (RFC 8725 section 2.1): let the token's header choose the algorithm, ``none`` included."""
    if jwt.get_unverified_header(token).get("alg") == "none":
        claims: dict[str, Any] = jwt.decode(token, options={"verify_signature": False})
        return claims
    return _verify(authority, token)


def always(value: bool) -> Callable[..., bool]:
    return lambda *args, **kwargs: value


@dataclass(frozen=True)
class Guard:
    """A guard of the server: where it lives, what replaces it to switch it off, and the row that proves it."""

    name: str
    owner: object
    attribute: str
    disabled: object
    row: str


GUARDS = [
    Guard(
        "pacerpro_jti_check",
        authkit_mock.apis.pacerpro.api,
        "carries_current_jti",
        always(True),
        "pacerpro-revoked_by_jti_spin",
    ),
    Guard(
        "pacerpro_algorithm_check",
        TokenAuthority,
        "verify",
        verify_trusting_the_tokens_own_algorithm,
        "pacerpro-alg_none",
    ),
    Guard(
        "polario_algorithm_check",
        TokenAuthority,
        "verify",
        verify_trusting_the_tokens_own_algorithm,
        "polario-alg_none",
    ),
    Guard(
        "polario_scram_proof_check",
        authkit_mock.apis.polario.scram,
        "verify_client_proof",
        always(True),
        "polario-scram_wrong_proof",
    ),
    Guard("svix_token_liveness", Token, "live", always(True), "svix-revoked_by_app_logout"),
    Guard("svix_expire_all", Token, "live", always(True), "svix-revoked_by_expire_all"),
    Guard("svix_stream_logout", Token, "live", always(True), "svix-stream_token_revoked_by_stream_logout"),
    Guard(
        "svix_stream_expire_all",
        authkit_mock.apis.svix.streams,
        "expire_tokens",
        lambda *args, **kwargs: 0,
        "svix-stream_token_revoked_by_stream_expire_all",
    ),
    Guard(
        "svix_stream_token_scope",
        authkit_mock.apis.svix.streams,
        "require_stream_access",
        lambda token, stream: stream,
        "svix-stream_token_of_another_stream",
    ),
    Guard(
        "svix_poller_rotation",
        authkit_mock.apis.svix.streams,
        "retire",
        lambda *args, **kwargs: None,
        "svix-poller_token_rotated_out",
    ),
    Guard(
        "bixarena_oidc_state_check",
        authkit_mock.apis.bixarena.api,
        "state_matches",
        always(True),
        "bixarena-state_mismatch",
    ),
    Guard("authlance_session_expiry", Session, "live", always(True), "authlance-expired"),
]


@pytest.mark.parametrize("guard", [pytest.param(guard, id=guard.name) for guard in GUARDS])
def test_without_its_guard_the_rows_attack_succeeds(
    server: RunningServer, monkeypatch: pytest.MonkeyPatch, guard: Guard
) -> None:
    attack: Attack = ROWS[guard.row]
    assert attack.run(server).status_code == attack.rejected
    monkeypatch.setattr(guard.owner, guard.attribute, guard.disabled)
    server.sync(server.runtime.reset)
    assert attack.run(server).status_code == attack.accepted, f"{attack.id} is still refused without {guard.name}"
    monkeypatch.undo()
    server.sync(server.runtime.reset)
    assert attack.run(server).status_code == attack.rejected


def test_without_the_origin_check_cors_echoes_a_stranger(
    server: RunningServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(server.settings, "cors_origins", CONFIGURED)
    stranger = STRANGERS["stranger"]
    assert "Access-Control-Allow-Origin" not in ask(server, "svix", stranger, preflight=False).headers
    monkeypatch.setattr(authkit_mock.core.middlewares, "origin_allowed", always(True))
    assert ask(server, "svix", stranger, preflight=False).headers["Access-Control-Allow-Origin"] == stranger


def test_without_the_loopback_check_the_admin_api_answers_anyone(
    server: RunningServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert admin_get(server, outside=True, token=None).status_code == 403
    monkeypatch.setattr(authkit_mock.admin.api, "admin_allowed", always(True))
    response: httpx.Response = admin_get(server, outside=True, token=None)
    assert response.status_code == 200
