"""What a svix portal token carries (its grants), as the compact JSON kept in the store Token's ``grants`` field,
and the most an accepted request can make it carry (:data:`MAX_GRANTS_CHARS`: the store's bound per token).

- App tokens (app-portal-access): ``{"featureFlags": [...], "capabilities": [...], "readOnly": ...}``.
- Stream tokens (stream-portal-access): ``{"featureFlags": [...]}``.
"""

from __future__ import annotations

from pydantic import RootModel

from authkit_mock.core.jsontext import compact_json
from authkit_mock.models.svix import AppPortalCapability, FeatureFlag, FeatureFlags

ALL_CAPABILITIES = tuple(capability.value for capability in AppPortalCapability)


def capabilities(asked: list[AppPortalCapability] | None) -> list[str]:
    """The capabilities a token gets: all of them when none are asked for (upstream's default), and ``ViewBase``
    always ("The ``ViewBase`` capability is always required"). Each at most once, in the enum's order."""
    if not asked:
        return list(ALL_CAPABILITIES)
    given = {"ViewBase", *(capability.value for capability in asked)}
    return [name for name in ALL_CAPABILITIES if name in given]


def flags(feature_flags: object) -> list[str]:
    """The feature flag names of a ``FeatureFlags`` value (or none)."""
    return [flag.root for flag in getattr(feature_flags, "root", None) or ()]


def app_grants(feature_flags: object, asked: list[AppPortalCapability] | None, read_only: bool | None) -> str:
    """An app token's grants: its feature flags, its capabilities and the deprecated ``readOnly``."""
    grants = {"featureFlags": flags(feature_flags), "capabilities": capabilities(asked), "readOnly": read_only}
    return compact_json(grants)


def stream_grants(feature_flags: object) -> str:
    """A stream token's grants: its feature flags."""
    return compact_json({"featureFlags": flags(feature_flags)})


def _max_length(model: type[RootModel[str]] | type[RootModel[list[FeatureFlag]]]) -> int:
    """The ``maxLength`` (or ``maxItems``) the svix contract gives ``model`` (read from the generated model, so it
    follows the spec)."""
    lengths = (getattr(meta, "max_length", None) for meta in model.model_fields["root"].metadata)
    return next(length for length in lengths if isinstance(length, int))


MAX_GRANTS_CHARS = len(
    app_grants(
        FeatureFlags([FeatureFlag("f" * _max_length(FeatureFlag))] * _max_length(FeatureFlags)),
        list(AppPortalCapability),
        False,
    )
)
"""The longest grants an accepted request can give a portal token (6,640 characters), so the svix tokens' grants
take at most ``Limits.tokens`` times this (README, "Every store bounded").

Derived from the request limits the contract enforces (422 beyond them): ``featureFlags`` has at most 25 items of
at most 256 characters each, drawn from ``[a-zA-Z0-9\\-_.]`` (nothing JSON escapes); ``capabilities`` keeps each of
the six at most once (:func:`capabilities`), all six being the longest; ``readOnly`` is true, false or null, and
``false`` is the longest. A stream token's grants are its feature flags alone, so shorter. ``sessionId`` (at most
64 characters) is a field of the token, not of its grants.
"""
