"""The signed-in consultant's calendar feed on the console: ``GET /console/calendar`` shows
whether an address is active; ``POST /console/calendar`` with ``do=new`` (*Gerar novo endereço*:
the new address is shown on the answer, once) or ``do=revoke`` (*Revogar*). Only their own feed:
the consultant is the one signed in, never a form field. CSRF-checked like every console form.
"""

from __future__ import annotations

import logging

from aiohttp import web

from adapters.web.auth import StaffUser, staff_required
from adapters.web.console.common import ctx_of, notice_page, render, status_of, user_of
from core.calendar import (
    FeedStatus,
    feed_status,
    revoke_calendar_feed,
    rotate_calendar_feed,
)
from core.errors import BusinessError
from core.messages import t
from core.timefmt import format_datetime

logger = logging.getLogger(__name__)

PAGE = "/console/calendar"


async def _status(request: web.Request, user: StaffUser) -> FeedStatus:
    found = await feed_status(ctx_of(request).core, user.staff_key)
    if found is None:
        text = t("calendar.feed.not_consultant", user.language)
        raise web.HTTPForbidden(
            text=notice_page(request, user, text, 403, "/console").text, content_type="text/html"
        )
    return found


def _page(
    request: web.Request,
    user: StaffUser,
    status: FeedStatus,
    *,
    new_url: str = "",
    notice: str = "",
) -> web.Response:
    core = ctx_of(request).core
    since = format_datetime(status.since, core.config.timezone) if status.since else ""
    return render(
        request,
        user,
        "console/calendar.html",
        since=since,
        serves_http=bool(core.config.calendar_feed_url),
        new_url=new_url,
        notice=notice,
    )


@staff_required("consultant")
async def calendar_page(request: web.Request) -> web.StreamResponse:
    """Whether the consultant's feed address is active, with its two actions."""
    user = await user_of(request)
    return _page(request, user, await _status(request, user))


@staff_required("consultant")
async def calendar_action(request: web.Request) -> web.StreamResponse:
    """A new address (shown once on this answer) or the address revoked."""
    user = await user_of(request)
    status = await _status(request, user)
    core = ctx_of(request).core
    action = str((await request.post()).get("do") or "")
    if action == "new":
        try:
            change = await rotate_calendar_feed(core, status.consultant_id)
        except BusinessError as error:
            return notice_page(request, user, error.render(user.language), status_of(error), PAGE)
        logger.info("calendar feed made on the console by %s", user.login)
        return _page(request, user, await _status(request, user), new_url=change.url)
    if action == "revoke":
        await revoke_calendar_feed(core, status.consultant_id)
        logger.info("calendar feed revoked on the console by %s", user.login)
        notice = t("calendar.feed.revoked", user.language)
        return _page(request, user, await _status(request, user), notice=notice)
    return notice_page(request, user, t("web.console.bad_action", user.language), 400, PAGE)


def add_routes(app: web.Application) -> None:
    """Register the calendar feed page."""
    app.router.add_get(PAGE, calendar_page)
    app.router.add_post(PAGE, calendar_action)
