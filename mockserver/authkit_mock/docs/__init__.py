"""``/docs``: an index of the served APIs and each one's interactive documentation (Swagger UI), from the contracts.

Every page and asset comes from this server: the contracts (``specs.py``), Swagger UI from the pinned
``swagger-ui-bundle-v2`` package (Swagger UI 5, the first to render OpenAPI 3.1), and this package's own
script and stylesheet. The served contract's ``servers`` names this server (as the browser reached it), so
"Try it out" calls the reference server and nothing else; the Content-Security-Policy enforces that
(``connect-src 'self'``). The pages are not operations of any API: never journaled, never faulted.
"""

from __future__ import annotations

import json
from html import escape
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any

from aiohttp import web

from authkit_mock.core.errors import ApiError
from authkit_mock.core.public_urls import api_prefix, base_url_of
from authkit_mock.core.routing import runtime_of
from authkit_mock.core.settings import SLUGS
from authkit_mock.core.specs import spec_file

ADMIN_DOC = "admin"

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
"""Scripts, styles and requests to this origin only (Swagger UI's icons are ``data:`` images in its CSS)."""

PAGE_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}

SWAGGER_ASSETS = {
    "swagger-ui.css": "text/css",
    "swagger-ui-bundle.js": "text/javascript",
    "favicon-32x32.png": "image/png",
}
"""The only files of the Swagger UI distribution the pages use (nothing else of the package is served)."""

OWN_ASSETS = {"docs.js": "text/javascript", "docs.css": "text/css"}


def swagger_ui_dir() -> Path | None:
    """The Swagger UI distribution of the installed ``swagger-ui-bundle-v2`` package, or None when it is missing."""
    try:
        import swagger_ui_bundle
    except ImportError:
        return None
    return Path(str(swagger_ui_bundle.swagger_ui_path))


def documented(request: web.Request) -> list[str]:
    """The contracts this server documents: the APIs it serves (canonical order), then the admin API."""
    apis = runtime_of(request).settings.apis
    return [*(slug for slug in SLUGS if slug in apis), ADMIN_DOC]


def server_url(request: web.Request, name: str) -> str:
    """Where ``name`` is served on this server, as the client reached it."""
    prefix = "/__admin" if name == ADMIN_DOC else api_prefix(request, name)
    return base_url_of(request) + prefix


