"""Offline answers from the contracts' examples: a respx router for tests that must not open a socket.

Each operation of the five contracts and of ``openapi/protected.yaml`` gets a route that answers its lowest
documented success status with that response's first example (body and example headers), like Prism's static
mode. Nothing is checked and nothing is remembered: a flow that needs the server's logic (SCRAM's server signature,
refresh-token rotation, expiry) needs the real server (the ``authkit`` fixture) instead. Needs ``respx``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

import httpx
import respx
import yaml

from authkit_mock.core.settings import SLUGS
from authkit_mock.core.specs import spec_file

__all__ = ["OFFLINE_SPECS", "example_answer", "offline_router"]

OFFLINE_SPECS = (*SLUGS, "protected")
"""The contracts the offline router answers for."""

_METHODS = ("get", "put", "post", "delete", "patch")
_PARAMETER = re.compile(r"\{([^}]+)\}")


def _at(spec: Mapping[str, Any], node: Any) -> Any:
    """``node`` with any chain of local ``$ref`` followed from the document's root."""
    while isinstance(node, dict) and isinstance(node.get("$ref"), str) and node["$ref"].startswith("#/"):
        target: Any = spec
        for part in node["$ref"][2:].split("/"):
            target = target[part]
        node = target
    return node


def _first_example(spec: Mapping[str, Any], holder: Mapping[str, Any]) -> tuple[bool, Any]:
    if "example" in holder:
        return True, holder["example"]
    examples = holder.get("examples") or {}
    for example in examples.values():
        return True, _at(spec, example).get("value")
    return False, None


def example_answer(spec: Mapping[str, Any], operation: Mapping[str, Any]) -> httpx.Response:
    """The response an operation's lowest success status documents by example (204 with no body if none does)."""
    responses = operation.get("responses", {})
    successes = sorted(str(code) for code in responses if str(code).startswith("2"))
    status = successes[0] if successes else "200"
    response = _at(spec, responses.get(status, responses.get(int(status), {})))
    headers: dict[str, str] = {}
    for name, header in (response.get("headers") or {}).items():
        found, value = _first_example(spec, _at(spec, header))
        if not found:
            found, value = _first_example(spec, _at(spec, header).get("schema") or {})
        if found and value is not None:
            headers[name] = str(value)
    for media_type, content in (response.get("content") or {}).items():
        found, value = _first_example(spec, content)
        if found:
            body = json.dumps(value) if "json" in media_type else str(value)
            return httpx.Response(int(status), headers={**headers, "Content-Type": media_type}, content=body)
    return httpx.Response(int(status), headers=headers)


def _answering(answer: httpx.Response) -> Any:
    status, headers, content = answer.status_code, list(answer.headers.multi_items()), answer.content

    def respond(_request: httpx.Request, **_path_parameters: str) -> httpx.Response:
        return httpx.Response(status, headers=headers, content=content)  # a fresh response for each call

    return respond


def _pattern(base_url: str, path: str) -> str:
    # ``{path}`` of the protected resource may hold slashes; every other template parameter is one segment.
    def group(match: re.Match[str]) -> str:
        return f"(?P<{match[1]}>.+)" if match[1] == "path" else f"(?P<{match[1]}>[^/]+)"

    escaped = _PARAMETER.sub(group, re.escape(path).replace(r"\{", "{").replace(r"\}", "}"))
    return "^" + re.escape(base_url.rstrip("/")) + escaped.rstrip("/") + "/?(\\?.*)?$"


def load_contract(name: str) -> dict[str, Any]:
    """A contract as shipped with the server (``authkit_mock/specs``) or in the checkout's ``openapi/``."""
    with spec_file(name).open(encoding="utf-8") as handle:
        loaded: dict[str, Any] = yaml.safe_load(handle)
    return loaded


def offline_router(base_urls: Mapping[str, str], names: Iterable[str] = OFFLINE_SPECS) -> respx.MockRouter:
    """A respx router answering every operation of ``names`` (contracts) at ``base_urls[name]`` from examples.

    Routes are named ``<name>.<operationId>`` (``router["pacerpro.create_session"].calls`` shows what was sent).
    A request no route matches raises ``respx.errors.AllMockedAssertionError``: nothing reaches the network.
    """
    router = respx.MockRouter(assert_all_called=False, assert_all_mocked=True)
    for name in names:
        spec = load_contract(name)
        for path, item in spec.get("paths", {}).items():
            for method in _METHODS:
                if method in item:
                    operation = item[method]
                    route = router.route(
                        method=method.upper(),
                        url__regex=_pattern(base_urls[name], path),
                        name=f"{name}.{operation['operationId']}",
                    )
                    route.mock(side_effect=_answering(example_answer(spec, operation)))
    return router
