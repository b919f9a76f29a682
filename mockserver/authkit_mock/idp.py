"""The embedded identity provider (placeholder while it is being built)."""

from aiohttp import web

from authkit_mock.runtime import Runtime


def create_idp_app(runtime: Runtime) -> web.Application:
    """The IdP sub-app."""
    return web.Application()
