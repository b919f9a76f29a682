"""The pages for people: ``/docs`` (contracts and Swagger UI, served locally) and ``/__admin/ui``."""

from __future__ import annotations

import httpx
import yaml

from authkit_mock.core.specs import spec_file
from tests.conftest import make_settings
from tests.support.server import RunningServer, running_server
from tests.support.specs import load_spec, operations


def test_the_docs_index_links_every_served_api_and_the_admin_api(server: RunningServer) -> None:
    response = httpx.get(f"{server.url}/docs")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    for name in ("authlance", "polario", "svix", "bixarena", "pacerpro", "admin"):
        assert f'href="/docs/{name}"' in response.text
    assert httpx.get(f"{server.url}/docs/").text == response.text


def test_a_served_contract_is_the_committed_one_with_this_server_as_its_only_server(server: RunningServer) -> None:
    committed = yaml.safe_load(spec_file("pacerpro").read_text(encoding="utf-8"))
    as_json = httpx.get(f"{server.url}/docs/pacerpro/openapi.json").json()
    as_yaml = yaml.safe_load(httpx.get(f"{server.url}/docs/pacerpro/openapi.yaml").text)
    for served in (as_json, as_yaml):
        assert served["servers"] == [{"url": f"{server.url}/pacerpro", "description": "This authkit reference server"}]
        assert {key: value for key, value in served.items() if key != "servers"} == {
            key: value for key, value in committed.items() if key != "servers"
        }
    admin = httpx.get(f"{server.url}/docs/admin/openapi.json").json()
    assert admin["servers"][0]["url"] == f"{server.url}/__admin"


def test_the_servers_entry_names_the_host_the_client_used() -> None:
    with running_server(make_settings()) as started:
        via_localhost = started.url.replace("127.0.0.1", "localhost")
        served = httpx.get(f"{via_localhost}/docs/svix/openapi.json").json()
    assert served["servers"][0]["url"] == f"{via_localhost}/svix"


def test_in_single_api_mode_the_docs_list_that_api_at_the_root() -> None:
    with running_server(make_settings(apis=("svix",), single_api="svix")) as started:
        index = httpx.get(f"{started.url}/docs").text
        served = httpx.get(f"{started.url}/docs/svix/openapi.json").json()
        missing = httpx.get(f"{started.url}/docs/pacerpro/openapi.json")
    assert 'href="/docs/svix"' in index
    assert 'href="/docs/pacerpro"' not in index
    assert served["servers"][0]["url"] == started.url
    assert missing.status_code == 404


def test_swagger_ui_is_served_from_this_server_and_nothing_else_of_its_package(server: RunningServer) -> None:
    page = httpx.get(f"{server.url}/docs/pacerpro")
    assert page.status_code == 200
    assert 'src="/docs/assets/swagger-ui-bundle.js"' in page.text
    bundle = httpx.get(f"{server.url}/docs/assets/swagger-ui-bundle.js")
    assert bundle.status_code == 200
    assert bundle.headers["content-type"].startswith("text/javascript")
    assert httpx.get(f"{server.url}/docs/assets/swagger-ui.css").headers["content-type"].startswith("text/css")
    assert httpx.get(f"{server.url}/docs/assets/index.html").status_code == 404
    assert httpx.get(f"{server.url}/docs/assets/..%2F__init__.py").status_code == 404
    assert httpx.get(f"{server.url}/docs/nope").status_code == 404


def test_docs_requests_are_neither_journaled_nor_faulted(server: RunningServer) -> None:
    server.sync(lambda: server.runtime.faults.add("pacerpro", "*", 503, 0, None))
    assert httpx.get(f"{server.url}/docs/pacerpro/openapi.json").status_code == 200
    assert httpx.get(f"{server.url}/docs").status_code == 200
    assert server.sync(server.runtime.journal.query) == []


def test_the_admin_page_is_served_under_the_admin_api_with_a_strict_csp(server: RunningServer) -> None:
    page = httpx.get(f"{server.url}/__admin/ui")
    assert page.status_code == 200
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy
    assert "connect-src 'self'" in policy
    assert "unsafe" not in policy
    assert 'src="/__admin/ui/admin.js"' in page.text
    assert "<script>" not in page.text  # no inline script: everything is in admin.js
    assert httpx.get(f"{server.url}/__admin/ui/admin.js").headers["content-type"].startswith("text/javascript")
    assert httpx.get(f"{server.url}/__admin/ui/index.html").status_code == 404


def test_the_fault_switches_offer_exactly_the_operations_of_each_spec(server: RunningServer) -> None:
    offered = httpx.get(f"{server.url}/__admin/ui/operations").json()
    assert list(offered) == ["authlance", "polario", "svix", "bixarena", "pacerpro"]
    for slug, operation_ids in offered.items():
        documented = {operation.operation_id for operation in operations(load_spec(slug))}
        assert set(operation_ids) == documented, slug
