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
    `sendbirdSessionToken` are upstream's fields, optional as upstream declares them. `refreshToken` is the
    kit's addition, optional because upstream does not document it. The reference server always sends all three.

        Attributes:
            device_id (str | Unset): The id of the device the session belongs to.
            sendbird_session_token (None | str | Unset): A session token for the Sendbird chat service, or null when chat is
                not set up.
            refresh_token (str | Unset): The kit's addition: the rotated refresh token that replaces the one just presented,
                which no longer
                works (presenting it again revokes the session). Store it for the next refresh. When absent (a
                service that does not rotate), keep using the refresh token you have.
    """

    device_id: str | Unset = UNSET
    sendbird_session_token: None | str | Unset = UNSET
    refresh_token: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        device_id = self.device_id

        sendbird_session_token: None | str | Unset
        if isinstance(self.sendbird_session_token, Unset):
            sendbird_session_token = UNSET
        else:
            sendbird_session_token = self.sendbird_session_token

        refresh_token = self.refresh_token

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if device_id is not UNSET:
            field_dict["deviceId"] = device_id
        if sendbird_session_token is not UNSET:
            field_dict["sendbirdSessionToken"] = sendbird_session_token
        if refresh_token is not UNSET:
            field_dict["refreshToken"] = refresh_token

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        device_id = d.pop("deviceId", UNSET)

        def _parse_sendbird_session_token(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sendbird_session_token = _parse_sendbird_session_token(d.pop("sendbirdSessionToken", UNSET))

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
