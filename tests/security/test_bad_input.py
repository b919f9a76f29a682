"""Bad input never breaks the server: every operation of every spec meets the whole corpus (``bad_inputs.py``).

Every answer is a status the operation documents, with a body its contract allows (checked with openapi-core), or
404/405/413, which no spec can list for every operation, with a body of the API's documented error shape. No
answer is a 5xx or carries a stack trace or a source path; afterwards the server still serves a real login.
Unexpected methods on every path and unknown paths under every API complete the corpus.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from openapi_schema_validator import OAS31Validator

from tests.conftest import make_settings
from tests.security.actors import PACERPRO_EMAIL, PACERPRO_PASSWORD, TRUST, validator
from tests.security.bad_inputs import INPUTS, BadInput, path_of, prefix_of, svix_credentials
from tests.support.server import RunningServer, running_server
from tests.support.specs import ALL_SPECS, Operation, load_spec, operations

OPERATIONS = [operation for name in ALL_SPECS for operation in operations(load_spec(name), name)]
ERROR_SCHEMAS = {
    "authlance": "ControllersAuthErrorResponse",
    "polario": "ModelSwagError",
    "svix": "HttpErrorOut",
    "bixarena": "BasicError",
    "pacerpro": "Error",
    "admin": "AdminError",
}
"""Each API's documented error body, for the statuses a spec cannot list (404, 405, 413)."""
UNLISTED = (404, 405, 413)
LEAKS = re.compile(r"Traceback|File \"|site-packages|\w+\.py\b|/(?:home|usr|root|srv|opt|work)/")
"""What a stack trace or a server path looks like in a body."""


@pytest.fixture(scope="module")
def corpus_server() -> Iterator[RunningServer]:
    """One server takes the whole corpus, without resets in between: it must stay up and correct throughout."""
    with running_server(make_settings()) as started:
        yield started


@pytest.fixture(scope="module")
def http() -> Iterator[httpx.Client]:
    with httpx.Client(verify=TRUST, timeout=30) as client:
        yield client


@functools.cache
def error_validator(api: str) -> OAS31Validator:
    spec = load_spec(api)
    return OAS31Validator({"$ref": f"#/components/schemas/{ERROR_SCHEMAS[api]}", "components": spec["components"]})


def assert_clean(api: str, operation: Operation | None, response: httpx.Response, parser_level: bool = False) -> None:
    """A documented answer of ``operation`` (None: of no operation), or an unlisted one in ``api``'s error shape."""
    response.read()
    status = response.status_code
    assert status < 500, response.text
    assert not LEAKS.search(response.text), response.text
    if parser_level and status == 400 and response.headers["content-type"].startswith("text/plain"):
        return  # aiohttp's own parser refused the request before the application saw it
    if operation is not None and str(status) in operation.statuses:
        validator(api).validate_response(without_streamed_body(response))
        return
    assert status in UNLISTED, f"{status} is not documented: {response.text}"
    if response.request.method != "HEAD":
        error_validator(api).validate(response.json())


def without_streamed_body(response: httpx.Response) -> httpx.Response:
    """The response to a copy of its request without a streamed body (openapi-core reads request bodies, and a
    stream can be read once; the response's check does not depend on the request body)."""
    request = response.request
    if not isinstance(request.stream, httpx.SyncByteStream) or isinstance(request.stream, httpx.ByteStream):
        return response
    bodiless = httpx.Request(request.method, request.url, headers=request.headers)
    return httpx.Response(response.status_code, headers=response.headers, content=response.content, request=bodiless)


def credentials(server: RunningServer, api: str) -> dict[str, str]:
    """What gets each API past authentication, so that its body checks are reached."""
    if api != "pacerpro":
        return svix_credentials(api)
    login = {"email": PACERPRO_EMAIL, "password": PACERPRO_PASSWORD}
    token = httpx.post(f"{server.api_url('pacerpro')}/session", json=login, verify=TRUST).json()["jwtToken"]
    return {"Authorization": f"Bearer {token}"}


CASES = [
    pytest.param(operation, bad, id=f"{operation.spec_name}.{operation.operation_id}-{bad.name}")
    for operation in OPERATIONS
    for bad in INPUTS
]


@pytest.mark.parametrize(("operation", "bad"), CASES)
def test_bad_input_gets_a_documented_answer(
    corpus_server: RunningServer, http: httpx.Client, operation: Operation, bad: BadInput
) -> None:
    request = bad.build(operation)
    headers = {**credentials(corpus_server, operation.spec_name), **request.headers}
    content: Any = request.content() if callable(request.content) else request.content
    response = http.request(request.method, f"{corpus_server.url}{request.path}", headers=headers, content=content)
    assert_clean(operation.spec_name, operation if request.same_operation else None, response, bad.parser_level)


def unexpected_methods() -> Iterator[Any]:
    for name in ALL_SPECS:
        for path, item in load_spec(name)["paths"].items():
            example = next(op for op in operations({"paths": {path: item}}, name))
            for method in ("get", "post", "put", "patch", "delete", "options", "head"):
                if method not in item:
                    yield pytest.param(example, method.upper(), id=f"{name}.{path}-{method}")


@pytest.mark.parametrize(("operation", "method"), list(unexpected_methods()))
def test_an_unexpected_method_gets_405_with_allow_in_the_apis_error_shape(
    corpus_server: RunningServer, http: httpx.Client, operation: Operation, method: str
) -> None:
    headers = svix_credentials(operation.spec_name)
    response = http.request(method, f"{corpus_server.url}{path_of(operation)}", headers=headers)
    assert response.status_code == 405
    assert "Allow" in response.headers
    assert_clean(operation.spec_name, None, response)


UNKNOWN_PATHS = [
    pytest.param(name, suffix, id=f"{name}-{label}")
    for name in ALL_SPECS
    for label, suffix in (
        ("unknown_path", "/no/such/path"),
        ("trailing_segment", "/session/extra/x"),
        ("dot_segments", "/%2e%2e/%2e%2e/etc/passwd"),
    )
]


@pytest.mark.parametrize(("api", "suffix"), UNKNOWN_PATHS)
def test_an_unknown_path_gets_404_in_the_apis_error_shape(
    corpus_server: RunningServer, http: httpx.Client, api: str, suffix: str
) -> None:
    response = http.get(f"{corpus_server.url}{prefix_of(api)}{suffix}", headers=svix_credentials(api))
    assert response.status_code == 404, response.text
    assert_clean(api, None, response)


def test_after_the_corpus_the_server_still_serves_logins_and_its_health(corpus_server: RunningServer) -> None:
    health = httpx.get(f"{corpus_server.url}/__admin/health", verify=TRUST)
    assert health.status_code == 200
    assert health.json()["status"] == "ok"
    assert credentials(corpus_server, "pacerpro")["Authorization"].startswith("Bearer ey")
