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
``UnexpectedResponseError``    a status the contract does not document, or a body that does not parse
``ServerSignatureError``       polario's SCRAM ServerSignature was wrong (the server is not who it claims)
``LoginRequiredError``         the call needs a session or token the client does not hold
``TokenVerificationError``     a JWT failed verification (bixarena ``verify_token``)
``MissingDependencyError``     an optional extra is missing (also an ``ImportError``)
=============================  ==========================================================================

Each carries ``status_code``, ``body`` (the parsed error model when the contract documents one) and
``response`` (the :class:`httpx.Response`).
"""

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
    error_for_status,
)

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
    "ServerError",
    "ServerSignatureError",
    "TokenVerificationError",
    "UnauthorizedError",
    "UnexpectedResponseError",
    "UnprocessableEntityError",
    "error_for_status",
]
