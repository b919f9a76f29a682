"""The server side of polario's SCRAM-SHA-256 login (RFC 5802, RFC 7677): challenges and proof checks.

``POST /auth/auth`` carries the client-first message and gets the server-first message back (a
:class:`Challenge`); ``POST /auth/login`` carries the client-final message and is checked against that
challenge by :meth:`Challenges.answer`.

The arithmetic is written here, on the server's side of the wire only; the SDK has its own client side
(``authkit_sdk.scram``). Two independent implementations that must agree, checked against each other, against
RFC 7677's test vector and against scramp, catch more than one module shared by both ends would. The
AuthMessage is built from the JSON fields exactly as RFC 5802 section 3 builds it from the SCRAM messages::

    client-first-message-bare = "n=" saslname ",r=" c-nonce
    server-first-message      = "r=" nonce ",s=" salt ",i=" iteration-count
    client-final-without-proof = "c=biws,r=" nonce          (biws = base64 of the GS2 header "n,,")
    AuthMessage = client-first-message-bare "," server-first-message "," client-final-without-proof
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Callable
from dataclasses import dataclass

from authkit_mock.core.bounded import text_bytes
from authkit_mock.core.entropy import Entropy
from authkit_mock.core.ephemeral import EphemeralMap, JsonCodec, MapFactory
from authkit_mock.core.passwords import ScramCredentials

SERVER_NONCE_BYTES = 18
"""Random bytes in the server's part of the combined nonce (24 URL-safe characters, none of them a comma)."""
FAKE_SALT_BYTES = 16
"""The length of a salt for an unknown email: the same as a real one, so the answer does not tell them apart."""
MAX_CHALLENGES = 10_000
"""Outstanding challenges kept at most by default (``Limits.scram_challenges``); the oldest are dropped first, so a
flood cannot exhaust memory."""
MAX_CLIENT_NONCE = 256
"""The longest client nonce accepted (RFC 5802 sets none; clients send 24 to 32 characters): with the email (at
most 254 characters) and the platform header (at most ``MAX_PLATFORM``) it bounds what a challenge holds."""
MAX_PLATFORM = 64

CredentialsLookup = Callable[[str], ScramCredentials | None]


def b64(data: bytes) -> str:
    """Standard base64 text, as SCRAM carries binary values."""
    return base64.b64encode(data).decode("ascii")


def auth_message(email: str, client_nonce: str, nonce: str, salt_b64: str, iterations: int) -> bytes:
    """The AuthMessage both sides sign (see the module docstring); the email is a ``saslname`` (RFC 5802
    section 5.1: ``=`` becomes ``=3D`` and ``,`` becomes ``=2C``)."""
    saslname = email.replace("=", "=3D").replace(",", "=2C")
    return f"n={saslname},r={client_nonce},r={nonce},s={salt_b64},i={iterations},c=biws,r={nonce}".encode()


def verify_client_proof(credentials: ScramCredentials, proof: bytes, message: bytes) -> bool:
    """Whether ``proof`` shows knowledge of the password (RFC 5802 section 3).

    ClientSignature := HMAC(StoredKey, AuthMessage); ClientKey := ClientProof XOR ClientSignature; the proof is
    good when H(ClientKey) equals StoredKey, compared in constant time.
    """
    if len(proof) != len(credentials.stored_key):
        return False
    signature = hmac.new(credentials.stored_key, message, hashlib.sha256).digest()
    client_key = bytes(a ^ b for a, b in zip(proof, signature, strict=True))
    return hmac.compare_digest(hashlib.sha256(client_key).digest(), credentials.stored_key)


def server_signature(server_key: bytes, message: bytes) -> bytes:
    """ServerSignature := HMAC(ServerKey, AuthMessage): proves to the client that the server knows the password."""
    return hmac.new(server_key, message, hashlib.sha256).digest()


class ChallengeRejectedError(Exception):
    """A client-final message that does not answer a live challenge: ``reason`` says why (not for clients)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class PlatformMismatchError(ChallengeRejectedError):
    """The final message names another platform than the first one did."""


class ProofRejectedError(ChallengeRejectedError):
    """The ClientProof does not prove knowledge of the password (or the email is unknown)."""


@dataclass(frozen=True)
class Challenge:
    """The server-first message as sent, with what the server must remember to check the answer."""

    email: str
    client_nonce: str
    nonce: str
    """The combined nonce: the client's followed by the server's (RFC 5802 section 5.1 ``r=``)."""
    salt_b64: str
    """The salt exactly as sent: the AuthMessage uses this text (``s=``)."""
    iterations: int
    expires: int
    """Unix seconds; the challenge can be answered up to and including this second."""
    platform: str | None
    credentials: ScramCredentials | None
    """The user's stored keys when the challenge was issued; None for an unknown email."""

    def message(self) -> bytes:
        """The AuthMessage of this exchange, built from what the server itself sent and received."""
        return auth_message(self.email, self.client_nonce, self.nonce, self.salt_b64, self.iterations)


