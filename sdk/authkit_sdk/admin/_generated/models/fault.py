from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Fault")


@_attrs_define
class Fault:
    """An active fault.

    Attributes:
        id (int): The fault's id (for `DELETE /faults/{fault_id}`).
        api (str): The API slug.
        operation (str): The operationId, or `*`.
        status (int | None): The status it answers with, or null (delay only).
        delay_ms (int): The delay in milliseconds.
        count (int | None): How many requests it was created to affect, or null (until removed).
        remaining (int | None): How many more requests it will affect, or null (until removed).
    """

    id: int
    api: str
    operation: str
    status: int | None
    delay_ms: int
    count: int | None
    remaining: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        api = self.api

        operation = self.operation

        status: int | None
        status = self.status

        delay_ms = self.delay_ms

        count: int | None
        count = self.count

        remaining: int | None
        remaining = self.remaining

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "api": api,
                "operation": operation,
                "status": status,
                "delay_ms": delay_ms,
                "count": count,
                "remaining": remaining,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        api = d.pop("api")

        operation = d.pop("operation")

        def _parse_status(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        status = _parse_status(d.pop("status"))

        delay_ms = d.pop("delay_ms")

        def _parse_count(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        count = _parse_count(d.pop("count"))

        def _parse_remaining(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        remaining = _parse_remaining(d.pop("remaining"))

        fault = cls(
            id=id,
            api=api,
            operation=operation,
            status=status,
            delay_ms=delay_ms,
            count=count,
            remaining=remaining,
        )

        fault.additional_properties = d
        return fault

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
