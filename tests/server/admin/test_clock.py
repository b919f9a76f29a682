"""The admin API's clock: read it, move it forward; everything time-based follows it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import httpx
import pytest

from tests.support.server import RunningServer


def test_the_clock_reads_the_server_clock_with_no_offset_at_start(server: RunningServer, admin: httpx.Client) -> None:
    body = admin.get("/clock").json()
    assert body["offset_seconds"] == 0
    assert abs(body["epoch"] - server.sync(lambda: server.runtime.clock_now)) < 5
    assert abs(datetime.fromisoformat(body["now"]).timestamp() - body["epoch"]) < 0.001


def test_advancing_the_clock_adds_to_its_offset(server: RunningServer, admin: httpx.Client) -> None:
    before = admin.get("/clock").json()
    first = admin.post("/clock/advance", json={"seconds": 601})
    assert first.status_code == 200
    assert first.json()["offset_seconds"] == 601
    second = admin.post("/clock/advance", json={"seconds": 0.5}).json()
    assert second["offset_seconds"] == 601.5
    assert second["epoch"] - before["epoch"] >= 601.5
    assert server.sync(lambda: server.runtime.settings.clock.offset) == 601.5


def test_the_clock_moves_at_most_ten_years_at_a_time(admin: httpx.Client) -> None:
    assert admin.post("/clock/advance", json={"seconds": 315360000}).status_code == 200


@pytest.mark.parametrize(
    "body", [{"seconds": 0}, {"seconds": -1}, {"seconds": 315360001}, {"seconds": "60"}, {"seconds": None}, {}, [60]]
)
def test_a_move_that_is_not_forward_or_too_far_is_answered_422(admin: httpx.Client, body: Any) -> None:
    response = admin.post("/clock/advance", json=body)
    assert response.status_code == 422
    assert response.json()["error"] == "validation_failed"
    assert admin.get("/clock").json()["offset_seconds"] == 0


def test_a_move_that_is_not_json_is_answered_400(admin: httpx.Client) -> None:
    response = admin.post("/clock/advance", content=b"seconds=60", headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.json()["error"] == "malformed_json"


def test_expiry_everywhere_follows_the_moved_clock(server: RunningServer, admin: httpx.Client) -> None:
    session = admin.post("/sessions", json={"api": "authlance", "user": "user-ada", "ttl_seconds": 30}).json()
    login = httpx.post(
        f"{server.api_url('pacerpro')}/session", json={"email": "demo@example.com", "password": "pacerpro-demo"}
    ).json()
    admin.post("/clock/advance", json={"seconds": server.settings.pacerpro_token_ttl})
    exchanged = httpx.post(f"{server.api_url('authlance')}/authlance/identity/me", json={"session": session["id"]})
    refreshed = httpx.get(
        f"{server.api_url('pacerpro')}/session", headers={"Authorization": f"Bearer {login['jwtToken']}"}
    )
    assert exchanged.json() == {"error": "session expired"}
    assert refreshed.status_code == 401
    assert {s["id"]: s["active"] for s in admin.get("/sessions").json()["items"]}[session["id"]] is False
