"""PKCE (RFC 7636): the S256 transform against the RFC's own example, and the verifier syntax."""

from __future__ import annotations

import pytest

from authkit_mock.core.entropy import Entropy
from authkit_mock.core.pkce import (
    is_valid_s256_challenge,
    is_valid_verifier,
    new_verifier,
    s256_challenge,
    verifier_matches,
)

# RFC 7636 appendix B.
RFC_VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
RFC_CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"


def test_the_s256_challenge_matches_the_rfc_7636_example() -> None:
    assert s256_challenge(RFC_VERIFIER) == RFC_CHALLENGE
    assert verifier_matches(RFC_VERIFIER, RFC_CHALLENGE)
    assert is_valid_s256_challenge(RFC_CHALLENGE)


def test_another_verifier_does_not_match() -> None:
    assert not verifier_matches(RFC_VERIFIER[:-1] + "l", RFC_CHALLENGE)


def test_a_new_verifier_has_43_unreserved_characters_and_is_fresh() -> None:
    entropy = Entropy()
    first, second = new_verifier(entropy), new_verifier(entropy)
    assert len(first) == 43
    assert is_valid_verifier(first)
    assert first != second


@pytest.mark.parametrize(
    ("verifier", "valid"),
    [
        ("a" * 42, False),
        ("a" * 43, True),
        ("a" * 128, True),
        ("a" * 129, False),
        ("A-._~" + "0" * 38, True),
        ("a" * 42 + "+", False),
        ("a" * 42 + "=", False),
    ],
)
def test_the_verifier_syntax_is_43_to_128_unreserved_characters(verifier: str, valid: bool) -> None:
    assert is_valid_verifier(verifier) is valid


def test_a_malformed_verifier_never_matches_even_if_it_hashes_right() -> None:
    short = "abc"
    assert not verifier_matches(short, s256_challenge(short))
