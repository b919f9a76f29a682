from typing import Literal

AdminTokenInKind = Literal["org_key"]

ADMIN_TOKEN_IN_KIND_VALUES: set[AdminTokenInKind] = {
    "org_key",
}


def check_admin_token_in_kind(value: str) -> AdminTokenInKind:
    if value in ADMIN_TOKEN_IN_KIND_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ADMIN_TOKEN_IN_KIND_VALUES!r}")
