"""The exceptions the SDK raises; every one is an :class:`AuthkitError`.

=============================  ==========================================================================
``BadRequestError``            400
``UnauthorizedError``          401
``ForbiddenError``             403
``NotFoundError``              404
``ConflictError``              409
``InvalidRefreshTokenError``   416 (polario's answer to a bad refresh token)
``UnprocessableEntityError``   422
``RateLimitedError``           429, with ``retry_after`` (seconds, or ``None``)
``ServerError``                any 5xx
``UnexpectedResponseError``    a status the contract does not document
``MalformedResponseError``     a documented success whose body does not give its model
``ServerSignatureError``       polario's SCRAM ServerSignature was wrong (the server is not who it claims)
``LoginRequiredError``         the call needs a session or token the client does not hold
``TokenVerificationError``     a JWT failed verification (bixarena ``verify_token``)
``MissingDependencyError``     an optional extra is missing (also an ``ImportError``)
=============================  ==========================================================================

Each carries ``message`` (normalised: the API's own error text, else the reason phrase), ``code`` (the API's
machine-readable code, where it has one), ``status_code``, ``body`` (the parsed error model, or ``None`` when
the body does not parse), ``text`` (the body as it came) and ``response`` (the :class:`httpx.Response`).
Messages and reprs never carry the request's secrets. A documented error status raises its class whatever
its body. Each API's subpackage has subclasses of these with ``body`` typed as its error model:
``authkit_sdk.<api>.errors``.
"""

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
    error_for_status,
)

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
    "ServerError",
    "ServerSignatureError",
    "TokenVerificationError",
    "UnauthorizedError",
    "UnexpectedResponseError",
    "UnprocessableEntityError",
    "error_for_status",
]
