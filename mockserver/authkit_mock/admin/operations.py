"""The admin API's own operations: health, reset, the request journal, faults and the clock.

Imported on the admin API's first call (``api.ROUTES``), with the admin models it answers with: a start that is
never asked builds neither.
"""

from __future__ import annotations

import logging

from aiohttp import web

from authkit_mock.admin.io import admin_body, admin_json, admin_query, invalid, not_found, utc
from authkit_mock.core.errors import ApiError
from authkit_mock.core.faults import Fault
from authkit_mock.core.journal import JournalEntry
from authkit_mock.core.routing import runtime_of
from authkit_mock.core.runtime import Runtime
from authkit_mock.core.seed_errors import SeedFileError
from authkit_mock.core.settings import SLUGS
from authkit_mock.models import admin as models

log = logging.getLogger("authkit_mock.admin")


# -- health and reset ----------------------------------------------------------------------------------------------


async def get_health(request: web.Request) -> web.Response:
    """GET /health: up, the APIs served (in the canonical order) and the server clock's time."""
    runtime = runtime_of(request)
    served = [slug for slug in SLUGS if slug in runtime.settings.apis]
    return admin_json(models.Health(status="ok", apis=served, now=utc(runtime.clock_now)))


async def reset_state(request: web.Request) -> web.Response:
    """POST /reset: back to the seed (re-read from the seed file when there is one); signing keys are kept."""
    runtime = runtime_of(request)
    try:
        runtime.reload_seed()
    except SeedFileError as error:
        # Nothing was reset: a broken seed file must not silently leave the old data in place.
        log.error("reset refused: %s", error)
        raise ApiError(500, str(error), code="seed_file_invalid") from None
    await runtime.reset()
    return admin_json(models.StatusOk(status="ok"))


# -- journal -------------------------------------------------------------------------------------------------------


def _journal_entry(entry: JournalEntry) -> models.JournalEntry:
    return models.JournalEntry(
        id=entry.id,
        time=utc(entry.time),
        api=entry.api,
        operation=entry.operation,
        method=entry.method,
        path=entry.path,
        query=entry.query,
        status=entry.status,
        duration_ms=entry.duration_ms,
        request_headers=entry.request_headers,
        request_body=entry.request_body or None,
        response_body=entry.response_body or None,
        truncated=models.JournalTruncation(
            request_headers=entry.cut.request_headers,
            request_body=entry.cut.request_body,
            response_body=entry.cut.response_body,
        ),
    )


async def list_journal(request: web.Request) -> web.Response:
    """GET /journal: the entries, newest first, filtered by API, operation and status, at most ``limit``."""
    query = admin_query(request, models.ListJournalParametersQuery)
    entries = await runtime_of(request).journal.fetch(
        api=query.api.value if query.api else None,
        operation=query.operation,
        status=query.status,
        limit=query.limit if query.limit is not None else 100,
        before=query.before,
    )
    return admin_json(models.JournalEntryList(items=[_journal_entry(entry) for entry in entries]))


async def clear_journal(request: web.Request) -> web.Response:
    """DELETE /journal: forget every entry (entry ids keep increasing)."""
    await runtime_of(request).journal.forget()
    return web.Response(status=204)


# -- faults --------------------------------------------------------------------------------------------------------


def _fault(fault: Fault) -> models.Fault:
    return models.Fault.model_validate(fault, from_attributes=True)


async def list_faults(request: web.Request) -> web.Response:
    """GET /faults: the faults in force, oldest (tried first) first."""
    faults = runtime_of(request).faults.all()
    return admin_json(models.FaultList(items=[_fault(fault) for fault in faults]))


async def create_fault(request: web.Request) -> web.Response:
    """POST /faults: answer a status and/or wait before handling, for one operation (or ``*``) of one API."""
    runtime = runtime_of(request)
    body = await admin_body(request, models.FaultIn, not_null=("delay_ms",))
    api = body.api.value
    if api not in runtime.settings.apis:
        raise invalid(f"api: {api} is not served by this server")
    known = {operation for slug, operation in runtime.operations.values() if slug == api}
    if body.operation != "*" and body.operation not in known:
        raise invalid(
            f"operation: {body.operation} is not an operationId of {api} (one of {', '.join(sorted(known))}, or *)"
        )
    delay_ms = body.delay_ms or 0
    if body.status is None and delay_ms == 0:
        raise invalid("status: a fault needs a status, or a delay_ms above 0")
    fault = await runtime.faults.create(api, body.operation, body.status, delay_ms, body.count)
    return admin_json(_fault(fault), status=201)


async def clear_faults(request: web.Request) -> web.Response:
    """DELETE /faults: remove every fault (fault ids keep increasing)."""
    await runtime_of(request).faults.clear_all()
    return web.Response(status=204)


async def delete_fault(request: web.Request) -> web.Response:
    """DELETE /faults/{fault_id}: remove one fault; 404 when no active fault has that id."""
    raw = request.match_info["fault_id"]
    # At most 18 ASCII digits: int() refuses over 4300 digits (a 500), and no fault id gets that large anyway.
    fault_id = int(raw) if raw.isascii() and raw.isdecimal() and len(raw) <= 18 else 0
    if fault_id < 1 or not await runtime_of(request).faults.delete(fault_id):
        raise not_found(f"No fault with id {raw}.")
    return web.Response(status=204)


# -- clock ---------------------------------------------------------------------------------------------------------


def _clock(runtime: Runtime) -> models.Clock:
    clock = runtime.settings.clock
    now = clock.now()
    return models.Clock(now=utc(now), epoch=now, offset_seconds=clock.offset)


async def get_clock(request: web.Request) -> web.Response:
    """GET /clock: the server clock (wall clock plus the offset)."""
    return admin_json(_clock(runtime_of(request)))


async def advance_clock(request: web.Request) -> web.Response:
    """POST /clock/advance: move the clock forward by ``seconds`` (0 < seconds <= ten years)."""
    runtime = runtime_of(request)
    body = await admin_body(request, models.ClockAdvanceIn)
    runtime.settings.clock.advance(body.seconds)
    return admin_json(_clock(runtime))
