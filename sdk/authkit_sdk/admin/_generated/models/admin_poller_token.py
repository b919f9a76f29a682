from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AdminPollerToken")


@_attrs_define
class AdminPollerToken:
    """A poller token of a stream sink.

    Attributes:
        stream_id (str): The stream's id.
        sink_id (str): The sink's id.
        id (str): The token's id (as `ApiTokenOut.id` gives it).
        token (str): The token itself.
        created_at (datetime.datetime): When the token was issued (server clock).
        expires_at (datetime.datetime | None): When the token stops working (server clock).
        current (bool): Whether this is the sink's current token (the one `get_stream_poller_token` answers).
        live (bool): Whether the token still works (not expired, not revoked by a rotation).
    """

    stream_id: str
    sink_id: str
    id: str
    token: str
    created_at: datetime.datetime
    expires_at: datetime.datetime | None
    current: bool
    live: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        stream_id = self.stream_id

        sink_id = self.sink_id

        id = self.id

        token = self.token

        created_at = self.created_at.isoformat()

        expires_at: None | str
        if isinstance(self.expires_at, datetime.datetime):
            expires_at = self.expires_at.isoformat()
        else:
            expires_at = self.expires_at

        current = self.current

        live = self.live

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "stream_id": stream_id,
                "sink_id": sink_id,
                "id": id,
                "token": token,
                "created_at": created_at,
                "expires_at": expires_at,
                "current": current,
                "live": live,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        stream_id = d.pop("stream_id")

        sink_id = d.pop("sink_id")

        id = d.pop("id")

        token = d.pop("token")

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

        current = d.pop("current")

        live = d.pop("live")

        admin_poller_token = cls(
            stream_id=stream_id,
            sink_id=sink_id,
            id=id,
            token=token,
            created_at=created_at,
            expires_at=expires_at,
            current=current,
            live=live,
        )

        admin_poller_token.additional_properties = d
        return admin_poller_token

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
