"""The spec rules fail on broken copies of the real contracts, so a clean run means something."""

from __future__ import annotations

from typing import Any

from tests.spec import rules
from tests.spec.seed import SEED
from tests.support.specs import load_spec, resolve


def test_a_missing_operation_is_reported() -> None:
    spec = load_spec("pacerpro")
    del spec["paths"]["/session"]["delete"]
    assert rules.missing_seed_items(spec, SEED["pacerpro"]) == ["DELETE /session: operation missing"]


def test_a_missing_status_is_reported() -> None:
    spec = load_spec("polario")
    del spec["paths"]["/auth/session"]["post"]["responses"]["416"]
    assert "POST /auth/session: status 416 missing" in rules.missing_seed_items(spec, SEED["polario"])


def test_a_renamed_response_field_is_reported() -> None:
    spec = load_spec("pacerpro")
    schema = _response_schema(spec, "/session", "post", "200")
    schema["properties"]["jwt_token"] = schema["properties"].pop("jwtToken")
    problems = rules.missing_seed_items(spec, SEED["pacerpro"])
    assert "POST /session: 200 field 'jwtToken' missing" in problems


def test_a_renamed_request_field_is_reported() -> None:
    spec = load_spec("polario")
    body = resolve(spec, spec["paths"]["/auth/login"]["post"]["requestBody"])
    schema = resolve(spec, body["content"]["application/json"]["schema"])
    schema["properties"]["os_version"] = schema["properties"].pop("osVersion")
    assert "POST /auth/login: request field 'osVersion' missing" in rules.missing_seed_items(spec, SEED["polario"])


def test_a_missing_response_header_is_reported() -> None:
    spec = load_spec("polario")
    response = resolve(spec, spec["paths"]["/auth/login"]["post"]["responses"]["200"])
    del response["headers"]["Session"]
    assert rules.missing_seed_items(spec, SEED["polario"]) == [
        "POST /auth/login: 200 response header 'Session' missing"
    ]


def test_a_missing_example_is_reported() -> None:
    spec = load_spec("svix")
    media = resolve(spec, spec["paths"]["/api/v1/auth/logout/"]["post"]["responses"]["403"])["content"]
    del next(iter(media.values()))["examples"]
    assert rules.missing_examples(spec) == ["POST /api/v1/auth/logout/ 403 application/json"]


def test_an_invalid_example_is_reported() -> None:
    spec = load_spec("svix")
    media = resolve(spec, spec["paths"]["/api/v1/auth/dashboard-access/{app_id}/"]["post"]["responses"]["200"])
    example = next(iter(next(iter(media["content"].values()))["examples"].values()))
    del resolve(spec, example)["value"]["token"]
    problems = rules.invalid_examples(spec)
    assert len(problems) == 1
    assert "'token' is a required property" in problems[0]


def test_an_example_of_the_wrong_type_is_reported() -> None:
    spec = load_spec("polario")
    media = resolve(spec, spec["paths"]["/auth/auth"]["post"]["responses"]["200"])["content"]["application/json"]
    example = resolve(spec, next(iter(media["examples"].values())))
    example["value"]["iterationCount"] = "4096"
    assert any("'4096' is not of type 'integer'" in problem for problem in rules.invalid_examples(spec))


def test_an_operation_without_tag_or_security_is_reported() -> None:
    spec = load_spec("authlance")
    operation = spec["paths"]["/authlance/identity/me"]["post"]
    del operation["security"]
    operation["tags"] = []
    assert rules.operation_rule_breaks(spec) == [
        "POST /authlance/identity/me: needs exactly one tag",
        "POST /authlance/identity/me: no explicit security",
    ]


def _response_schema(spec: dict[str, Any], path: str, method: str, status: str) -> dict[str, Any]:
    response = resolve(spec, spec["paths"][path][method]["responses"][status])
    schema: dict[str, Any] = resolve(spec, next(iter(response["content"].values()))["schema"])
    return schema
