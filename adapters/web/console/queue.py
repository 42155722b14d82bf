"""The console's home: the waiting queue with *Aceitar*, my sessions, my status, my messages.

``GET /console`` (``?part=1``: only the live part, fetched again on each event of
``GET /console/events``: the requests room and the person's own address), ``POST
/console/action`` (a choice of a staff-room message, see ``actions``), ``POST /console/status``.
"""

from __future__ import annotations

import logging

from aiohttp import web

from adapters.web.auth import staff_required
from adapters.web.console.actions import UnknownAction, alternative_of, run_action
from adapters.web.console.common import (
    CONSOLE_ROLES,
    back_of,
    ctx_of,
    inbound_key,
    notice_page,
    render,
    status_of,
    user_of,
)
from adapters.web.console.views import shown
from adapters.web.stream import stream_messages
from core.errors import BusinessError
from core.messages import t
from core.queue import set_status
from core.views import Taken, console_home

logger = logging.getLogger(__name__)

STATUSES = ("disponivel", "ocupado", "ausente")


@staff_required(*CONSOLE_ROLES)
async def queue_page(request: web.Request) -> web.StreamResponse:
    """The queue, my sessions, status and direct messages."""
    user = await user_of(request)
    ctx = ctx_of(request)
    core = ctx.core
    raw_taken = request.query.get("taken")
    sees_all = user.has("secretary", "support")
    home = await console_home(
        core.db,
        core.config.timezone,
        user.staff_key,
        sees_all=sees_all,
        taken_id=int(raw_taken)
        if raw_taken and raw_taken.isascii() and raw_taken.isdigit()
        else None,
    )
    messages = [shown(core, row, home.names) for row in reversed(home.messages)]
    template = "console/_queue.html" if request.query.get("part") else "console/queue.html"
    return render(
        request,
        user,
        template,
        queue=home.queue,
        areas=None if sees_all else home.areas,
        sessions=home.sessions,
        consultant=home.consultant,
        statuses=STATUSES,
        messages=messages,
        taken=_taken_notice(home.taken, user.language),
    )


def _taken_notice(taken: Taken | None, language: str) -> str | None:
    """*Request 12 was accepted by Ana*, after a lost *Aceitar*."""
    if taken is None:
        return None
    return t("web.console.taken", language, id=taken.request_id, name=taken.by or "?")


@staff_required(*CONSOLE_ROLES)
async def queue_events(request: web.Request) -> web.StreamResponse:
    """Live events of the requests room and the person's own address."""
    user = await user_of(request)
    ctx = ctx_of(request)
    addresses = [ctx.core.config.staff.requests.id, user.staff_key]
    return await stream_messages(request, ctx, addresses, None)


@staff_required(*CONSOLE_ROLES)
async def do_action(request: web.Request) -> web.StreamResponse:
    """A choice clicked in the console: the same core call as in Slack."""
    user = await user_of(request)
    ctx = ctx_of(request)
    form = await request.post()
    back = back_of(form)
    if not ctx.config.staff_on_web:
        return notice_page(request, user, t("web.console.slack_notice", user.language), 409, back)
    action = str(form.get("action") or "")
    try:
        outcome = await run_action(
            ctx.core, action, user.staff_key, inbound_key(request, user, form), back
        )
    except UnknownAction:
        logger.info("unknown console action %r by %s", action[:80], user.login)
        return notice_page(request, user, t("web.console.bad_action", user.language), 400, back)
    except BusinessError as error:
        logger.info("console action %s refused for %s: %s", action, user.login, error.key)
        text = error.render(user.language)
        confirm = alternative_of(action, error.key)
        if confirm is not None:
            confirm["label"] = t(confirm["label"], user.language)
        return notice_page(request, user, text, status_of(error), back, confirm)
    raise web.HTTPSeeOther(outcome.location)


@staff_required("consultant")
async def change_status(request: web.Request) -> web.StreamResponse:
    """*Disponível*, *ocupado* or *ausente* (``core.queue.consultant_status.set_status``)."""
    user = await user_of(request)
    form = await request.post()
    try:
        await set_status(
            ctx_of(request).core,
            user.staff_key,
            str(form.get("status") or ""),
            inbound=inbound_key(request, user, form),
        )
    except BusinessError as error:
        text = error.render(user.language)
        return notice_page(request, user, text, status_of(error), "/console")
    raise web.HTTPSeeOther("/console")


def add_routes(app: web.Application) -> None:
    """Register the queue's routes."""
    app.router.add_get("/console", queue_page)
    app.router.add_get("/console/events", queue_events)
    app.router.add_post("/console/action", do_action)
    app.router.add_post("/console/status", change_status)
