"""Server-Sent Events of ``web_message`` rows (read by ``core.webchat.read_messages``).

``stream_messages(request, ctx, addresses, thread)``: the rows after ``Last-Event-ID`` (or the
``after`` query parameter; without either, the newest :data:`HISTORY_LIMIT`) for those addresses
(and ``thread`` when given), each as ``id: <id>`` + ``data: <message_json>``; then it waits on
the hub and sends what comes, with a ``: keepalive`` comment every :data:`KEEPALIVE` seconds.
The stream ends when the client goes away or the server stops. With ``typing_keys``, others'
typing signals under those keys (``Hub.typing``) arrive as ``event: typing`` with
``{"label", "side", "seconds"}``.

Each visitor (a staff or client cookie; without one, an address) holds at most
:data:`STREAMS_PER_VISITOR` streams in this process (:func:`stream_slot`); one more is a 429.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager

from aiohttp import web

from adapters.web.auth import SESSION_COOKIE
from adapters.web.client.identity import CLIENT_COOKIE
from adapters.web.context import WebContext
from adapters.web.fanout import fanout_of
from adapters.web.hub import TYPING_SECONDS, Hub, TypingSignal
from adapters.web.render import message_json
from core.models import WebMessage
from core.webchat import read_messages

logger = logging.getLogger(__name__)

KEEPALIVE = 15.0
BATCH = 200
HISTORY_LIMIT = 200
STREAMS_PER_VISITOR = 8
"""Open event streams one browser may hold (tabs of the chat, console or dashboard)."""


def visitor_of(request: web.Request) -> str:
    """Who holds a stream: a digest of their sign-in or chat cookie, else their address."""
    token = request.cookies.get(SESSION_COOKIE) or request.cookies.get(CLIENT_COOKIE)
    if token:
        return "cookie:" + hashlib.sha256(token.encode()).hexdigest()[:24]
    return "address:" + (request.remote or "?")


@contextmanager
def stream_slot(hub: Hub, request: web.Request) -> Iterator[None]:
    """Hold one of the visitor's stream slots while streaming; 429 when all are taken."""
    visitor = visitor_of(request)
    if hub.streams.get(visitor, 0) >= STREAMS_PER_VISITOR:
        logger.info("event stream refused: %s holds %s", visitor[:20], STREAMS_PER_VISITOR)
        raise web.HTTPTooManyRequests()
    hub.streams[visitor] = hub.streams.get(visitor, 0) + 1
    try:
        yield
    finally:
        left = hub.streams.pop(visitor, 1) - 1
        if left > 0:
            hub.streams[visitor] = left


def last_event_id(request: web.Request) -> int | None:
    """The id the page saw last (``Last-Event-ID`` header or ``after`` query), if any."""
    raw = request.headers.get("Last-Event-ID") or request.query.get("after")
    if raw is None or not raw.strip().isdigit():
        return None
    return int(raw.strip())


def _connected(request: web.Request) -> bool:
    """Whether the page is still there (a stream never outlives its page by more than a wait)."""
    transport = request.transport
    return transport is not None and not transport.is_closing()


def sse_event(row: WebMessage) -> bytes:
    """One SSE event: ``id`` and one ``data`` line of JSON."""
    data = json.dumps(message_json(row), ensure_ascii=False, separators=(",", ":"))
    return f"id: {row.id}\ndata: {data}\n\n".encode()


def typing_event(signal: TypingSignal) -> bytes:
    """One SSE ``typing`` event."""
    data = {"label": signal.label, "side": signal.side, "seconds": TYPING_SECONDS}
    return f"event: typing\ndata: {json.dumps(data, ensure_ascii=False)}\n\n".encode()


async def stream_messages(
    request: web.Request,
    ctx: WebContext,
    addresses: list[str],
    thread: str | None,
    *,
    typing_keys: tuple[str, ...] = (),
) -> web.StreamResponse:
    """Stream the rows of ``addresses`` (see the module docstring)."""
    with stream_slot(ctx.hub, request):
        return await _stream(request, ctx, addresses, thread, typing_keys)


async def _stream(
    request: web.Request,
    ctx: WebContext,
    addresses: list[str],
    thread: str | None,
    typing_keys: tuple[str, ...],
) -> web.StreamResponse:
    response = web.StreamResponse(
        headers={
            "Content-Type": "text/event-stream; charset=utf-8",
            "Cache-Control": "no-cache, no-store",
            "X-Accel-Buffering": "no",
        }
    )
    await response.prepare(request)
    last = last_event_id(request)
    fanout = fanout_of(ctx.core.db, ctx.hub)
    try:
        with fanout.watching(addresses):
            await _events(request, response, ctx, addresses, thread, typing_keys, last)
    except (ConnectionResetError, ConnectionError):
        logger.debug("event stream closed by the client")
    return response


async def _events(
    request: web.Request,
    response: web.StreamResponse,
    ctx: WebContext,
    addresses: list[str],
    thread: str | None,
    typing_keys: tuple[str, ...],
    last: int | None,
) -> None:
    """Write the stream's events until the page goes away or the server stops."""
    hub = ctx.hub
    fanout = fanout_of(ctx.core.db, hub)
    me = visitor_of(request)
    typed = hub.typing_seq()
    covered = -1  # the hub's newest id for ``addresses`` when they were last read
    covered_mark: int | None = None
    await response.write(b"retry: 2000\n\n")
    while not hub.closed and _connected(request):
        for signal in hub.typing_after(typing_keys, typed, me):
            await response.write(typing_event(signal))
            typed = signal.seq
        # What the hub knew of before a read is covered by it, in ``thread`` or not:
        # waiting only for rows after ``last`` woke at once, for ever, while the newest row
        # of an address was another thread's (a session page in a busy room), and each
        # round took a connection from the pool (issue 13). A wake-up for a typing signal
        # alone reads nothing.
        if covered_mark != hub.mark() or hub.latest(addresses) > covered:
            covered_mark, covered = hub.mark(), hub.latest(addresses)
            if last is None:  # the page's history: its own read
                rows = await read_messages(ctx.core.db, addresses, thread, None, limit=BATCH)
            else:  # news: one read per wake-up shared by every stream (``fanout``)
                rows = await fanout.rows_after(addresses, thread, last, BATCH)
            for row in rows:
                await response.write(sse_event(row))
                last = row.id
            if len(rows) >= BATCH:
                covered = -1
                continue
        if last is None:
            last = 0
        if hub.typing_after(typing_keys, typed, me):  # came while writing
            continue
        names = [*addresses, *typing_keys]
        woke = await hub.wait(names, max(last, covered), KEEPALIVE, since=covered_mark)
        if not woke:
            await response.write(b": keepalive\n\n")
