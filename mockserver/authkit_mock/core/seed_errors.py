"""Reading a seed file so that each mistake is reported as ``file:line:column: field: what is wrong``.

The file is parsed once into YAML nodes (which remember where they start) and built into plain data from those
nodes; a validation error's location (``("svix", "applications", 0, "id")``) is then walked down the nodes to the
line it came from. JSON files are read the same way (JSON is YAML).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

if TYPE_CHECKING:
    import yaml


class SeedFileError(Exception):
    """A seed file that cannot be read or does not have the documented shape; one line per mistake."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def read_nodes(path: Path) -> tuple[Any, yaml.Node | None]:
    """The file's data and its YAML node tree (``None`` for an empty file)."""
    import yaml  # only runs with a seed file load it (about 1 MiB and 20 ms at start otherwise)

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise SeedFileError([f"{path}: cannot read the seed file: {error}"]) from None
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark is not None else str(path)
        raise SeedFileError([f"{where}: not valid YAML: {error.problem or error.context}"]) from None
    except yaml.YAMLError as error:
        raise SeedFileError([f"{path}: not valid YAML: {error}"]) from None
    finally:
        loader.dispose()
    return data, node


def field_name(location: tuple[int | str, ...]) -> str:
    """``("svix", "applications", 0, "id")`` as ``svix.applications[0].id`` (``(top level)`` for ``()``)."""
    name = ""
    for part in location:
        name += f"[{part}]" if isinstance(part, int) else f".{part}" if name else str(part)
    return name or "(top level)"


def _node_at(root: yaml.Node, location: tuple[int | str, ...], at_key: bool) -> yaml.Node:
    """The deepest node on the way to ``location`` (a missing field is reported where its parent starts).

    With ``at_key`` the last step stops at the mapping's key (an unknown field is reported where its name is).
    """
    import yaml  # loaded by read_nodes already; imported here, not at module level, for the same reason

    node = root
    for step, part in enumerate(location, start=1):
        child: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == part:
                    child = key if at_key and step == len(location) else value
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            child = node.value[part]
        if child is None:
            return node
        node = child
    return node


def describe(path: Path, root: yaml.Node | None, error: ValidationError) -> list[str]:
    """One ``file:line:column: field: message`` line per validation error."""
    found = []
    for item in error.errors(include_url=False):
        location = tuple(item["loc"])
        unknown = item["type"] == "extra_forbidden"
        message = "unknown field (not in the seed format)" if unknown else item["msg"]
        mark = _node_at(root, location, at_key=unknown).start_mark if root is not None else None
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        found.append((line, column, f"{path}:{line}:{column}: {field_name(location)}: {message}"))
    return [problem for *_, problem in sorted(found)]
