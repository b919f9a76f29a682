from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="BasicError")


@_attrs_define
class BasicError:
    """Problem details (RFC 7807), served as `application/problem+json`. Upstream requires only `title` and
    `status`; the authkit reference server always sends all five members (`type` is `about:blank`).

        Attributes:
            title (str): A short, human-readable summary of the problem type (reference server - the HTTP reason phrase).
            status (int): The HTTP status code.
            detail (str | Unset): A human-readable explanation specific to this occurrence of the problem (reference server
                - which check failed).
            type_ (str | Unset): A URI that identifies the problem type (reference server - `about:blank`).
            instance (str | Unset): A URI reference that identifies this occurrence of the problem (reference server - the
                request path).
    """

    title: str
    status: int
    detail: str | Unset = UNSET
    type_: str | Unset = UNSET
    instance: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        title = self.title

        status = self.status

        detail = self.detail

        type_ = self.type_

        instance = self.instance

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "title": title,
                "status": status,
            }
        )
        if detail is not UNSET:
            field_dict["detail"] = detail
        if type_ is not UNSET:
            field_dict["type"] = type_
        if instance is not UNSET:
            field_dict["instance"] = instance

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        title = d.pop("title")

        status = d.pop("status")

        detail = d.pop("detail", UNSET)

        type_ = d.pop("type", UNSET)

        instance = d.pop("instance", UNSET)

        basic_error = cls(
            title=title,
            status=status,
            detail=detail,
            type_=type_,
            instance=instance,
        )

        basic_error.additional_properties = d
        return basic_error

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