class DocsSite:
    """The index, the per-API pages, the contracts and the assets; contracts are parsed on first use and kept."""

    def __init__(self) -> None:
        self.folder = resources.files(__package__ or "authkit_mock.docs")
        self._index = Template(self.folder.joinpath("index.html").read_text(encoding="utf-8"))
        self._api = Template(self.folder.joinpath("api.html").read_text(encoding="utf-8"))
        self._contracts: dict[str, dict[str, Any]] = {}

    def contract(self, request: web.Request, name: str) -> dict[str, Any]:
        """The parsed contract ``name`` (404 when this server does not serve it)."""
        if name not in documented(request):
            raise ApiError(404, f"no API named {name} on this server", code="not_found")
        if name not in self._contracts:
            import yaml  # loaded when the docs are first read, not at every start

            self._contracts[name] = yaml.safe_load(spec_file(name).read_text(encoding="utf-8"))
        return self._contracts[name]

    def served_contract(self, request: web.Request, name: str) -> dict[str, Any]:
        """The contract with ``servers`` naming only this server: "Try it out" must never reach a real service."""
        here = {"url": server_url(request, name), "description": "This authkit reference server"}
        return {**self.contract(request, name), "servers": [here]}

    async def index(self, request: web.Request) -> web.Response:
        """GET /docs: one card per contract with its title, summary, base URL, docs and raw contract."""
        cards = []
        for name in documented(request):
            info = self.contract(request, name).get("info", {})
            cards.append(
                f'<li class="card"><h2><a href="/docs/{name}">{escape(str(info.get("title", name)))}</a></h2>'
                f'<p class="summary">{escape(str(info.get("summary", "")))}</p>'
                f'<p class="base">Base URL <code>{escape(server_url(request, name))}</code></p>'
                f'<p class="links"><a href="/docs/{name}">Interactive docs</a> · '
                f'<a href="/docs/{name}/openapi.json">openapi.json</a> · '
                f'<a href="/docs/{name}/openapi.yaml">openapi.yaml</a></p></li>'
            )
        body = self._index.substitute(cards="\n    ".join(cards), base=escape(base_url_of(request)))
        return _html(body)

    async def api_page(self, request: web.Request) -> web.Response:
        """GET /docs/{name}: one API's Swagger UI (``docs.js`` starts it on ``openapi.json``)."""
        name = request.match_info["name"]
        title = str(self.contract(request, name).get("info", {}).get("title", name))
        if swagger_ui_dir() is None:
            raise ApiError(
                503,
                "Swagger UI is not installed: install the swagger-ui-bundle-v2 package (a dependency of "
                f"authkit-mockserver) for the interactive docs; the contract is at /docs/{name}/openapi.json",
                code="docs_unavailable",
            )
        return _html(self._api.substitute(title=escape(title), name=escape(name)))

    async def contract_json(self, request: web.Request) -> web.Response:
        """GET /docs/{name}/openapi.json: the contract as JSON, its ``servers`` pointing at this server."""
        contract = self.served_contract(request, request.match_info["name"])
        # default=str: a YAML timestamp left unquoted in an example would otherwise not serialise.
        return web.Response(text=json.dumps(contract, default=str), content_type="application/json")

    async def contract_yaml(self, request: web.Request) -> web.Response:
        """GET /docs/{name}/openapi.yaml: the same, as YAML."""
        contract = self.served_contract(request, request.match_info["name"])
        import yaml

        text = yaml.safe_dump(contract, sort_keys=False, allow_unicode=True, width=120)
        return web.Response(text=text, content_type="application/yaml", charset="utf-8")

    async def asset(self, request: web.Request) -> web.StreamResponse:
        """GET /docs/assets/{file}: Swagger UI's bundle and stylesheet, or this package's script and stylesheet."""
        file = request.match_info["file"]
        headers = {"Cache-Control": "public, max-age=3600", "X-Content-Type-Options": "nosniff"}
        if file in OWN_ASSETS:
            text = self.folder.joinpath(file).read_text(encoding="utf-8")
            return web.Response(text=text, content_type=OWN_ASSETS[file], charset="utf-8", headers=headers)
        folder = swagger_ui_dir()
        if file not in SWAGGER_ASSETS or folder is None:
            raise ApiError(404, f"no asset named {file}", code="not_found")
        return web.FileResponse(folder / file, headers={**headers, "Content-Type": SWAGGER_ASSETS[file]})


def _html(body: str) -> web.Response:
    return web.Response(text=body, content_type="text/html", charset="utf-8", headers=PAGE_HEADERS)


def add_docs(root: web.Application) -> None:
    """Serve ``/docs`` on ``root``: the index at ``/docs`` itself, the rest from a sub-app under ``/docs/``."""
    site = DocsSite()
    docs = web.Application()
    docs.router.add_get("/", site.index, allow_head=False)
    docs.router.add_get("/assets/{file}", site.asset, allow_head=False)
    docs.router.add_get("/{name}", site.api_page, allow_head=False)
    docs.router.add_get("/{name}/openapi.json", site.contract_json, allow_head=False)
    docs.router.add_get("/{name}/openapi.yaml", site.contract_yaml, allow_head=False)
    # A sub-app never matches its bare prefix, and "/docs" is the address people type (registered first: the
    # sub-app's resource would otherwise answer it with a 404).
    root.router.add_get("/docs", site.index, allow_head=False)
    root.add_subapp("/docs", docs)
