"""The seed client pages of the five APIs, written down: what each spec must contain at the least.

Taken from CONTRACTS.md part A (method, path, status codes, the exact JSON field names and the headers).
"""

from tests.spec.rules import SeedOperation

F = frozenset
SVIX_ERRORS = F({"401", "403", "404", "409", "422", "429"})
SVIX_RETRY = {"429": F({"Retry-After"})}

SEED: dict[str, list[SeedOperation]] = {
    "authlance": [
        SeedOperation(
            "get",
            "/authlance/identity/me/logout",
            F({"200"}),
            response_fields={"200": F({"message"})},
            response_headers={"200": F({"Set-Cookie"})},
        ),
        SeedOperation(
            "post",
            "/authlance/identity/me",
            F({"200", "400", "401"}),
            request_fields=F({"session"}),
            response_fields={"200": F({"token"}), "400": F({"error"}), "401": F({"error"})},
            response_headers={"200": F({"Set-Cookie"})},
        ),
    ],
    "polario": [
        SeedOperation(
            "post",
            "/auth/auth",
            F({"200", "400", "500"}),
            request_fields=F({"email", "nonce"}),
            response_fields={"200": F({"nonce", "salt", "iterationCount", "expires"}), "400": F({"error"})},
            request_headers=F({"Platform"}),
        ),
        SeedOperation(
            "post",
            "/auth/login",
            F({"200", "400", "401", "403", "500"}),
            request_fields=F({"email", "nonce", "proof", "os", "osVersion", "deviceName", "browser"}),
            response_fields={
                "200": F({"signature", "refreshToken", "deviceId", "sendbirdSessionToken", "redirectProjectId"}),
                "401": F({"error"}),
                "403": F({"error"}),
            },
            request_headers=F({"Platform"}),
            response_headers={"200": F({"Session"})},
        ),
        SeedOperation(
            "get",
            "/auth/logout",
            F({"200", "401"}),
            response_fields={"200": F({"status"}), "401": F({"error"})},
            request_headers=F({"Session"}),
        ),
        SeedOperation(
            "post",
            "/auth/session",
            F({"200", "400", "403", "416", "500"}),
            request_fields=F({"refreshToken"}),
            response_fields={"200": F({"deviceId", "sendbirdSessionToken"}), "416": F({"error"})},
            response_headers={"200": F({"Session"})},
        ),
    ],
    "svix": [
        SeedOperation(
            "post",
            "/api/v1/auth/app/{app_id}/expire-all/",
            F({"204"}) | SVIX_ERRORS,
            request_fields=F({"expiry"}),
            response_fields={"401": F({"code", "detail"}), "422": F({"detail"})},
            request_headers=F({"idempotency-key"}),
            response_headers=SVIX_RETRY,
        ),
        SeedOperation(
            "post",
            "/api/v1/auth/dashboard-access/{app_id}/",
            F({"200"}) | SVIX_ERRORS,
            response_fields={"200": F({"url", "token"}), "404": F({"code", "detail"})},
            request_headers=F({"idempotency-key"}),
            response_headers=SVIX_RETRY,
        ),
        SeedOperation(
            "post",
            "/api/v1/auth/app-portal-access/{app_id}/",
            F({"200"}) | SVIX_ERRORS,
            request_fields=F({"featureFlags"}),
            response_fields={"200": F({"url", "token"}), "409": F({"code", "detail"})},
            request_headers=F({"idempotency-key"}),
            response_headers=SVIX_RETRY,
        ),
        SeedOperation(
            "post",
            "/api/v1/auth/logout/",
            F({"204"}) | SVIX_ERRORS,
            response_fields={"403": F({"code", "detail"})},
            request_headers=F({"idempotency-key"}),
            response_headers=SVIX_RETRY,
        ),
    ],
    "bixarena": [
        SeedOperation(
            "get",
            "/auth/oidc/start",
            F({"302", "204", "400"}),
            response_fields={"400": F({"title", "status", "detail", "type", "instance"})},
            response_headers={"302": F({"Location"})},
        ),
        SeedOperation(
            "get",
            "/auth/oidc/callback",
            F({"200", "400", "401"}),
            response_fields={"200": F({"status"}), "401": F({"title", "status"})},
            response_headers={"200": F({"Set-Cookie"})},
        ),
        SeedOperation(
            "post",
            "/auth/logout",
            F({"204"}),
            response_headers={"204": F({"Set-Cookie", "Cache-Control"})},
        ),
        SeedOperation(
            "post",
            "/token",
            F({"200", "401"}),
            response_fields={"200": F({"access_token", "token_type", "expires_in"}), "401": F({"title", "status"})},
        ),
        SeedOperation("get", "/.well-known/jwks.json", F({"200", "400"}), response_fields={"200": F({"keys"})}),
    ],
    "pacerpro": [
        SeedOperation(
            "post",
            "/session",
            F({"200", "401"}),
            request_fields=F({"email", "password"}),
            response_fields={"200": F({"jwtToken", "expiresAt"}), "401": F({"error", "message", "status", "type"})},
        ),
        SeedOperation(
            "get",
            "/session",
            F({"200", "401"}),
            response_fields={"200": F({"jwtToken", "expiresAt"}), "401": F({"error", "message", "status", "type"})},
        ),
        SeedOperation("delete", "/session", F({"200", "401"}), response_fields={"401": F({"error", "message"})}),
    ],
}
