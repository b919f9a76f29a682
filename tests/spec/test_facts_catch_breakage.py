"""The facts check fails on broken copies of the real specs and facts tables, so a clean run means something."""

from __future__ import annotations

from typing import Any

from tests.spec import facts
from tests.support.specs import Spec, load_spec, resolve


def _schema(spec: Spec, name: str) -> dict[str, Any]:
    schema: dict[str, Any] = spec["components"]["schemas"][name]
    return schema


def test_a_response_field_required_where_upstream_makes_it_optional_is_reported() -> None:
    spec = load_spec("pacerpro")
    _schema(spec, "Session")["required"] = ["jwtToken"]
    assert facts.unexplained(spec, facts.load_facts("pacerpro")) == [
        "not listed as a deviation: create_session: response-field 200 jwtToken required: upstream False, spec True",
        "not listed as a deviation: refresh_session: response-field 200 jwtToken required: upstream False, spec True",
    ]


def test_a_status_upstream_documents_and_the_spec_drops_is_reported() -> None:
    spec = load_spec("svix")
    del spec["paths"]["/api/v1/auth/logout/"]["post"]["responses"]["400"]
    assert facts.unexplained(spec, facts.load_facts("svix")) == [
        "not listed as a deviation: logout: status 400 presence: missing in the spec"
    ]


def test_a_status_the_spec_adds_without_a_deviation_is_reported() -> None:
    spec = load_spec("polario")
    responses = spec["paths"]["/auth/logout"]["get"]["responses"]
    responses["429"] = responses["401"]
    assert facts.unexplained(spec, facts.load_facts("polario")) == [
        "not listed as a deviation: logout: status 429 presence: in the spec, not upstream"
    ]


def test_a_renamed_response_field_is_reported_both_ways() -> None:
    spec = load_spec("authlance")
    schema = _schema(spec, "ControllersAuthLogoutResponse")
    schema["properties"]["msg"] = schema["properties"].pop("message")
    assert facts.unexplained(spec, facts.load_facts("authlance")) == [
        "not listed as a deviation: logout: response-field 200 message presence: upstream has it, the spec does not",
        "not listed as a deviation: logout: response-field 200 msg presence: in the spec, not upstream",
    ]


def test_a_changed_constraint_is_reported() -> None:
    spec = load_spec("svix")
    spec["components"]["parameters"]["AppId"]["schema"]["maxLength"] = 255
    problems = facts.unexplained(spec, facts.load_facts("svix"))
    assert "not listed as a deviation: expire_all: parameter app_id maxLength: upstream 256, spec 255" in problems
    assert len(problems) == 3  # the three operations that take app_id


def test_a_changed_error_media_type_is_reported() -> None:
    spec = load_spec("bixarena")
    content = spec["paths"]["/.well-known/jwks.json"]["get"]["responses"]["400"]["content"]
    content["application/json"] = content.pop("application/problem+json")
    assert facts.unexplained(spec, facts.load_facts("bixarena")) == [
        "not listed as a deviation: get_jwks: response-media 400: "
        "upstream ['application/problem+json'], spec ['application/json']"
    ]


def test_a_jwk_member_the_spec_loses_is_reported() -> None:
    spec = load_spec("bixarena")
    del _schema(spec, "Jwk")["properties"]["kid"]
    assert facts.unexplained(spec, facts.load_facts("bixarena")) == [
        "not listed as a deviation: Jwk: schema-field kid presence: upstream has it, the spec does not"
    ]


def test_a_difference_whose_deviation_is_removed_is_reported() -> None:
    table = facts.load_facts("polario")
    table["deviations"] = [row for row in table["deviations"] if row.get("attribute") != "presence"]
    assert facts.unexplained(load_spec("polario"), table) == [
        "not listed as a deviation: refresh_session: response-field 200 refreshToken presence: "
        "in the spec, not upstream"
    ]


def test_a_deviation_the_spec_no_longer_has_is_reported_as_stale() -> None:
    spec = load_spec("pacerpro")
    del spec["paths"]["/session"]["post"]["responses"]["400"]
    assert facts.unexplained(spec, facts.load_facts("pacerpro")) == [
        "deviation matches no difference (stale): create_session status 400 presence"
    ]


def test_a_fact_without_a_known_source_and_a_deviation_without_a_reason_are_reported() -> None:
    table = facts.load_facts("pacerpro")
    table["facts"][0]["source"] = "somewhere"
    table["deviations"][0]["reason"] = " "
    table["sources"]["swagger"]["commit"] = "SWAGGERHUB"
    assert facts.source_problems(table) == [
        "source 'swagger': needs repository, a 40-hex commit and path",
        "create_session: operation : unknown source 'somewhere'",
        "deviation ('create_session', 'status', '400', '', 'presence'): no reason",
    ]


def test_an_operation_the_spec_adds_without_a_fact_is_reported() -> None:
    spec = load_spec("svix")
    operation = resolve(spec, spec["paths"]["/api/v1/auth/logout/"]["post"])
    spec["paths"]["/api/v1/auth/whoami/"] = {"get": {**operation, "operationId": "whoami"}}
    assert facts.unexplained(spec, facts.load_facts("svix")) == [
        "not listed as a deviation: whoami: operation : in the spec, not upstream"
    ]


def test_a_nullable_reference_that_loses_its_null_branch_is_reported() -> None:
    spec = load_spec("svix")
    application = _schema(spec, "AppPortalAccessIn")["properties"]["application"]
    application["oneOf"] = [branch for branch in application["oneOf"] if branch.get("type") != "null"]
    assert facts.unexplained(spec, facts.load_facts("svix")) == [
        "not listed as a deviation: app_portal_access: request-field application nullable: upstream True, spec False"
    ]


def test_a_nullable_reference_to_another_type_is_reported() -> None:
    spec = load_spec("svix")
    application = _schema(spec, "AppPortalAccessIn")["properties"]["application"]
    application["oneOf"] = [{"type": "string"}, {"type": "null"}]
    assert facts.unexplained(spec, facts.load_facts("svix")) == [
        "not listed as a deviation: app_portal_access: request-field application type: upstream 'object', spec 'string'"
    ]
