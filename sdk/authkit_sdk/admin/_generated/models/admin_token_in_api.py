from typing import Literal

AdminTokenInApi = Literal["svix"]

ADMIN_TOKEN_IN_API_VALUES: set[AdminTokenInApi] = {
    "svix",
}


def check_admin_token_in_api(value: str) -> AdminTokenInApi:
    if value in ADMIN_TOKEN_IN_API_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ADMIN_TOKEN_IN_API_VALUES!r}")
