"""The svix API (placeholder while it is being built)."""

from aiohttp import web

from authkit_mock.runtime import Runtime


def setup(app: web.Application, runtime: Runtime) -> None:
    """Add the svix routes to ``app``."""
