"""A start builds only what serving needs: the admin API's handlers and models, and the seed's validators, wait for
their first use; and the ``authkit-mock`` command does not walk what it loads again and again in garbage
collections nor read every installed distribution for pydantic plugins (docs/operations/performance.md, start and
memory)."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from importlib.metadata import entry_points

from authkit_mock.cli import tune_garbage_collector

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


COLLECTIONS = """
import contextlib, gc, io, json
older = []
def count(phase, info):
    if phase == "stop" and info["generation"] > 0:
        older.append(info["generation"])
gc.callbacks.append(count)
from authkit_mock.launch import main
with contextlib.redirect_stdout(io.StringIO()):
    main(["seed", "schema"])  # the command's entry point loads the program; create_app loads the rest of serve
from authkit_mock.app import create_app
from authkit_mock.core.settings import Settings
create_app(Settings())
print(json.dumps(older))
"""


def test_the_command_loads_the_server_without_collecting_the_older_generations() -> None:
    # With CPython's default thresholds the same start ran about 12 collections of the middle generation and a full
    # one, each walking what the imports made so far (about 30 ms of a 0.35 s start), to find next to nothing.
    done = subprocess.run([sys.executable, "-c", COLLECTIONS], capture_output=True, text=True, check=True, timeout=60)
    assert json.loads(done.stdout) == []


PLUGINS = """
import contextlib, io, json, os
from authkit_mock.launch import main
with contextlib.redirect_stdout(io.StringIO()):
    main(["seed", "schema"])  # builds the seed model: pydantic's first validator looks for plugins then
from pydantic.plugin import _loader
print(json.dumps({"scanned": _loader._plugins is not None, "setting": os.environ.get("PYDANTIC_DISABLE_PLUGINS")}))
"""


def _load_through_the_launcher(environment: dict[str, str]) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", PLUGINS], capture_output=True, text=True, check=True, timeout=60, env=environment
    )
    return dict(json.loads(done.stdout))


def test_the_command_does_not_read_every_installed_distribution_for_pydantic_plugins() -> None:
    environment = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    assert _load_through_the_launcher(environment) == {"scanned": False, "setting": "__all__"}


def test_the_command_keeps_a_pydantic_plugin_setting_the_environment_gives() -> None:
    environment = {**os.environ, "PYDANTIC_DISABLE_PLUGINS": ""}  # empty: load the plugins
    assert _load_through_the_launcher(environment) == {"scanned": True, "setting": ""}


def test_the_authkit_mock_script_enters_through_the_launcher() -> None:
    (script,) = entry_points(group="console_scripts", name="authkit-mock")
    assert script.value == "authkit_mock.launch:main"


def test_a_started_server_freezes_what_the_start_made_and_collects_young_objects_rarely() -> None:
    before = gc.get_threshold()
    try:
        tune_garbage_collector()
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold() == (50_000, 50, 100)
        assert gc.isenabled()
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
