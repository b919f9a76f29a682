"""authlance: a session id exchanged for a JWT and the ``loopToken`` cookie, and logout (``api``)."""

from authkit_mock.apis.authlance.api import find_user, new_user, random_uuid, setup

__all__ = ["find_user", "new_user", "random_uuid", "setup"]
