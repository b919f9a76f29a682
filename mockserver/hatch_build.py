"""Build hook: the contracts (``../openapi`` in a checkout) go into the package as ``authkit_mock/specs``.

From a checkout they are copied into both the sdist and the wheel, so the sdist is complete on its own; a wheel
built from that sdist finds them already inside the package. An editable install reads ``../openapi`` directly
(``authkit_mock.core.specs``), so nothing is copied for it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

TARGET = "authkit_mock/specs"


class SpecsHook(BuildHookInterface):  # type: ignore[misc]
    """Copies the OpenAPI contracts into the distribution at build time."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        """Add ``../openapi/*.yaml`` as ``authkit_mock/specs/`` when building from a checkout."""
        if version == "editable":
            return
        root = Path(self.root)
        checkout = root.parent / "openapi"
        if (checkout / "admin.yaml").is_file():
            for spec in sorted(checkout.glob("*.yaml")):
                build_data["force_include"][str(spec)] = f"{TARGET}/{spec.name}"
        elif not (root / TARGET / "admin.yaml").is_file():
            raise RuntimeError(f"no contracts to package: neither {checkout} nor {root / TARGET} holds admin.yaml")
