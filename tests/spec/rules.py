"""The rules every contract in ``openapi/`` must keep, as functions that list what a spec breaks.

Each rule returns a list of human-readable problems (empty when the spec keeps the rule), so a test can
both assert that the committed specs are clean and show that a broken copy is caught.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from tests.support.specs import Spec, operations, resolve

SPEC_URI = "urn:authkit:spec"


@dataclass(frozen=True)
class SeedOperation:
    """What the seed client page of an API says about one operation."""

    method: str
    path: str
    statuses: frozenset[str]
    request_fields: frozenset[str] = frozenset()
    response_fields: dict[str, frozenset[str]] = field(default_factory=dict)
    request_headers: frozenset[str] = frozenset()
    response_headers: dict[str, frozenset[str]] = field(default_factory=dict)


def _find(spec: Spec, method: str, path: str) -> dict[str, Any] | None:
    item = spec.get("paths", {}).get(path)
    if not isinstance(item, dict):
        return None
    found = item.get(method)
    return found if isinstance(found, dict) else None


def _schema_properties(spec: Spec, schema: Any) -> set[str]:
    schema = resolve(spec, schema)
    if not isinstance(schema, dict):
        return set()
    names = set(schema.get("properties", {}))
    for part in schema.get("allOf", []):
        names |= _schema_properties(spec, part)
    return names


def _body_properties(spec: Spec, holder: dict[str, Any]) -> set[str]:
    names: set[str] = set()
    for media in resolve(spec, holder).get("content", {}).values():
        names |= _schema_properties(spec, media.get("schema", {}))
    return names


def missing_seed_items(spec: Spec, seed: list[SeedOperation]) -> list[str]:
    """Operations, statuses, body fields and headers of the seed table that the spec lacks."""
    problems: list[str] = []
    for expected in seed:
        where = f"{expected.method.upper()} {expected.path}"
        operation = _find(spec, expected.method, expected.path)
        if operation is None:
            problems.append(f"{where}: operation missing")
            continue
        responses = {str(code): resolve(spec, body) for code, body in operation.get("responses", {}).items()}
        problems += [f"{where}: status {code} missing" for code in sorted(expected.statuses - set(responses))]
        if expected.request_fields:
            body = operation.get("requestBody")
            present = _body_properties(spec, body) if body else set()
            problems += [
                f"{where}: request field {name!r} missing" for name in sorted(expected.request_fields - present)
            ]
        for code, names in expected.response_fields.items():
            present = _body_properties(spec, responses[code]) if code in responses else set()
            problems += [f"{where}: {code} field {name!r} missing" for name in sorted(names - present)]
        params = {
            resolve(spec, param).get("name", "").lower()
            for param in operation.get("parameters", [])
            if resolve(spec, param).get("in") == "header"
        }
        problems += [
            f"{where}: header parameter {name!r} missing"
            for name in sorted(expected.request_headers)
            if name.lower() not in params
        ]
        for code, names in expected.response_headers.items():
            headers = {name.lower() for name in responses.get(code, {}).get("headers", {})}
            problems += [
                f"{where}: {code} response header {name!r} missing"
                for name in sorted(names)
                if name.lower() not in headers
            ]
    return problems


def _media_types(spec: Spec) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(where, json-pointer of the media type, media type object) for every request and response body."""
    for operation in operations(spec):
        base = f"/paths/{operation.path.replace('~', '~0').replace('/', '~1')}/{operation.method}"
        label = f"{operation.method.upper()} {operation.path}"
        body = operation.body.get("requestBody")
        if body is not None:
            for media_type, media in resolve(spec, body).get("content", {}).items():
                yield f"{label} request {media_type}", f"{base}/requestBody/content", media
        for code, response in operation.body.get("responses", {}).items():
            for media_type, media in resolve(spec, response).get("content", {}).items():
                yield f"{label} {code} {media_type}", f"{base}/responses/{code}/content", media


def missing_examples(spec: Spec) -> list[str]:
    """Request and response bodies without at least one named example."""
    return [where for where, _, media in _media_types(spec) if not media.get("examples")]


def _validator(spec: Spec, schema: Any) -> Draft202012Validator:
    registry: Registry[Any] = Registry().with_resource(
        SPEC_URI, Resource.from_contents(spec, default_specification=DRAFT202012)
    )
    return Draft202012Validator(
        {"$id": "urn:authkit:example", "$defs": {}, "allOf": [_absolute_refs(schema)]},
        registry=registry,
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def _absolute_refs(node: Any) -> Any:
    """Rewrite local ``#/...`` references so they resolve against the whole spec."""
    if isinstance(node, dict):
        return {
            key: (
                SPEC_URI + value
                if key == "$ref" and isinstance(value, str) and value.startswith("#")
                else _absolute_refs(value)
            )
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_absolute_refs(item) for item in node]
    return node


def _errors(spec: Spec, schema: Any, instance: Any) -> list[ValidationError]:
    return list(_validator(spec, schema).iter_errors(instance))


def invalid_examples(spec: Spec) -> list[str]:
    """Examples (bodies, parameters, response headers) that do not validate against their schema."""
    problems: list[str] = []
    for where, _, media in _media_types(spec):
        schema = media.get("schema", {})
        for name, example in media.get("examples", {}).items():
            value = resolve(spec, example).get("value")
            problems += [f"{where} example {name!r}: {error.message}" for error in _errors(spec, schema, value)]
    for operation in operations(spec):
        label = f"{operation.method.upper()} {operation.path}"
        for param_ref in operation.body.get("parameters", []):
            param = resolve(spec, param_ref)
            if "example" in param:
                problems += [
                    f"{label} parameter {param['name']!r} example: {error.message}"
                    for error in _errors(spec, param.get("schema", {}), param["example"])
                ]
        for code, response in operation.body.get("responses", {}).items():
            for name, header_ref in resolve(spec, response).get("headers", {}).items():
                header = resolve(spec, header_ref)
                if "example" in header:
                    problems += [
                        f"{label} {code} header {name!r} example: {error.message}"
                        for error in _errors(spec, header.get("schema", {}), header["example"])
                    ]
    return problems


def operation_rule_breaks(spec: Spec) -> list[str]:
    """Operations without an operationId, a single tag, explicit security or a description."""
    problems: list[str] = []
    seen: set[str] = set()
    for operation in operations(spec):
        label = f"{operation.method.upper()} {operation.path}"
        op_id = operation.operation_id
        if not op_id:
            problems.append(f"{label}: no operationId")
        elif op_id in seen:
            problems.append(f"{label}: duplicate operationId {op_id!r}")
        seen.add(op_id)
        if len(operation.body.get("tags", [])) != 1:
            problems.append(f"{label}: needs exactly one tag")
        if "security" not in operation.body:
            problems.append(f"{label}: no explicit security")
        if not operation.body.get("description"):
            problems.append(f"{label}: no description")
    return problems
