"""Where the end-to-end flows run: a deployment (the reference server started here, or the one that
``AUTHKIT_BASE_URL`` names), reached either directly or through Prism's validating proxy.

Through the proxy (``prism proxy --errors``, one per spec) every request and response is checked against the
contract on the way: a violating response becomes Prism's 500 problem+json, an invalid request Prism's own
4xx, and either may carry an ``sl-violations`` header. A response hook turns any of them into
:class:`PrismViolationError`, so a flow that meets a violation fails whatever error it was expecting.
"""

from __future__ import annotations

import functools
import json
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

import httpx

from authkit_mock.prism import PrismProcess
from authkit_sdk._core.facade import AsyncFacade
from authkit_sdk.admin import AdminClient, AsyncAdminClient
from tests.support.openapi import ContractValidator
from tests.support.server import RunningServer

BASE_URL_ENV = "AUTHKIT_BASE_URL"
"""Run the flows against this deployment (its root URL: the APIs are under ``/<slug>``) instead of starting one."""
ADMIN_TOKEN_ENV = "AUTHKIT_ADMIN_TOKEN"
"""The deployment's admin token (``--admin-token``), needed when it is not on loopback."""

PRISM_ERRORS = "https://stoplight.io/prism/errors#"
"""The ``type`` of every problem Prism writes itself (violations, its own 401/422, upstream failures)."""

# Prism's proxy follows redirects itself (stoplightio/prism#1977) and would validate the provider's login page
# as the answer of the OIDC start: that one request goes to the deployment directly, and is checked here instead.
PROXY_BYPASS: dict[str, tuple[str, ...]] = {"bixarena": ("/auth/oidc/start",)}

F = TypeVar("F")


class PrismViolationError(AssertionError):
    """Prism's validating proxy found a request or a response that breaks the contract."""


def prism_violations(response: httpx.Response) -> list[Any]:
    """What Prism reported about this exchange: its ``sl-violations`` header, or the problem it answered itself."""
    found: list[Any] = []
    header = response.headers.get("sl-violations")
    if header:
        found.extend(json.loads(header))
    if "problem+json" in response.headers.get("content-type", ""):
        body = response.json()
        if isinstance(body, dict) and str(body.get("type", "")).startswith(PRISM_ERRORS):
            found.append(body)
    return found


def check_no_violations(response: httpx.Response) -> None:
    """Raise :class:`PrismViolationError` when Prism reported anything about ``response`` (the body must be read)."""
    violations = prism_violations(response)
    if violations:
        request = response.request
        raise PrismViolationError(
            f"Prism: {request.method} {request.url} -> {response.status_code} breaks the contract: "
            + json.dumps(violations, indent=2)
        )


def _sync_check(response: httpx.Response) -> None:
    response.read()
    check_no_violations(response)


async def _async_check(response: httpx.Response) -> None:
    await response.aread()
    check_no_violations(response)


@functools.cache
def _validator(slug: str, base_url: str) -> ContractValidator:
    # Loading a contract takes about half a second: once per API and deployment.
    return ContractValidator.for_base_url(slug, base_url)


# Prism folds several Set-Cookie headers into one, joined by commas (stoplightio/prism#2676), which no cookie
# jar reads back. The server's cookies carry Max-Age, never Expires (whose date has a comma), so a comma
# followed by a cookie name and "=" starts the next cookie.
_NEXT_COOKIE = re.compile(r",\s*(?=[!#$%&'*+\-.^_`|~0-9A-Za-z]+=)")


def unfold_set_cookie(response: httpx.Response) -> httpx.Response:
    """``response`` with Prism's folded ``Set-Cookie`` split back into one header per cookie."""
    if len(response.headers.get_list("set-cookie")) != 1:
        return response
    cookies = _NEXT_COOKIE.split(response.headers["set-cookie"])
    headers = [(k, v) for k, v in response.headers.multi_items() if k.lower() != "set-cookie"]
    headers += [("set-cookie", cookie) for cookie in cookies]
    return httpx.Response(response.status_code, headers=headers, stream=response.stream, extensions=response.extensions)


