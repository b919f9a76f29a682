"""The app against the real reference server (in-process, reset before each test) and offline.

The reference server's protected stand-in resource (``/__protected/pacerpro``) plays PacerPro's protected API: it
accepts only a live PacerPro JWT and answers whose it is.
"""

from __future__ import annotations

from pacerpro_app import CaseDesk
from respx import MockRouter

from authkit_mock.testing import RunningServer
from authkit_sdk.admin import AdminClient
from authkit_sdk.auth import MemoryTokenStore

DEMO = ("demo@example.com", "pacerpro-demo")


def desk(authkit: RunningServer, store: MemoryTokenStore) -> CaseDesk:
    return CaseDesk(store, auth_url=authkit.api_url("pacerpro"), api_url=authkit.protected_url("pacerpro"))


def test_a_case_is_fetched_as_the_signed_in_user(authkit: RunningServer) -> None:
    with desk(authkit, MemoryTokenStore()) as app:
        app.sign_in(*DEMO)
        case = app.case("42")
    assert (case["subject"], case["path"]) == ("demo@example.com", "cases/42")


def test_the_app_refreshes_its_token_once_as_it_nears_expiry(
    authkit: RunningServer, authkit_admin: AdminClient
) -> None:
    with desk(authkit, MemoryTokenStore()) as app:
        app.sign_in(*DEMO)
        authkit_admin.advance_clock(3600 - 30)  # 30 s left: inside the SDK's 60 s refresh margin
        for case_id in ("1", "2", "3"):
            app.case(case_id)
    assert len(authkit_admin.journal(api="pacerpro", operation="refresh_session").items) == 1


def test_a_restarted_app_needs_no_new_sign_in(authkit: RunningServer) -> None:
    store = MemoryTokenStore()
    with desk(authkit, store) as app:
        app.sign_in(*DEMO)
    with desk(authkit, store) as restarted:
        assert restarted.signed_in
        assert restarted.case("7")["subject"] == "demo@example.com"


def test_offline_the_app_gets_the_contracts_example_answers(authkit_offline: MockRouter) -> None:
    with CaseDesk(MemoryTokenStore(), api_url="http://127.0.0.1:4010/__protected/pacerpro") as app:
        app.sign_in(*DEMO)
        assert app.case("42")["api"] == "pacerpro"
    login = authkit_offline.routes["pacerpro.create_session"].calls.last.request
    assert login.url == "http://127.0.0.1:4010/pacerpro/session"
    sent = authkit_offline.routes["protected.get_protected_path"].calls.last.request
    assert sent.headers["Authorization"].startswith("Bearer eyJ")
