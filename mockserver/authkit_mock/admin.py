"""The admin API (placeholder while it is being built)."""

from aiohttp import web

from authkit_mock.runtime import Runtime


def create_admin_app(runtime: Runtime) -> web.Application:
    """The admin sub-app."""
    return web.Application()
