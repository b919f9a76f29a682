"""bixarena: the OpenID Connect relying party that logs a browser in through the embedded provider
(``relying_party``), the session cookie, internal tokens and JWKS (``api``)."""

from authkit_mock.apis.bixarena.api import setup

__all__ = ["setup"]
