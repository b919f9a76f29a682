"""Upstream facts against the specs: every difference is either a listed deviation or a problem.

``openapi/facts/<slug>.yaml`` holds, per API, the facts the spec is built on (operations, statuses, security,
parameters, request and response fields with their type, requiredness, nullability and constraints, response
media types and headers), each citing its source (a repository, commit and path, or the seed page), and the
list of deliberate deviations, each with its reason. :func:`differences` compares the two in both
directions (a fact the spec breaks; an operation, status, parameter or field the spec has and no fact names),
and :func:`unexplained` keeps the differences no deviation lists, plus the deviations that no longer match a
difference (so the list cannot go stale).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from tests.support.specs import ROOT, Spec, operations, resolve

FACTS_DIR = ROOT / "openapi" / "facts"
ATTRIBUTES = (
    "type",
    "nullable",
    "required",
    "format",
    "enum",
    "minLength",
    "maxLength",
    "pattern",
    "minimum",
    "maximum",
    "minItems",
    "maxItems",
    "uniqueItems",
)
ITEM_ATTRIBUTES = ("type", "format", "minLength", "maxLength", "pattern")
FLAGS = ("nullable", "required", "uniqueItems")  # absent means false, on both sides
KEY_FIELDS = ("op", "fact", "status", "name", "attribute")
Facts = dict[str, Any]


def facts_path(slug: str) -> Path:
    """The facts table of the API ``slug``."""
    return FACTS_DIR / f"{slug}.yaml"


@functools.cache
def _load(slug: str) -> str:
    return facts_path(slug).read_text(encoding="utf-8")


def load_facts(slug: str) -> Facts:
    """A fresh parse of the facts table of ``slug``, safe to modify in a test."""
    loaded: Facts = yaml.safe_load(_load(slug))
    return loaded


@dataclass(frozen=True)
class Difference:
    """One place where the spec and a fact (or the absence of one) disagree."""

    op: str
    fact: str
    status: str = ""
    name: str = ""
    attribute: str = ""
    detail: str = ""

    @property
    def key(self) -> tuple[str, ...]:
        return (self.op, self.fact, self.status, self.name, self.attribute)

    def __str__(self) -> str:
        where = " ".join(part for part in (self.status, self.name, self.attribute) if part)
        return f"{self.op}: {self.fact} {where}: {self.detail}".replace("  ", " ")


def expand(rows: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Rows with a list of operations or statuses, as one row per operation and status."""
    for row in rows:
        ops = row["op"] if isinstance(row["op"], list) else [row["op"]]
        statuses = row.get("status", "")
        for op in ops:
            for status in statuses if isinstance(statuses, list) else [statuses]:
                yield {**row, "op": op, "status": str(status)}


def _key(row: dict[str, Any]) -> tuple[str, ...]:
    return tuple(str(row.get(part, "")) for part in KEY_FIELDS)


def source_problems(facts: Facts) -> list[str]:
    """Facts without a known source, sources without repository/commit/path, deviations without a reason."""
    sources = facts.get("sources", {})
    problems: list[str] = []
    for name, source in sources.items():
        if source.get("seed") or (source.get("document") and source.get("url")):
            continue
        missing = [part for part in ("repository", "commit", "path") if not source.get(part)]
        if missing or not re.fullmatch(r"[0-9a-f]{40}", str(source.get("commit", ""))):
            problems.append(f"source {name!r}: needs repository, a 40-hex commit and path")
    for row in expand(facts.get("facts", [])):
        if row.get("source") not in sources:
            problems.append(f"{row['op']}: {row['fact']} {row.get('name', '')}: unknown source {row.get('source')!r}")
    for row in expand(facts.get("deviations", [])):
        if not str(row.get("reason", "")).strip():
            problems.append(f"deviation {_key(row)}: no reason")
    return problems


def _spec_operations(spec: Spec) -> dict[str, Any]:
    return {operation.operation_id: operation for operation in operations(spec)}


def _field_schema(spec: Spec, holder: Any) -> tuple[dict[str, Any], set[str]]:
    """The properties and required names of the first media type of a request body or response."""
    content = resolve(spec, holder or {}).get("content", {})
    if not content:
        return {}, set()
    schema = resolve(spec, next(iter(content.values())).get("schema", {}))
    return schema.get("properties", {}), set(schema.get("required", []))


