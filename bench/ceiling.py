"""The single-core ceiling of a signature: how many tokens one core signs per second, and nothing else.

bixarena's contract requires a fresh RS256 signature (RSA-2048, as upstream) per ``POST /token``; that signature,
not Prism, bounds the operation. This measures it in the bench's own process, between the cells of the same run,
with the server's own path (PyJWT's algorithm object over ``cryptography``) and a token-sized signing input.
"""

from __future__ import annotations

import time

from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import get_default_algorithms

SIGNING_INPUT = b"e" * 420
"""About the length of a bixarena token's header and claims segments."""


def rs256_per_second(seconds: float = 2.0) -> float:
    """RS256 signatures per second with an RSA-2048 key, on this process's one core, over ``seconds``."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    signer = get_default_algorithms()["RS256"]
    signer.sign(SIGNING_INPUT, key)  # warm-up
    count, started = 0, time.perf_counter()
    deadline = started + seconds
    while time.perf_counter() < deadline:
        signer.sign(SIGNING_INPUT, key)
        count += 1
    return round(count / (time.perf_counter() - started), 1)
