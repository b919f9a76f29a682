"""The real services a live conformance run talks to, and the credentials it uses, from the environment.

Nothing is read from a file and nothing is written anywhere: a QA engineer exports the variables for the APIs
they hold credentials for, and ``scripts/test --live`` runs those APIs' flows. An API whose variables are missing
is skipped, and the skip says which variables it needs.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

PREFIX = "AUTHKIT_LIVE_"

NEEDS: dict[str, tuple[str, ...]] = {
    "authlance": ("URL", "SESSION"),
    "polario": ("URL", "EMAIL", "PASSWORD"),
    "svix": ("URL", "TOKEN", "APP_ID"),
    "bixarena": ("URL",),
    "pacerpro": ("URL", "EMAIL", "PASSWORD"),
}
"""The variables each API's flow needs, after ``AUTHKIT_LIVE_<SLUG>_``. Optional ones: bixarena ``SESSION`` (a
``JSESSIONID`` from a browser login at the real service) adds the token mint to its flow."""

OPTIONAL: dict[str, tuple[str, ...]] = {"bixarena": ("SESSION",)}


def variable(slug: str, name: str) -> str:
    """The environment variable that holds ``name`` for ``slug`` (``AUTHKIT_LIVE_POLARIO_EMAIL``)."""
    return f"{PREFIX}{slug.upper()}_{name}"


@dataclass(frozen=True)
class LiveService:
    """One API's service to check: its base URL (as the SDK takes it) and the credentials of a test account."""

    slug: str
    base_url: str
    credentials: Mapping[str, str] = field(default_factory=dict)

    def get(self, name: str) -> str | None:
        """A credential, or None when it was not given."""
        return self.credentials.get(name)

    def __getitem__(self, name: str) -> str:
        return self.credentials[name]

    def __repr__(self) -> str:
        # Credentials never reach a test report or a log.
        return f"LiveService({self.slug!r}, {self.base_url!r}, credentials={sorted(self.credentials)})"


def from_environment(slug: str, environ: Mapping[str, str] = os.environ) -> LiveService | str:
    """The service for ``slug`` from the environment, or why it cannot run (the missing variables)."""
    missing = [variable(slug, name) for name in NEEDS[slug] if not environ.get(variable(slug, name))]
    if missing:
        return f"no live {slug} service configured: set {', '.join(missing)}"
    names = [name for name in (*NEEDS[slug], *OPTIONAL.get(slug, ())) if name != "URL"]
    credentials = {name: environ[variable(slug, name)] for name in names if environ.get(variable(slug, name))}
    return LiveService(slug, environ[variable(slug, "URL")].rstrip("/"), credentials)
