from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.api_slug import ApiSlug, check_api_slug
from ..types import UNSET, Unset

T = TypeVar("T", bound="FaultIn")


@_attrs_define
class FaultIn:
    """A fault to inject; see `create_fault`.

    Attributes:
        api (ApiSlug): The slug of one of the five APIs (its URL prefix on the reference server).
        operation (str): An operationId of that API's spec, or `*` for all its operations.
        status (int | None | Unset): The status to answer with, or null (the default) to only add the delay.
        delay_ms (int | Unset): Milliseconds to wait before anything else. Default: 0.
        count (int | None | Unset): How many matching requests to affect, or null (the default) until removed.
    """

    api: ApiSlug
    operation: str
    status: int | None | Unset = UNSET
    delay_ms: int | Unset = 0
    count: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        api: str = self.api

        operation = self.operation

        status: int | None | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        else:
            status = self.status

        delay_ms = self.delay_ms

        count: int | None | Unset
        if isinstance(self.count, Unset):
            count = UNSET
        else:
            count = self.count

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "api": api,
                "operation": operation,
            }
        )
        if status is not UNSET:
            field_dict["status"] = status
        if delay_ms is not UNSET:
            field_dict["delay_ms"] = delay_ms
        if count is not UNSET:
            field_dict["count"] = count

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        api = check_api_slug(d.pop("api"))

        operation = d.pop("operation")

        def _parse_status(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        delay_ms = d.pop("delay_ms", UNSET)

        def _parse_count(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        count = _parse_count(d.pop("count", UNSET))

        fault_in = cls(
            api=api,
            operation=operation,
            status=status,
            delay_ms=delay_ms,
            count=count,
        )

        fault_in.additional_properties = d
        return fault_in

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
