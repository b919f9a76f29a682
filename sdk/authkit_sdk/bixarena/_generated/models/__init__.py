"""Contains all the data models used in inputs/outputs"""

from .basic_error import BasicError
from .internal_token_response import InternalTokenResponse
from .jwks_response import JwksResponse
from .jwks_response_keys_item import JwksResponseKeysItem
from .oidc_callback_response import OidcCallbackResponse

__all__ = (
    "BasicError",
    "InternalTokenResponse",
    "JwksResponse",
    "JwksResponseKeysItem",
    "OidcCallbackResponse",
)
