"""``format: email`` as JSON Schema defines it (an RFC 5321 mailbox), checked by one compiled pattern."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from authkit_mock.formats import EmailStr, is_email, normalized_email


class Login(BaseModel):
    email: EmailStr


@pytest.mark.parametrize(
    "address",
    [
        "demo@example.com",
        "qa@shop.test",  # RFC 6761 special-use domains are where test data lives
        "first.last+tag@sub.example.co.uk",
        "o'brien@example.org",
        "x@localhost",
        '"quoted local"@example.com',
        "user@[192.0.2.1]",
        "user@[IPv6:2001:db8::1]",
        f"{'a' * 64}@example.com",
    ],
)
def test_a_mailbox_is_an_email(address: str) -> None:
    assert is_email(address)
    assert Login(email=address).email == address


@pytest.mark.parametrize(
    "address",
    [
        "",
        "no-at-sign",
        "@example.com",
        "user@",
        "two@@example.com",
        "a..b@example.com",
        ".lead@example.com",
        "user@-bad.example",
        "user@bad-.example",
        "user@exa mple.com",
        "ümlaut@example.com",  # format: email is ASCII; idn-email is another format
        f"{'a' * 65}@example.com",
        f"user@{'a' * 64}.com",
        f"user@{'a.' * 126}com",
        "user@[300.1.1.1]",
        "user@[IPv6:nonsense]",
        "user@example.com\n",
    ],
)
def test_anything_else_is_not(address: str) -> None:
    assert not is_email(address)
    with pytest.raises(ValidationError, match="not a valid email address"):
        Login(email=address)


@given(st.emails())
def test_every_address_hypothesis_generates_for_format_email_is_accepted(address: str) -> None:
    # Schemathesis generates format: email values with this strategy (positive_data_acceptance).
    assert is_email(address)


def test_normalising_lowers_the_domain_only() -> None:
    assert normalized_email("Grace.Hopper@Example.ORG") == "Grace.Hopper@example.org"


def test_only_bodies_of_models_with_integers_are_checked_for_whole_number_floats() -> None:
    # The rewrite of 60.0 as 60 parses the body once more; models without integers skip it (bodies.py).
    from authkit_mock.core.bodies import has_integers
    from authkit_mock.models.pacerpro import User
    from authkit_mock.models.svix import ApplicationTokenExpireIn

    assert has_integers(ApplicationTokenExpireIn)
    assert not has_integers(User)