class ThroughPrism(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """The transport of a client that talks to an API through Prism's proxy, around two of Prism's limits.

    Requests for the ``bypass`` paths go straight to the deployment and are checked against the contract here
    (Prism follows redirects, stoplightio/prism#1977); responses that come through Prism get their folded
    ``Set-Cookie`` unfolded (stoplightio/prism#2676).
    """

    def __init__(self, slug: str, proxy_url: str, direct_url: str, bypass: tuple[str, ...] = ()) -> None:
        self._proxy = httpx.URL(proxy_url)
        self._direct = direct_url.rstrip("/")
        self._bypass = {self._proxy.path.rstrip("/") + path for path in bypass}
        self._validator = _validator(slug, direct_url)
        self._sync = httpx.HTTPTransport()
        self._async = httpx.AsyncHTTPTransport()

    def _route(self, request: httpx.Request) -> httpx.Request | None:
        """The request to send to the deployment instead, or None to send ``request`` to the proxy."""
        if request.url.path not in self._bypass:
            return None
        relative = request.url.path.removeprefix(self._proxy.path.rstrip("/"))
        url = httpx.URL(self._direct + relative, query=request.url.query)
        headers = [(name, value) for name, value in request.headers.multi_items() if name.lower() != "host"]
        return httpx.Request(
            request.method, url, headers=headers, content=request.content, extensions=request.extensions
        )

    def _checked(self, response: httpx.Response, request: httpx.Request) -> httpx.Response:
        response.request = request
        self._validator.validate(response)
        return response

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        direct = self._route(request)
        if direct is None:
            return unfold_set_cookie(self._sync.handle_request(request))
        response = self._sync.handle_request(direct)
        response.read()
        return self._checked(response, direct)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        direct = self._route(request)
        if direct is None:
            return unfold_set_cookie(await self._async.handle_async_request(request))
        response = await self._async.handle_async_request(direct)
        await response.aread()
        return self._checked(response, direct)

    def close(self) -> None:
        self._sync.close()

    async def aclose(self) -> None:
        await self._async.aclose()


@dataclass
class Deployment:
    """A running reference server: started by the tests (``server``), or an outside one (``server`` is None)."""

    base_url: str
    server: RunningServer | None = None
    admin_token: str | None = None
    admin_problem: str | None = None
    """Why the admin API cannot be used here (then the flows that need it are skipped), or None."""

    @classmethod
    def outside(cls, base_url: str) -> Deployment:
        """The deployment at ``base_url``, with its admin API probed once."""
        deployment = cls(base_url.rstrip("/"), admin_token=os.environ.get(ADMIN_TOKEN_ENV) or None)
        try:
            with deployment.admin() as admin:
                admin.health()
        except Exception as error:  # any failure means "no admin API"; the reason is kept
            deployment.admin_problem = (
                f"the admin API at {deployment.admin_url} is not usable ({type(error).__name__}: {error}); "
                f"set {ADMIN_TOKEN_ENV} if it needs a token"
            )
        return deployment

    @property
    def admin_url(self) -> str:
        """Where the admin API of this deployment is served."""
        return f"{self.base_url}/__admin"

    def api_url(self, slug: str) -> str:
        """Where ``slug`` is served on this deployment."""
        return f"{self.base_url}/{slug}"

    def admin(self) -> AdminClient:
        """A client of this deployment's admin API."""
        return AdminClient(self.admin_token, base_url=self.admin_url)

    def async_admin(self) -> AsyncAdminClient:
        """An async client of this deployment's admin API."""
        return AsyncAdminClient(self.admin_token, base_url=self.admin_url)


@dataclass
class Target:
    """How a flow reaches a deployment: ``direct``ly, or ``via-prism`` (its validating proxy, one per API)."""

    deployment: Deployment
    proxies: Mapping[str, PrismProcess] = field(default_factory=dict)

    @property
    def proxied(self) -> bool:
        """Whether requests go through Prism's validating proxy."""
        return bool(self.proxies)

    def api_url(self, slug: str) -> str:
        """The base URL a client of ``slug`` uses."""
        return self.proxies[slug].url if self.proxied else self.deployment.api_url(slug)

    def httpx_args(self, slug: str, *, is_async: bool) -> dict[str, Any]:
        """``httpx_args`` for a facade of ``slug``: through the proxy, every response is checked for violations."""
        if not self.proxied:
            return {}
        transport = ThroughPrism(slug, self.api_url(slug), self.deployment.api_url(slug), PROXY_BYPASS.get(slug, ()))
        return {"transport": transport, "event_hooks": {"response": [_async_check if is_async else _sync_check]}}

    def client(self, cls: Callable[..., F], **kwargs: Any) -> F:
        """A facade (``PolarioClient``, ``AsyncSvixClient``, ...) of this target, with ``kwargs`` passed on."""
        slug = cls.__module__.split(".")[1]
        is_async = isinstance(cls, type) and issubclass(cls, AsyncFacade)
        return cls(base_url=self.api_url(slug), httpx_args=self.httpx_args(slug, is_async=is_async), **kwargs)
