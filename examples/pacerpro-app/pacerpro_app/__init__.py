"""A small app that calls PacerPro's protected API as the signed-in user.

It logs in once (or resumes the session its token store kept), then sends every call through an
``httpx.Client`` whose auth is the SDK's: the JWT is attached, refreshed before it expires and once on a 401.
"""

from __future__ import annotations

from types import TracebackType
from typing import Any, Self

import httpx

from authkit_sdk.auth import TokenStore
from authkit_sdk.pacerpro import DEFAULT_BASE_URL, PacerproClient

__all__ = ["CaseDesk"]


class CaseDesk:
    """The app: PacerPro's auth API at ``auth_url``, its protected API at ``api_url``, sessions in ``store``."""

    def __init__(self, store: TokenStore, *, api_url: str, auth_url: str = DEFAULT_BASE_URL) -> None:
        self.pacer = PacerproClient(base_url=auth_url, token_store=store)
        self.http = httpx.Client(base_url=api_url, auth=self.pacer.auth())

    @property
    def signed_in(self) -> bool:
        """Whether a session is held (logged in now, or resumed from the store)."""
        return self.pacer.token is not None

    def sign_in(self, email: str, password: str) -> None:
        """Log in (the session is saved to the store)."""
        self.pacer.login(email, password)

    def case(self, case_id: str) -> dict[str, Any]:
        """One case, fetched as the signed-in user."""
        response = self.http.get(f"/cases/{case_id}")
        response.raise_for_status()
        answer: dict[str, Any] = response.json()
        return answer

    def close(self) -> None:
        """Close both HTTP clients."""
        self.http.close()
        self.pacer.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()
