"""authkit-sdk: typed clients for five authentication APIs, and for the authkit reference server's admin API.

Each API lives in its own subpackage, with a sync and an async client::

    authkit_sdk.authlance   AuthlanceClient, AsyncAuthlanceClient
    authkit_sdk.polario     PolarioClient, AsyncPolarioClient
    authkit_sdk.svix        SvixClient, AsyncSvixClient
    authkit_sdk.bixarena    BixarenaClient, AsyncBixarenaClient
    authkit_sdk.pacerpro    PacerproClient, AsyncPacerproClient
    authkit_sdk.admin       AdminClient, AsyncAdminClient

A call returns the generated model of its success or raises an :class:`AuthkitError` (see
:mod:`authkit_sdk.errors`; each API's own subclasses, with ``body`` typed, are in ``authkit_sdk.<api>.errors``).
``authkit_sdk.<api>.models`` holds each API's models; ``authkit_sdk.<api>.generated`` is the generated
client, for raw calls.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from authkit_sdk._core.errors import (
        AuthkitError,
        BadRequestError,
        ConflictError,
        ForbiddenError,
        InvalidRefreshTokenError,
        LoginRequiredError,
        MalformedResponseError,
        MissingDependencyError,
        NotFoundError,
        RateLimitedError,
        ServerError,
        ServerSignatureError,
        TokenVerificationError,
        UnauthorizedError,
        UnexpectedResponseError,
        UnprocessableEntityError,
    )
    from authkit_sdk._core.retries import RetryPolicy

    __version__: str


def __getattr__(name: str) -> object:
    """The package's names, imported on first use (PEP 562).

    The errors import httpx, which a program using only :mod:`authkit_sdk.scram` (the reference server) does not
    need: importing them eagerly cost the server's start about 60 ms.
    """
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            value = version("authkit-sdk")
        except PackageNotFoundError:  # running from a checkout that was never installed
            value = "0+unknown"
    elif name in __all__:
        module = "authkit_sdk._core.retries" if name == "RetryPolicy" else "authkit_sdk._core.errors"
        value = getattr(importlib.import_module(module), name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


__all__ = [
    "AuthkitError",
    "BadRequestError",
    "ConflictError",
    "ForbiddenError",
    "InvalidRefreshTokenError",
    "LoginRequiredError",
    "MalformedResponseError",
    "MissingDependencyError",
    "NotFoundError",
    "RateLimitedError",
    "RetryPolicy",
    "ServerError",
    "ServerSignatureError",
    "TokenVerificationError",
    "UnauthorizedError",
    "UnexpectedResponseError",
    "UnprocessableEntityError",
    "__version__",
]