def _normalise(spec: Spec, schema: Any, required: bool | None, names: tuple[str, ...]) -> dict[str, Any]:
    """A property schema as the facts describe it: one type, ``nullable`` apart, absent keywords as None.

    OpenAPI 3.1 spells "this schema or null" for a ``$ref`` as ``oneOf``/``anyOf`` of the schema and
    ``{type: 'null'}``; that reads as the schema, nullable (upstream's 3.0 spelling: ``$ref`` plus ``nullable``),
    and a ``oneOf``/``anyOf`` of the schema alone as the schema.
    """
    schema = resolve(spec, schema)
    branches = schema.get("oneOf") or schema.get("anyOf") or []
    others = [branch for branch in branches if resolve(spec, branch).get("type") != "null"]
    if "type" not in schema and len(others) == 1 and len(branches) <= 2:
        other = resolve(spec, others[0])
        kind = other.get("type")
        null = ["null"] if len(branches) == 2 else []
        schema = {**other, "type": [*(kind if isinstance(kind, list) else [kind]), *null]}
    kinds = schema.get("type")
    kinds = list(kinds) if isinstance(kinds, list) else [kinds]
    described: dict[str, Any] = {name: schema.get(name) for name in names}
    if "uniqueItems" in names:
        described["uniqueItems"] = bool(schema.get("uniqueItems"))
    described["nullable"] = "null" in kinds
    real = [kind for kind in kinds if kind != "null"]
    described["type"] = real[0] if len(real) == 1 else real or None
    if required is not None:
        described["required"] = required
    return described


def _compare(
    op: str, fact: str, status: str, name: str, expected: dict[str, Any], actual: dict[str, Any]
) -> list[Difference]:
    found: list[Difference] = []
    for attribute, have in actual.items():
        wanted = expected.get(attribute, False if attribute in FLAGS else None)
        if wanted != have:
            found.append(Difference(op, fact, status, name, attribute, f"upstream {wanted!r}, spec {have!r}"))
    return found


def _field_differences(spec: Spec, row: dict[str, Any], holder: Any) -> list[Difference]:
    op, fact, status, name = row["op"], row["fact"], row["status"], row["name"]
    properties, required = _field_schema(spec, holder)
    if name not in properties:
        return [Difference(op, fact, status, name, "presence", "upstream has it, the spec does not")]
    schema = resolve(spec, properties[name])
    found = _compare(op, fact, status, name, row, _normalise(spec, schema, name in required, ATTRIBUTES))
    if "items" in row or schema.get("type") == "array" or "array" in (schema.get("type") or []):
        items = _normalise(spec, schema.get("items", {}), None, ITEM_ATTRIBUTES)
        found += _compare(op, fact, status, f"{name}[]", row.get("items", {}), items)
    return found


def _parameter(spec: Spec, operation: Any, where: str, name: str) -> dict[str, Any] | None:
    for reference in operation.body.get("parameters", []):
        param = resolve(spec, reference)
        if param.get("in") == where and param.get("name", "").lower() == name.lower():
            return dict(param)
    return None


def _security(spec: Spec, operation: Any) -> list[str]:
    schemes = spec.get("components", {}).get("securitySchemes", {})
    described: list[str] = []
    for requirement in operation.body.get("security", []):
        for scheme_name in requirement:
            scheme = schemes.get(scheme_name, {})
            parts = [scheme.get("type"), scheme.get("scheme") or scheme.get("in"), scheme.get("name")]
            described.append(" ".join(str(part) for part in parts if part))
    return sorted(described)


def _schema_field_differences(spec: Spec, row: dict[str, Any]) -> list[Difference]:
    """A field of a named component schema (for nested objects, e.g. one JWK of a JWKS)."""
    schema = resolve(spec, spec.get("components", {}).get("schemas", {}).get(row["op"], {}))
    properties = schema.get("properties", {})
    if row["name"] not in properties:
        return [Difference(row["op"], row["fact"], "", row["name"], "presence", "upstream has it, the spec does not")]
    described = _normalise(spec, properties[row["name"]], row["name"] in schema.get("required", []), ATTRIBUTES)
    return _compare(row["op"], row["fact"], "", row["name"], row, described)


