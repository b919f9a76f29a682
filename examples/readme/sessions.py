"""sdk/README.md, "Sessions that survive a restart" (kept identical by tests/examples)."""

from authkit_sdk.auth import FileTokenStore
from authkit_sdk.polario import PolarioClient

store = FileTokenStore("tokens.json")  # JSON, created 0600, replaced atomically on every save
with PolarioClient(token_store=store) as polario:
    polario.login("demo@example.com", "pencil")  # saved; so is every refresh (each rotates the refresh token)

with PolarioClient.resume(store) as polario:  # after a restart: no login (LoginRequiredError if none is saved)
    polario.refresh()
