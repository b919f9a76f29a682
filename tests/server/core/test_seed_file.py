"""Seed files: ``authkit-mock seed check`` names the file, line and field of every mistake; the example is valid."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from authkit_mock.cli import main
from authkit_mock.core.seed import DEFAULT_SEED, Seed, load_seed, seed_json_schema
from authkit_mock.core.settings import SLUGS
from tests.support.specs import ROOT

EXAMPLE = ROOT / "examples" / "seed.yaml"


def check(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str], str]:
    status = main(["seed", "check", str(path)])
    out, err = capsys.readouterr()
    return status, err.splitlines(), out


def test_the_example_seed_file_is_valid_and_has_every_api(capsys: pytest.CaptureFixture[str]) -> None:
    status, problems, out = check(EXAMPLE, capsys)

    assert (status, problems, out) == (0, [], f"{EXAMPLE}: a valid seed file\n")
    seed = load_seed(EXAMPLE)
    for slug in SLUGS:
        assert getattr(seed, slug) != type(getattr(seed, slug))(), f"{slug} has no demo data in the example"


def test_the_example_tells_editors_where_the_schema_is() -> None:
    first = EXAMPLE.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    schema = (EXAMPLE.parent / first.split("=", 1)[1]).resolve()
    assert schema == ROOT / "schemas" / "seed.schema.json"
    assert json.loads(schema.read_text(encoding="utf-8")) == seed_json_schema()


def test_every_mistake_is_named_by_file_line_and_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        "svix:\n"
        "  applications:\n"
        "  - id: has spaces\n"
        "    name: App\n"
        "polario:\n"
        "  users:\n"
        "  - email: demo@example.com\n"
        "    pasword: pencil\n",
        encoding="utf-8",
    )

    status, problems, out = check(broken, capsys)

    assert status == 1
    assert out == ""
    assert problems == [
        f"{broken}:3:9: svix.applications[0].id: String should match pattern '^[a-zA-Z0-9\\-_.]+$'",
        f"{broken}:7:5: polario.users[0].password: Field required",
        f"{broken}:8:5: polario.users[0].pasword: unknown field (not in the seed format)",
    ]


def test_a_yaml_syntax_error_names_the_file_not_a_string(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("svix:\n  org_keys: [one\n", encoding="utf-8")

    status, problems, _ = check(broken, capsys)

    assert status == 1
    assert problems == [f"{broken}:3:1: not valid YAML: expected ',' or ']', but got '<stream end>'"]
    assert "<unicode string>" not in problems[0]


def test_a_json_seed_file_is_checked_the_same_way(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "seed.json"
    broken.write_text(
        '{\n  "pacerpro": {\n    "users": [{"email": "a@example.com", "password": ""}]\n  }\n}\n', encoding="utf-8"
    )

    status, problems, _ = check(broken, capsys)

    assert status == 1
    assert problems == [f"{broken}:3:54: pacerpro.users[0].password: String should have at least 1 character"]


def test_a_top_level_that_is_not_a_mapping_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "seed.yaml"
    broken.write_text("- just\n- a list\n", encoding="utf-8")

    status, problems, _ = check(broken, capsys)

    assert status == 1
    assert problems == [f"{broken}:1:1: (top level): Input should be a valid dictionary or instance of Seed"]


def test_a_missing_file_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, problems, _ = check(tmp_path / "missing.yaml", capsys)

    assert status == 1
    assert len(problems) == 1
    assert problems[0].startswith(f"{tmp_path / 'missing.yaml'}: cannot read the seed file: ")


def test_the_printed_example_is_the_built_in_seed(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["seed", "example"]) == 0

    printed = capsys.readouterr().out
    assert Seed.model_validate(yaml.safe_load(printed)) == DEFAULT_SEED


def test_the_printed_schema_is_the_committed_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["seed", "schema"]) == 0

    committed = json.loads((ROOT / "schemas" / "seed.schema.json").read_text(encoding="utf-8"))
    assert json.loads(capsys.readouterr().out) == committed
