"""The calls of the generated clients, derived from the specs: every documented exchange, and how to make it offline.

For every operation of every contract and every response it documents, `exchanges` lists one `Exchange` per
named example of that response (one for a response without a body, and one that is bound to fail for a body
without an example, so that nothing documented goes untested). The other functions turn an exchange into a
call of the generated function: its arguments come from the spec's parameter examples and the first named
example of the request body, the client from the operation's security, and the canned answer from the
response's example and its header examples.

Names are derived with openapi-python-client's own naming functions (the pinned generator of
``scripts/generate``), so a test finds the module, argument or model exactly where the generator put it.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import json
from dataclasses import dataclass, field
from datetime import datetime
from types import ModuleType
from typing import Any

import httpx
from openapi_python_client.strings import ClassName, PythonIdentifier

from tests.support.specs import ALL_SPECS, Operation, Spec, load_spec, operations, resolve

# openapi-python-client's defaults; sdk/openapi-python-client.yaml changes neither.
FIELD_PREFIX = "field_"
TAG_PREFIX = "tag"

NO_BODY = "no_body"
MISSING_EXAMPLE = "missing_example"
CREDENTIAL = "authkit-test-credential"

Pair = tuple[str, str, str]


@dataclass(frozen=True)
class Exchange:
    """One documented answer of one operation: the response for ``status``, with its example ``example_name``."""

    spec_name: str
    operation: Operation
    status: str
    example_name: str
    spec: Spec = field(repr=False, compare=False, hash=False)

    @property
    def pair(self) -> Pair:
        return (self.spec_name, self.operation.operation_id, self.status)

    @property
    def id(self) -> str:
        return f"{self.spec_name}-{self.operation.operation_id}-{self.status}-{self.example_name}"

    @property
    def media(self) -> tuple[str, dict[str, Any]] | None:
        """The response's media type and media object (the first: the generator only reads that one)."""
        return response_media(self.spec, self.operation, self.status)

    @property
    def example(self) -> Any:
        """The example body this exchange answers with."""
        media = self.media
        if media is None:
            raise LookupError(f"{self.id}: the response has no body")
        examples = named_examples(self.spec, media[1])
        if self.example_name not in examples:
            raise LookupError(f"{self.id}: the response body has no example (add one under `examples`)")
        return examples[self.example_name]


@dataclass(frozen=True)
class RequestExample:
    """One named example of an operation's request body."""

    spec_name: str
    operation: Operation
    example_name: str
    value: Any
    spec: Spec = field(repr=False, compare=False, hash=False)

    @property
    def id(self) -> str:
        return f"{self.spec_name}-{self.operation.operation_id}-{self.example_name}"


def documented_pairs(spec: Spec, spec_name: str) -> set[Pair]:
    """Every (spec, operationId, status) that ``spec`` documents."""
    return {(spec_name, op.operation_id, status) for op in operations(spec, spec_name) for status in op.statuses}


def exchanges(spec: Spec, spec_name: str) -> list[Exchange]:
    """Every documented exchange of ``spec``: one per (operation, status, named response example)."""
    found: list[Exchange] = []
    for operation in operations(spec, spec_name):
        for status in operation.statuses:
            media = response_media(spec, operation, status)
            names = [NO_BODY] if media is None else (list(named_examples(spec, media[1])) or [MISSING_EXAMPLE])
            found.extend(Exchange(spec_name, operation, status, name, spec) for name in names)
    return found


def request_examples(spec: Spec, spec_name: str) -> list[RequestExample]:
    """Every named example of every request body of ``spec``."""
    found: list[RequestExample] = []
    for operation in operations(spec, spec_name):
        media = request_media(spec, operation)
        if media is not None:
            for name, value in named_examples(spec, media[1]).items():
                found.append(RequestExample(spec_name, operation, name, value, spec))
    return found


@functools.cache
def _spec(name: str) -> Spec:
    return load_spec(name)


def all_exchanges() -> list[Exchange]:
    """The documented exchanges of every contract (the five APIs and the admin API)."""
    return [exchange for name in ALL_SPECS for exchange in exchanges(_spec(name), name)]


def all_request_examples() -> list[RequestExample]:
    """The request body examples of every contract."""
    return [example for name in ALL_SPECS for example in request_examples(_spec(name), name)]


def all_documented_pairs() -> set[Pair]:
    """Every (spec, operationId, status) of every contract."""
    return {pair for name in ALL_SPECS for pair in documented_pairs(_spec(name), name)}


# --- reading the spec -------------------------------------------------------------------------------------------


