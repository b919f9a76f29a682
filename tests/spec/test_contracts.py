"""Every contract is valid OpenAPI, complete against its seed page, and documented with valid examples."""

from __future__ import annotations

import pytest
from openapi_spec_validator import validate

from tests.spec import rules
from tests.spec.seed import SEED
from tests.support.specs import LINTED_SPECS, SLUGS, load_spec, operations


@pytest.mark.parametrize("name", LINTED_SPECS)
def test_spec_is_valid_openapi(name: str) -> None:
    validate(load_spec(name))


@pytest.mark.parametrize("name", LINTED_SPECS)
def test_spec_is_openapi_3_1_and_self_contained(name: str) -> None:
    spec = load_spec(name)
    assert spec["openapi"].startswith("3.1.")
    refs = [ref for ref in _all_refs(spec) if not ref.startswith("#/")]
    assert refs == []


@pytest.mark.parametrize("slug", SLUGS)
def test_spec_contains_every_seed_operation_status_field_and_header(slug: str) -> None:
    assert rules.missing_seed_items(load_spec(slug), SEED[slug]) == []


@pytest.mark.parametrize("slug", SLUGS)
def test_spec_lists_the_real_service_and_the_reference_server(slug: str) -> None:
    urls = [server["url"] for server in load_spec(slug)["servers"]]
    assert f"http://127.0.0.1:4010/{slug}" in urls
    assert any(not url.startswith("http://127.0.0.1") for url in urls)


@pytest.mark.parametrize("name", LINTED_SPECS)
def test_every_operation_has_an_id_one_tag_security_and_a_description(name: str) -> None:
    assert rules.operation_rule_breaks(load_spec(name)) == []


@pytest.mark.parametrize("name", LINTED_SPECS)
def test_every_request_and_response_body_has_an_example(name: str) -> None:
    assert rules.missing_examples(load_spec(name)) == []


@pytest.mark.parametrize("name", LINTED_SPECS)
def test_every_example_validates_against_its_schema(name: str) -> None:
    assert rules.invalid_examples(load_spec(name)) == []


@pytest.mark.parametrize("name", LINTED_SPECS)
def test_spec_has_operations(name: str) -> None:
    assert list(operations(load_spec(name)))


def _all_refs(node: object) -> list[str]:
    if isinstance(node, dict):
        found = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return found + [ref for value in node.values() for ref in _all_refs(value)]
    if isinstance(node, list):
        return [ref for item in node for ref in _all_refs(item)]
    return []
