from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.admin_user_in_api import AdminUserInApi, check_admin_user_in_api
from ..types import UNSET, Unset

T = TypeVar("T", bound="AdminUserIn")


@_attrs_define
class AdminUserIn:
    """A user to add; which fields each API needs is in `create_user`.

    Attributes:
        api (AdminUserInApi): The API to add the user to (svix has no users).
        email (str | Unset): The e-mail address (required for polario and pacerpro; unique within the API, case-
            insensitively).
        password (str | Unset): The password (polario and pacerpro only; never stored in clear and never returned).
        name (str | Unset): The display name (required for bixarena - the Synapse user name).
        subject (str | Unset): The subject identifier (authlance and bixarena only; generated when missing: a UUID for
            authlance, a
            numeric string for bixarena). Unique within the API.
    """

    api: AdminUserInApi
    email: str | Unset = UNSET
    password: str | Unset = UNSET
    name: str | Unset = UNSET
    subject: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        api: str = self.api

        email = self.email

        password = self.password

        name = self.name

        subject = self.subject

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "api": api,
            }
        )
        if email is not UNSET:
            field_dict["email"] = email
        if password is not UNSET:
            field_dict["password"] = password
        if name is not UNSET:
            field_dict["name"] = name
        if subject is not UNSET:
            field_dict["subject"] = subject

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        api = check_admin_user_in_api(d.pop("api"))

        email = d.pop("email", UNSET)

        password = d.pop("password", UNSET)

        name = d.pop("name", UNSET)

        subject = d.pop("subject", UNSET)

        admin_user_in = cls(
            api=api,
            email=email,
            password=password,
            name=name,
            subject=subject,
        )

        admin_user_in.additional_properties = d
        return admin_user_in

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
