"""A start builds only what serving needs: the admin API's handlers and models, and the seed's validators, wait for
their first use (docs/operations/performance.md, start and memory)."""

from __future__ import annotations

import json
import subprocess
import sys

LAZY = (
    "authkit_mock.models.admin",
    "authkit_mock.admin.state",
    "authkit_mock.admin.streams",
    "authkit_mock.admin.operations",
)

START = """
import json, sys
from authkit_mock.cli import build_parser
from authkit_mock.app import create_app
from authkit_mock.core.seed import Seed
from authkit_mock.core.settings import Settings
create_app(Settings())
print(json.dumps({"loaded": sorted(m for m in sys.modules if m.startswith("authkit_mock")),
                  "seed_built": Seed.__pydantic_complete__}))
"""


def started() -> dict[str, object]:
    """What a fresh interpreter has imported and built once the whole server's app exists."""
    done = subprocess.run([sys.executable, "-c", START], capture_output=True, text=True, check=True, timeout=60)
    answer: dict[str, object] = json.loads(done.stdout)
    return answer


def test_a_start_imports_no_admin_handler_module_nor_the_admin_models() -> None:
    loaded = started()["loaded"]
    assert isinstance(loaded, list)
    assert [name for name in LAZY if name in loaded] == []


def test_a_start_builds_no_validator_for_the_seed() -> None:
    assert started()["seed_built"] is False
