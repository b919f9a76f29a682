from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.admin_token_in_api import AdminTokenInApi, check_admin_token_in_api
from ..models.admin_token_in_kind import AdminTokenInKind, check_admin_token_in_kind
from ..types import UNSET, Unset

T = TypeVar("T", bound="AdminTokenIn")


@_attrs_define
class AdminTokenIn:
    """A token to add.

    Attributes:
        api (AdminTokenInApi): The API to add the token to (only svix for now).
        kind (AdminTokenInKind): The kind of token (only svix organisation API keys for now).
        token (str | Unset): The token value (RFC 6750 `b64token`); `testsk_` and 24 random characters when missing.
            Must not exist yet.
    """

    api: AdminTokenInApi
    kind: AdminTokenInKind
    token: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        api: str = self.api

        kind: str = self.kind

        token = self.token

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "api": api,
                "kind": kind,
            }
        )
        if token is not UNSET:
            field_dict["token"] = token

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        api = check_admin_token_in_api(d.pop("api"))

        kind = check_admin_token_in_kind(d.pop("kind"))

        token = d.pop("token", UNSET)

        admin_token_in = cls(
            api=api,
            kind=kind,
            token=token,
        )

        admin_token_in.additional_properties = d
        return admin_token_in

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
