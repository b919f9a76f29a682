"""The demo data the server starts with: built in, or read from a seed file (YAML or JSON) of the same shape."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from authkit_mock.core.seed_errors import SeedFileError, describe, read_nodes

__all__ = [
    "DEFAULT_SEED",
    "ApplicationSeed",
    "AuthlanceSeed",
    "BixarenaSeed",
    "PasswordApiSeed",
    "PasswordUserSeed",
    "PersonSeed",
    "Seed",
    "SeedFileError",
    "SessionSeed",
    "SinkSeed",
    "StreamSeed",
    "SvixSeed",
    "load_seed",
    "seed_json_schema",
]


class _Strict(BaseModel):
    # Built on first validation (a seed file, ``seed example``), not at import: every start imports this module.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class PersonSeed(_Strict):
    """Somebody who logs in with an identity provider (authlance sessions, the bixarena Synapse stand-in)."""

    subject: str = Field(min_length=1)
    name: str
    email: str


class PasswordUserSeed(_Strict):
    """Somebody who logs in with an email and a password (polario, pacerpro)."""

    email: str = Field(min_length=1)
    password: str = Field(min_length=1)
    name: str | None = None


class SessionSeed(_Strict):
    """An identity-provider session that authlance exchanges for a JWT."""

    id: str = Field(min_length=1)
    user: str
    ttl_seconds: int | None = Field(default=None, gt=0)


class ApplicationSeed(_Strict):
    """A svix application."""

    id: str = Field(min_length=1, max_length=256, pattern=r"^[a-zA-Z0-9\-_.]+$")
    name: str
    uid: str | None = None


class SinkSeed(_Strict):
    """A poller sink of a svix stream, with its first poller token (generated when not given)."""

    id: str = Field(min_length=1, max_length=60)
    name: str
    uid: str | None = Field(default=None, min_length=1, max_length=60)
    poller_token: str | None = Field(default=None, min_length=1)


class StreamSeed(_Strict):
    """A svix stream and its sinks."""

    id: str = Field(min_length=1, max_length=60)
    name: str
    uid: str | None = Field(default=None, min_length=1, max_length=60)
    sinks: list[SinkSeed] = []


class AuthlanceSeed(_Strict):
    users: list[PersonSeed] = []
    sessions: list[SessionSeed] = []


class PasswordApiSeed(_Strict):
    users: list[PasswordUserSeed] = []


class SvixSeed(_Strict):
    org_keys: list[str] = []
    applications: list[ApplicationSeed] = []
    streams: list[StreamSeed] = []


class BixarenaSeed(_Strict):
    users: list[PersonSeed] = []


class Seed(_Strict):
    """The whole seed: one section per API."""

    authlance: AuthlanceSeed = AuthlanceSeed.model_construct()
    polario: PasswordApiSeed = PasswordApiSeed.model_construct()
    svix: SvixSeed = SvixSeed.model_construct()
    bixarena: BixarenaSeed = BixarenaSeed.model_construct()
    pacerpro: PasswordApiSeed = PasswordApiSeed.model_construct()


# Constructed without validation, so the start builds no validator for it (test_seed_file validates the printed
# example, the whole default seed, against ``Seed``).
DEFAULT_SEED = Seed.model_construct(
    authlance=AuthlanceSeed.model_construct(
        users=[PersonSeed.model_construct(subject="user-ada", name="Ada Lovelace", email="ada@example.com")],
        sessions=[SessionSeed.model_construct(id="demo-session-ada", user="user-ada")],
    ),
    polario=PasswordApiSeed.model_construct(
        users=[PasswordUserSeed.model_construct(email="demo@example.com", password="pencil", name="Demo")]
    ),
    svix=SvixSeed.model_construct(
        org_keys=["testsk_demo_org_key"],
        applications=[ApplicationSeed.model_construct(id="app_demo", uid="demo-app", name="Demo application")],
        streams=[
            StreamSeed.model_construct(
                id="strm_demo",
                uid="demo-stream",
                name="Demo stream",
                sinks=[
                    SinkSeed.model_construct(
                        id="sink_demo", uid="demo-sink", name="Demo poller", poller_token="pollsk_demo_poller_token"
                    )
                ],
            )
        ],
    ),
    bixarena=BixarenaSeed.model_construct(
        users=[
            PersonSeed.model_construct(subject="3350396", name="Grace Hopper", email="grace@example.org"),
            PersonSeed.model_construct(subject="3350397", name="Alan Turing", email="alan@example.org"),
        ]
    ),
    pacerpro=PasswordApiSeed.model_construct(
        users=[PasswordUserSeed.model_construct(email="demo@example.com", password="pacerpro-demo")]
    ),
)


def load_seed(path: Path) -> Seed:
    """Read a seed file; :class:`SeedFileError` names the file, line and field of each mistake in it."""
    data, root = read_nodes(path)  # imports yaml only now (about 1 MiB and 20 ms at start otherwise)
    try:
        return Seed.model_validate(data if data is not None else {})
    except ValidationError as error:
        raise SeedFileError(describe(path, root, error)) from None


def seed_json_schema() -> dict[str, object]:
    """The JSON Schema of a seed file (kept in the repository as schemas/seed.schema.json by scripts/generate)."""
    schema: dict[str, object] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "authkit-mock seed file",
    }
    schema.update(Seed.model_json_schema())
    schema["title"] = "authkit-mock seed file"
    return schema
