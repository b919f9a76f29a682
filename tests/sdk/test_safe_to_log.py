"""Errors and log records are safe to log: no secret of a request reaches a message, a repr, a formatted
traceback or a log record of the SDK, whatever the server echoes back.

Every exception type is driven with marked secrets in each place a request carries them (the query of an auth
URL, the Authorization, Session, Cookie and admin-token headers, password, token and proof fields of the body)
and with an answer that quotes them all. The same check, with the redaction switched off, finds the secrets:
the test guards the redaction, not an accident of formatting.
"""

from __future__ import annotations

import importlib
import inspect
import json
import logging
import traceback
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from authkit_sdk import errors
from authkit_sdk._core import errors as core_errors
from authkit_sdk._core import redaction
from authkit_sdk._core.responses import ApiErrors
from authkit_sdk.bixarena import BixarenaClient
from authkit_sdk.bixarena._jwt import verify_with_jwks
from authkit_sdk.pacerpro import PacerproClient
from authkit_sdk.polario import PolarioClient
from authkit_sdk.svix import SvixClient
from tests.sdk.facades import api_router, happy_answer, make_facade, mocked
from tests.support.specs import ALL_SPECS

CODE = "SECRET-oidc-code-4a1f"
STATE = "SECRET-oidc-state-9c2e"
BEARER = "SECRET-bearer-token-77d0"
SESSION = "SECRET-session-jwt-31b8"
COOKIE = "SECRET-cookie-value-5e6a"
ADMIN_TOKEN = "SECRET-admin-token-0f9d"
PASSWORD = "SECRET-password-c3d4"
REFRESH = "SECRET-refresh-token-8b21"
PROOF = "SECRET-scram-proof-2e7c"
SECRETS = (CODE, STATE, BEARER, SESSION, COOKIE, ADMIN_TOKEN, PASSWORD, REFRESH, PROOF)
ECHO = " ".join(SECRETS)
"""A server that quotes everything it was sent, in every field a message or code is read from."""

PER_API_MODULES = [importlib.import_module(f"authkit_sdk.{name}.errors") for name in ALL_SPECS]
STATUS_FOR = {**{cls: status for status, cls in core_errors.BY_STATUS.items()}, errors.ServerError: 503}


def secret_request() -> httpx.Request:
    """A request carrying every kind of secret, where an auth API's requests carry them."""
    return httpx.Request(
        "POST",
        f"https://user:{PASSWORD}@auth.example.com/callback?code={CODE}&state={STATE}",
        headers={
            "Authorization": f"Bearer {BEARER}",
            "Session": SESSION,
            "Cookie": f"JSESSIONID={COOKIE}",
            "X-Admin-Token": ADMIN_TOKEN,
        },
        json={"email": "ada@example.com", "password": PASSWORD, "refreshToken": REFRESH, "proof": PROOF},
    )


def echoing_response(status: int, request: httpx.Request) -> httpx.Response:
    body = {name: ECHO for name in ("detail", "message", "error", "title", "code")}
    return httpx.Response(status, json=body, request=request)


def leaks(text: str) -> list[str]:
    return [secret for secret in SECRETS if secret in text]


def exposed(error: BaseException) -> str:
    """Everything of an error that ends up in a log: its str, its repr, its message and code, its traceback."""
    shown = [str(error), repr(error), "".join(traceback.format_exception(error))]
    if isinstance(error, errors.AuthkitError):
        shown += [str(error.message), str(error.code)]
    return "\n".join(shown)


def _raised(error: BaseException) -> BaseException:
    """``error`` as raised (with a traceback), as an application would log it."""
    try:
        raise error
    except BaseException as caught:
        return caught


def every_response_error() -> Iterator[tuple[str, BaseException]]:
    """One instance of each response error class, of every API, built by the reader from a secret request."""
    for module in PER_API_MODULES:
        slug = module.__name__.split(".")[1]
        classes = [
            cls for cls in vars(module).values() if inspect.isclass(cls) and issubclass(cls, errors.AuthkitError)
        ]
        base = next(cls for cls in classes if all(issubclass(other, cls) for other in classes))
        api = ApiErrors(slug, base, LookupError)
        request = secret_request()
        for name in module.__all__:
            cls = getattr(module, name)
            if not (inspect.isclass(cls) and issubclass(cls, errors.AuthkitError)):
                continue
            if cls is base:  # a documented status without a class of its own
                error = api.error(echoing_response(405, request), ECHO, body=None)
            elif issubclass(cls, errors.MalformedResponseError):
                error = api.malformed(echoing_response(200, request), ECHO, "the body does not match the contract")
            elif issubclass(cls, errors.UnexpectedResponseError):
                error = api.error(echoing_response(418, request), ECHO, documented=False)
            else:
                generic = next(g for g in STATUS_FOR if issubclass(cls, g))
                response = echoing_response(STATUS_FOR[generic], request)
                error = api.error(response, response.text, body=None)
            assert type(error) is cls, (cls, error)
            yield f"{slug}.{name}", _raised(error)


def test_every_response_error_class_of_every_api_is_driven() -> None:
    driven = {name for name, _ in every_response_error()}
    expected = {
        f"{module.__name__.split('.')[1]}.{name}"
        for module in PER_API_MODULES
        for name in module.__all__
        if inspect.isclass(cls := getattr(module, name)) and issubclass(cls, errors.AuthkitError)
    }
    assert driven == expected
    assert len(expected) >= 6 * 5


