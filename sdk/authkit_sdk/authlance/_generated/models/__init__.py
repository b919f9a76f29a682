"""Contains all the data models used in inputs/outputs"""

from .controllers_auth_auth_request import ControllersAuthAuthRequest
from .controllers_auth_auth_response import ControllersAuthAuthResponse
from .controllers_auth_error_response import ControllersAuthErrorResponse
from .controllers_auth_logout_response import ControllersAuthLogoutResponse

__all__ = (
    "ControllersAuthAuthRequest",
    "ControllersAuthAuthResponse",
    "ControllersAuthErrorResponse",
    "ControllersAuthLogoutResponse",
)
