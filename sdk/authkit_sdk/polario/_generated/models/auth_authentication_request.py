from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AuthAuthenticationRequest")


@_attrs_define
class AuthAuthenticationRequest:
    """The SCRAM client-first message. Both fields are required and must not be empty (upstream marks them
    optional; the kit is stricter).

        Attributes:
            email (str): The user's email, the SCRAM username. In the AuthMessage it is used as sent, escaped as RFC 5802
                escapes a username (`=` → `=3D`, `,` → `=2C`). The reference server looks users up by email
                case-insensitively (and derives the fake salt of an unknown email the same way).
            nonce (str): The client nonce: a fresh random string of printable ASCII characters without `,` (RFC 5802 §5.1
                `r=`); at least 18 random characters are advisable. The pattern is the kit's (upstream does not
                constrain it).
    """

    email: str
    nonce: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        nonce = self.nonce

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "email": email,
                "nonce": nonce,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        email = d.pop("email")

        nonce = d.pop("nonce")

        auth_authentication_request = cls(
            email=email,
            nonce=nonce,
        )

        auth_authentication_request.additional_properties = d
        return auth_authentication_request

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
