from typing import Literal

AdminSessionInApi = Literal["authlance"]

ADMIN_SESSION_IN_API_VALUES: set[AdminSessionInApi] = {
    "authlance",
}


def check_admin_session_in_api(value: str) -> AdminSessionInApi:
    if value in ADMIN_SESSION_IN_API_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ADMIN_SESSION_IN_API_VALUES!r}")
