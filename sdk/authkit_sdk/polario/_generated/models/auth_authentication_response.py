from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AuthAuthenticationResponse")


@_attrs_define
class AuthAuthenticationResponse:
    """The SCRAM server-first message: the challenge. Every field is optional, as upstream declares them (a client
    cannot log in without `nonce`, `salt` and `iterationCount`); the reference server always sends all four.

        Attributes:
            nonce (str | Unset): The combined nonce: the client nonce followed by the server's random nonce. Send it back
                unchanged in
                `AuthLoginRequest.nonce`.
            salt (str | Unset): The user's salt, base64. Decode it for PBKDF2; use the base64 text as received in the
                AuthMessage
                (`s=`). Unknown emails get a fake salt that is stable per email.
            iteration_count (int | Unset): The PBKDF2-HMAC-SHA-256 iteration count (`i=`; 4096 by default in the reference
                server). The `int32`
                format and the minimum of 1 are the kit's (upstream: a plain integer).
            expires (int | Unset): Unix time in seconds after which the challenge can no longer be answered. A challenge can
                be
                answered once. The `int64` format is the kit's (upstream: a plain integer).
    """

    nonce: str | Unset = UNSET
    salt: str | Unset = UNSET
    iteration_count: int | Unset = UNSET
    expires: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        nonce = self.nonce

        salt = self.salt

        iteration_count = self.iteration_count

        expires = self.expires

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if nonce is not UNSET:
            field_dict["nonce"] = nonce
        if salt is not UNSET:
            field_dict["salt"] = salt
        if iteration_count is not UNSET:
            field_dict["iterationCount"] = iteration_count
        if expires is not UNSET:
            field_dict["expires"] = expires

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        nonce = d.pop("nonce", UNSET)

        salt = d.pop("salt", UNSET)

        iteration_count = d.pop("iterationCount", UNSET)

        expires = d.pop("expires", UNSET)

        auth_authentication_response = cls(
            nonce=nonce,
            salt=salt,
            iteration_count=iteration_count,
            expires=expires,
        )

        auth_authentication_response.additional_properties = d
        return auth_authentication_response

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
