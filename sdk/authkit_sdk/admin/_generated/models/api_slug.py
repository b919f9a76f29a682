from typing import Literal

ApiSlug = Literal["authlance", "bixarena", "pacerpro", "polario", "svix"]

API_SLUG_VALUES: set[ApiSlug] = {
    "authlance",
    "bixarena",
    "pacerpro",
    "polario",
    "svix",
}


def check_api_slug(value: str) -> ApiSlug:
    if value in API_SLUG_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {API_SLUG_VALUES!r}")
