"""Contains all the data models used in inputs/outputs"""

from .basic_error import BasicError
from .internal_token_response import InternalTokenResponse
from .jwk import Jwk
from .jwks_response import JwksResponse
from .oidc_callback_response import OidcCallbackResponse

__all__ = (
    "BasicError",
    "InternalTokenResponse",
    "Jwk",
    "JwksResponse",
    "OidcCallbackResponse",
)
