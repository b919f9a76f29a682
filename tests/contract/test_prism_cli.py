"""``authkit-mock prism``: Prism's spec-example mock for one or every API, for frontend teams (ports printed)."""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from authkit_mock.prism import free_port
from tests.support.specs import SLUGS

pytestmark = pytest.mark.prism

AUTHKIT_MOCK = Path(sys.executable).with_name("authkit-mock")
LISTED = re.compile(r"^\s+(?P<slug>\w+)\s+(?P<url>http://\S+)\s+\(Prism mock of openapi/(?P=slug)\.yaml\)$")


@contextmanager
def prism_command(*arguments: str) -> Iterator[tuple[subprocess.Popen[str], dict[str, str]]]:
    """Run ``authkit-mock prism`` until it says Prism is running; yield it and the URL printed for each API."""
    process = subprocess.Popen(
        [str(AUTHKIT_MOCK), "prism", *arguments], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    urls: dict[str, str] = {}
    try:
        assert process.stdout is not None
        for line in process.stdout:
            if match := LISTED.match(line.rstrip("\n")):
                urls[match["slug"]] = match["url"]
            if "Prism is running" in line:
                break
        else:
            pytest.fail(f"authkit-mock prism exited with {process.wait()} before Prism was running")
        yield process, urls
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=20)
        if process.stdout is not None:
            process.stdout.close()


def is_listening(url: str) -> bool:
    address = httpx.URL(url)
    try:
        with socket.create_connection((address.host, address.port or 80), timeout=0.5):
            return True
    except OSError:
        return False


def test_prism_for_one_api_serves_its_examples_on_the_given_port_until_terminated() -> None:
    port = free_port()
    with prism_command("--api", "svix", "--port", str(port)) as (process, urls):
        assert urls == {"svix": f"http://127.0.0.1:{port}"}
        answer = httpx.post(
            f"{urls['svix']}/api/v1/auth/dashboard-access/app_demo/", headers={"Authorization": "Bearer testsk_x"}
        )
        assert answer.status_code == 200
        assert set(answer.json()) == {"url", "token"}

        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=20) == 0
    assert not is_listening(urls["svix"]), "the Prism child outlived authkit-mock"


@pytest.mark.deep  # five more Prism processes: about 8 s of the default suite's 2 cores for a loop over the slugs
def test_prism_for_every_api_prints_one_port_each() -> None:
    first = free_port()
    with prism_command("--port", str(first)) as (_, urls):
        assert list(urls) == list(SLUGS)
        assert len(set(urls.values())) == len(SLUGS)
        answer = httpx.get(f"{urls['bixarena']}/.well-known/jwks.json")
        assert answer.status_code == 200 and "keys" in answer.json()