@dataclass(frozen=True)
class Verified:
    """A successful answer: who logged in and the ServerSignature that proves the server to the client."""

    email: str
    signature: bytes


class Challenges:
    """The outstanding challenges of one server, keyed by combined nonce, each answerable once (across every process
    that shares ``maps``: the answer takes the challenge in one atomic step)."""

    def __init__(
        self, maps: MapFactory, entropy: Entropy, default_iterations: int, max_challenges: int = MAX_CHALLENGES
    ) -> None:
        self._entropy = entropy
        self._default_iterations = default_iterations
        # Drawn once per server: unknown emails get salts nobody can predict, yet stable while it runs.
        self._fake_salt_key = entropy.token_bytes(32)
        # Random keys no password derives: an unknown email's proof is checked against them, so that path
        # does the same work as a wrong password.
        self._decoy = ScramCredentials(b"", default_iterations, entropy.token_bytes(32), entropy.token_bytes(32))
        # Expired challenges go from the front on every issue; past the count (or the bytes: each one is at most
        # about 1 KB, see MAX_CLIENT_NONCE) the oldest goes.
        self._pending: EphemeralMap[Challenge] = maps.bounded(
            "polario.challenges",
            max_challenges,
            max_challenges * 1024,
            lambda nonce, c: text_bytes(nonce, c.email, c.client_nonce, c.salt_b64, c.platform) + 256,
            lambda c: c.expires + 1,  # answerable up to and including its ``expires`` second
            JsonCodec(Challenge),
        )

    @property
    def entries(self) -> EphemeralMap[Challenge]:
        """The map holding the outstanding challenges."""
        return self._pending

    def fake_salt(self, email: str) -> bytes:
        """A salt for an unknown email: HMAC of the email under the server's secret, so it is stable per email.

        Case-folded like the lookup of real users, or two spellings of an unknown email would get two salts where a
        known one gets one, telling the two apart.
        """
        key = email.lower().encode("utf-8")
        return hmac.new(self._fake_salt_key, key, hashlib.sha256).digest()[:FAKE_SALT_BYTES]

    async def issue(
        self,
        email: str,
        client_nonce: str,
        platform: str | None,
        credentials: ScramCredentials | None,
        now: float,
        ttl: float,
    ) -> Challenge:
        """The server-first message for a client-first message (RFC 5802 section 5.1), remembered until it expires.

        An unknown email (``credentials`` None) gets the same shape of answer, with a fake but stable salt and
        the default iteration count, so the answer does not reveal whether the account exists (RFC 5802
        section 9 recommends this).
        """
        if credentials is not None:
            salt, iterations = credentials.salt, credentials.iterations
        else:
            salt, iterations = self.fake_salt(email), self._default_iterations
        # RFC 5802 section 5.1: the server appends its own fresh nonce to the client's.
        nonce = client_nonce + self._entropy.token_urlsafe(SERVER_NONCE_BYTES)
        challenge = Challenge(
            email=email,
            client_nonce=client_nonce,
            nonce=nonce,
            salt_b64=b64(salt),
            iterations=iterations,
            expires=int(now + ttl),
            platform=platform,
            credentials=credentials,
        )
        await self._pending.put(nonce, challenge, now)
        return challenge

    async def answer(self, email: str, nonce: str, proof: bytes, platform: str | None, now: float) -> Verified:
        """Check a client-final message; the challenge is used up whatever the outcome.

        Raises :class:`ChallengeRejectedError` for an unknown, used or expired nonce or one issued for another
        email, :class:`PlatformMismatchError` when ``platform`` differs from the first message's, and
        :class:`ProofRejectedError` for a wrong proof or an unknown email.
        """
        challenge = await self._pending.take(nonce, now)
        if challenge is None:
            raise ChallengeRejectedError("unknown, already used or expired nonce")
        if now > challenge.expires:
            raise ChallengeRejectedError("challenge expired")
        if email != challenge.email:
            raise ChallengeRejectedError("nonce issued for another email")
        if platform != challenge.platform:
            raise PlatformMismatchError(
                f"platform {platform!r} differs from the first message's {challenge.platform!r}"
            )
        message = challenge.message()
        # RFC 5802 section 3: recover ClientKey from the proof and compare H(ClientKey) with StoredKey in
        # constant time (verify_client_proof). An unknown email fails the same way as a wrong password.
        credentials = challenge.credentials
        valid = verify_client_proof(credentials or self._decoy, proof, message)
        if credentials is None or not valid:
            raise ProofRejectedError("wrong proof" if credentials is not None else "unknown email")
        return Verified(challenge.email, server_signature(credentials.server_key, message))
