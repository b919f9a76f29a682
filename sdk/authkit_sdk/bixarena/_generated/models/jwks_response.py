from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.jwks_response_keys_item import JwksResponseKeysItem


T = TypeVar("T", bound="JwksResponse")


@_attrs_define
class JwksResponse:
    """A JSON Web Key Set (RFC 7517 section 5); an inline schema upstream, named here.

    Attributes:
        keys (list[JwksResponseKeysItem]): The public signing keys. Upstream marks the member optional; the reference
            server always sends it,
            with at least one key.
    """

    keys: list[JwksResponseKeysItem]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        keys = []
        for keys_item_data in self.keys:
            keys_item = keys_item_data.to_dict()
            keys.append(keys_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "keys": keys,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.jwks_response_keys_item import JwksResponseKeysItem  # noqa: PLC0415

        d = dict(src_dict)
        keys = []
        _keys = d.pop("keys")
        for keys_item_data in _keys:
            keys_item = JwksResponseKeysItem.from_dict(keys_item_data)

            keys.append(keys_item)

        jwks_response = cls(
            keys=keys,
        )

        jwks_response.additional_properties = d
        return jwks_response

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
