from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.error_type import ErrorType, check_error_type
from ..types import UNSET, Unset

T = TypeVar("T", bound="Error")


@_attrs_define
class Error:
    """PacerPro's error body. Every field is optional, as upstream declares them; the authkit reference server
    always sends all four. `error` is the HTTP reason phrase of `status` (a kit choice: upstream says only
    "An error message").

        Attributes:
            error (str | Unset): A short name of the error (the reference server sends the HTTP reason phrase, e.g.
                `Unauthorized`).
            message (str | Unset): A human-readable explanation.
            status (int | Unset): The HTTP status code of the response, repeated in the body.
            type_ (ErrorType | Unset): How the message should be presented; the reference server always sends `error`.
    """

    error: str | Unset = UNSET
    message: str | Unset = UNSET
    status: int | Unset = UNSET
    type_: ErrorType | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        error = self.error

        message = self.message

        status = self.status

        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if error is not UNSET:
            field_dict["error"] = error
        if message is not UNSET:
            field_dict["message"] = message
        if status is not UNSET:
            field_dict["status"] = status
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        error = d.pop("error", UNSET)

        message = d.pop("message", UNSET)

        status = d.pop("status", UNSET)

        _type_ = d.pop("type", UNSET)
        type_: ErrorType | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = check_error_type(_type_)

        error = cls(
            error=error,
            message=message,
            status=status,
            type_=type_,
        )

        error.additional_properties = d
        return error

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
