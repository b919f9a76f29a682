"""The generated client of the BixArena auth API (openapi-python-client output), for raw calls.

Every operation module has ``sync``, ``sync_detailed``, ``asyncio`` and ``asyncio_detailed`` functions (only the
``_detailed`` pair when no response has a body) that take a ``client=``: pass a facade's ``raw`` client to
share its cookies and auth. Errors come back as models inside the result union, not as exceptions; the
facade is the layer that raises. Never edit ``_generated``: regenerate it with ``scripts/generate``.
"""

from __future__ import annotations

from authkit_sdk.bixarena._generated import api, errors, models, types
from authkit_sdk.bixarena._generated.api.auth import (
    complete_oidc_login,
    get_jwks,
    logout,
    mint_internal_token,
    start_oidc_login,
)
from authkit_sdk.bixarena._generated.client import AuthenticatedClient, Client
from authkit_sdk.bixarena._generated.errors import UnexpectedStatus
from authkit_sdk.bixarena._generated.types import UNSET, Response, Unset

__all__ = [
    "UNSET",
    "AuthenticatedClient",
    "Client",
    "Response",
    "UnexpectedStatus",
    "Unset",
    "api",
    "complete_oidc_login",
    "errors",
    "get_jwks",
    "logout",
    "mint_internal_token",
    "models",
    "start_oidc_login",
    "types",
]
