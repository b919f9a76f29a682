"""What the server keeps of a password, never the password itself.

- :class:`PasswordHash` (pacerpro): PBKDF2-HMAC-SHA-256 with a per-user salt, compared in constant time.
- :class:`ScramCredentials` (polario): the SCRAM-SHA-256 salt, iteration count, StoredKey and ServerKey of
  RFC 5802 section 3. The protocol steps that use them are in :mod:`authkit_mock.apis.polario.scram`.
"""

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


def _hmac(key: bytes, message: bytes) -> bytes:
    return hmac.new(key, message, "sha256").digest()


@dataclass(frozen=True)
class ScramCredentials:
    """What a SCRAM server keeps of a password (RFC 5802 section 3)."""

    salt: bytes
    iterations: int
    stored_key: bytes
    server_key: bytes

    @classmethod
    def derive(cls, password: str, salt: bytes, iterations: int) -> ScramCredentials:
        """SaltedPassword := Hi(password, salt, i) with Hi = PBKDF2-HMAC-SHA-256 (RFC 5802 section 2.2);
        StoredKey := H(HMAC(SaltedPassword, "Client Key")); ServerKey := HMAC(SaltedPassword, "Server Key").

        The password is used as UTF-8 without SASLprep, as most SCRAM clients do for ASCII passwords.
        """
        salted = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
        stored_key = hashlib.sha256(_hmac(salted, b"Client Key")).digest()
        return cls(salt, iterations, stored_key, _hmac(salted, b"Server Key"))
