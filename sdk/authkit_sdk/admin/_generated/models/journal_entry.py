from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.journal_entry_request_headers import JournalEntryRequestHeaders
    from ..models.journal_truncation import JournalTruncation


T = TypeVar("T", bound="JournalEntry")


@_attrs_define
class JournalEntry:
    """One request the server received and what it answered.

    Attributes:
        id (int): Increasing entry number (not reused after clearing).
        time (datetime.datetime): When the request arrived (server clock).
        api (None | str): The API slug whose prefix the path matched; null outside the five APIs (e.g. `/synapse`).
        operation (None | str): The operationId the request matched; null when it matched none.
        method (str): The HTTP method.
        path (str): The request path as received (with the `/<slug>` prefix when all APIs are served).
        query (str): The raw query string without `?`; empty when there is none.
        status (int): The HTTP status sent.
        duration_ms (float): How long the server took to answer, in wall-clock milliseconds (including an injected
            delay).
        request_headers (JournalEntryRequestHeaders): The request headers as received, with lower-case names; repeated
            headers are joined with `, `.
            Credentials are shown as sent (the server holds demo credentials only).
        request_body (None | str): The request body as UTF-8 text (invalid bytes replaced), cut at the journal's body
            limit (8 KB by
            default, `Limits.journal_body_bytes`) and then ending in `…`; null when empty. `truncated` says how much
            was left out.
        response_body (None | str): The response body as UTF-8 text, cut like `request_body`; null when empty.
        truncated (JournalTruncation): How many bytes the journal left out of this entry. The journal keeps bounded
            copies (README, "Reliability and
            security"): at most 8 KB of headers (later headers are dropped whole) and 8 KB of each body, by default.
    """

    id: int
    time: datetime.datetime
    api: None | str
    operation: None | str
    method: str
    path: str
    query: str
    status: int
    duration_ms: float
    request_headers: JournalEntryRequestHeaders
    request_body: None | str
    response_body: None | str
    truncated: JournalTruncation
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        time = self.time.isoformat()

        api: None | str
        api = self.api

        operation: None | str
        operation = self.operation

        method = self.method

        path = self.path

        query = self.query

        status = self.status

        duration_ms = self.duration_ms

        request_headers = self.request_headers.to_dict()

        request_body: None | str
        request_body = self.request_body

        response_body: None | str
        response_body = self.response_body

        truncated = self.truncated.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "time": time,
                "api": api,
                "operation": operation,
                "method": method,
                "path": path,
                "query": query,
                "status": status,
                "duration_ms": duration_ms,
                "request_headers": request_headers,
                "request_body": request_body,
                "response_body": response_body,
                "truncated": truncated,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.journal_entry_request_headers import JournalEntryRequestHeaders  # noqa: PLC0415
        from ..models.journal_truncation import JournalTruncation  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        time = datetime.datetime.fromisoformat(d.pop("time"))

        def _parse_api(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        api = _parse_api(d.pop("api"))

        def _parse_operation(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        operation = _parse_operation(d.pop("operation"))

        method = d.pop("method")

        path = d.pop("path")

        query = d.pop("query")

        status = d.pop("status")

        duration_ms = d.pop("duration_ms")

        request_headers = JournalEntryRequestHeaders.from_dict(d.pop("request_headers"))

        def _parse_request_body(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        request_body = _parse_request_body(d.pop("request_body"))

        def _parse_response_body(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        response_body = _parse_response_body(d.pop("response_body"))

        truncated = JournalTruncation.from_dict(d.pop("truncated"))

        journal_entry = cls(
            id=id,
            time=time,
            api=api,
            operation=operation,
            method=method,
            path=path,
            query=query,
            status=status,
            duration_ms=duration_ms,
            request_headers=request_headers,
            request_body=request_body,
            response_body=response_body,
            truncated=truncated,
        )

        journal_entry.additional_properties = d
        return journal_entry

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
