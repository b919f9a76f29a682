"""The tolerant reader, tried on the variation corpus: every documented (operation, status) of every contract,
answered in every shape of `tests.sdk.variations.VARIATIONS`, through the facade method that performs it.

Each must give what the documented answer gives (the model), or the right typed error: the API's own class for
a documented error status whatever the body, MalformedResponseError for a success whose body cannot give its
model; never a KeyError, TypeError or AttributeError, and never UnexpectedResponseError for a documented status.
A deliberately strict reader (the generated parser on the raw response, any failure unexpected) fails the corpus.
"""

from __future__ import annotations

from collections import Counter

import httpx
import pytest

from authkit_sdk._core import facade, responses
from tests.sdk import variations
from tests.sdk.variations import VARIATIONS, Case, Variation

CASES = variations.cases()
CORPUS = [pytest.param(case, variation, id=f"{case.id}-{variation}") for case in CASES for variation in VARIATIONS]


def test_the_corpus_covers_every_documented_status_of_every_operation() -> None:
    covered = {(case.call.slug, case.call.operation_id, case.status) for case in CASES}
    assert covered == variations.documented_pairs()


def test_every_variation_has_its_own_name() -> None:
    names = [variation.name for variation in VARIATIONS]
    assert len(names) == len(set(names))


@pytest.mark.parametrize(("case", "variation"), CORPUS)
def test_a_variation_gives_the_model_or_the_right_typed_error(case: Case, variation: Variation) -> None:
    variations.check(case, variation)


# The async twins share the reader; one error and one success variation each shows they are wired to it.
ASYNC_CORPUS = [
    pytest.param(case, variation, id=f"{case.id}-{variation}")
    for case in CASES
    for variation in VARIATIONS
    if variation.name in {"html_error_page", "charset_latin1"}
]


@pytest.mark.parametrize(("case", "variation"), ASYNC_CORPUS)
def test_the_async_twin_reads_a_variation_alike(case: Case, variation: Variation) -> None:
    variations.check(case, variation, is_async=True)


def strict_unwrap(
    response: httpx.Response, parse: responses.Parser, client: object, api: responses.ApiErrors
) -> responses.Exchange:
    """A strict reader: the generated parser on the raw response; anything it cannot read is unexpected."""
    try:
        parsed = parse(client=client, response=response)
    except Exception:
        raise api.error(response, response.text, documented=False) from None
    if response.status_code >= 400:
        raise api.error(response, response.text, body=parsed)
    return responses.Exchange(response, parsed, api)


def test_a_strict_reader_fails_the_corpus(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(facade, "unwrap", strict_unwrap)
    failed: Counter[str] = Counter()
    by_api: Counter[str] = Counter()
    for case in CASES:
        for variation in VARIATIONS:
            try:
                variations.check(case, variation)
            except AssertionError:
                failed[variation.name] += 1
                by_api[case.call.slug] += 1
    # The strict reader trips over every shape a gateway or another charset produces, in every API...
    assert {"html_error_page", "non_json_text", "empty_body", "truncated_json", "charset_latin1"} <= set(failed)
    assert set(by_api) == {case.call.slug for case in CASES}
    # ...but not over the documented answers themselves: the corpus judges the reader, not the harness.
    assert "as_documented" not in failed


def test_the_strict_reader_is_swapped_in_where_the_facades_read() -> None:
    # The swap above must replace what the facades call, or the strict run would prove nothing.
    assert vars(facade)["unwrap"] is responses.unwrap
