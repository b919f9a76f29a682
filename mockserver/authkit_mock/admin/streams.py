"""The admin API's view of svix streams: list and add streams and their sinks, list the sinks' poller tokens.

Streams added here live ``Settings.svix_stream_ttl`` seconds and are bounded in number (``svix_max_streams``, and
``svix_max_sinks_per_stream`` sinks each); expired ones are dropped whenever streams are listed or added.
"""

from __future__ import annotations

from aiohttp import web

from authkit_mock.admin.io import admin_body, admin_json, admin_query, conflict, not_found, optional_utc, utc
from authkit_mock.apis import svix
from authkit_mock.core.routing import runtime_of
from authkit_mock.core.runtime import Runtime
from authkit_mock.core.store import Sink, Stream, Token
from authkit_mock.models.admin import (
    AdminPollerToken,
    AdminPollerTokenList,
    AdminSink,
    AdminSinkIn,
    AdminStream,
    AdminStreamIn,
    AdminStreamList,
    ListPollerTokensParametersQuery,
)


async def _admin_sink(runtime: Runtime, sink: Sink) -> AdminSink:
    current = await svix.current_poller_token(runtime.store, sink, runtime.clock_now)
    return AdminSink(
        id=sink.id,
        uid=sink.uid,
        name=sink.name,
        created_at=utc(sink.created_at),
        poller_token=current.token if current is not None else None,
    )


async def _admin_stream(runtime: Runtime, stream: Stream) -> AdminStream:
    return AdminStream(
        id=stream.id,
        uid=stream.uid,
        name=stream.name,
        created_at=utc(stream.created_at),
        expires_at=optional_utc(stream.expires_at),
        sinks=[await _admin_sink(runtime, sink) for sink in await runtime.store.sinks_of(stream.id)],
    )


async def list_streams(request: web.Request) -> web.Response:
    """GET /streams: the live svix streams with their sinks, in creation order."""
    runtime = runtime_of(request)
    await svix.prune_streams(runtime.store, runtime.clock_now)
    streams = await runtime.store.streams_of()
    return admin_json(AdminStreamList(items=[await _admin_stream(runtime, stream) for stream in streams]))


async def create_stream(request: web.Request) -> web.Response:
    """POST /streams: a svix stream (409 when its id or uid is taken, or when the server holds its maximum)."""
    runtime = runtime_of(request)
    body = await admin_body(request, AdminStreamIn, not_null=("id",))
    store, now, settings = runtime.store, runtime.clock_now, runtime.settings
    await svix.prune_streams(store, now)
    if len(await store.streams_of()) >= settings.svix_max_streams:
        raise conflict(f"The server holds its maximum of {settings.svix_max_streams} streams.")
    for value in (body.id, body.uid):
        if value is not None and await store.stream(value, now) is not None:
            raise conflict(f"A stream with id or uid {value} already exists.")
    stream_id = body.id
    while stream_id is None or await store.stream(stream_id, now) is not None:
        stream_id = svix.new_id("strm_", settings.entropy)
    stream = Stream(
        id=stream_id, name=body.name, created_at=now, uid=body.uid, expires_at=now + settings.svix_stream_ttl
    )
    store.add_stream(stream)
    return admin_json(await _admin_stream(runtime, stream), status=201)


async def create_sink(request: web.Request) -> web.Response:
    """POST /streams/{stream_id}/sinks: a poller sink and its first poller token (404 unknown stream, 409 taken or
    full)."""
    runtime = runtime_of(request)
    body = await admin_body(request, AdminSinkIn, not_null=("id",))
    store, now, settings = runtime.store, runtime.clock_now, runtime.settings
    await svix.prune_streams(store, now)
    stream = await store.stream(request.match_info["stream_id"], now)
    if stream is None:
        raise not_found(f"No stream {request.match_info['stream_id']}.")
    if len(await store.sinks_of(stream.id)) >= settings.svix_max_sinks_per_stream:
        raise conflict(f"The stream holds its maximum of {settings.svix_max_sinks_per_stream} sinks.")
    for value in (body.id, body.uid):
        if value is not None and await store.sink(stream.id, value) is not None:
            raise conflict(f"A sink with id or uid {value} already exists in stream {stream.id}.")
    sink_id = body.id
    while sink_id is None or await store.sink(stream.id, sink_id) is not None:
        sink_id = svix.new_id("sink_", settings.entropy)
    sink = svix.add_sink(store, stream.id, sink_id, body.name, body.uid, now)
    await svix.rotate_poller_token(store, sink, now, settings, settings.entropy, issued=False)
    return admin_json(await _admin_sink(runtime, sink), status=201)


async def _admin_poller_token(runtime: Runtime, token: Token) -> AdminPollerToken:
    sink = await runtime.store.sink(token.stream_id or "", token.sink_id or "")
    return AdminPollerToken(
        stream_id=token.stream_id or "",
        sink_id=token.sink_id or "",
        id=svix.poller_token_id(token),
        token=token.token,
        created_at=utc(token.created_at),
        expires_at=optional_utc(token.expires_at),
        current=sink is not None and sink.current_token == token.token,
        live=token.live(runtime.clock_now),
    )


async def list_poller_tokens(request: web.Request) -> web.Response:
    """GET /poller-tokens: the poller tokens the server holds (of one stream or sink), in issue order."""
    runtime = runtime_of(request)
    query = admin_query(request, ListPollerTokensParametersQuery)
    tokens = [
        token
        for token in await runtime.store.tokens_of("svix")
        if token.kind == svix.POLLER_TOKEN
        and query.stream_id in (None, token.stream_id)
        and query.sink_id in (None, token.sink_id)
    ]
    return admin_json(AdminPollerTokenList(items=[await _admin_poller_token(runtime, token) for token in tokens]))
