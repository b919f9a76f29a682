"""The live conformance run: the SDK against the real services, every exchange checked against our contracts.

Run with ``scripts/test --live`` after exporting the variables of the APIs you hold test accounts for (see
``tests/live/services.py`` and the QA page, docs/qa.md). An API with no variables is skipped and the skip names
them. A difference fails the run and says whether to add a fact or list a deviation.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.live import flows
from tests.live.differences import DifferenceRecorder
from tests.live.services import LiveService, from_environment

pytestmark = pytest.mark.live

FLOWS: dict[str, Callable[[LiveService, DifferenceRecorder], None]] = {
    "authlance": flows.authlance_flow,
    "polario": flows.polario_flow,
    "svix": flows.svix_flow,
    "bixarena": flows.bixarena_flow,
    "pacerpro": flows.pacerpro_flow,
}


@pytest.mark.parametrize("slug", list(FLOWS))
def test_the_real_service_answers_as_our_contract_says(slug: str) -> None:
    service = from_environment(slug)
    if isinstance(service, str):
        pytest.skip(service)
    recorder = DifferenceRecorder(slug, service.base_url)
    try:
        FLOWS[slug](service, recorder)
    except Exception as error:  # the SDK's typed errors; the differences seen up to there are the useful part
        pytest.fail(f"the {slug} flow stopped: {type(error).__name__}: {error}\n{recorder.report()}")
    assert recorder.exchanges > 0
    assert not recorder.found, "\n" + recorder.report()
