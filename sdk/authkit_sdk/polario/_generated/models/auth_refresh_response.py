from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AuthRefreshResponse")


@_attrs_define
class AuthRefreshResponse:
    """The result of a refresh; the new JWT is in the `Session` response header. `deviceId` and
    `sendbirdSessionToken` are upstream's fields and always sent by the reference server (upstream marks them
    optional). `refreshToken` is the kit's addition: optional in this contract because upstream does not
    document it, always sent by the reference server.

        Attributes:
            device_id (str): The id of the device the session belongs to.
            sendbird_session_token (None | str): A session token for the Sendbird chat service, or null when chat is not set
                up.
            refresh_token (str | Unset): The kit's addition: the rotated refresh token that replaces the one just presented,
                which no longer
                works (presenting it again revokes the session). Store it for the next refresh. When absent (a
                service that does not rotate), keep using the refresh token you have.
    """

    device_id: str
    sendbird_session_token: None | str
    refresh_token: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        device_id = self.device_id

        sendbird_session_token: None | str
        sendbird_session_token = self.sendbird_session_token

        refresh_token = self.refresh_token

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "deviceId": device_id,
                "sendbirdSessionToken": sendbird_session_token,
            }
        )
        if refresh_token is not UNSET:
            field_dict["refreshToken"] = refresh_token

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        device_id = d.pop("deviceId")

        def _parse_sendbird_session_token(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        sendbird_session_token = _parse_sendbird_session_token(d.pop("sendbirdSessionToken"))

        refresh_token = d.pop("refreshToken", UNSET)

        auth_refresh_response = cls(
            device_id=device_id,
            sendbird_session_token=sendbird_session_token,
            refresh_token=refresh_token,
        )

        auth_refresh_response.additional_properties = d
        return auth_refresh_response

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
