"""``authkit-mock`` on the command line: every mistake is one line and exit status 2, the banner tells the truth."""

from __future__ import annotations

import re
import socket
import subprocess
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path

import httpx
import pytest

from authkit_mock.cli import build_parser, main, settings_from
from tests.reliability.process import CLI

MISUSES = {
    "a port beyond 65535": ["serve", "--port", "99999"],
    "a negative port": ["serve", "--port", "-1"],
    "a port that is not a number": ["serve", "--port", "http"],
    "a public URL that is not a URL": ["serve", "--public-url", "notaurl"],
    "a public URL without a host": ["serve", "--public-url", "http://"],
    "a public URL with a query": ["serve", "--public-url", "http://mock.example.test/?x=1"],
    "a public URL with a bad port": ["serve", "--public-url", "http://mock.example.test:99999"],
    "a CORS origin with a path": ["serve", "--cors-origin", "http://localhost:3000/app"],
    "a CORS origin without a scheme": ["serve", "--cors-origin", "localhost:3000"],
    "an empty host": ["serve", "--host", ""],
    "an empty admin token": ["serve", "--admin-token", ""],
    "an empty auto-login subject": ["serve", "--idp-auto-login", " "],
    "a seed file that does not exist": ["serve", "--seed", "no/such/seed.yaml"],
    "a provider URL that is not a URL": ["serve", "--provider-url", "synapse.example.test"],
    "a provider URL with a query": ["serve", "--provider-url", "https://synapse.example.test/?x=1"],
    "a bixarena frontend URL that is not a URL": ["serve", "--bixarena-frontend-url", "notaurl"],
    "a bixarena frontend URL of another scheme": ["serve", "--bixarena-frontend-url", "ftp://app.example.test"],
    "an allowed host with a scheme": ["serve", "--allowed-host", "http://app.example.test"],
    "an allowed host with a port": ["serve", "--allowed-host", "app.example.test:8080"],
    "a negative connection cap": ["serve", "--max-connections", "-1"],
    "a timeout that is not a number": ["serve", "--header-timeout", "soon"],
    "a negative timeout": ["serve", "--body-timeout", "-1"],
    "an infinite timeout": ["serve", "--keepalive-timeout", "inf"],
    "a store bound of 0": ["serve", "--max-tokens", "0"],
    "a store bound that is not a whole number": ["serve", "--journal-bytes", "1.5"],
    "a store that is not a URL": ["serve", "--store", "localhost:6379"],
    "a store of another scheme": ["serve", "--store", "http://127.0.0.1:6379/0"],
    "a store without a host": ["serve", "--store", "redis:///0"],
    "a store database that is not a number": ["serve", "--store", "redis://127.0.0.1:6379/main"],
    "an empty store prefix": ["serve", "--store-prefix", ""],
    "a store prefix with a wildcard": ["serve", "--store-prefix", "authkit:*"],
    "a shared store and a state file": ["serve", "--store", "redis://127.0.0.1:6379/0", "--state", "state.db"],
    "a rate limit without a window": ["serve", "--svix-rate-limit", "600"],
    "a rate limit of 0 requests": ["serve", "--svix-rate-limit", "0/60"],
    "a rate limit in a window of 0 seconds": ["serve", "--svix-rate-limit", "10/0"],
    "0 workers": ["serve", "--workers", "0"],
    "workers that are not a number": ["serve", "--workers", "two"],
    "several workers without a shared store": ["serve", "--workers", "2"],
    "several workers with a state file": ["serve", "--workers", "2", "--state", "state.db"],
    "several workers with a sqlite store": ["serve", "--workers", "2", "--store", "sqlite:state.db"],
    "a sqlite store without a file": ["serve", "--store", "sqlite:"],
    "a sqlite store and a state file": ["serve", "--store", "sqlite:a.db", "--state", "b.db"],
    "an unknown API": ["serve", "--api", "nope"],
    "an unknown option": ["serve", "--prot", "80"],
    "a prism port beyond 65535": ["prism", "--port", "70000"],
    "no command": [],
    "seed without an action": ["seed"],
}


@pytest.mark.parametrize("argv", MISUSES.values(), ids=MISUSES.keys())
def test_a_misuse_is_one_line_and_exit_status_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(argv)

    assert exited.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.splitlines()) == 1, err
    assert err.startswith("authkit-mock")
    assert "Traceback" not in err


def test_good_values_of_the_new_options_reach_the_settings() -> None:
    argv = [
        "serve",
        *("--allowed-host", "::1", "--allowed-host", "*"),
        *("--header-timeout", "0", "--body-timeout", "0"),
        *("--provider-url", "https://synapse.example.test/oidc"),
        *("--bixarena-frontend-url", "http://127.0.0.1:3000/app?from=login"),
        *("--max-connections", "40", "--max-tokens", "5"),
        *("--max-grant-chars", "1000", "--max-applications", "7"),
    ]

    settings = settings_from(build_parser().parse_args(argv))

    assert settings.allowed_hosts == ("::1", "*")
    assert (settings.limits.header_timeout, settings.limits.body_timeout) == (0.0, 0.0)
    assert settings.provider_url == "https://synapse.example.test/oidc"
    assert settings.bixarena_frontend_url == "http://127.0.0.1:3000/app?from=login"
    assert (settings.limits.max_connections, settings.limits.tokens) == (40, 5)
    assert (settings.limits.grant_chars, settings.limits.applications) == (1000, 7)


