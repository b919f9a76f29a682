"""A deliberate mismatch in any one place makes the contract tests fail; the untouched original passes.

Each test applies one change to a copy — a server whose handler sends a field with the wrong type, a copy of a
spec with a status code changed, a server that drops a response header, a copy of the generated server models
with a required field made optional — and runs the same Schemathesis check as ``test_server_vs_spec.py``,
narrowed to the operations and phases concerned so that each takes a few seconds. The same run against the
original spec and server (every phase, once for the module) passes, so each failure comes from its change and
nothing else.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from pydantic import BaseModel, field_serializer

import authkit_mock.apis.polario.api as polario_api
import authkit_mock.models.polario as polario_models
from tests.conftest import make_settings
from tests.contract.st_runner import StRun, st_run
from tests.support.server import running_server
from tests.support.specs import spec_path

Patch = Callable[[pytest.MonkeyPatch], None]


def run_polario(
    monkeypatch: pytest.MonkeyPatch,
    *options: str,
    change: Patch | None = None,
    spec: Path | None = None,
    max_examples: int = 5,
) -> StRun:
    """Schemathesis against a fresh reference server's polario API, with ``change`` applied to the server."""
    with monkeypatch.context() as patches:
        if change is not None:
            change(patches)
        with running_server(make_settings()) as server:
            return st_run(
                spec or spec_path("polario"), server.api_url("polario"), max_examples=max_examples, extra=options
            )


@pytest.fixture(scope="module")
def intact() -> StRun:
    """Every phase (the union of the narrowed runs below) against the unmodified spec and server."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        return run_polario(monkeypatch, max_examples=10)


def assert_caught(intact: StRun, broken: StRun, *evidence: str) -> None:
    assert intact.passed, f"the unmodified contract and server should pass:\n{intact.report()}"
    assert not broken.passed, f"the mismatch went unnoticed:\n{broken.report()}"
    for text in evidence:
        assert text in broken.output, f"expected {text!r} in the report:\n{broken.report()}"


class MistypedStatusOk(BaseModel):
    """``ModelSwagStatusOk`` with its ``status`` field sent as a list instead of a string."""

    status: str

    @field_serializer("status")
    def as_list(self, status: str) -> list[str]:
        return [status]


def mistype_a_field(patches: pytest.MonkeyPatch) -> None:
    patches.setattr(polario_api, "ModelSwagStatusOk", MistypedStatusOk)


# A renamed field no longer breaks the schema: like upstream, the contract promises no polario response field
# (every one is optional). tests/server/test_complete_bodies.py checks that the server still sends every field.
def test_a_field_of_the_wrong_type_sent_by_the_server_is_caught(monkeypatch: pytest.MonkeyPatch, intact: StRun) -> None:
    broken = run_polario(monkeypatch, "--include-operation-id=logout", "--phases=examples", change=mistype_a_field)
    assert_caught(intact, broken, "ST108 Response violates schema", '["ok"] is not of type "string"')


def test_a_status_code_changed_in_the_spec_is_caught(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, intact: StRun
) -> None:
    text = spec_path("polario").read_text(encoding="utf-8")
    # POST /auth/session documents 416 for an invalid refresh token; the copy documents 410 instead.
    changed, count = re.subn(r"(?m)^        '416':$", "        '410':", text)
    assert count == 1
    copy = tmp_path / "polario.yaml"
    copy.write_text(changed, encoding="utf-8")
    broken = run_polario(monkeypatch, "--include-operation-id=refresh_session", "--phases=examples", spec=copy)
    assert_caught(intact, broken, "ST103 Undocumented status code", "[416]")


def drop_the_session_header(patches: pytest.MonkeyPatch) -> None:
    original: Any = polario_api._json

    def without_session_header(model: BaseModel, jwt: str | None = None) -> Any:
        return original(model)

    patches.setattr(polario_api, "_json", without_session_header)


def test_a_response_header_dropped_by_the_server_is_caught(monkeypatch: pytest.MonkeyPatch, intact: StRun) -> None:
    # A login succeeds only in the stateful run, where the hooks answer the challenge with the seeded password.
    # (logout is left out: its credential comes from the SDK's login, which refuses a login without the header.)
    login_flow = ("--phases=stateful", "--exclude-operation-id=logout")
    broken = run_polario(monkeypatch, *login_flow, change=drop_the_session_header, max_examples=25)
    assert_caught(intact, broken, "ST107 Missing required response headers", "Session")


def models_with_an_optional_field() -> ModuleType:
    """A copy of the generated polario models in which ``AuthRefreshRequest.refreshToken`` is optional."""
    source = Path(polario_models.__file__).read_text(encoding="utf-8")
    pattern = r"(class AuthRefreshRequest\((?:Base)?Model\):\n    refreshToken: Annotated\[\n        )str,(.*?\n    \])"
    changed, count = re.subn(pattern, r"\1str | None,\2 = None", source, flags=re.DOTALL)
    assert count == 1
    spec = importlib.util.spec_from_loader("polario_models_copy", loader=None)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    exec(compile(changed, "polario_models_copy.py", "exec"), module.__dict__)
    return module


@pytest.fixture(scope="module")
def loosened_models() -> Iterator[ModuleType]:
    yield models_with_an_optional_field()


def test_a_required_field_made_optional_in_the_server_models_is_caught(
    monkeypatch: pytest.MonkeyPatch, loosened_models: ModuleType, intact: StRun
) -> None:
    def load_the_copy(patches: pytest.MonkeyPatch) -> None:
        patches.setattr(polario_api, "AuthRefreshRequest", loosened_models.AuthRefreshRequest)

    # A body without refreshToken now reaches the handler, which was written for the contract: it fails.
    broken = run_polario(
        monkeypatch, "--include-operation-id=refresh_session", "--phases=coverage", change=load_the_copy
    )
    assert_caught(intact, broken, "ST101 Server error")
