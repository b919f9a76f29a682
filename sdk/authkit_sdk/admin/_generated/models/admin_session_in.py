from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.admin_session_in_api import AdminSessionInApi, check_admin_session_in_api
from ..types import UNSET, Unset

T = TypeVar("T", bound="AdminSessionIn")


@_attrs_define
class AdminSessionIn:
    """A session to add.

    Attributes:
        api (AdminSessionInApi): The API to add the session to (only authlance for now).
        user (str): An existing user of that API, by subject or e-mail address.
        id (str | Unset): The session id; a random UUID when missing. Must not exist yet.
        ttl_seconds (int | Unset): Lifetime in seconds on the server clock; the session never expires when missing.
    """

    api: AdminSessionInApi
    user: str
    id: str | Unset = UNSET
    ttl_seconds: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        api: str = self.api

        user = self.user

        id = self.id

        ttl_seconds = self.ttl_seconds

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "api": api,
                "user": user,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if ttl_seconds is not UNSET:
            field_dict["ttl_seconds"] = ttl_seconds

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        api = check_admin_session_in_api(d.pop("api"))

        user = d.pop("user")

        id = d.pop("id", UNSET)

        ttl_seconds = d.pop("ttl_seconds", UNSET)

        admin_session_in = cls(
            api=api,
            user=user,
            id=id,
            ttl_seconds=ttl_seconds,
        )

        admin_session_in.additional_properties = d
        return admin_session_in

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
