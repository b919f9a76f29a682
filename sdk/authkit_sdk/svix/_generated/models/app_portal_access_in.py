from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AppPortalAccessIn")


@_attrs_define
class AppPortalAccessIn:
    """Options of the application token to create.

    Attributes:
        feature_flags (list[str] | None | Unset): The set of feature flags the created token will have access to. `null`
            (no flags) and the minimum of one
            character per flag are the seed page's (API 1.4 reference); upstream's openapi.json allows neither
            `null` nor sets a minimum, so clients should send a list of non-empty flags or leave the field out.
    """

    feature_flags: list[str] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        feature_flags: list[str] | None | Unset
        if isinstance(self.feature_flags, Unset):
            feature_flags = UNSET
        elif isinstance(self.feature_flags, list):
            feature_flags = self.feature_flags

        else:
            feature_flags = self.feature_flags

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if feature_flags is not UNSET:
            field_dict["featureFlags"] = feature_flags

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_feature_flags(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                feature_flags_type_0 = cast(list[str], data)

                return feature_flags_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        feature_flags = _parse_feature_flags(d.pop("featureFlags", UNSET))

        app_portal_access_in = cls(
            feature_flags=feature_flags,
        )

        app_portal_access_in.additional_properties = d
        return app_portal_access_in

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
