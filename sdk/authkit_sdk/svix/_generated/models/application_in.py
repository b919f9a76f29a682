from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.application_in_metadata import ApplicationInMetadata


T = TypeVar("T", bound="ApplicationIn")


@_attrs_define
class ApplicationIn:
    """An application to create (svix/svix-webhooks@4fc0cfb8b426 `codegen/lib-openapi.json`, `ApplicationIn`). The
    reference server keeps its name and uid
    only: it sends no messages, so `throttleRate` and `metadata` have no effect there.

        Attributes:
            name (str): Application name for human consumption.
            throttle_rate (int | None | Unset): Maximum messages per second to send to this application (upstream: `format:
                uint16`, minimum 1; the
                maximum is that of a uint16).
            uid (None | str | Unset): Optional unique identifier for the application.
            metadata (ApplicationInMetadata | Unset): Free-form string metadata (default empty).
    """

    name: str
    throttle_rate: int | None | Unset = UNSET
    uid: None | str | Unset = UNSET
    metadata: ApplicationInMetadata | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        throttle_rate: int | None | Unset
        if isinstance(self.throttle_rate, Unset):
            throttle_rate = UNSET
        else:
            throttle_rate = self.throttle_rate

        uid: None | str | Unset
        if isinstance(self.uid, Unset):
            uid = UNSET
        else:
            uid = self.uid

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
            }
        )
        if throttle_rate is not UNSET:
            field_dict["throttleRate"] = throttle_rate
        if uid is not UNSET:
            field_dict["uid"] = uid
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.application_in_metadata import ApplicationInMetadata  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        def _parse_throttle_rate(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        throttle_rate = _parse_throttle_rate(d.pop("throttleRate", UNSET))

        def _parse_uid(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        uid = _parse_uid(d.pop("uid", UNSET))

        _metadata = d.pop("metadata", UNSET)
        metadata: ApplicationInMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = ApplicationInMetadata.from_dict(_metadata)

        application_in = cls(
            name=name,
            throttle_rate=throttle_rate,
            uid=uid,
            metadata=metadata,
        )

        application_in.additional_properties = d
        return application_in

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
