"""Where the contracts are: shipped inside the package, or (in a checkout) the repository's ``openapi/`` folder."""

from __future__ import annotations

from pathlib import Path

PACKAGE_SPECS = Path(__file__).resolve().parents[1] / "specs"
CHECKOUT_SPECS = Path(__file__).resolve().parents[3] / "openapi"


def spec_dir() -> Path:
    """The folder holding ``<slug>.yaml`` for every API and ``admin.yaml``."""
    return PACKAGE_SPECS if (PACKAGE_SPECS / "admin.yaml").exists() else CHECKOUT_SPECS


def spec_file(name: str) -> Path:
    """The contract of one API (a slug, or ``admin``)."""
    return spec_dir() / f"{name}.yaml"
