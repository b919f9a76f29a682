from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.admin_sink import AdminSink


T = TypeVar("T", bound="AdminStream")


@_attrs_define
class AdminStream:
    """A svix stream with its sinks.

    Attributes:
        id (str): The stream id (usable as `stream_id`).
        uid (None | str): The stream's own unique id, if set (also usable as `stream_id`).
        name (str): The stream's name.
        created_at (datetime.datetime): When the stream was created (server clock).
        expires_at (datetime.datetime | None): When the stream goes away (server clock); null for a seeded stream.
        sinks (list[AdminSink]): The stream's sinks, in creation order.
    """

    id: str
    uid: None | str
    name: str
    created_at: datetime.datetime
    expires_at: datetime.datetime | None
    sinks: list[AdminSink]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        uid: None | str
        uid = self.uid

        name = self.name

        created_at = self.created_at.isoformat()

        expires_at: None | str
        if isinstance(self.expires_at, datetime.datetime):
            expires_at = self.expires_at.isoformat()
        else:
            expires_at = self.expires_at

        sinks = []
        for sinks_item_data in self.sinks:
            sinks_item = sinks_item_data.to_dict()
            sinks.append(sinks_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "uid": uid,
                "name": name,
                "created_at": created_at,
                "expires_at": expires_at,
                "sinks": sinks,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.admin_sink import AdminSink  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        def _parse_uid(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        uid = _parse_uid(d.pop("uid"))

        name = d.pop("name")

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

        sinks = []
        _sinks = d.pop("sinks")
        for sinks_item_data in _sinks:
            sinks_item = AdminSink.from_dict(sinks_item_data)

            sinks.append(sinks_item)

        admin_stream = cls(
            id=id,
            uid=uid,
            name=name,
            created_at=created_at,
            expires_at=expires_at,
            sinks=sinks,
        )

        admin_stream.additional_properties = d
        return admin_stream

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
