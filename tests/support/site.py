"""Building the documentation site (mkdocs.yml) in strict mode, into a temporary folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from tests.support.specs import ROOT

MKDOCS = Path(sys.executable).with_name("mkdocs")


def config() -> dict[str, Any]:
    """The site's configuration (mkdocs.yml), as data."""
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    return loaded


def build(site: Path, settings: dict[str, Any] | None = None) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` into ``site``, with ``settings`` instead of mkdocs.yml when given; the run."""
    config_file = ROOT / "mkdocs.yml"
    if settings is not None:
        config_file = site.parent / f"{site.name}-mkdocs.yml"
        config_file.write_text(yaml.safe_dump(settings), encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [str(MKDOCS), "build", "--strict", "--config-file", str(config_file), "--site-dir", str(site)],
        cwd=ROOT,  # the snippets (the packages' READMEs, the example seed) are named from the repository root
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
