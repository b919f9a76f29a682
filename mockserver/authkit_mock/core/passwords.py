"""Stored password hashes (pacerpro): PBKDF2-HMAC-SHA-256 with a per-user salt, compared in constant time."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass


@dataclass(frozen=True)
class PasswordHash:
    """A salted PBKDF2-SHA-256 hash of a password."""

    salt: bytes
    iterations: int
    digest: bytes

    @classmethod
    def create(cls, password: str, salt: bytes, iterations: int) -> PasswordHash:
        """Hash ``password`` with ``salt``."""
        return cls(salt, iterations, hashlib.pbkdf2_hmac("sha256", password.encode(), salt, iterations))

    def matches(self, password: str) -> bool:
        """Whether ``password`` is the hashed one."""
        candidate = hashlib.pbkdf2_hmac("sha256", password.encode(), self.salt, self.iterations)
        return hmac.compare_digest(candidate, self.digest)
