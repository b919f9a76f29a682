"""What the facades share: errors, response unwrapping, retries, idempotency keys and auth helpers.

Private: import the public names from :mod:`authkit_sdk`, :mod:`authkit_sdk.errors` or an API's subpackage.
"""
