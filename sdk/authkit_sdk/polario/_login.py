"""The client side of polario's SCRAM-SHA-256 login (RFC 5802, RFC 7677), without I/O.

The sync and async facades run the same steps: build the client-first message, check the server's challenge
and answer it with the proof, then check the ServerSignature before trusting anything the server returned.
They also keep the same session state. The cryptography is :mod:`authkit_sdk.scram`.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable
from typing import Any

import attrs

from authkit_sdk._core.errors import AuthkitError, LoginRequiredError, ServerSignatureError
from authkit_sdk._core.responses import Exchange, expect
from authkit_sdk.polario._generated.models import (
    AuthAuthenticationRequest,
    AuthAuthenticationResponse,
    AuthLoginRequest,
    AuthLoginRequestOs,
    AuthLoginResponse,
    AuthRefreshRequest,
    AuthRefreshResponse,
)
from authkit_sdk.polario._generated.types import UNSET, Unset
from authkit_sdk.scram import auth_message, client_final, verify_server_signature

__all__ = ["MIN_ITERATIONS", "SESSION_HEADER", "Device", "PolarioSession", "ScramLogin"]

SESSION_HEADER = "Session"
"""The header that carries the session JWT, in responses (login, refresh) and requests (logout)."""

MIN_ITERATIONS = 4096
"""RFC 7677 section 4: the iteration count SHOULD be at least 4096."""

# RFC 5802 section 7 ``printable``: ASCII 0x21-0x7E except ``,``.
_NONCE = re.compile(r"[\x21-\x2B\x2D-\x7E]+")


def _invalid(exchange: Exchange, why: str) -> AuthkitError[Any]:
    return exchange.malformed(f"an invalid SCRAM message: {why}")


@attrs.frozen
class Device:
    """The device that logs in, as the final message describes it."""

    os: AuthLoginRequestOs = "Other"
    os_version: str | None = None
    device_name: str | None = None
    browser: str | None = None


@attrs.frozen
class ScramLogin:
    """One login attempt: the email, a fresh client nonce, and the expected ServerSignature once computed."""

    email: str
    client_nonce: str = attrs.field()
    min_iterations: int = MIN_ITERATIONS

    @client_nonce.validator
    def _check_nonce(self, _attribute: attrs.Attribute[str], value: str) -> None:
        if not _NONCE.fullmatch(value):
            raise ValueError("a SCRAM client nonce must be printable ASCII without ',' (RFC 5802 section 5.1)")

    @classmethod
    def start(cls, email: str, nonce_factory: Callable[[], str], min_iterations: int) -> ScramLogin:
        """A new attempt with a nonce from ``nonce_factory``."""
        return cls(email, nonce_factory(), min_iterations)

    def first_message(self) -> AuthAuthenticationRequest:
        """The client-first message: ``n=<email>,r=<client nonce>`` as JSON."""
        return AuthAuthenticationRequest(email=self.email, nonce=self.client_nonce)

    def answer(self, exchange: Exchange, password: str, device: Device) -> tuple[AuthLoginRequest, bytes]:
        """Check the challenge (server-first message) and build the final message; also return the expected
        ServerSignature. Raises :class:`MalformedResponseError` for a challenge a client must refuse."""
        challenge = expect(exchange, AuthAuthenticationResponse)
        # Upstream marks every field optional; without these three there is no challenge to answer.
        nonce, salt_text, iterations = challenge.nonce, challenge.salt, challenge.iteration_count
        if not (isinstance(nonce, str) and isinstance(salt_text, str) and isinstance(iterations, int)):
            raise _invalid(exchange, "the challenge lacks its nonce, salt or iterationCount")
        # RFC 5802 section 5.1 r=: the combined nonce must start with the client's and add the server's part.
        if not (nonce.startswith(self.client_nonce) and len(nonce) > len(self.client_nonce)):
            raise _invalid(exchange, "the nonce does not extend the client nonce")
        if not _NONCE.fullmatch(nonce):
            raise _invalid(exchange, "the nonce has characters SCRAM forbids")
        if iterations < self.min_iterations:
            raise _invalid(exchange, f"{iterations} iterations, fewer than {self.min_iterations}")
        try:
            salt = base64.b64decode(salt_text, validate=True)
        except (binascii.Error, ValueError):
            raise _invalid(exchange, "the salt is not base64") from None
        message = auth_message(self.email, self.client_nonce, nonce, salt_text, iterations)
        final = client_final(password, salt, iterations, message)
        request = AuthLoginRequest(
            email=self.email,
            nonce=nonce,
            proof=base64.b64encode(final.proof).decode("ascii"),
            os=device.os,
            os_version=UNSET if device.os_version is None else device.os_version,
            device_name=device.device_name,
            browser=device.browser,
        )
        return request, final.server_signature

    @staticmethod
    def verify(exchange: Exchange, expected_signature: bytes) -> tuple[AuthLoginResponse, str]:
        """The login response and its session JWT, once the ServerSignature is proven right.

        Raises :class:`ServerSignatureError` (RFC 5802 section 5.1 ``v=``: the client must abort) before
        anything of the response is trusted.
        """
        result = expect(exchange, AuthLoginResponse)
        response = exchange.response
        # A login without a signature proves nothing either (upstream marks the field optional).
        if not isinstance(result.signature, str) or not verify_server_signature(expected_signature, result.signature):
            raise ServerSignatureError(
                "polario's ServerSignature is wrong: the server did not prove it knows the password",
                status_code=response.status_code,
                body=result,
                response=response,
            )
        return result, _session_header(exchange)


def _given(value: str | Unset) -> str | None:
    """A response field upstream marks optional, ``None`` when the server left it out."""
    return None if isinstance(value, Unset) else value


def _session_header(exchange: Exchange) -> str:
    token: str | None = exchange.response.headers.get(SESSION_HEADER)
    if not token:
        raise _invalid(exchange, f"no {SESSION_HEADER} header with the session JWT")
    return token


class PolarioSession:
    """What a polario client holds after login: the session JWT, the refresh token and the device id."""

    def __init__(self) -> None:
        self.session_token: str | None = None
        self.refresh_token: str | None = None
        self.device_id: str | None = None

    def keep_login(self, result: AuthLoginResponse, session_token: str) -> None:
        """Hold the session of a verified login."""
        self.session_token = session_token
        self.refresh_token = _given(result.refresh_token)
        self.device_id = _given(result.device_id)

    def refresh_request(self) -> AuthRefreshRequest:
        """The body of a refresh; :class:`LoginRequiredError` when there is no refresh token."""
        if not self.refresh_token:
            raise LoginRequiredError("no polario refresh token: call login() first")
        return AuthRefreshRequest(refresh_token=self.refresh_token)

    def keep_refresh(self, exchange: Exchange) -> AuthRefreshResponse:
        """Hold the new JWT of a refresh, and the rotated refresh token when the server sent one."""
        result = expect(exchange, AuthRefreshResponse)
        self.session_token = _session_header(exchange)
        if isinstance(result.refresh_token, str) and result.refresh_token:
            self.refresh_token = result.refresh_token
        self.device_id = _given(result.device_id) or self.device_id
        return result

    def require_session(self) -> str:
        """The session JWT; :class:`LoginRequiredError` when there is none."""
        if not self.session_token:
            raise LoginRequiredError("no polario session: call login() first")
        return self.session_token

    def forget(self) -> None:
        """Drop everything (after logout)."""
        self.session_token = self.refresh_token = self.device_id = None
