from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="StreamPortalAccessIn")


@_attrs_define
class StreamPortalAccessIn:
    """Options of the stream token to create (svix/svix-webhooks@4fc0cfb8b426 `codegen/lib-openapi.json`,
    `StreamPortalAccessIn`).

        Attributes:
            expiry (int | None | Unset): How long the token will be valid for, in seconds: between 1 hour and 7 days; the
                default is 7 days
                (svix/svix-webhooks@4fc0cfb8b426 `codegen/lib-openapi.json`; upstream's format is uint64).
                 Default: 604800.
            feature_flags (list[str] | Unset): The set of feature flags the created token will have access to: 1 to 25
                distinct names
                (svix/svix-webhooks@4fc0cfb8b426 `codegen/lib-openapi.json`; API 1.4 allowed null and any number).
            session_id (None | str | Unset): An optional session ID to attach to the token. When expiring tokens with
                "Expire All", you can include
                the session ID to only expire tokens that were created with that session ID (svix/svix-webhooks@4fc0cfb8b426
                `codegen/lib-openapi.json`).
    """

    expiry: int | None | Unset = 604800
    feature_flags: list[str] | Unset = UNSET
    session_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        expiry: int | None | Unset
        if isinstance(self.expiry, Unset):
            expiry = UNSET
        else:
            expiry = self.expiry

        feature_flags: list[str] | Unset = UNSET
        if not isinstance(self.feature_flags, Unset):
            feature_flags = self.feature_flags

        session_id: None | str | Unset
        if isinstance(self.session_id, Unset):
            session_id = UNSET
        else:
            session_id = self.session_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if expiry is not UNSET:
            field_dict["expiry"] = expiry
        if feature_flags is not UNSET:
            field_dict["featureFlags"] = feature_flags
        if session_id is not UNSET:
            field_dict["sessionId"] = session_id

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

        feature_flags = cast(list[str], d.pop("featureFlags", UNSET))

        def _parse_session_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        session_id = _parse_session_id(d.pop("sessionId", UNSET))

        stream_portal_access_in = cls(
            expiry=expiry,
            feature_flags=feature_flags,
            session_id=session_id,
        )

        stream_portal_access_in.additional_properties = d
        return stream_portal_access_in

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
