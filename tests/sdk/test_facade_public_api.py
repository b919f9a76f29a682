"""The public surface: sorted ``__all__`` that resolves and misses nothing defined here, ``py.typed``, and a
distribution whose only runtime dependencies are httpx and attrs (like httpx's own test of its exports)."""

from __future__ import annotations

import ast
import importlib
import importlib.metadata
import inspect
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest
from packaging.requirements import Requirement

from authkit_sdk import errors

ROOT = Path(__file__).resolve().parents[2]
SLUGS = ("authlance", "polario", "svix", "bixarena", "pacerpro", "admin")
PUBLIC_MODULES = (
    "authkit_sdk",
    "authkit_sdk.auth",
    "authkit_sdk.errors",
    "authkit_sdk.scram",
    *(f"authkit_sdk.{slug}" for slug in SLUGS),
    *(f"authkit_sdk.{slug}.{module}" for slug in SLUGS for module in ("generated", "models", "errors")),
)


def ruff_sort_key(name: str) -> tuple[int, str]:
    """The order ruff's RUF022 keeps ``__all__`` in: SCREAMING_CASE, then CamelCase, then the rest."""
    if name.isupper():
        return 0, name
    return (1 if name[:1].isupper() else 2), name


@pytest.fixture(params=PUBLIC_MODULES)
def module(request: pytest.FixtureRequest) -> ModuleType:
    return importlib.import_module(request.param)


def test_all_is_sorted_and_unique(module: ModuleType) -> None:
    names = list(module.__all__)
    assert names == sorted(names, key=ruff_sort_key)
    assert len(names) == len(set(names))


def test_every_name_in_all_resolves(module: ModuleType) -> None:
    for name in module.__all__:
        assert getattr(module, name) is not None, name


def test_every_public_class_and_function_defined_here_is_exported(module: ModuleType) -> None:
    defined = {
        name
        for name, value in vars(module).items()
        if not name.startswith("_")
        and (inspect.isclass(value) or inspect.isfunction(value))
        and value.__module__ == module.__name__
    }
    assert defined <= set(module.__all__)


@pytest.mark.parametrize("slug", SLUGS)
def test_each_api_package_exports_its_sync_and_async_client_and_the_generated_package(slug: str) -> None:
    package = importlib.import_module(f"authkit_sdk.{slug}")
    sync = next(name for name in package.__all__ if name.endswith("Client") and not name.startswith("Async"))
    assert f"Async{sync}" in package.__all__
    assert (
        package.generated.AuthenticatedClient
        is importlib.import_module(f"authkit_sdk.{slug}._generated").AuthenticatedClient
    )


@pytest.mark.parametrize("slug", SLUGS)
def test_the_models_module_is_every_generated_model_by_the_path_users_guess(slug: str) -> None:
    public = importlib.import_module(f"authkit_sdk.{slug}.models")
    generated = importlib.import_module(f"authkit_sdk.{slug}._generated.models")
    assert set(public.__all__) == set(generated.__all__), "a model is missing from (or extra in) the public module"
    for name in public.__all__:
        assert getattr(public, name) is getattr(generated, name)


@pytest.mark.parametrize("slug", SLUGS)
def test_the_errors_module_types_each_status_class_by_the_api_error_model(slug: str) -> None:
    module = importlib.import_module(f"authkit_sdk.{slug}.errors")
    found = [getattr(module, name) for name in module.__all__]
    classes = [cls for cls in found if inspect.isclass(cls) and issubclass(cls, errors.AuthkitError)]
    (base,) = [cls for cls in classes if all(issubclass(other, cls) for other in classes)]
    assert base.__bases__ == (errors.AuthkitError,)
    generic = {getattr(errors, name) for name in errors.__all__ if inspect.isclass(getattr(errors, name))}
    for cls in classes:
        if cls is not base:
            # Each stands for exactly one generic class, and has its name: `except errors.X` catches it.
            (stands_for,) = [g for g in generic - {errors.AuthkitError} if issubclass(cls, g)]
            assert cls.__name__ == stands_for.__name__
    assert {errors.ServerError, errors.UnexpectedResponseError, errors.MalformedResponseError} <= {
        g for cls in classes for g in generic if issubclass(cls, g) and g is not errors.AuthkitError
    }


@pytest.mark.parametrize("slug", SLUGS)
def test_the_generated_package_stays_private(slug: str) -> None:
    package = importlib.import_module(f"authkit_sdk.{slug}")
    assert "_generated" not in package.__all__
    assert all(not name.startswith("_") for name in package.__all__)


def test_the_package_ships_py_typed() -> None:
    assert (ROOT / "sdk" / "authkit_sdk" / "py.typed").is_file()


def _runtime_names(requirements: list[str]) -> set[str]:
    parsed = [Requirement(text) for text in requirements]
    return {req.name.lower() for req in parsed if req.marker is None or "extra" not in str(req.marker)}


def test_the_distribution_depends_on_httpx_and_attrs_only() -> None:
    project = tomllib.loads((ROOT / "sdk" / "pyproject.toml").read_text())["project"]
    assert _runtime_names(project["dependencies"]) == {"httpx", "attrs"}
    assert [Requirement(text).name.lower() for text in project["optional-dependencies"]["jwt"]] == ["pyjwt"]
    installed = importlib.metadata.requires("authkit-sdk") or []
    assert _runtime_names(installed) == {"httpx", "attrs"}


def _imported_roots(path: Path) -> set[str]:
    roots: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def test_nothing_but_httpx_attrs_and_the_standard_library_is_imported() -> None:
    allowed = set(sys.stdlib_module_names) | {"httpx", "attrs", "authkit_sdk"}
    for path in (ROOT / "sdk" / "authkit_sdk").rglob("*.py"):
        extra = {"jwt"} if path.name == "_jwt.py" else set()  # the optional extra, imported lazily
        assert _imported_roots(path) <= allowed | extra, path
