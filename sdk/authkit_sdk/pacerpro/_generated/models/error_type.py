from typing import Literal

ErrorType = Literal["alert", "error", "notice", "warning"]

ERROR_TYPE_VALUES: set[ErrorType] = {
    "alert",
    "error",
    "notice",
    "warning",
}


def check_error_type(value: str) -> ErrorType:
    if value in ERROR_TYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ERROR_TYPE_VALUES!r}")
