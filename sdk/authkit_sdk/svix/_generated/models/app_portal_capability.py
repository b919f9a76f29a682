from typing import Literal

AppPortalCapability = Literal[
    "CreateAttempts",
    "ManageEndpoint",
    "ManageEndpointSecret",
    "ManageTransformations",
    "ViewBase",
    "ViewEndpointSecret",
]

APP_PORTAL_CAPABILITY_VALUES: set[AppPortalCapability] = {
    "CreateAttempts",
    "ManageEndpoint",
    "ManageEndpointSecret",
    "ManageTransformations",
    "ViewBase",
    "ViewEndpointSecret",
}


def check_app_portal_capability(value: str) -> AppPortalCapability:
    if value in APP_PORTAL_CAPABILITY_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {APP_PORTAL_CAPABILITY_VALUES!r}")
