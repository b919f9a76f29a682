from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="StreamTokenExpireIn")


@_attrs_define
class StreamTokenExpireIn:
    """How soon the existing tokens of a stream expire (svix/svix-webhooks@4fc0cfb8b426 `codegen/lib-openapi.json`,
    `StreamTokenExpireIn`).

        Attributes:
            expiry (int | None | Unset): How many seconds until the old key is expired (at most 72 hours); 0, null or absent
                means now.
            session_ids (list[str] | Unset): An optional list of session ids (at most 1,000). If any session ids are
                specified, only the tokens
                created with one of those session ids will be expired (svix/svix-webhooks@4fc0cfb8b426 `codegen/lib-
                openapi.json`).
    """

    expiry: int | None | Unset = UNSET
    session_ids: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        expiry: int | None | Unset
        if isinstance(self.expiry, Unset):
            expiry = UNSET
        else:
            expiry = self.expiry

        session_ids: list[str] | Unset = UNSET
        if not isinstance(self.session_ids, Unset):
            session_ids = self.session_ids

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if expiry is not UNSET:
            field_dict["expiry"] = expiry
        if session_ids is not UNSET:
            field_dict["sessionIds"] = session_ids

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

        session_ids = cast(list[str], d.pop("sessionIds", UNSET))

        stream_token_expire_in = cls(
            expiry=expiry,
            session_ids=session_ids,
        )

        stream_token_expire_in.additional_properties = d
        return stream_token_expire_in

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