@pytest.mark.parametrize(("name", "error"), list(every_response_error()), ids=lambda value: str(value)[:60])
def test_a_response_error_shows_the_request_but_none_of_its_secrets(name: str, error: BaseException) -> None:
    assert leaks(exposed(error)) == [], name
    assert "https://user:[redacted]@auth.example.com/callback?code=[redacted]&state=[redacted]" in str(error)


def test_the_generic_error_for_status_redacts_too() -> None:
    error = errors.error_for_status(401, None, echoing_response(401, secret_request()))
    assert leaks(exposed(_raised(error))) == []


def test_the_errors_without_a_response_carry_no_secret() -> None:
    with PolarioClient() as polario, pytest.raises(errors.LoginRequiredError) as no_session:
        polario.logout()
    pytest.importorskip("jwt")
    with pytest.raises(errors.TokenVerificationError) as rejected:
        verify_with_jwks(f"{BEARER}.{SESSION}.{PROOF}", {"keys": []})
    for error in (no_session.value, rejected.value, errors.MissingDependencyError("pip install 'authkit-sdk[jwt]'")):
        assert leaks(exposed(error)) == []


def test_a_wrong_server_signature_carries_no_secret() -> None:
    router = api_router("polario")
    answer = json.loads(happy_answer("polario", "scram_final_message").content)
    router["scram_final_message"].mock(
        side_effect=None,
        return_value=httpx.Response(200, json={**answer, "signature": "AAAA"}, headers={"Session": SESSION}),
    )
    with make_facade("polario", router) as polario, pytest.raises(errors.ServerSignatureError) as raised:
        polario.login("user", PASSWORD)
    assert leaks(exposed(raised.value)) == []


def test_every_exception_type_of_the_sdk_is_covered_here() -> None:
    # The response errors above, and these four that no response causes.
    others = {
        errors.LoginRequiredError,
        errors.TokenVerificationError,
        errors.MissingDependencyError,
        errors.ServerSignatureError,
    }
    response_errors = {cls for cls in STATUS_FOR} | {
        errors.UnexpectedResponseError,
        errors.MalformedResponseError,
    }
    every = {getattr(errors, name) for name in errors.__all__ if inspect.isclass(getattr(errors, name))}
    assert every - {errors.AuthkitError} == others | response_errors


# --- log records ---------------------------------------------------------------------------------------------------


def _records_of_flows(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    """Run flows that send every kind of secret and fail, with the SDK's loggers at DEBUG."""
    caplog.set_level(logging.DEBUG, logger="authkit_sdk")
    router = api_router("bixarena")
    router["complete_oidc_login"].mock(side_effect=None, return_value=httpx.Response(400, text=ECHO))
    with BixarenaClient(httpx_args=mocked(router)) as bixarena, pytest.raises(errors.BadRequestError):
        bixarena.complete_login(CODE, STATE)
    router = api_router("pacerpro")
    router["create_session"].mock(side_effect=None, return_value=echoing_response(401, secret_request()))
    with PacerproClient(BEARER, httpx_args=mocked(router)) as pacerpro, pytest.raises(errors.UnauthorizedError):
        pacerpro.login("ada@example.com", PASSWORD)
    router = api_router("svix")
    router["logout"].mock(side_effect=None, return_value=httpx.Response(429, headers={"Retry-After": "0"}))
    with (
        SvixClient(BEARER, httpx_args=mocked(router), sleep=lambda _: None) as svix,
        pytest.raises(errors.RateLimitedError),
    ):
        svix.logout()
    return [record for record in caplog.records if record.name.startswith("authkit_sdk")]


def test_the_sdk_logs_each_exchange_at_debug_on_the_api_logger(caplog: pytest.LogCaptureFixture) -> None:
    records = _records_of_flows(caplog)
    assert {record.name for record in records} == {"authkit_sdk.bixarena", "authkit_sdk.pacerpro", "authkit_sdk.svix"}
    assert {record.levelno for record in records} == {logging.DEBUG}
    lines = [record.getMessage() for record in records]
    assert (
        "GET http://127.0.0.1:4010/bixarena/auth/oidc/callback?code=[redacted]&state=[redacted]"
        " -> 400 Bad Request (attempt 1)" in lines
    )
    assert sum("retrying in" in line for line in lines) == 2  # svix: three attempts, two waits


def test_no_log_record_of_the_sdk_carries_a_secret(caplog: pytest.LogCaptureFixture) -> None:
    records = _records_of_flows(caplog)
    assert records
    for record in records:
        assert leaks(f"{record.getMessage()} {record.args!r} {record.__dict__!r}") == []


# --- the guard matters -----------------------------------------------------------------------------------------------


def test_with_the_redaction_switched_off_the_same_checks_find_the_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_redaction(url: Any) -> str:
        return str(url)

    def no_scrub(text: str, secrets: Any) -> str:
        return text

    monkeypatch.setattr(redaction, "redact_url", no_redaction)
    monkeypatch.setattr(core_errors, "scrub", no_scrub)
    found = {secret for _, error in every_response_error() for secret in leaks(exposed(error))}
    assert found == set(SECRETS)
