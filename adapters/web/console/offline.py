"""Offline messages on the console: the open ones and the last resolved, with the card's actions.

``GET /console/offline`` (``?part=1``: the live part, fetched again on each event of ``GET
/console/offline/events``: the requests room, where their cards are posted), ``POST
/console/offline/<id>`` with ``do=take`` (*Vou responder*) or ``do=done`` (*Resolvido*) ->
``core.offline.assign_offline_message`` / ``resolve_offline_message``, the same calls as the
card's buttons in Slack. Consultants, secretaries and support only; with Slack configured the
page only shows them (they are handled on the card in Slack).
"""

from __future__ import annotations

import logging

from aiohttp import web

from adapters.web.auth import StaffUser, staff_required
from adapters.web.console.common import (
    CONSOLE_ROLES,
    ctx_of,
    inbound_key,
    notice_page,
    render,
    status_of,
    user_of,
)
from adapters.web.ids import path_id
from adapters.web.stream import stream_messages
from core.errors import BusinessError, NotFound
from core.messages import t
from core.offline import assign_offline_message, offline_board, resolve_offline_message

logger = logging.getLogger(__name__)

PAGE = "/console/offline"
ACTIONS = {"take": assign_offline_message, "done": resolve_offline_message}
"""The form's ``do`` -> the core call."""


async def _page(
    request: web.Request,
    user: StaffUser,
    *,
    status: int = 200,
    errors: dict[int, str] | None = None,
) -> web.StreamResponse:
    core = ctx_of(request).core
    async with core.db.read() as uow:
        board = await offline_board(uow, core.config.timezone)
    part = bool(request.query.get("part")) and request.method == "GET"
    template = "console/_offline.html" if part else "console/offline.html"
    return render(request, user, template, status=status, board=board, errors=errors or {})


@staff_required(*CONSOLE_ROLES)
async def offline_page(request: web.Request) -> web.StreamResponse:
    """The open offline messages, oldest first, and the last resolved ones."""
    return await _page(request, await user_of(request))


@staff_required(*CONSOLE_ROLES)
async def offline_events(request: web.Request) -> web.StreamResponse:
    """Live events of the requests room (where offline messages' cards are posted)."""
    ctx = ctx_of(request)
    return await stream_messages(request, ctx, [ctx.core.config.staff.requests.id], None)


@staff_required(*CONSOLE_ROLES)
async def act(request: web.Request) -> web.StreamResponse:
    """*Vou responder* or *Resolvido* on one offline message."""
    user = await user_of(request)
    ctx = ctx_of(request)
    offline_id = path_id(request, "offline_id")
    form = await request.post()
    if not ctx.config.staff_on_web:
        return notice_page(request, user, t("web.console.slack_notice", user.language), 409, PAGE)
    call = ACTIONS.get(str(form.get("do") or ""))
    if call is None:
        return notice_page(request, user, t("web.console.bad_action", user.language), 400, PAGE)
    try:
        await call(
            ctx.core,
            offline_id,
            by_staff_key=user.staff_key,
            inbound=inbound_key(request, user, form),
        )
    except BusinessError as error:
        logger.info(
            "offline message %s action refused for %s: %s", offline_id, user.login, error.key
        )
        text = error.render(user.language)
        if isinstance(error, NotFound):  # not on the page: said on its own
            return notice_page(request, user, text, 404, PAGE)
        return await _page(request, user, status=status_of(error), errors={offline_id: text})
    raise web.HTTPSeeOther(PAGE)


def add_routes(app: web.Application) -> None:
    """Register the offline messages' routes."""
    app.router.add_get(PAGE, offline_page)
    app.router.add_get(PAGE + "/events", offline_events)
    app.router.add_post(PAGE + r"/{offline_id}", act)
