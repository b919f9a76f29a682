from typing import Literal

AuthLoginRequestOs = Literal["Android", "IOS", "Linux", "Mac", "Other", "Windows"]

AUTH_LOGIN_REQUEST_OS_VALUES: set[AuthLoginRequestOs] = {
    "Android",
    "IOS",
    "Linux",
    "Mac",
    "Other",
    "Windows",
}


def check_auth_login_request_os(value: str) -> AuthLoginRequestOs:
    if value in AUTH_LOGIN_REQUEST_OS_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {AUTH_LOGIN_REQUEST_OS_VALUES!r}")
