"""Contains all the data models used in inputs/outputs"""

from .api_token_out import ApiTokenOut
from .app_portal_access_in import AppPortalAccessIn
from .app_portal_access_out import AppPortalAccessOut
from .app_portal_capability import AppPortalCapability
from .application_in import ApplicationIn
from .application_in_metadata import ApplicationInMetadata
from .application_token_expire_in import ApplicationTokenExpireIn
from .dashboard_access_out import DashboardAccessOut
from .http_error_out import HttpErrorOut
from .http_validation_error import HTTPValidationError
from .rotate_poller_token_in import RotatePollerTokenIn
from .stream_portal_access_in import StreamPortalAccessIn
from .stream_token_expire_in import StreamTokenExpireIn
from .validation_error import ValidationError

__all__ = (
    "ApiTokenOut",
    "ApplicationIn",
    "ApplicationInMetadata",
    "ApplicationTokenExpireIn",
    "AppPortalAccessIn",
    "AppPortalAccessOut",
    "AppPortalCapability",
    "DashboardAccessOut",
    "HttpErrorOut",
    "HTTPValidationError",
    "RotatePollerTokenIn",
    "StreamPortalAccessIn",
    "StreamTokenExpireIn",
    "ValidationError",
)
