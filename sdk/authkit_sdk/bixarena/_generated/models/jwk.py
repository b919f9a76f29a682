from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Jwk")


@_attrs_define
class Jwk:
    """One public JSON Web Key (RFC 7517 section 4). Upstream declares the keys only as `object`; its key store
    publishes RSA keys (`kty` `RSA`, a UUID `kid`, `alg` `RS256`, `n`, `e`). The members are declared here
    so that clients can read them by name; all are optional (which ones appear depends on `kty`: EC keys
    have `crv`, `x`, `y`, RSA keys `n`, `e`), and other members are kept.

        Attributes:
            kty (str | Unset): The key type (RFC 7517 section 4.1), e.g. `RSA` or `EC`.
            kid (str | Unset): The key id (section 4.5); match it to the `kid` header of a token.
            use (str | Unset): The intended use (section 4.2), `sig` for signing keys.
            alg (str | Unset): The algorithm the key is used with (section 4.4), e.g. `RS256` or `ES256`.
            crv (str | Unset): The curve of an EC key (RFC 7518 section 6.2.1.1), e.g. `P-256`.
            x (str | Unset): The x coordinate of an EC key, base64url (RFC 7518 section 6.2.1.2).
            y (str | Unset): The y coordinate of an EC key, base64url (RFC 7518 section 6.2.1.3).
            n (str | Unset): The modulus of an RSA key, base64url (RFC 7518 section 6.3.1.1).
            e (str | Unset): The exponent of an RSA key, base64url (RFC 7518 section 6.3.1.2), e.g. `AQAB`.
    """

    kty: str | Unset = UNSET
    kid: str | Unset = UNSET
    use: str | Unset = UNSET
    alg: str | Unset = UNSET
    crv: str | Unset = UNSET
    x: str | Unset = UNSET
    y: str | Unset = UNSET
    n: str | Unset = UNSET
    e: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        kty = self.kty

        kid = self.kid

        use = self.use

        alg = self.alg

        crv = self.crv

        x = self.x

        y = self.y

        n = self.n

        e = self.e

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if kty is not UNSET:
            field_dict["kty"] = kty
        if kid is not UNSET:
            field_dict["kid"] = kid
        if use is not UNSET:
            field_dict["use"] = use
        if alg is not UNSET:
            field_dict["alg"] = alg
        if crv is not UNSET:
            field_dict["crv"] = crv
        if x is not UNSET:
            field_dict["x"] = x
        if y is not UNSET:
            field_dict["y"] = y
        if n is not UNSET:
            field_dict["n"] = n
        if e is not UNSET:
            field_dict["e"] = e

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kty = d.pop("kty", UNSET)

        kid = d.pop("kid", UNSET)

        use = d.pop("use", UNSET)

        alg = d.pop("alg", UNSET)

        crv = d.pop("crv", UNSET)

        x = d.pop("x", UNSET)

        y = d.pop("y", UNSET)

        n = d.pop("n", UNSET)

        e = d.pop("e", UNSET)

        jwk = cls(
            kty=kty,
            kid=kid,
            use=use,
            alg=alg,
            crv=crv,
            x=x,
            y=y,
            n=n,
            e=e,
        )

        jwk.additional_properties = d
        return jwk

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
