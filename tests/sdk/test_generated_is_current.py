"""The committed generated code (SDK clients and server models) is exactly what the specs generate today."""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.support.specs import ROOT


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("authkit_generate", ROOT / "scripts" / "_generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("authkit_generate", module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generate() -> ModuleType:
    return _generator()


def test_committed_generated_code_matches_the_specs(generate: ModuleType, tmp_path: Path) -> None:
    generate.generate_into(tmp_path)
    assert generate.drift(tmp_path) == []


def test_a_spec_change_without_regenerating_is_caught(generate: ModuleType, tmp_path: Path) -> None:
    specs = tmp_path / "openapi"
    shutil.copytree(ROOT / "openapi", specs)
    changed = (specs / "pacerpro.yaml").read_text(encoding="utf-8").replace("jwtToken", "jwt_token")
    (specs / "pacerpro.yaml").write_text(changed, encoding="utf-8")
    out = tmp_path / "out"
    generate.generate_into(out, spec_dir=specs, names=("pacerpro",))
    diff = "".join(generate.drift(out, names=("pacerpro",)))
    assert "jwt_token" in diff
    assert "committed/sdk/authkit_sdk/pacerpro/_generated/models/session.py" in diff
    assert "committed/mockserver/authkit_mock/models/pacerpro.py" in diff


def test_a_seed_model_change_without_regenerating_the_schema_is_caught(
    generate: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stale = tmp_path / "committed" / "seed.schema.json"
    stale.parent.mkdir()
    schema = json.loads(generate.SEED_SCHEMA.read_text(encoding="utf-8"))
    del schema["$defs"]["ApplicationSeed"]["properties"]["uid"]
    stale.write_text(json.dumps(schema, indent=2) + "\n", encoding="utf-8")
    monkeypatch.setattr(generate, "SEED_SCHEMA", stale)
    out = tmp_path / "out"
    generate.write_seed_schema(out / "schemas" / "seed.schema.json")

    diff = "".join(generate.seed_schema_drift(out))

    assert f"committed/{stale}" in diff
    assert '+        "uid": {' in diff
