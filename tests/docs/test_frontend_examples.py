"""The frontend page's ways of signing in at the embedded identity provider work as printed, against a real server."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from tests.conftest import make_settings
from tests.support.server import RunningServer, running_server
from tests.support.specs import ROOT

PAGE = (ROOT / "docs" / "frontend.md").read_text(encoding="utf-8")


def example(section: str) -> str:
    """The Python block under the heading ``### <section>`` of the frontend page."""
    body = PAGE.split(f"### {section}\n", 1)[1].split("\n### ", 1)[0]
    found = re.search(r"```python\n(.*?)```", body, re.DOTALL)
    assert found is not None, section
    return found.group(1)


def run_against(code: str, server: RunningServer) -> None:
    """Run a page's example with its client pointed at ``server`` instead of the default 127.0.0.1:4010."""
    assert "BixarenaClient()" in code
    code = code.replace("BixarenaClient()", f"BixarenaClient(base_url={server.api_url('bixarena')!r})")
    exec(compile(code, "docs/frontend.md", "exec"), {"__name__": "frontend_example"})


@pytest.fixture
def auto_login_server() -> Iterator[RunningServer]:
    with running_server(make_settings(idp_auto_login="3350396")) as started:
        yield started


def test_signing_in_from_code_posts_the_providers_form(server: RunningServer) -> None:
    run_against(example("From code"), server)

    sessions = server.sync(lambda: [e.operation for e in server.runtime.journal.query(api="bixarena")])
    assert sessions[0] == "mint_internal_token"  # newest first


def test_signing_in_from_a_test_uses_the_automatic_login(auto_login_server: RunningServer) -> None:
    run_against(example("From a test, without the login page"), auto_login_server)

    operations = auto_login_server.sync(
        lambda: [e.operation for e in auto_login_server.runtime.journal.query(api="bixarena")]
    )
    assert operations == ["complete_oidc_login", "start_oidc_login"]  # newest first
