"""authkit-sdk: typed clients for five authentication APIs, and for the authkit reference server's admin API.

Each API lives in its own subpackage, with a sync and an async client::

    authkit_sdk.authlance   AuthlanceClient, AsyncAuthlanceClient
    authkit_sdk.polario     PolarioClient, AsyncPolarioClient
    authkit_sdk.svix        SvixClient, AsyncSvixClient
    authkit_sdk.bixarena    BixarenaClient, AsyncBixarenaClient
    authkit_sdk.pacerpro    PacerproClient, AsyncPacerproClient
    authkit_sdk.admin       AdminClient, AsyncAdminClient

A call returns the generated model of its success or raises an :class:`AuthkitError` (see
:mod:`authkit_sdk.errors`). ``authkit_sdk.<api>.generated`` is the generated client, for raw calls.
"""

from importlib.metadata import PackageNotFoundError, version

from authkit_sdk._core.errors import (
    AuthkitError,
    BadRequestError,
    ConflictError,
    ForbiddenError,
    InvalidRefreshTokenError,
    LoginRequiredError,
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

try:
    __version__ = version("authkit-sdk")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0+unknown"

__all__ = [
    "AuthkitError",
    "BadRequestError",
    "ConflictError",
    "ForbiddenError",
    "InvalidRefreshTokenError",
    "LoginRequiredError",
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
