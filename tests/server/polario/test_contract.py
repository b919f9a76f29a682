"""Every operation of the polario contract is served, and answers each documented status in the documented shape."""

from __future__ import annotations

import httpx

from authkit_sdk.scram import b64
from tests.conftest import make_settings
from tests.server.polario.flow import CLIENT_NONCE, DEMO_EMAIL, DEMO_PASSWORD, PolarioClient, proof_for
from tests.support.openapi import ContractValidator
from tests.support.server import RunningServer, running_server
from tests.support.specs import load_spec, operations


def documented() -> set[tuple[str, str, int]]:
    """Every (method, path, status) the contract documents."""
    return {
        (operation.method.upper(), operation.path, int(status))
        for operation in operations(load_spec("polario"), "polario")
        for status in operation.statuses
    }


def fault(server: RunningServer, operation: str, status: int) -> None:
    """Make the next request of ``operation`` fail with ``status`` (as QA would through the admin API)."""
    server.sync(lambda: server.runtime.faults.add("polario", operation, status, 0, 1))


def test_every_operation_answers_every_documented_status_in_the_documented_shape(server: RunningServer) -> None:
    polario = PolarioClient(server)  # validates every response against the contract
    try:
        # POST /auth/auth: 200, 400, 500
        assert polario.challenge(DEMO_EMAIL).status_code == 200
        assert polario.http.post("/auth/auth", json={"email": DEMO_EMAIL}).status_code == 400
        fault(server, "scram_first_message", 500)
        assert polario.challenge(DEMO_EMAIL).status_code == 500

        # POST /auth/login: 200, 400, 401, 403, 500
        login = polario.login()
        assert polario.http.post("/auth/login", json={"email": DEMO_EMAIL}).status_code == 400
        challenge, proof = polario.prepared_login(DEMO_EMAIL, DEMO_PASSWORD)
        assert polario.final(DEMO_EMAIL, challenge["nonce"], b64(bytes(32))).status_code == 401
        challenge, proof = polario.prepared_login(DEMO_EMAIL, DEMO_PASSWORD, platform="Web")
        assert polario.final(DEMO_EMAIL, challenge["nonce"], proof, platform="IOS").status_code == 403
        fault(server, "scram_final_message", 500)
        challenge, proof = polario.prepared_login(DEMO_EMAIL, DEMO_PASSWORD)
        assert polario.final(DEMO_EMAIL, challenge["nonce"], proof).status_code == 500

        # POST /auth/session: 200, 400, 403, 416, 500
        refreshed = polario.refresh(login.refresh_token)
        assert refreshed.status_code == 200
        assert polario.http.post("/auth/session", json={}).status_code == 400
        assert polario.refresh("unknown").status_code == 416
        current = refreshed.json()["refreshToken"]
        for status in (403, 500):
            fault(server, "refresh_session", status)
            assert polario.refresh(current).status_code == status

        # GET /auth/logout: 200, 401 (the refresh token survived the faults: they answer before the handler)
        jwt = polario.refresh(current).headers["Session"]
        assert polario.logout(jwt).status_code == 200
        assert polario.logout(jwt).status_code == 401

        assert polario.seen == documented()
    finally:
        polario.close()


def test_an_undocumented_method_is_answered_in_polarios_error_shape(server: RunningServer) -> None:
    # Not validated against the contract: the contract has no GET /auth/login to validate against.
    response = httpx.get(server.api_url("polario") + "/auth/login")
    assert response.status_code == 405
    assert set(response.json()) == {"error"}


def test_served_alone_at_the_root_polario_logs_in_refreshes_and_logs_out() -> None:
    root = ContractValidator("polario", "/")
    with (
        running_server(make_settings(apis=("polario",), single_api="polario")) as server,
        httpx.Client(base_url=server.url, event_hooks={"response": [root.validate]}) as http,
    ):
        challenge = http.post("/auth/auth", json={"email": DEMO_EMAIL, "nonce": CLIENT_NONCE}).json()
        proof = proof_for(DEMO_EMAIL, DEMO_PASSWORD, CLIENT_NONCE, challenge)
        body = {"email": DEMO_EMAIL, "nonce": challenge["nonce"], "proof": proof, "os": "Linux"}
        login = http.post("/auth/login", json=body)
        assert login.status_code == 200
        refreshed = http.post("/auth/session", json={"refreshToken": login.json()["refreshToken"]})
        assert refreshed.status_code == 200
        assert http.get("/auth/logout", headers={"Session": refreshed.headers["Session"]}).status_code == 200
