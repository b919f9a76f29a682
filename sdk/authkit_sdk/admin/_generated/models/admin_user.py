from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AdminUser")


@_attrs_define
class AdminUser:
    """A user of one API. Never includes a password or anything derived from one.

    Attributes:
        api (str): The API the user belongs to (`authlance`, `polario`, `bixarena` or `pacerpro`).
        id (str): The server's id for the user, unique within its API (opaque).
        email (None | str): The user's e-mail address, if any (the login name for polario and pacerpro).
        name (None | str): The display name, if any (bixarena - the Synapse user name).
        subject (None | str): The user's subject identifier, if the API has one: authlance - the identity id that
            sessions belong to;
            bixarena - the Synapse user id. Null for polario and pacerpro, which identify users by e-mail.
    """

    api: str
    id: str
    email: None | str
    name: None | str
    subject: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        api = self.api

        id = self.id

        email: None | str
        email = self.email

        name: None | str
        name = self.name

        subject: None | str
        subject = self.subject

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "api": api,
                "id": id,
                "email": email,
                "name": name,
                "subject": subject,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        api = d.pop("api")

        id = d.pop("id")

        def _parse_email(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        email = _parse_email(d.pop("email"))

        def _parse_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        name = _parse_name(d.pop("name"))

        def _parse_subject(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        subject = _parse_subject(d.pop("subject"))

        admin_user = cls(
            api=api,
            id=id,
            email=email,
            name=name,
            subject=subject,
        )

        admin_user.additional_properties = d
        return admin_user

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
