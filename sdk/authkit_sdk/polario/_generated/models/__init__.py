"""Contains all the data models used in inputs/outputs"""

from .auth_authentication_request import AuthAuthenticationRequest
from .auth_authentication_response import AuthAuthenticationResponse
from .auth_login_request import AuthLoginRequest
from .auth_login_request_os import AuthLoginRequestOs
from .auth_login_response import AuthLoginResponse
from .auth_refresh_request import AuthRefreshRequest
from .auth_refresh_response import AuthRefreshResponse
from .model_swag_error import ModelSwagError
from .model_swag_status_ok import ModelSwagStatusOk

__all__ = (
    "AuthAuthenticationRequest",
    "AuthAuthenticationResponse",
    "AuthLoginRequest",
    "AuthLoginRequestOs",
    "AuthLoginResponse",
    "AuthRefreshRequest",
    "AuthRefreshResponse",
    "ModelSwagError",
    "ModelSwagStatusOk",
)
