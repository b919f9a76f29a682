from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AdminTokenGrants")


@_attrs_define
class AdminTokenGrants:
    """What a svix portal token carries.

    Attributes:
        feature_flags (list[str]): The feature flags the token has access to.
        capabilities (list[str] | None): The capabilities of an app token (null for a stream token).
        read_only (bool | None): The deprecated `readOnly` an app token was issued with (null when not given, and for a
            stream token).
    """

    feature_flags: list[str]
    capabilities: list[str] | None
    read_only: bool | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        feature_flags = self.feature_flags

        capabilities: list[str] | None
        if isinstance(self.capabilities, list):
            capabilities = self.capabilities

        else:
            capabilities = self.capabilities

        read_only: bool | None
        read_only = self.read_only

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "feature_flags": feature_flags,
                "capabilities": capabilities,
                "read_only": read_only,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        feature_flags = cast(list[str], d.pop("feature_flags"))

        def _parse_capabilities(data: object) -> list[str] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                capabilities_type_0 = cast(list[str], data)

                return capabilities_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None, data)

        capabilities = _parse_capabilities(d.pop("capabilities"))

        def _parse_read_only(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        read_only = _parse_read_only(d.pop("read_only"))

        admin_token_grants = cls(
            feature_flags=feature_flags,
            capabilities=capabilities,
            read_only=read_only,
        )

        admin_token_grants.additional_properties = d
        return admin_token_grants

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
