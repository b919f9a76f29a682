"""The pinned npm dev tools (Prism, Spectral), run from the project's own node_modules."""

from __future__ import annotations

from pathlib import Path

from tests.support.specs import ROOT


def npm_tool(name: str) -> Path:
    """The path of an installed npm dev tool; fails with a clear message when ``npm ci`` has not run."""
    tool = ROOT / "node_modules" / ".bin" / name
    if not tool.exists():
        raise RuntimeError(f"{name} is not installed: run scripts/test (it runs npm ci) or `npm ci` first")
    return tool
