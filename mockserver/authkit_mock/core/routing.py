"""Registering an API's operations: each route is named by its spec's operationId for the journal and faults."""

from __future__ import annotations

from aiohttp import web
from aiohttp.typedefs import Handler

from authkit_mock.core.runtime import RUNTIME, Runtime


def add_operation(
    app: web.Application,
    runtime: Runtime,
    api: str,
    method: str,
    path: str,
    handler: Handler,
    operation_id: str,
    *,
    optional_trailing_slash: bool = False,
) -> None:
    """Serve ``operation_id`` of ``api`` at ``method path`` (and at its other spelling, with or without the trailing
    slash, when asked)."""
    paths = [path]
    if optional_trailing_slash:
        paths.append(path.rstrip("/") if path.endswith("/") else path + "/")
    for spelling in paths:
        route = app.router.add_route(method, spelling, handler)
        runtime.register(route, api, operation_id)


def runtime_of(request: web.Request) -> Runtime:
    """The server's runtime, from any app of the request's chain.

    Every app the factory mounts holds it (``app.py``), so the request's own app answers; ``config_dict`` (which
    builds a chain of the apps on every call) is only the fallback for an app that does not.
    """
    try:
        return request.app[RUNTIME]
    except KeyError:
        return request.config_dict[RUNTIME]