@pytest.mark.parametrize(
    ("store", "state_file", "store_url"),
    [
        ("memory", None, None),
        ("sqlite:state.db", Path("state.db"), None),
        ("sqlite:/var/lib/authkit/state.db", Path("/var/lib/authkit/state.db"), None),
        ("redis://127.0.0.1:6379/2", None, "redis://127.0.0.1:6379/2"),
    ],
)
def test_one_store_option_chooses_the_backend(store: str, state_file: Path | None, store_url: str | None) -> None:
    settings = settings_from(build_parser().parse_args(["serve", "--store", store]))
    assert (settings.state_file, settings.store_url) == (state_file, store_url)


@pytest.fixture
def busy_port() -> Iterator[int]:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        yield taken.getsockname()[1]


def test_a_busy_port_is_one_line_and_no_banner(busy_port: int, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--port", str(busy_port)]) == 2

    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"authkit-mock serve: cannot listen on 127.0.0.1:{busy_port}: Address already in use\n"


def test_an_address_that_does_not_resolve_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--host", "no-such-host.invalid", "--port", "0"]) == 2

    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.splitlines()) == 1
    assert err.startswith("authkit-mock serve: cannot listen on no-such-host.invalid:0: ")


def test_a_broken_seed_file_names_file_line_and_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed = tmp_path / "seed.yaml"
    seed.write_text("svix:\n  org_keys: [7]\n", encoding="utf-8")

    assert main(["serve", "--port", "0", "--seed", str(seed)]) == 2

    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"authkit-mock serve: --seed: {seed}:2:14: svix.org_keys[0]: Input should be a valid string\n"


@pytest.mark.parametrize(
    ("option", "value", "says"),
    [
        ("--state", "no/such/folder/state.db", "cannot open state file no/such/folder/state.db"),
        ("--key-file", ".", "cannot read key file ."),
    ],
)
def test_a_file_the_server_cannot_use_is_one_line_and_no_banner(
    option: str, value: str, says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", "--port", "0", option, value]) == 2

    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.splitlines()) == 1
    assert err.startswith(f"authkit-mock serve: {says}")


def test_port_0_binds_first_and_prints_the_port_it_got() -> None:
    with subprocess.Popen([str(CLI), "serve", "--port", "0"], stdout=subprocess.PIPE, text=True) as server:
        assert server.stdout is not None
        first = server.stdout.readline()
        found = re.fullmatch(r"authkit-mock: serving on http://127\.0\.0\.1:(\d+) \(admin API: .*\)\n", first)
        assert found is not None, first
        port = int(found.group(1))
        assert port != 0
        # Printed after binding: the address answers as soon as the banner is there.
        health = httpx.get(f"http://127.0.0.1:{port}/__admin/health", timeout=10)
        assert health.status_code == 200
        assert server.stdout.readline().split()[:2] == ["authlance", f"http://127.0.0.1:{port}/authlance"]
        server.terminate()


@pytest.mark.parametrize("command", [[], ["serve"], ["prism"], ["seed"], ["seed", "check"]])
def test_help_is_plain_text_with_examples(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main([*command, "--help"])

    assert exited.value.code == 0
    text = capsys.readouterr().out
    assert text.startswith("usage: authkit-mock")
    assert "``" not in text
    assert ":class:" not in text
    if command in ([], ["serve"], ["seed"]):
        assert "examples:" in text


def test_every_serve_option_is_in_the_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    text = capsys.readouterr().out
    for option in (
        "--state",
        "--idp-auto-login",
        "--public-url",
        "--seed",
        "--cors-origin",
        "--admin-token",
        "--allowed-host",
        "--provider-url",
        "--bixarena-frontend-url",
        "--max-connections",
        "--store",
        "--store-prefix",
        "--workers",
    ):
        assert option in text


def test_version_is_the_installed_distribution_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])

    assert exited.value.code == 0
    assert capsys.readouterr().out == f"authkit-mock {version('authkit-mockserver')}\n"


def test_with_a_public_url_the_banner_also_names_the_socket_it_listens_on() -> None:
    command = [str(CLI), "serve", "--port", "0", "--public-url", "https://mock.example.test"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as server:
        assert server.stdout is not None
        assert server.stdout.readline().startswith("authkit-mock: serving on https://mock.example.test (admin API: ")
        found = re.fullmatch(r"authkit-mock: listening on http://127\.0\.0\.1:(\d+)\n", server.stdout.readline())
        assert found is not None
        assert httpx.get(f"http://127.0.0.1:{found.group(1)}/__admin/health", timeout=10).status_code == 200
        server.terminate()
