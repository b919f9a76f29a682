from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AuthAuthenticationResponse")


@_attrs_define
class AuthAuthenticationResponse:
    """The SCRAM server-first message: the challenge. The reference server always sends every field (upstream
    marks them optional).

        Attributes:
            nonce (str): The combined nonce: the client nonce followed by the server's random nonce. Send it back unchanged
                in
                `AuthLoginRequest.nonce`.
            salt (str): The user's salt, base64. Decode it for PBKDF2; use the base64 text as received in the AuthMessage
                (`s=`). Unknown emails get a fake salt that is stable per email.
            iteration_count (int): The PBKDF2-HMAC-SHA-256 iteration count (`i=`; 4096 by default in the reference server).
            expires (int): Unix time in seconds after which the challenge can no longer be answered. A challenge can be
                answered once.
    """

    nonce: str
    salt: str
    iteration_count: int
    expires: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        nonce = self.nonce

        salt = self.salt

        iteration_count = self.iteration_count

        expires = self.expires

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "nonce": nonce,
                "salt": salt,
                "iterationCount": iteration_count,
                "expires": expires,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        nonce = d.pop("nonce")

        salt = d.pop("salt")

        iteration_count = d.pop("iterationCount")

        expires = d.pop("expires")

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