def named_examples(spec: Spec, node: dict[str, Any]) -> dict[str, Any]:
    """The examples of a media type, parameter or header by name (a lone ``example`` is named ``example``)."""
    examples = node.get("examples")
    if isinstance(examples, dict) and examples:
        return {name: resolve(spec, example)["value"] for name, example in examples.items()}
    if "example" in node:
        return {"example": node["example"]}
    return {}


def example_of(spec: Spec, node: dict[str, Any]) -> Any:
    """The first example of a parameter or header: its own, else its schema's."""
    named = named_examples(spec, node)
    if named:
        return next(iter(named.values()))
    schema = resolve(spec, node.get("schema", {}))
    if schema.get("examples"):
        return schema["examples"][0]
    if "example" in schema:
        return schema["example"]
    raise LookupError(f"no example for {node.get('name', node)!r}: add `example` to it")


def response_media(spec: Spec, operation: Operation, status: str) -> tuple[str, dict[str, Any]] | None:
    """The first media type of a response and its media object, or None for a response without a body."""
    response = resolve(spec, operation.body["responses"][status])
    content: dict[str, Any] = response.get("content") or {}
    return next(iter(content.items()), None)


def request_media(spec: Spec, operation: Operation) -> tuple[str, dict[str, Any]] | None:
    """The first media type of the request body and its media object, or None without a request body."""
    body = resolve(spec, operation.body.get("requestBody"))
    if not body:
        return None
    content: dict[str, Any] = body.get("content") or {}
    return next(iter(content.items()), None)


def response_headers(exchange: Exchange) -> list[tuple[str, str]]:
    """The response's documented headers, each with its example value."""
    response = resolve(exchange.spec, exchange.operation.body["responses"][exchange.status])
    headers: dict[str, Any] = response.get("headers") or {}
    return [(name, str(example_of(exchange.spec, resolve(exchange.spec, h)))) for name, h in headers.items()]


def parameters(spec: Spec, operation: Operation) -> list[dict[str, Any]]:
    """The operation's parameters, resolved: its path's, overridden by its own with the same name and location."""
    shared = spec["paths"][operation.path].get("parameters", [])
    merged: dict[tuple[str, str], dict[str, Any]] = {}
    for parameter in [*shared, *operation.body.get("parameters", [])]:
        resolved = resolve(spec, parameter)
        merged[resolved["name"], resolved["in"]] = resolved
    return list(merged.values())


def security_scheme(spec: Spec, operation: Operation) -> dict[str, Any] | None:
    """The scheme of the operation's first security requirement that names one (None when it is anonymous)."""
    # An operation's own `security` (even `[]`) replaces the document's.
    requirements: list[dict[str, Any]] = (
        operation.body["security"] if "security" in operation.body else spec.get("security", [])
    )
    for requirement in requirements:
        for name in requirement:
            scheme: dict[str, Any] = spec["components"]["securitySchemes"][name]
            return scheme
    return None


# --- the generated code -----------------------------------------------------------------------------------------


def generated_package(spec_name: str) -> str:
    return f"authkit_sdk.{spec_name}._generated"


def generated_module(spec_name: str, operation: Operation) -> ModuleType:
    """The generated module of an operation: ``api/<tag>/<operationId>.py``, named as the generator names them."""
    tag = PythonIdentifier(operation.body.get("tags", ["default"])[0], TAG_PREFIX)
    name = PythonIdentifier(operation.operation_id, FIELD_PREFIX)
    return importlib.import_module(f"{generated_package(spec_name)}.api.{tag}.{name}")


def model_class(spec_name: str, class_name: str) -> type[Any]:
    """A class of the generated ``models`` package."""
    models = importlib.import_module(f"{generated_package(spec_name)}.models")
    found = getattr(models, class_name, None)
    if not isinstance(found, type):
        raise LookupError(f"the generated {spec_name} models have no class {class_name}")
    return found


def schema_class_name(schema: dict[str, Any], inline_name: str) -> str:
    """The class the generator makes for a body schema: its component's name, or ``inline_name`` for an inline one."""
    ref = schema.get("$ref")
    name = ref.rsplit("/", 1)[-1] if isinstance(ref, str) else inline_name
    return ClassName(name, FIELD_PREFIX)


def response_class(exchange: Exchange) -> type[Any] | None:
    """The generated class the response body parses into, or None for a response without a body."""
    media = exchange.media
    if media is None:
        return None
    inline = f"{exchange.operation.operation_id}_response_{exchange.status}"
    return model_class(exchange.spec_name, schema_class_name(media[1]["schema"], inline))


