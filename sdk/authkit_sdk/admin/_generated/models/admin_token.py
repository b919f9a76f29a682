from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AdminToken")


@_attrs_define
class AdminToken:
    """A token the server has issued or was given.

    Attributes:
        api (str): The API the token belongs to (a slug).
        kind (str): What the token is: `org_key` (svix organisation API key), `app_token` (svix app-portal token),
            `jwt` (a JWT of authlance, polario, bixarena or pacerpro), `refresh_token` (polario). More kinds may be
            added.
        token (str): The token itself, as a client sends it.
        subject (None | str): The user the token stands for (a JWT's `sub`, a refresh token's user), or null.
        app_id (None | str): The svix application an app-portal token is bound to, or null.
        expires_at (datetime.datetime | None): When the token expires (server clock); null if it never does.
        revoked (bool): True when the token stopped working before its expiry (logout, rotation, reuse detection, JTI
            change).
    """

    api: str
    kind: str
    token: str
    subject: None | str
    app_id: None | str
    expires_at: datetime.datetime | None
    revoked: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        api = self.api

        kind = self.kind

        token = self.token

        subject: None | str
        subject = self.subject

        app_id: None | str
        app_id = self.app_id

        expires_at: None | str
        if isinstance(self.expires_at, datetime.datetime):
            expires_at = self.expires_at.isoformat()
        else:
            expires_at = self.expires_at

        revoked = self.revoked

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "api": api,
                "kind": kind,
                "token": token,
                "subject": subject,
                "app_id": app_id,
                "expires_at": expires_at,
                "revoked": revoked,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        api = d.pop("api")

        kind = d.pop("kind")

        token = d.pop("token")

        def _parse_subject(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        subject = _parse_subject(d.pop("subject"))

        def _parse_app_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        app_id = _parse_app_id(d.pop("app_id"))

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

        revoked = d.pop("revoked")

        admin_token = cls(
            api=api,
            kind=kind,
            token=token,
            subject=subject,
            app_id=app_id,
            expires_at=expires_at,
            revoked=revoked,
        )

        admin_token.additional_properties = d
        return admin_token

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
