from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AdminSink")


@_attrs_define
class AdminSink:
    """A poller sink of a svix stream.

    Attributes:
        id (str): The sink id (usable as `sink_id`).
        uid (None | str): The sink's own unique id, if set (also usable as `sink_id`).
        name (str): The sink's name.
        created_at (datetime.datetime): When the sink was created (server clock).
        poller_token (None | str): The sink's current poller token, or null when it has expired (rotate to get a new
            one).
    """

    id: str
    uid: None | str
    name: str
    created_at: datetime.datetime
    poller_token: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        uid: None | str
        uid = self.uid

        name = self.name

        created_at = self.created_at.isoformat()

        poller_token: None | str
        poller_token = self.poller_token

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "uid": uid,
                "name": name,
                "created_at": created_at,
                "poller_token": poller_token,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        def _parse_uid(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        uid = _parse_uid(d.pop("uid"))

        name = d.pop("name")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_poller_token(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        poller_token = _parse_poller_token(d.pop("poller_token"))

        admin_sink = cls(
            id=id,
            uid=uid,
            name=name,
            created_at=created_at,
            poller_token=poller_token,
        )

        admin_sink.additional_properties = d
        return admin_sink

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
