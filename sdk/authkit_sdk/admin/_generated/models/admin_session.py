from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AdminSession")


@_attrs_define
class AdminSession:
    """A server-side session of one API.

    Attributes:
        api (str): The API the session belongs to (`authlance`, `polario` or `bixarena`).
        id (str): The session id: authlance - the identity-provider session id to exchange; polario - the login's
            device id; bixarena - the `JSESSIONID` value.
        user (str): The session's user - its subject, or its e-mail address for APIs without subjects (polario).
        created_at (datetime.datetime): When the session was created (server clock).
        expires_at (datetime.datetime | None): When the session expires (server clock); null if it never does.
        active (bool): True while the session is usable (not expired on the server clock, not ended or revoked).
    """

    api: str
    id: str
    user: str
    created_at: datetime.datetime
    expires_at: datetime.datetime | None
    active: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        api = self.api

        id = self.id

        user = self.user

        created_at = self.created_at.isoformat()

        expires_at: None | str
        if isinstance(self.expires_at, datetime.datetime):
            expires_at = self.expires_at.isoformat()
        else:
            expires_at = self.expires_at

        active = self.active

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "api": api,
                "id": id,
                "user": user,
                "created_at": created_at,
                "expires_at": expires_at,
                "active": active,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        api = d.pop("api")

        id = d.pop("id")

        user = d.pop("user")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_expires_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expires_at_type_0 = datetime.datetime.fromisoformat(data)

                return expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        expires_at = _parse_expires_at(d.pop("expires_at"))

        active = d.pop("active")

        admin_session = cls(
            api=api,
            id=id,
            user=user,
            created_at=created_at,
            expires_at=expires_at,
            active=active,
        )

        admin_session.additional_properties = d
        return admin_session

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
