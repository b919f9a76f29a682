"""What the floor answers: the reference server's real response bytes for each operation (one call each)."""

from __future__ import annotations

import asyncio
import base64
import json

from authkit_sdk.scram import auth_message, new_client_nonce, salted_password
from bench.http import Connection, Request
from bench.scenarios import OPERATIONS, POLARIO_USER, Operation, client_proof
from bench.targets import HOST, Target


def floor_bodies(captured: dict[str, tuple[bytes, ...]], operations: tuple[Operation, ...]) -> dict[str, str]:
    """``"METHOD /api/path"`` → body text for the floor: captured bytes where there are some, else the samples."""
    bodies = {}
    for operation in operations:
        answers = captured.get(operation.key, operation.sample)
        for request, body in zip(operation.requests, answers, strict=True):
            bodies[f"{request.method} /{operation.api}{request.path}"] = body.decode()
    return bodies


async def _capture(target: Target, session: str | None) -> dict[str, tuple[bytes, ...]]:
    host = f"{HOST}:{target.port}"
    connection = await Connection.open(HOST, target.port)
    captured: dict[str, tuple[bytes, ...]] = {}
    try:
        for operation in OPERATIONS:
            prefix = target.prefix(operation.api)
            if operation.kind != "login":
                request = operation.requests[0]
                headers = dict(request.headers)
                if "Cookie" in headers and session is not None:
                    headers["Cookie"] = f"JSESSIONID={session}"
                answer = await connection.send(
                    Request(request.method, prefix + request.path, headers, request.body).encode(host)
                )
                captured[operation.key] = (answer.body,)
                continue
            email, password = POLARIO_USER
            first, final = operation.requests
            client_nonce = new_client_nonce()
            body = json.dumps({"email": email, "nonce": client_nonce}).encode()
            challenge_answer = await connection.send(
                Request("POST", prefix + first.path, first.headers, body).encode(host)
            )
            challenge = json.loads(challenge_answer.body)
            salt, iterations, nonce = challenge["salt"], int(challenge["iterationCount"]), challenge["nonce"]
            salted = salted_password(password, base64.b64decode(salt), iterations)
            proof = client_proof(salted, auth_message(email, client_nonce, nonce, salt, iterations))
            final_body = json.dumps(
                {"email": email, "nonce": nonce, "proof": base64.b64encode(proof).decode(), "os": "Linux"}
            )
            login = await connection.send(
                Request("POST", prefix + final.path, final.headers, final_body.encode()).encode(host)
            )
            captured[operation.key] = (challenge_answer.body, login.body)
    finally:
        await connection.close()
    return captured


def capture(target: Target, session: str | None) -> dict[str, tuple[bytes, ...]]:
    """One real answer (or two, for the login) of each operation from the reference server."""
    return asyncio.run(_capture(target, session))
