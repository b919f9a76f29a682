"""What every API of the reference server shares: error shapes for unknown paths, body limits, CORS, the journal."""

from __future__ import annotations

import httpx

from tests.support.server import RunningServer


def test_an_unknown_path_answers_404_in_the_shape_of_the_api_it_falls_under(server: RunningServer) -> None:
    with httpx.Client(base_url=server.url) as client:
        svix = client.get("/svix/api/v1/nope")
        bixarena = client.get("/bixarena/nope")
        pacerpro = client.get("/pacerpro/nope")
        polario = client.get("/polario/nope")
        outside = client.get("/nowhere")
    assert svix.status_code == 404
    assert svix.json() == {"code": "not_found", "detail": "no such path"}
    assert bixarena.status_code == 404
    assert bixarena.headers["content-type"].startswith("application/problem+json")
    assert bixarena.json()["status"] == 404
    assert bixarena.json()["instance"] == "/bixarena/nope"
    assert pacerpro.json() == {"error": "Not Found", "message": "no such path", "status": 404, "type": "error"}
    assert polario.json() == {"error": "no such path"}
    assert outside.status_code == 404
    assert outside.json() == {"error": "no such path"}


def test_a_wrong_method_answers_405_with_allow_in_the_api_shape(server: RunningServer) -> None:
    response = httpx.put(f"{server.url}/pacerpro/session")
    assert response.status_code == 405
    assert response.json()["status"] == 405
    assert set(response.headers["Allow"].replace(" ", "").split(",")) >= {"POST", "GET", "DELETE"}


def test_a_body_over_the_limit_answers_413_in_the_api_shape(server: RunningServer) -> None:
    huge = b'{"email": "' + b"a" * (server.settings.max_body_bytes + 10) + b'"}'
    response = httpx.post(f"{server.url}/pacerpro/session", content=huge, headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert response.json()["status"] == 413
    assert server.api_url("pacerpro")  # the server keeps serving
    assert httpx.get(f"{server.url}/pacerpro/nope").status_code == 404


def test_cors_echoes_an_allowed_origin_with_credentials_and_never_a_wildcard(server: RunningServer) -> None:
    server.settings.cors_origins = ("http://localhost:*",)
    preflight = httpx.options(
        f"{server.url}/svix/api/v1/auth/logout/",
        headers={
            "Origin": "http://localhost:5173",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, idempotency-key",
        },
    )
    assert preflight.status_code == 204
    assert preflight.headers["Access-Control-Allow-Origin"] == "http://localhost:5173"
    assert preflight.headers["Access-Control-Allow-Credentials"] == "true"
    assert "idempotency-key" in preflight.headers["Access-Control-Allow-Headers"]
    actual = httpx.get(f"{server.url}/svix/nope", headers={"Origin": "http://localhost:5173"})
    assert actual.headers["Access-Control-Allow-Origin"] == "http://localhost:5173"
    assert "Origin" in actual.headers["Vary"]


def test_cors_ignores_an_origin_that_is_not_configured(server: RunningServer) -> None:
    server.settings.cors_origins = ("http://localhost:*",)
    response = httpx.get(f"{server.url}/svix/nope", headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in response.headers
    preflight = httpx.options(
        f"{server.url}/svix/api/v1/auth/logout/",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
    )
    assert "Access-Control-Allow-Origin" not in preflight.headers


def test_the_journal_records_api_requests_with_their_status(server: RunningServer) -> None:
    httpx.get(f"{server.url}/svix/nope", headers={"X-Trace": "abc"})
    entries = server.sync(lambda: server.runtime.journal.query(api="svix"))
    assert [(e.method, e.path, e.status) for e in entries] == [("GET", "/svix/nope", 404)]
    assert entries[0].request_headers["x-trace"] == "abc"


def test_json_answers_declare_utf8_json_whichever_way_they_were_built(server: RunningServer) -> None:
    headers = {"Authorization": "Bearer testsk_demo_org_key"}
    built_by_hand = httpx.post(f"{server.url}/svix/api/v1/auth/dashboard-access/app_demo/", headers=headers)
    from_a_model = httpx.post(
        f"{server.url}/pacerpro/session", json={"email": "demo@example.com", "password": "pacerpro-demo"}
    )
    assert built_by_hand.status_code == from_a_model.status_code == 200
    assert built_by_hand.headers["content-type"] == "application/json; charset=utf-8"
    assert from_a_model.headers["content-type"] == "application/json; charset=utf-8"


def test_the_journal_joins_a_repeated_request_header_as_the_admin_contract_says(server: RunningServer) -> None:
    httpx.get(f"{server.url}/svix/nope", headers=[("X-Trace", "one"), ("X-Trace", "two")])
    entries = server.sync(lambda: server.runtime.journal.query(api="svix"))
    assert entries[0].request_headers["x-trace"] == "one, two"


def test_a_whole_number_written_as_a_float_is_an_integer_but_a_numeric_string_is_not(server: RunningServer) -> None:
    url = f"{server.url}/svix/api/v1/auth/app/app_demo/expire-all/"
    headers = {"Authorization": "Bearer testsk_demo_org_key"}
    as_float = httpx.post(url, headers=headers, json={"expiry": 5.0})  # an integer in JSON Schema 2020-12
    as_string = httpx.post(url, headers=headers, json={"expiry": "5"})
    fractional = httpx.post(url, headers=headers, json={"expiry": 5.5})
    assert as_float.status_code == 204
    assert as_string.status_code == fractional.status_code == 422


def test_an_email_on_a_special_use_domain_is_a_valid_email(server: RunningServer) -> None:
    admin = f"{server.url}/__admin"
    created = httpx.post(f"{admin}/users", json={"api": "pacerpro", "email": "qa@shop.test", "password": "pw"})
    login = httpx.post(f"{server.url}/pacerpro/session", json={"email": "qa@shop.test", "password": "pw"})
    assert created.status_code == 201
    assert login.status_code == 200
