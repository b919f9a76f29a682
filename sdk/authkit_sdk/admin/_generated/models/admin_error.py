from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AdminError")


@_attrs_define
class AdminError:
    """Every error of the admin API.

    Attributes:
        error (str): A short machine-readable code: `malformed_json` (400), `forbidden` (403), `not_found` (404),
            `conflict`
            (409), `validation_failed` (422), `seed_file_invalid` (500). More codes may be added.
        detail (str | Unset): What went wrong, for people (for 422, the failing field and why). Sent whenever there is
            more to say.
    """

    error: str
    detail: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        error = self.error

        detail = self.detail

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "error": error,
            }
        )
        if detail is not UNSET:
            field_dict["detail"] = detail

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        error = d.pop("error")

        detail = d.pop("detail", UNSET)

        admin_error = cls(
            error=error,
            detail=detail,
        )

        admin_error.additional_properties = d
        return admin_error

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
