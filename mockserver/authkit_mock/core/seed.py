"""The demo data the server starts with: built in, or read from a seed file (YAML or JSON) of the same shape."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


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

    authlance: AuthlanceSeed = AuthlanceSeed()
    polario: PasswordApiSeed = PasswordApiSeed()
    svix: SvixSeed = SvixSeed()
    bixarena: BixarenaSeed = BixarenaSeed()
    pacerpro: PasswordApiSeed = PasswordApiSeed()


class SeedFileError(Exception):
    """A seed file that cannot be read or does not have the documented shape."""


DEFAULT_SEED = Seed(
    authlance=AuthlanceSeed(
        users=[PersonSeed(subject="user-ada", name="Ada Lovelace", email="ada@example.com")],
        sessions=[SessionSeed(id="demo-session-ada", user="user-ada")],
    ),
    polario=PasswordApiSeed(users=[PasswordUserSeed(email="demo@example.com", password="pencil", name="Demo")]),
    svix=SvixSeed(
        org_keys=["testsk_demo_org_key"],
        applications=[ApplicationSeed(id="app_demo", uid="demo-app", name="Demo application")],
        streams=[
            StreamSeed(
                id="strm_demo",
                uid="demo-stream",
                name="Demo stream",
                sinks=[
                    SinkSeed(
                        id="sink_demo", uid="demo-sink", name="Demo poller", poller_token="pollsk_demo_poller_token"
                    )
                ],
            )
        ],
    ),
    bixarena=BixarenaSeed(
        users=[
            PersonSeed(subject="3350396", name="Grace Hopper", email="grace@example.org"),
            PersonSeed(subject="3350397", name="Alan Turing", email="alan@example.org"),
        ]
    ),
    pacerpro=PasswordApiSeed(users=[PasswordUserSeed(email="demo@example.com", password="pacerpro-demo")]),
)


def load_seed(path: Path) -> Seed:
    """Read a seed file; :class:`SeedFileError` says what is wrong with it."""
    import yaml  # only runs with a seed file load it (about 1 MiB and 20 ms at start otherwise)

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise SeedFileError(f"cannot read seed file {path}: {error}") from None
    try:
        return Seed.model_validate(data)
    except ValidationError as error:
        raise SeedFileError(f"seed file {path} is not valid:\n{error}") from None
