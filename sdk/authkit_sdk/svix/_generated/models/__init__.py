"""Contains all the data models used in inputs/outputs"""

from .app_portal_access_in import AppPortalAccessIn
from .app_portal_access_out import AppPortalAccessOut
from .application_token_expire_in import ApplicationTokenExpireIn
from .dashboard_access_out import DashboardAccessOut
from .http_error_out import HttpErrorOut
from .http_validation_error import HTTPValidationError
from .validation_error import ValidationError

__all__ = (
    "ApplicationTokenExpireIn",
    "AppPortalAccessIn",
    "AppPortalAccessOut",
    "DashboardAccessOut",
    "HttpErrorOut",
    "HTTPValidationError",
    "ValidationError",
)
