"""pacerpro: password login for a JWT, refresh, and revoke-all by spinning the user's JTI (``api``)."""

from authkit_mock.apis.pacerpro.api import new_user, setup

__all__ = ["new_user", "setup"]
