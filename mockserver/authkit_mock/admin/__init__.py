"""The admin API (``/__admin``, openapi/admin.yaml) and the admin page, for QA and frontend teams.

- ``api``: the sub-app, its access rule and its route table (each handler's module is imported on its first call);
- ``operations``: health, reset, the request journal, faults and the clock;
- ``state``: its view of the store (users, sessions, svix applications and tokens);
- ``io``: bodies, queries and answers shared by the admin handlers;
- ``ui``: the page at ``/__admin/ui``.

The admin package may use the API packages' public builders (a user of each API is made the way that API makes
one); no API imports the admin package.
"""

from authkit_mock.admin.api import admin_allowed, create_admin_app, is_loopback

__all__ = ["admin_allowed", "create_admin_app", "is_loopback"]
