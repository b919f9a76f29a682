"""Generate the SDK clients and the server models from the specs, and the seed file's JSON Schema from the seed model
(run through scripts/generate).

Generated code is never edited by hand: change the spec or the generator config, then run this again.
Both generators run in a scratch folder with a pinned, isolated ruff, so the output does not depend on
the machine or on parent configs.
"""

from __future__ import annotations

import argparse
import difflib
import filecmp
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPECS = ("authlance", "polario", "svix", "bixarena", "pacerpro", "admin")
SDK = ROOT / "sdk" / "authkit_sdk"
MODELS = ROOT / "mockserver" / "authkit_mock" / "models"
SEED_SCHEMA = ROOT / "schemas" / "seed.schema.json"
CLIENT_CONFIG = ROOT / "sdk" / "openapi-python-client.yaml"
RUFF_TOML = 'line-length = 120\ntarget-version = "py311"\n'
MODELS_INIT = '"""Pydantic models generated from openapi/*.yaml by datamodel-code-generator. Never edit by hand."""\n'
DATAMODEL_ARGS = [
    "--input-file-type",
    "openapi",
    "--output-model-type",
    "pydantic_v2.BaseModel",
    "--use-annotated",
    "--field-constraints",
    "--use-standard-collections",
    "--target-python-version",
    "3.11",
    "--openapi-scopes",
    "schemas",
    "paths",
    "parameters",
    "requestbodies",
    "--use-operation-id-as-name",
    "--formatters",
    "ruff-check",
    "ruff-format",
    "--disable-timestamp",
    "--use-double-quotes",
    # ``format: email`` as JSON Schema defines it, checked by a compiled pattern (authkit_mock/formats.py), not by
    # pydantic's EmailStr (email-validator: delivery rules the format lacks, and about 80 µs a request).
    "--import-overrides",
    '{"EmailStr": "authkit_mock.formats"}',
    # Models are built on first use, not at import (start time; see authkit_mock/base_model.py).
    "--base-class",
    "authkit_mock.base_model.Model",
]


def _bin(name: str) -> str:
    return str(Path(sys.executable).parent / name)


def _run(command: list[str], cwd: Path) -> None:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    completed = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        sys.stderr.write(completed.stdout + completed.stderr)
        raise SystemExit(f"generate: {' '.join(command[:2])} failed for {command}")


def generate_into(out: Path, spec_dir: Path = ROOT / "openapi", names: tuple[str, ...] = SPECS) -> None:
    """Write the generated files of ``names`` under ``out`` (``sdk/<name>/_generated``, ``models/<name>.py``)."""
    scratch = out / "_scratch"
    scratch.mkdir(parents=True)
    (scratch / "ruff.toml").write_text(RUFF_TOML, encoding="utf-8")
    (out / "models").mkdir()
    (out / "models" / "__init__.py").write_text(MODELS_INIT, encoding="utf-8")
    for name in names:
        spec = spec_dir / f"{name}.yaml"
        target = out / "sdk" / name / "_generated"
        target.parent.mkdir(parents=True)
        _run(
            [
                _bin("openapi-python-client"),
                "generate",
                "--path",
                str(spec),
                "--meta",
                "none",
                "--output-path",
                str(target),
                "--config",
                str(CLIENT_CONFIG),
                "--fail-on-warning",
            ],
            cwd=scratch,
        )
        (target / "py.typed").write_text("", encoding="utf-8")
        _run(
            [
                _bin("datamodel-codegen"),
                "--input",
                str(spec),
                "--output",
                str(out / "models" / f"{name}.py"),
                *DATAMODEL_ARGS,
            ],
            cwd=scratch,
        )
    shutil.rmtree(scratch)
    write_seed_schema(out / "schemas" / SEED_SCHEMA.name)


def write_seed_schema(target: Path) -> None:
    """The JSON Schema of seed files, from the server's seed model (``authkit_mock.core.seed``)."""
    from authkit_mock.core.seed import seed_json_schema

    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(seed_json_schema(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _pairs(out: Path, names: tuple[str, ...] = SPECS) -> list[tuple[Path, Path]]:
    pairs = [(out / "sdk" / name / "_generated", SDK / name / "_generated") for name in names]
    if names == SPECS:
        return [*pairs, (out / "models", MODELS), (out / "schemas" / SEED_SCHEMA.name, SEED_SCHEMA)]
    return [*pairs, *((out / "models" / f"{name}.py", MODELS / f"{name}.py") for name in names)]


def drift(out: Path, names: tuple[str, ...] = SPECS) -> list[str]:
    """The unified diff between code generated into ``out`` and the committed code (empty: current)."""
    return [line for new, old in _pairs(out, names) for line in _diff(new, old)]


def seed_schema_drift(out: Path) -> list[str]:
    """The unified diff between the seed schema generated into ``out`` and the committed one (empty: current)."""
    return _diff(out / "schemas" / SEED_SCHEMA.name, SEED_SCHEMA)


def _files(tree: Path) -> set[Path]:
    """The files of a tree, relative to it (a single file is its own tree: ``{Path()}``)."""
    if tree.is_file():
        return {Path()}
    if not tree.exists():
        return set()
    return {p.relative_to(tree) for p in tree.rglob("*") if p.is_file() and "__pycache__" not in p.parts}


def _diff(new: Path, old: Path) -> list[str]:
    """Unified diffs between two trees or files (files that differ, appear or disappear)."""
    lines: list[str] = []
    new_files = _files(new)
    old_files = _files(old)
    for rel in sorted(new_files | old_files):
        a, b = (old / rel, new / rel) if rel != Path() else (old, new)
        if a.exists() and b.exists() and filecmp.cmp(a, b, shallow=False):
            continue
        before = a.read_text(encoding="utf-8").splitlines(keepends=True) if a.exists() else []
        after = b.read_text(encoding="utf-8").splitlines(keepends=True) if b.exists() else []
        shown = a.relative_to(ROOT) if a.is_relative_to(ROOT) else a
        lines += difflib.unified_diff(before, after, f"committed/{shown}", f"generated/{shown}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail with a diff when the committed code is stale")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="authkit-generate-") as temporary:
        out = Path(temporary)
        generate_into(out)
        if args.check:
            diff = drift(out)
            if diff:
                sys.stdout.writelines(diff)
                print(
                    "\ngenerate: the committed generated code differs from the specs; run scripts/generate",
                    file=sys.stderr,
                )
                return 1
            print("generate: generated code is current")
            return 0
        for new, old in _pairs(out):
            if new.is_file():
                old.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(new, old)
                continue
            if old.exists():
                shutil.rmtree(old)
            shutil.copytree(new, old)
        print("generate: regenerated " + ", ".join(SPECS) + " and " + str(SEED_SCHEMA.relative_to(ROOT)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
