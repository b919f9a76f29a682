from typing import Literal

AdminUserInApi = Literal["authlance", "bixarena", "pacerpro", "polario"]

ADMIN_USER_IN_API_VALUES: set[AdminUserInApi] = {
    "authlance",
    "bixarena",
    "pacerpro",
    "polario",
}


def check_admin_user_in_api(value: str) -> AdminUserInApi:
    if value in ADMIN_USER_IN_API_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ADMIN_USER_IN_API_VALUES!r}")
