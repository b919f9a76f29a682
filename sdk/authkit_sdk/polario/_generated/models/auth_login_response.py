from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AuthLoginResponse")


@_attrs_define
class AuthLoginResponse:
    """The result of a successful login; the JWT itself is in the `Session` response header. The reference
    server always sends every field, null where there is no value (upstream marks them optional).

        Attributes:
            signature (str): The ServerSignature, base64: `HMAC(ServerKey, AuthMessage)`. The client must compare it with
                its own
                computation; a mismatch means the server does not know the password and the session must not be
                used.
            refresh_token (str): The refresh token of the new session, for `POST /auth/session`. Keep it secret.
            device_id (str): The id of the device record created or updated by this login.
            sendbird_session_token (None | str): A session token for the Sendbird chat service, or null when chat is not set
                up.
            redirect_project_id (None | str): The id of the project the user has to be forwarded to, or null.
    """

    signature: str
    refresh_token: str
    device_id: str
    sendbird_session_token: None | str
    redirect_project_id: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        signature = self.signature

        refresh_token = self.refresh_token

        device_id = self.device_id

        sendbird_session_token: None | str
        sendbird_session_token = self.sendbird_session_token

        redirect_project_id: None | str
        redirect_project_id = self.redirect_project_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "signature": signature,
                "refreshToken": refresh_token,
                "deviceId": device_id,
                "sendbirdSessionToken": sendbird_session_token,
                "redirectProjectId": redirect_project_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        signature = d.pop("signature")

        refresh_token = d.pop("refreshToken")

        device_id = d.pop("deviceId")

        def _parse_sendbird_session_token(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        sendbird_session_token = _parse_sendbird_session_token(d.pop("sendbirdSessionToken"))

        def _parse_redirect_project_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        redirect_project_id = _parse_redirect_project_id(d.pop("redirectProjectId"))

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
