"""Validating real HTTP exchanges (httpx requests and responses) against a contract, with openapi-core.

openapi-core has no httpx integration, so two small adapters implement its Request and Response protocols.
The spec's ``servers`` are replaced with the prefix the API is served under, because a fixed host and port
would not match the ephemeral ports tests use (TOOLING.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx
from openapi_core import Config, OpenAPI
from openapi_core.datatypes import RequestParameters
from openapi_core.deserializing.media_types.util import json_loads
from werkzeug.datastructures import Headers, ImmutableMultiDict

from tests.support.specs import load_spec


@dataclass
class HttpxRequest:
    """An httpx request seen through openapi-core's Request protocol."""

    request: httpx.Request
    parameters: RequestParameters = field(init=False)

    def __post_init__(self) -> None:
        cookies: dict[str, str] = {}
        for part in self.request.headers.get("cookie", "").split(";"):
            name, _, value = part.strip().partition("=")
            if name:
                cookies[name] = value
        self.parameters = RequestParameters(
            query=ImmutableMultiDict(list(self.request.url.params.multi_items())),
            header=Headers(list(self.request.headers.items())),
            cookie=ImmutableMultiDict(list(cookies.items())),
        )

    @property
    def host_url(self) -> str:
        url = self.request.url
        return f"{url.scheme}://{url.netloc.decode()}"

    @property
    def path(self) -> str:
        return self.request.url.path

    @property
    def method(self) -> str:
        return self.request.method.lower()

    @property
    def body(self) -> bytes | None:
        content = self.request.content
        return content or None

    @property
    def content_type(self) -> str:
        return str(self.request.headers.get("content-type", "")).lower()


@dataclass
class HttpxResponse:
    """An httpx response seen through openapi-core's Response protocol."""

    response: httpx.Response

    @property
    def status_code(self) -> int:
        return self.response.status_code

    @property
    def content_type(self) -> str:
        return str(self.response.headers.get("content-type", "")).lower()

    @property
    def headers(self) -> Headers:
        return Headers(list(self.response.headers.multi_items()))

    @property
    def data(self) -> bytes | None:
        return self.response.content or None


class ContractValidator:
    """Checks requests and responses against one contract served under ``prefix`` (e.g. ``/svix``, or ``/``)."""

    def __init__(self, name: str, prefix: str = "/") -> None:
        spec: dict[str, Any] = load_spec(name)
        spec["servers"] = [{"url": prefix}]
        self.name = name
        # openapi-core has no deserializer for RFC 7807 problem documents (bixarena's errors): they are JSON.
        config = Config(extra_media_type_deserializers={"application/problem+json": json_loads})
        self._openapi = OpenAPI.from_dict(spec, config=config)

    @classmethod
    def for_base_url(cls, name: str, base_url: str) -> ContractValidator:
        """A validator for a contract served at ``base_url`` (only its path counts)."""
        return cls(name, urlsplit(base_url).path or "/")

    def validate_request(self, request: httpx.Request) -> None:
        """Raise when the request breaks the contract."""
        self._openapi.validate_request(HttpxRequest(request))

    def validate_response(self, response: httpx.Response) -> None:
        """Raise when the response (to its request) breaks the contract."""
        response.read()
        self._openapi.validate_response(HttpxRequest(response.request), HttpxResponse(response))

    def validate(self, response: httpx.Response) -> None:
        """Raise when the request or its response breaks the contract."""
        self.validate_request(response.request)
        self.validate_response(response)

    def hook(self) -> dict[str, list[Any]]:
        """httpx ``event_hooks`` that validate every exchange of a client (for ``httpx.Client(event_hooks=...)``)."""
        return {"response": [self.validate]}
