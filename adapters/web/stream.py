"""Server-Sent Events of ``web_message`` rows, and the same rows as a history list.

``stream_messages(request, ctx, addresses, thread)``: the rows after ``Last-Event-ID`` (or the
``after`` query parameter; without either, the newest :data:`HISTORY_LIMIT`) for those addresses
(and ``thread`` when given), each as ``id: <id>`` + ``data: <message_json>``; then it waits on
the hub and sends what comes, with a ``: keepalive`` comment every :data:`KEEPALIVE` seconds.
The stream ends when the client goes away or the server stops.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence

from aiohttp import web
from sqlmodel import col, select

from adapters.web.context import WebContext
from adapters.web.render import message_json
from core.db import Database
from core.models import WebMessage

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


async def read_messages(
    db: Database,
    addresses: Sequence[str],
    thread: str | None,
    after_id: int | None,
    *,
    limit: int = BATCH,
) -> list[WebMessage]:
    """Rows for ``addresses`` (and ``thread``) after ``after_id``, oldest first.

    Without ``after_id``: the newest ``limit`` rows (the page's history).
    """
    statement = select(WebMessage).where(col(WebMessage.address).in_(list(addresses)))
    if thread is not None:
        statement = statement.where(WebMessage.thread == thread)
    async with db.uow() as uow:
        if after_id is None:
            newest = statement.order_by(col(WebMessage.id).desc()).limit(limit)
            return list(reversed((await uow.session.exec(newest)).all()))
        ordered = statement.where(col(WebMessage.id) > after_id).order_by(col(WebMessage.id))
        return list((await uow.session.exec(ordered.limit(limit))).all())


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
            rows = await read_messages(ctx.core.db, addresses, thread, last)
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
