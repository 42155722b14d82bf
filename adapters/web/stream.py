"""Server-Sent Events of ``web_message`` rows (read by ``core.webchat.read_messages``).

``stream_messages(request, ctx, addresses, thread)``: the rows after ``Last-Event-ID`` (or the
``after`` query parameter; without either, the newest :data:`HISTORY_LIMIT`) for those addresses
(and ``thread`` when given), each as ``id: <id>`` + ``data: <message_json>``; then it waits on
the hub and sends what comes, with a ``: keepalive`` comment every :data:`KEEPALIVE` seconds.
The stream ends when the client goes away or the server stops.
"""

from __future__ import annotations

import json
import logging

from aiohttp import web

from adapters.web.context import WebContext
from adapters.web.render import message_json
from core.models import WebMessage
from core.webchat import read_messages

logger = logging.getLogger(__name__)

KEEPALIVE = 15.0
BATCH = 200
HISTORY_LIMIT = 200


def last_event_id(request: web.Request) -> int | None:
    """The id the page saw last (``Last-Event-ID`` header or ``after`` query), if any."""
    raw = request.headers.get("Last-Event-ID") or request.query.get("after")
    if raw is None or not raw.strip().isdigit():
        return None
    return int(raw.strip())


def sse_event(row: WebMessage) -> bytes:
    """One SSE event: ``id`` and one ``data`` line of JSON."""
    data = json.dumps(message_json(row), ensure_ascii=False, separators=(",", ":"))
    return f"id: {row.id}\ndata: {data}\n\n".encode()


async def stream_messages(
    request: web.Request, ctx: WebContext, addresses: list[str], thread: str | None
) -> web.StreamResponse:
    """Stream the rows of ``addresses`` (see the module docstring)."""
    response = web.StreamResponse(
        headers={
            "Content-Type": "text/event-stream; charset=utf-8",
            "Cache-Control": "no-cache, no-store",
            "X-Accel-Buffering": "no",
        }
    )
    await response.prepare(request)
    last = last_event_id(request)
    hub = ctx.hub
    try:
        await response.write(b"retry: 2000\n\n")
        while not hub.closed:
            mark = hub.mark()
            rows = await read_messages(ctx.core.db, addresses, thread, last, limit=BATCH)
            for row in rows:
                await response.write(sse_event(row))
                last = row.id
            if last is None:
                last = 0
            if len(rows) >= BATCH:
                continue
            woke = await hub.wait(addresses, last, KEEPALIVE, since=mark)
            if not woke:
                await response.write(b": keepalive\n\n")
    except (ConnectionResetError, ConnectionError):
        logger.debug("event stream closed by the client")
    return response