def request_body(spec: Spec, spec_name: str, operation: Operation, value: Any) -> Any:
    """The generated model of the request body holding ``value``."""
    media = request_media(spec, operation)
    if media is None:
        raise LookupError(f"{operation} has no request body")
    cls = model_class(spec_name, schema_class_name(media[1]["schema"], f"{operation.operation_id}_body"))
    return cls.from_dict(value)


def arguments(spec: Spec, spec_name: str, operation: Operation, module: ModuleType) -> dict[str, Any]:
    """The arguments of the generated call (except ``client``): every parameter's example and the first body example.

    Optional parameters are passed too, so that their serialisation is checked as well.
    """
    accepted = inspect.signature(module.sync_detailed).parameters
    found: dict[str, Any] = {}
    for parameter in parameters(spec, operation):
        name = PythonIdentifier(parameter["name"], FIELD_PREFIX)
        if name not in accepted:
            raise LookupError(f"{operation}: the generated call takes no argument {name} for {parameter['name']!r}")
        found[name] = example_of(spec, parameter)
    media = request_media(spec, operation)
    if media is not None:
        examples = named_examples(spec, media[1])
        if not examples:
            raise LookupError(f"{operation}: the request body has no example")
        found["body"] = request_body(spec, spec_name, operation, next(iter(examples.values())))
    return found


def client(spec: Spec, spec_name: str, operation: Operation, module: ModuleType, **settings: Any) -> Any:
    """A generated client for the operation, with credentials for its security scheme.

    ``AuthenticatedClient`` when the generated function requires it (the operation declares ``security``),
    else ``Client``. A header scheme's credential goes in its header; a cookie scheme's in the client's cookie
    jar (never per request: httpx deprecates that). ``AuthenticatedClient`` always sends its token header as
    well, also beside a cookie scheme: an extra header, which the contract allows.
    """
    clients = importlib.import_module(f"{generated_package(spec_name)}.client")
    scheme = security_scheme(spec, operation) or {}
    headers: dict[str, str] = {}
    cookies: dict[str, str] = {}
    token = {"token": CREDENTIAL}
    if scheme.get("type") == "http" and scheme.get("scheme", "").lower() == "bearer":
        headers["Authorization"] = f"Bearer {CREDENTIAL}"
        token |= {"prefix": "Bearer", "auth_header_name": "Authorization"}
    elif scheme.get("type") == "apiKey" and scheme.get("in") == "header":
        headers[scheme["name"]] = CREDENTIAL
        token |= {"prefix": "", "auth_header_name": scheme["name"]}
    elif scheme.get("type") == "apiKey" and scheme.get("in") == "cookie":
        cookies[scheme["name"]] = CREDENTIAL
    elif scheme:
        raise NotImplementedError(f"{operation}: no test credentials for the security scheme {scheme}")
    annotation = inspect.signature(module.sync_detailed).parameters["client"].annotation
    if annotation is clients.AuthenticatedClient:
        return clients.AuthenticatedClient(**token, cookies=cookies, **settings)
    return clients.Client(headers=headers, cookies=cookies, **settings)


def canned_response(exchange: Exchange) -> httpx.Response:
    """The documented answer: the status, the example body with its media type, and the example headers."""
    headers = response_headers(exchange)
    media = exchange.media
    if media is None:
        return httpx.Response(int(exchange.status), headers=headers)
    content = json.dumps(exchange.example).encode()
    return httpx.Response(int(exchange.status), headers=[*headers, ("Content-Type", media[0])], content=content)


# --- comparing values -------------------------------------------------------------------------------------------


def comparable(spec: Spec, schema: Any, value: Any) -> Any:
    """``value`` with every ``format: date-time`` string (per ``schema``) turned into a datetime.

    The generated models parse date-times and write them back in Python's ISO format (``+00:00`` for ``Z``,
    microseconds for milliseconds): the same instant, spelled differently. Everything else must come back as is.
    """
    schema = resolve(spec, schema)
    if not isinstance(schema, dict):
        return value
    for key in ("allOf", "anyOf", "oneOf"):
        for option in schema.get(key, []):
            value = comparable(spec, option, value)
    if isinstance(value, str) and schema.get("format") == "date-time":
        return datetime.fromisoformat(value)
    if isinstance(value, list):
        return [comparable(spec, schema.get("items", {}), item) for item in value]
    if isinstance(value, dict):
        properties: dict[str, Any] = schema.get("properties", {})
        extra = schema.get("additionalProperties", {})
        return {
            key: comparable(spec, properties.get(key, extra if isinstance(extra, dict) else {}), item)
            for key, item in value.items()
        }
    return value
