"""The error classes and the one mapping from status to class (authkit_sdk._core.errors)."""

from __future__ import annotations

import httpx
import pytest

from authkit_sdk import errors
from authkit_sdk._core.errors import error_for_status, parse_retry_after


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, errors.BadRequestError),
        (401, errors.UnauthorizedError),
        (403, errors.ForbiddenError),
        (404, errors.NotFoundError),
        (409, errors.ConflictError),
        (416, errors.InvalidRefreshTokenError),
        (422, errors.UnprocessableEntityError),
        (429, errors.RateLimitedError),
        (500, errors.ServerError),
        (502, errors.ServerError),
        (503, errors.ServerError),
        (418, errors.AuthkitError),
        (405, errors.AuthkitError),
        (200, errors.AuthkitError),
    ],
)
def test_each_status_maps_to_its_class(status: int, cls: type[errors.AuthkitError[object]]) -> None:
    response = httpx.Response(status, json={"error": "nope"})
    error = error_for_status(status, {"error": "nope"}, response)
    assert type(error) is cls
    assert (error.status_code, error.body, error.response) == (status, {"error": "nope"}, response)
    assert isinstance(error, errors.AuthkitError)


def test_the_message_names_the_status_the_detail_and_the_request() -> None:
    request = httpx.Request("POST", "http://127.0.0.1:4010/polario/auth/login")
    response = httpx.Response(401, json={}, request=request)
    error = error_for_status(401, {"error": "wrong proof"}, response)
    assert str(error) == "401 Unauthorized: wrong proof (POST http://127.0.0.1:4010/polario/auth/login)"


def test_a_rate_limited_error_reads_retry_after() -> None:
    error = error_for_status(429, None, httpx.Response(429, headers={"Retry-After": "7"}))
    assert isinstance(error, errors.RateLimitedError)
    assert error.retry_after == 7.0
    assert error_for_status(429, None, None).retry_after is None  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0", 0.0),
        ("12", 12.0),
        (" 3 ", 3.0),
        ("Thu, 01 Jan 1970 00:01:40 GMT", 90.0),
        ("Thu, 01 Jan 1970 00:00:00 GMT", 0.0),
        ("soon", None),
        ("-1", None),
        ("1.5", None),
    ],
)
def test_retry_after_is_delay_seconds_or_an_http_date(value: str, expected: float | None) -> None:
    response = httpx.Response(429, headers={"Retry-After": value})
    assert parse_retry_after(response, now=10.0) == expected


def test_errors_are_importable_from_the_package_and_the_errors_module() -> None:
    import authkit_sdk

    for name in errors.__all__:
        if name != "error_for_status":
            assert getattr(authkit_sdk, name) is getattr(errors, name)


def test_a_missing_dependency_error_is_also_an_import_error() -> None:
    assert issubclass(errors.MissingDependencyError, ImportError)
    assert issubclass(errors.MissingDependencyError, errors.AuthkitError)