def _fact_differences(spec: Spec, row: dict[str, Any], ops: dict[str, Any]) -> list[Difference]:
    op, fact, status = row["op"], row["fact"], row["status"]
    if fact == "schema-field":
        return _schema_field_differences(spec, row)
    operation = ops.get(op)
    if operation is None:
        return [Difference(op, "operation", detail="upstream has it, the spec does not")]
    responses = operation.body.get("responses", {})
    response = resolve(spec, responses.get(status)) if status else None
    if fact == "operation":
        actual = {"method": operation.method, "path": operation.path}
        return _compare(op, fact, "", "", {k: row.get(k) for k in actual}, actual)
    if fact == "status":
        return [] if status in responses else [Difference(op, fact, status, "", "presence", "missing in the spec")]
    if status and response is None:
        return []  # the missing status is reported by its own fact
    if fact == "security":
        actual_security = _security(spec, operation)
        wanted = sorted(row.get("schemes", []))
        return (
            []
            if wanted == actual_security
            else [Difference(op, fact, detail=f"upstream {wanted}, spec {actual_security}")]
        )
    if fact == "parameter":
        param = _parameter(spec, operation, row["in"], row["name"])
        if param is None:
            return [Difference(op, fact, "", row["name"], "presence", "upstream has it, the spec does not")]
        described = _normalise(spec, param.get("schema", {}), bool(param.get("required")), ATTRIBUTES)
        return _compare(op, fact, "", row["name"], row, described)
    if fact == "request-field":
        return _field_differences(spec, row, operation.body.get("requestBody"))
    if fact == "response-field":
        return _field_differences(spec, row, response)
    if fact == "response-media":
        media = sorted(resolve(spec, response).get("content", {}))
        wanted = sorted(row.get("media", []))
        return [] if media == wanted else [Difference(op, fact, status, "", "", f"upstream {wanted}, spec {media}")]
    if fact == "response-header":
        headers = {name.lower() for name in resolve(spec, response).get("headers", {})}
        present = row["name"].lower() in headers
        return [] if present else [Difference(op, fact, status, row["name"], "presence", "missing in the spec")]
    raise ValueError(f"unknown kind of fact {fact!r}")


def _unnamed_differences(spec: Spec, rows: list[dict[str, Any]], ops: dict[str, Any]) -> list[Difference]:
    """Operations, statuses, parameters and body fields the spec has and no fact names."""
    named = {_key({**row, "attribute": ""}) for row in rows}
    found: list[Difference] = []

    def unnamed(op: str, fact: str, status: str = "", name: str = "") -> None:
        if (op, fact, status, name, "") not in named:
            found.append(Difference(op, fact, status, name, "presence", "in the spec, not upstream"))

    for op, operation in ops.items():
        if (op, "operation", "", "", "") not in named:
            found.append(Difference(op, "operation", detail="in the spec, not upstream"))
            continue
        for reference in operation.body.get("parameters", []):
            unnamed(op, "parameter", "", resolve(spec, reference)["name"])
        for name in _field_schema(spec, operation.body.get("requestBody"))[0]:
            unnamed(op, "request-field", "", name)
        for status, response in operation.body.get("responses", {}).items():
            if (op, "status", str(status), "", "") not in named:
                unnamed(op, "status", str(status))
                continue  # the status's own deviation covers its body
            for name in _field_schema(spec, response)[0]:
                unnamed(op, "response-field", str(status), name)
    return found


def differences(spec: Spec, facts: Facts) -> list[Difference]:
    """Every place where ``spec`` and ``facts`` disagree, listed or not."""
    ops = _spec_operations(spec)
    rows = [{**row, "name": str(row.get("name", row.get("field", "")))} for row in expand(facts.get("facts", []))]
    found: list[Difference] = []
    for row in rows:
        found += _fact_differences(spec, row, ops)
    unique = {difference.key: difference for difference in found + _unnamed_differences(spec, rows, ops)}
    return list(unique.values())


def unexplained(spec: Spec, facts: Facts) -> list[str]:
    """Differences that no deviation lists, and deviations that match no difference (stale)."""
    found = differences(spec, facts)
    listed = {
        _key({**row, "name": str(row.get("name", row.get("field", "")))}) for row in expand(facts.get("deviations", []))
    }
    problems = [f"not listed as a deviation: {difference}" for difference in found if difference.key not in listed]
    seen = {difference.key for difference in found}
    problems += [
        f"deviation matches no difference (stale): {' '.join(part for part in key if part)}"
        for key in sorted(listed - seen)
    ]
    return problems
