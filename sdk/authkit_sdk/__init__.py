"""authkit-sdk: typed clients for five authentication APIs.

Each API lives in its own subpackage (``authkit_sdk.svix``, ``authkit_sdk.polario``, ...).
"""

__all__: list[str] = []
