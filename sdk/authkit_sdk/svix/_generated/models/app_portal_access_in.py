from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.app_portal_capability import AppPortalCapability, check_app_portal_capability
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.application_in import ApplicationIn


T = TypeVar("T", bound="AppPortalAccessIn")


@_attrs_define
class AppPortalAccessIn:
    """Options of the application token to create (svix/svix-webhooks@4fc0cfb8b426 `codegen/lib-openapi.json`,
    `AppPortalAccessIn`).

        Attributes:
            application (ApplicationIn | None | Unset): Optionally creates a new application while generating the access
                link. If the application id or uid
                that is used in the path already exists, this argument is ignored (svix/svix-webhooks@4fc0cfb8b426 `codegen/lib-
                openapi.json`).
            capabilities (list[AppPortalCapability] | None | Unset): Custom capabilities attached to the token; combine as
                many as necessary. The `ViewBase` capability is
                always required. By default (null or absent) the token gets all capabilities (svix/svix-webhooks@4fc0cfb8b426
                `codegen/lib-openapi.json`).
            expiry (int | None | Unset): How long the token will be valid for, in seconds: between 1 hour and 7 days; the
                default is 7 days
                (svix/svix-webhooks@4fc0cfb8b426 `codegen/lib-openapi.json`; upstream's format is uint64).
                 Default: 604800.
            feature_flags (list[str] | Unset): The set of feature flags the created token will have access to: 1 to 25
                distinct names
                (svix/svix-webhooks@4fc0cfb8b426 `codegen/lib-openapi.json`; API 1.4 allowed null and any number).
            read_only (bool | None | Unset): Whether the app portal should be in read-only mode. Deprecated upstream
                (svix/svix-webhooks@4fc0cfb8b426 `codegen/lib-openapi.json`): use
                `capabilities` instead.
            session_id (None | str | Unset): An optional session ID to attach to the token. When expiring tokens with
                "Expire All", you can include
                the session ID to only expire tokens that were created with that session ID (svix/svix-webhooks@4fc0cfb8b426
                `codegen/lib-openapi.json`).
    """

    application: ApplicationIn | None | Unset = UNSET
    capabilities: list[AppPortalCapability] | None | Unset = UNSET
    expiry: int | None | Unset = 604800
    feature_flags: list[str] | Unset = UNSET
    read_only: bool | None | Unset = UNSET
    session_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.application_in import ApplicationIn  # noqa: PLC0415

        application: dict[str, Any] | None | Unset
        if isinstance(self.application, Unset):
            application = UNSET
        elif isinstance(self.application, ApplicationIn):
            application = self.application.to_dict()
        else:
            application = self.application

        capabilities: list[str] | None | Unset
        if isinstance(self.capabilities, Unset):
            capabilities = UNSET
        elif isinstance(self.capabilities, list):
            capabilities = []
            for capabilities_type_0_item_data in self.capabilities:
                capabilities_type_0_item: str = capabilities_type_0_item_data
                capabilities.append(capabilities_type_0_item)

        else:
            capabilities = self.capabilities

        expiry: int | None | Unset
        if isinstance(self.expiry, Unset):
            expiry = UNSET
        else:
            expiry = self.expiry

        feature_flags: list[str] | Unset = UNSET
        if not isinstance(self.feature_flags, Unset):
            feature_flags = self.feature_flags

        read_only: bool | None | Unset
        if isinstance(self.read_only, Unset):
            read_only = UNSET
        else:
            read_only = self.read_only

        session_id: None | str | Unset
        if isinstance(self.session_id, Unset):
            session_id = UNSET
        else:
            session_id = self.session_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if application is not UNSET:
            field_dict["application"] = application
        if capabilities is not UNSET:
            field_dict["capabilities"] = capabilities
        if expiry is not UNSET:
            field_dict["expiry"] = expiry
        if feature_flags is not UNSET:
            field_dict["featureFlags"] = feature_flags
        if read_only is not UNSET:
            field_dict["readOnly"] = read_only
        if session_id is not UNSET:
            field_dict["sessionId"] = session_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.application_in import ApplicationIn  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_application(data: object) -> ApplicationIn | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                application_type_0 = ApplicationIn.from_dict(data)

                return application_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ApplicationIn | None | Unset, data)

        application = _parse_application(d.pop("application", UNSET))

        def _parse_capabilities(data: object) -> list[AppPortalCapability] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                capabilities_type_0 = []
                _capabilities_type_0 = data
                for capabilities_type_0_item_data in _capabilities_type_0:
                    capabilities_type_0_item = check_app_portal_capability(capabilities_type_0_item_data)

                    capabilities_type_0.append(capabilities_type_0_item)

                return capabilities_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[AppPortalCapability] | None | Unset, data)

        capabilities = _parse_capabilities(d.pop("capabilities", UNSET))

        def _parse_expiry(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        expiry = _parse_expiry(d.pop("expiry", UNSET))

        feature_flags = cast(list[str], d.pop("featureFlags", UNSET))

        def _parse_read_only(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        read_only = _parse_read_only(d.pop("readOnly", UNSET))

        def _parse_session_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        session_id = _parse_session_id(d.pop("sessionId", UNSET))

        app_portal_access_in = cls(
            application=application,
            capabilities=capabilities,
            expiry=expiry,
            feature_flags=feature_flags,
            read_only=read_only,
            session_id=session_id,
        )

        app_portal_access_in.additional_properties = d
        return app_portal_access_in

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
