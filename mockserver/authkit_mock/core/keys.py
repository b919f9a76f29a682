"""The signing keys of every issuer: generated at start, or kept in a key file so tokens survive restarts."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path

from authkit_mock.core.entropy import Entropy
from authkit_mock.core.tokens import SigningKey


class KeyFileError(Exception):
    """A key file that cannot be read or written."""


def load_or_create_keys(
    issuers: Mapping[str, str], key_file: Path | None, entropy: Entropy | None = None
) -> dict[str, SigningKey]:
    """One signing key per issuer name (``issuers`` maps it to its algorithm); read from ``key_file`` when it has one
    for that algorithm, written back when it did not."""
    names = list(issuers)
    stored: dict[str, object] = {}
    if key_file is not None and key_file.exists():
        try:
            stored = json.loads(key_file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise KeyFileError(f"cannot read key file {key_file}: {error}") from None
    keys: dict[str, SigningKey] = {}
    fresh = []
    for name in names:
        jwk = stored.get(name)
        try:
            key = SigningKey.from_jwk(jwk) if isinstance(jwk, dict) else None
        except (ValueError, KeyError, TypeError) as error:
            raise KeyFileError(f"key {name!r} in {key_file} is not a private EC or RSA JWK: {error}") from None
        if key is None or key.algorithm != issuers[name]:
            # Missing, or kept from a version that signed with another algorithm: a new key replaces it.
            key = SigningKey.generate(issuers[name], entropy)
            fresh.append(name)
        keys[name] = key
    if key_file is not None and fresh:
        document = {**stored, **{name: key.to_private_jwk() for name, key in keys.items()}}
        temporary = key_file.with_suffix(key_file.suffix + ".tmp")
        try:
            # Written private (0600) and swapped in atomically, so a crash never leaves half a key file.
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(document, handle, indent=2)
            temporary.replace(key_file)
        except OSError as error:
            raise KeyFileError(f"cannot write key file {key_file}: {error}") from None
    return keys
