from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AuthLoginResponse")


@_attrs_define
class AuthLoginResponse:
    """The result of a successful login; the JWT itself is in the `Session` response header. Every field is
    optional, as upstream declares them; the reference server always sends every one, null where there is no
    value.

        Attributes:
            signature (str | Unset): The ServerSignature, base64: `HMAC(ServerKey, AuthMessage)`. The client must compare it
                with its own
                computation; a mismatch means the server does not know the password and the session must not be
                used.
            refresh_token (str | Unset): The refresh token of the new session, for `POST /auth/session`. Keep it secret.
            device_id (str | Unset): The id of the device record created or updated by this login.
            sendbird_session_token (None | str | Unset): A session token for the Sendbird chat service, or null when chat is
                not set up.
            redirect_project_id (None | str | Unset): The id of the project the user has to be forwarded to, or null.
    """

    signature: str | Unset = UNSET
    refresh_token: str | Unset = UNSET
    device_id: str | Unset = UNSET
    sendbird_session_token: None | str | Unset = UNSET
    redirect_project_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        signature = self.signature

        refresh_token = self.refresh_token

        device_id = self.device_id

        sendbird_session_token: None | str | Unset
        if isinstance(self.sendbird_session_token, Unset):
            sendbird_session_token = UNSET
        else:
            sendbird_session_token = self.sendbird_session_token

        redirect_project_id: None | str | Unset
        if isinstance(self.redirect_project_id, Unset):
            redirect_project_id = UNSET
        else:
            redirect_project_id = self.redirect_project_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if signature is not UNSET:
            field_dict["signature"] = signature
        if refresh_token is not UNSET:
            field_dict["refreshToken"] = refresh_token
        if device_id is not UNSET:
            field_dict["deviceId"] = device_id
        if sendbird_session_token is not UNSET:
            field_dict["sendbirdSessionToken"] = sendbird_session_token
        if redirect_project_id is not UNSET:
            field_dict["redirectProjectId"] = redirect_project_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        signature = d.pop("signature", UNSET)

        refresh_token = d.pop("refreshToken", UNSET)

        device_id = d.pop("deviceId", UNSET)

        def _parse_sendbird_session_token(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sendbird_session_token = _parse_sendbird_session_token(d.pop("sendbirdSessionToken", UNSET))

        def _parse_redirect_project_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        redirect_project_id = _parse_redirect_project_id(d.pop("redirectProjectId", UNSET))

        auth_login_response = cls(
            signature=signature,
            refresh_token=refresh_token,
            device_id=device_id,
            sendbird_session_token=sendbird_session_token,
            redirect_project_id=redirect_project_id,
        )

        auth_login_response.additional_properties = d
        return auth_login_response

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
