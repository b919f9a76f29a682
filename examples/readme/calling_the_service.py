"""sdk/README.md, "Calling the rest of the service" (kept identical by tests/examples)."""

import httpx

from authkit_sdk.pacerpro import PacerproClient

with PacerproClient() as pacer, httpx.Client(base_url="https://api.pacerpro.com/v1", auth=pacer.auth()) as api:
    pacer.login("demo@example.com", "pacerpro-demo")
    api.get("/cases")  # Authorization: Bearer <jwt>, kept fresh
