"""Loading and walking the contracts in ``openapi/``: the one place tests learn what the specs say."""

from __future__ import annotations

import copy
import functools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
SPEC_DIR = ROOT / "openapi"
SLUGS = ("authlance", "polario", "svix", "bixarena", "pacerpro")
ALL_SPECS = (*SLUGS, "admin")
KIT_SPECS = ("protected",)
"""The reference server's own small contracts besides admin (linted and checked like the others)."""
LINTED_SPECS = (*ALL_SPECS, *KIT_SPECS)
HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")

Spec = dict[str, Any]


def spec_path(name: str) -> Path:
    """The file of the contract called ``name`` (a slug or ``admin``)."""
    return SPEC_DIR / f"{name}.yaml"


@functools.cache
def _load(name: str) -> Spec:
    with spec_path(name).open(encoding="utf-8") as handle:
        loaded: Spec = yaml.safe_load(handle)
    return loaded


def load_spec(name: str) -> Spec:
    """A fresh (deep-copied) parse of a contract, safe to modify in a test."""
    return copy.deepcopy(_load(name))


@dataclass(frozen=True)
class Operation:
    """One operation of a spec, with its place in the document."""

    spec_name: str
    path: str
    method: str
    body: dict[str, Any]

    @property
    def operation_id(self) -> str:
        return str(self.body.get("operationId", ""))

    @property
    def statuses(self) -> tuple[str, ...]:
        return tuple(str(status) for status in self.body.get("responses", {}))

    def __str__(self) -> str:
        return f"{self.spec_name}:{self.operation_id or '?'} ({self.method.upper()} {self.path})"


def operations(spec: Spec, spec_name: str = "") -> Iterator[Operation]:
    """Every operation of ``spec`` in document order."""
    for path, item in spec.get("paths", {}).items():
        for method in HTTP_METHODS:
            if method in item:
                yield Operation(spec_name, path, method, item[method])


def resolve(spec: Spec, node: Any) -> Any:
    """Follow a local ``$ref`` (``#/components/...``) to the node it names, repeatedly."""
    while isinstance(node, dict) and "$ref" in node:
        node = pointer(spec, node["$ref"])
    return node


def pointer(spec: Spec, ref: str) -> Any:
    """The node at a local JSON pointer such as ``#/components/schemas/User``."""
    if not ref.startswith("#/"):
        raise ValueError(f"only local references are allowed in a self-contained spec: {ref}")
    node: Any = spec
    for part in ref[2:].split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node
