"""Every spec agrees with its upstream facts, except where a deviation is listed with its reason."""

from __future__ import annotations

import pytest

from tests.spec import facts
from tests.support.specs import ROOT, SLUGS, load_spec


@pytest.mark.parametrize("slug", SLUGS)
def test_every_fact_cites_a_source_and_every_deviation_a_reason(slug: str) -> None:
    assert facts.source_problems(facts.load_facts(slug)) == []


@pytest.mark.parametrize("slug", SLUGS)
def test_spec_differs_from_upstream_only_where_a_deviation_says_why(slug: str) -> None:
    assert facts.unexplained(load_spec(slug), facts.load_facts(slug)) == []


@pytest.mark.parametrize("slug", SLUGS)
def test_facts_table_names_every_operation_of_the_spec(slug: str) -> None:
    named = {row["op"] for row in facts.expand(facts.load_facts(slug)["facts"]) if row["fact"] == "operation"}
    assert named == {
        operation["operationId"] for item in load_spec(slug)["paths"].values() for operation in item.values()
    }


@pytest.mark.parametrize("slug", SLUGS)
def test_docs_upstream_names_every_commit_the_facts_cite(slug: str) -> None:
    page = (ROOT / "docs" / "upstream.md").read_text(encoding="utf-8")
    sources = facts.load_facts(slug)["sources"].values()
    assert [source["commit"] for source in sources if "commit" in source and source["commit"] not in page] == []
