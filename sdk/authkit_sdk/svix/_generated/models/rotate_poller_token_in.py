from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="RotatePollerTokenIn")


@_attrs_define
class RotatePollerTokenIn:
    """How long the new poller token and the old one live (svix/svix-webhooks@4fc0cfb8b426 `codegen/lib-openapi.json`,
    `RotatePollerTokenIn`).

        Attributes:
            expiry (int | None | Unset): How long the token will be valid for, in seconds. Can be up to 31,536,000 seconds
                (1 year). The
                reference server's default (null or absent) is that year.
            old_token_expiry (int | Unset): Updates the previous token's expiration, in seconds. If set to 0, the old token
                will immediately be
                revoked. Must be between 0 and 86,400 seconds (1 day). Defaults to 300 seconds (5 minutes).
                 Default: 300.
    """

    expiry: int | None | Unset = UNSET
    old_token_expiry: int | Unset = 300
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        expiry: int | None | Unset
        if isinstance(self.expiry, Unset):
            expiry = UNSET
        else:
            expiry = self.expiry

        old_token_expiry = self.old_token_expiry

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if expiry is not UNSET:
            field_dict["expiry"] = expiry
        if old_token_expiry is not UNSET:
            field_dict["oldTokenExpiry"] = old_token_expiry

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_expiry(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        expiry = _parse_expiry(d.pop("expiry", UNSET))

        old_token_expiry = d.pop("oldTokenExpiry", UNSET)

        rotate_poller_token_in = cls(
            expiry=expiry,
            old_token_expiry=old_token_expiry,
        )

        rotate_poller_token_in.additional_properties = d
        return rotate_poller_token_in

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
