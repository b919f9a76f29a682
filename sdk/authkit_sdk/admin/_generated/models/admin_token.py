from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.admin_token_grants import AdminTokenGrants


T = TypeVar("T", bound="AdminToken")


@_attrs_define
class AdminToken:
    """A token the server has issued or was given.

    Attributes:
        api (str): The API the token belongs to (a slug).
        kind (str): What the token is: `org_key` (svix organisation API key), `app_token` (svix app-portal token),
            `stream_token` (svix stream-portal token), `poller_token` (svix stream sink poller token), `jwt` (a JWT
            of authlance, polario, bixarena or pacerpro), `refresh_token` (polario). More kinds may be added.
        token (str): The token itself, as a client sends it.
        subject (None | str): The user the token stands for (a JWT's `sub`, a refresh token's user), or null.
        app_id (None | str): The svix application an app-portal token is bound to, or null.
        expires_at (datetime.datetime | None): When the token expires (server clock); null if it never does.
        revoked (bool): True when the token stopped working before its expiry (logout, rotation, reuse detection, JTI
            change).
        stream_id (None | str | Unset): The svix stream a stream or poller token belongs to, or null.
        sink_id (None | str | Unset): The svix sink a poller token polls, or null.
        session_id (None | str | Unset): The `sessionId` a svix app or stream token was issued with, or null.
        grants (AdminTokenGrants | None | Unset): What a svix portal token carries, or null: its feature flags, and for
            an app token its capabilities
            (all six when none were asked for; `ViewBase` always) and the deprecated `readOnly`.
    """

    api: str
    kind: str
    token: str
    subject: None | str
    app_id: None | str
    expires_at: datetime.datetime | None
    revoked: bool
    stream_id: None | str | Unset = UNSET
    sink_id: None | str | Unset = UNSET
    session_id: None | str | Unset = UNSET
    grants: AdminTokenGrants | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.admin_token_grants import AdminTokenGrants  # noqa: PLC0415

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

        stream_id: None | str | Unset
        if isinstance(self.stream_id, Unset):
            stream_id = UNSET
        else:
            stream_id = self.stream_id

        sink_id: None | str | Unset
        if isinstance(self.sink_id, Unset):
            sink_id = UNSET
        else:
            sink_id = self.sink_id

        session_id: None | str | Unset
        if isinstance(self.session_id, Unset):
            session_id = UNSET
        else:
            session_id = self.session_id

        grants: dict[str, Any] | None | Unset
        if isinstance(self.grants, Unset):
            grants = UNSET
        elif isinstance(self.grants, AdminTokenGrants):
            grants = self.grants.to_dict()
        else:
            grants = self.grants

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
        if stream_id is not UNSET:
            field_dict["stream_id"] = stream_id
        if sink_id is not UNSET:
            field_dict["sink_id"] = sink_id
        if session_id is not UNSET:
            field_dict["session_id"] = session_id
        if grants is not UNSET:
            field_dict["grants"] = grants

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.admin_token_grants import AdminTokenGrants  # noqa: PLC0415

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

        def _parse_stream_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        stream_id = _parse_stream_id(d.pop("stream_id", UNSET))

        def _parse_sink_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sink_id = _parse_sink_id(d.pop("sink_id", UNSET))

        def _parse_session_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        session_id = _parse_session_id(d.pop("session_id", UNSET))

        def _parse_grants(data: object) -> AdminTokenGrants | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                grants_type_0 = AdminTokenGrants.from_dict(data)

                return grants_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AdminTokenGrants | None | Unset, data)

        grants = _parse_grants(d.pop("grants", UNSET))

        admin_token = cls(
            api=api,
            kind=kind,
            token=token,
            subject=subject,
            app_id=app_id,
            expires_at=expires_at,
            revoked=revoked,
            stream_id=stream_id,
            sink_id=sink_id,
            session_id=session_id,
            grants=grants,
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
