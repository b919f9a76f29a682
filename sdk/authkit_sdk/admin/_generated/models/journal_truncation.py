from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="JournalTruncation")


@_attrs_define
class JournalTruncation:
    """How many bytes the journal left out of this entry. The journal keeps bounded copies (README, "Reliability and
    security"): at most 8 KB of headers (later headers are dropped whole) and 8 KB of each body, by default.

        Attributes:
            request_headers (int): Bytes of header names and values not kept (0 when every header is shown).
            request_body (int): Bytes of the request body not kept.
            response_body (int): Bytes of the response body not kept.
    """

    request_headers: int
    request_body: int
    response_body: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        request_headers = self.request_headers

        request_body = self.request_body

        response_body = self.response_body

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "request_headers": request_headers,
                "request_body": request_body,
                "response_body": response_body,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        request_headers = d.pop("request_headers")

        request_body = d.pop("request_body")

        response_body = d.pop("response_body")

        journal_truncation = cls(
            request_headers=request_headers,
            request_body=request_body,
            response_body=response_body,
        )

        journal_truncation.additional_properties = d
        return journal_truncation

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
