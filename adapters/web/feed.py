"""``GET /calendar/<token>.ics``: a consultant's bookings as an iCalendar feed (Google Calendar,
Outlook), for whoever holds the private address; no session cookie.

The token is hostile input: only a bounded URL-safe word reaches the core, which looks up its
hash; a malformed, unknown or revoked token is a bare 404 that says nothing more, and the token
is never logged (the server keeps no access log).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from aiohttp import web

from adapters.documents import calendar_ics
from core.calendar import ICS_MIME, feed_calendar
from core.context import Core

logger = logging.getLogger(__name__)

FEED_ROUTE = r"/calendar/{token:[A-Za-z0-9_\-]{1,64}}.ics"
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def _not_found() -> web.Response:
    return web.Response(status=404, text="not found\n", headers={"Cache-Control": "no-store"})


def feed_handler(core: Core) -> Handler:
    """The feed's request handler, reading ``core``'s database."""

    async def serve(request: web.Request) -> web.StreamResponse:
        token = request.match_info.get("token", "")
        try:
            async with core.db.read() as uow:
                data = await feed_calendar(uow, core.config, token, core.clock.now())
        except Exception as error:  # the path holds the token: not logged
            logger.warning("calendar feed not served: %s", type(error).__name__)
            return web.Response(status=503, text="unavailable\n")
        if data is None:
            return _not_found()
        return web.Response(
            body=calendar_ics(data),
            headers={
                "Content-Type": f"{ICS_MIME}; charset=utf-8",
                "Content-Disposition": 'inline; filename="consultoria.ics"',
                "Cache-Control": "private, max-age=300",
            },
        )

    return serve


def add_feed_route(app: web.Application, core: Core) -> None:
    """Serve the calendar feeds on ``app``."""
    app.router.add_get(FEED_ROUTE, feed_handler(core))
