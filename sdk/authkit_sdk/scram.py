"""SCRAM-SHA-256 (RFC 5802, RFC 7677) as polario carries it: the messages' fields travel as JSON.

Both sides use these functions: the SDK to log in (and to check the server's signature), the reference
server to verify a proof. The AuthMessage is built from the JSON fields exactly as RFC 5802 section 3 builds
it from the SCRAM messages::

    client-first-message-bare = "n=" saslname ",r=" c-nonce
    server-first-message      = "r=" nonce ",s=" salt ",i=" iteration-count
    client-final-without-proof = "c=biws,r=" nonce          (biws = base64 of the GS2 header "n,,")
    AuthMessage = client-first-message-bare "," server-first-message "," client-final-without-proof
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
from dataclasses import dataclass

__all__ = [
    "ClientFinal",
    "ScramCredentials",
    "auth_message",
    "b64",
    "client_final",
    "client_proof",
    "escape_username",
    "new_client_nonce",
    "recover_client_key",
    "salted_password",
    "server_signature",
    "verify_client_proof",
    "verify_server_signature",
]

_HASH = "sha256"


def escape_username(name: str) -> str:
    """RFC 5802 section 5.1 ``saslname``: ``=`` becomes ``=3D`` and ``,`` becomes ``=2C``."""
    return name.replace("=", "=3D").replace(",", "=2C")


def salted_password(password: str, salt: bytes, iterations: int) -> bytes:
    """SaltedPassword := Hi(Normalize(password), salt, i), with Hi = PBKDF2-HMAC-SHA-256 (RFC 5802 section 2.2).

    The password is used as UTF-8 without SASLprep, as most SCRAM clients do for ASCII passwords.
    """
    return hashlib.pbkdf2_hmac(_HASH, password.encode("utf-8"), salt, iterations)


def _hmac(key: bytes, message: bytes) -> bytes:
    return hmac.new(key, message, _HASH).digest()


def _h(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def _xor(left: bytes, right: bytes) -> bytes:
    return bytes(a ^ b for a, b in zip(left, right, strict=True))


@dataclass(frozen=True)
class ScramCredentials:
    """What a server keeps of a password (RFC 5802 section 3): never the password itself."""

    salt: bytes
    iterations: int
    stored_key: bytes
    server_key: bytes

    @classmethod
    def derive(cls, password: str, salt: bytes, iterations: int = 4096) -> ScramCredentials:
        """StoredKey := H(HMAC(SaltedPassword, "Client Key")); ServerKey := HMAC(SaltedPassword, "Server Key")."""
        salted = salted_password(password, salt, iterations)
        client_key = _hmac(salted, b"Client Key")
        return cls(salt, iterations, _h(client_key), _hmac(salted, b"Server Key"))


def auth_message(email: str, client_nonce: str, nonce: str, salt_b64: str, iterations: int) -> bytes:
    """The AuthMessage both sides sign (see the module docstring)."""
    client_first_bare = f"n={escape_username(email)},r={client_nonce}"
    server_first = f"r={nonce},s={salt_b64},i={iterations}"
    client_final_without_proof = f"c=biws,r={nonce}"
    return f"{client_first_bare},{server_first},{client_final_without_proof}".encode()


def _proof(salted: bytes, message: bytes) -> bytes:
    client_key = _hmac(salted, b"Client Key")
    return _xor(client_key, _hmac(_h(client_key), message))


def client_proof(password: str, salt: bytes, iterations: int, message: bytes) -> bytes:
    """ClientProof := ClientKey XOR HMAC(H(ClientKey), AuthMessage) (RFC 5802 section 3)."""
    return _proof(salted_password(password, salt, iterations), message)


@dataclass(frozen=True)
class ClientFinal:
    """What a client computes for its final message: its proof, and the ServerSignature it must then receive."""

    proof: bytes
    server_signature: bytes


def client_final(password: str, salt: bytes, iterations: int, message: bytes) -> ClientFinal:
    """The ClientProof and the expected ServerSignature (RFC 5802 section 3), from one PBKDF2 run.

    ServerSignature := HMAC(ServerKey, AuthMessage) with ServerKey := HMAC(SaltedPassword, "Server Key"): a
    client that checks it knows the server holds the password's keys, not just a replayed transcript.
    """
    salted = salted_password(password, salt, iterations)
    return ClientFinal(_proof(salted, message), server_signature(_hmac(salted, b"Server Key"), message))


def verify_server_signature(expected: bytes, received_b64: str) -> bool:
    """Whether the base64 ServerSignature the server sent equals ``expected``, compared in constant time.

    Text that is not valid base64 is a wrong signature (RFC 5802 section 5.1 ``v=``; the client aborts).
    """
    try:
        received = base64.b64decode(received_b64, validate=True)
    except (binascii.Error, ValueError):
        return False
    return hmac.compare_digest(received, expected)


def new_client_nonce() -> str:
    """A fresh client nonce (RFC 5802 section 5.1 ``r=``): 32 URL-safe characters from 24 bytes of ``secrets``.

    The URL-safe base64 alphabet is printable ASCII without ``,``, as the attribute value requires.
    """
    return secrets.token_urlsafe(24)


def recover_client_key(stored_key: bytes, proof: bytes, message: bytes) -> bytes:
    """ClientKey := ClientProof XOR ClientSignature, with ClientSignature := HMAC(StoredKey, AuthMessage)."""
    return _xor(proof, _hmac(stored_key, message))


def verify_client_proof(credentials: ScramCredentials, proof: bytes, message: bytes) -> bool:
    """Whether ``proof`` shows knowledge of the password: H(recovered ClientKey) == StoredKey, in constant time."""
    if len(proof) != len(credentials.stored_key):
        return False
    recovered = recover_client_key(credentials.stored_key, proof, message)
    return hmac.compare_digest(_h(recovered), credentials.stored_key)


def server_signature(server_key: bytes, message: bytes) -> bytes:
    """ServerSignature := HMAC(ServerKey, AuthMessage): proves to the client that the server knows the password."""
    return _hmac(server_key, message)


def b64(data: bytes) -> str:
    """Standard base64 text, as SCRAM carries binary values."""
    return base64.b64encode(data).decode("ascii")
