from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.auth_login_request_os import AuthLoginRequestOs, check_auth_login_request_os
from ..types import UNSET, Unset

T = TypeVar("T", bound="AuthLoginRequest")


@_attrs_define
class AuthLoginRequest:
    """The SCRAM client-final message and the device logging in. `email`, `nonce`, `proof` and `os` are
    required and must not be empty (upstream marks every field optional; the kit is stricter).

        Attributes:
            email (str): The email sent in the first message for this challenge.
            nonce (str): The combined nonce from `AuthAuthenticationResponse.nonce`, unchanged.
            proof (str): The ClientProof, base64: `ClientKey XOR HMAC(StoredKey, AuthMessage)` with the AuthMessage
                `n=<email>,r=<client nonce>,r=<nonce>,s=<salt>,i=<iterationCount>,c=biws,r=<nonce>`. The base64
                pattern is the kit's: padded base64 in whole 4-character groups, so every matching value decodes.
            os (AuthLoginRequestOs): The operating system of the device logging in.
            os_version (str | Unset): The version of that operating system (free text).
            device_name (None | str | Unset): A human-readable name of the device, or null (the upstream default).
            browser (None | str | Unset): The browser used for a web login, or null (the upstream default).
    """

    email: str
    nonce: str
    proof: str
    os: AuthLoginRequestOs
    os_version: str | Unset = UNSET
    device_name: None | str | Unset = UNSET
    browser: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        nonce = self.nonce

        proof = self.proof

        os: str = self.os

        os_version = self.os_version

        device_name: None | str | Unset
        if isinstance(self.device_name, Unset):
            device_name = UNSET
        else:
            device_name = self.device_name

        browser: None | str | Unset
        if isinstance(self.browser, Unset):
            browser = UNSET
        else:
            browser = self.browser

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "email": email,
                "nonce": nonce,
                "proof": proof,
                "os": os,
            }
        )
        if os_version is not UNSET:
            field_dict["osVersion"] = os_version
        if device_name is not UNSET:
            field_dict["deviceName"] = device_name
        if browser is not UNSET:
            field_dict["browser"] = browser

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        email = d.pop("email")

        nonce = d.pop("nonce")

        proof = d.pop("proof")

        os = check_auth_login_request_os(d.pop("os"))

        os_version = d.pop("osVersion", UNSET)

        def _parse_device_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        device_name = _parse_device_name(d.pop("deviceName", UNSET))

        def _parse_browser(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        browser = _parse_browser(d.pop("browser", UNSET))

        auth_login_request = cls(
            email=email,
            nonce=nonce,
            proof=proof,
            os=os,
            os_version=os_version,
            device_name=device_name,
            browser=browser,
        )

        auth_login_request.additional_properties = d
        return auth_login_request

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
