"""The staff rooms: support conversations, link requests, on-site visits and billing summaries.

``GET /console/support`` (live: the support room), ``GET /console/links`` (live: the links
room), ``POST /console/links/<id>`` -> ``core.intake.decide_link`` (approve for the chosen
company, or refuse); a refusal (for instance "choose the company") is shown on the page.
``GET /console/onsite`` and ``GET /console/billing`` (secretaries) show what the core posts in
those rooms (visit requests to schedule, billing summaries), newest first, live.
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
from adapters.web.console.views import pending_links, shown, support_sessions
from adapters.web.ids import path_id
from adapters.web.stream import stream_messages
from core.companies import find_companies, list_companies
from core.errors import BusinessError
from core.intake import decide_link
from core.messages import t
from core.views import people_names
from core.webchat import messages_at

logger = logging.getLogger(__name__)

NEWS_ROOMS = ("onsite", "billing")
"""Rooms the console only shows (the core posts there; nobody answers in them)."""


@staff_required(*CONSOLE_ROLES)
async def support_page(request: web.Request) -> web.StreamResponse:
    """Open support conversations, each opening its session page."""
    user = await user_of(request)
    core = ctx_of(request).core
    async with core.db.read() as uow:
        sessions = await support_sessions(uow, core)
    template = "console/_support.html" if request.query.get("part") else "console/support.html"
    return render(request, user, template, sessions=sessions)


@staff_required(*CONSOLE_ROLES)
async def support_events(request: web.Request) -> web.StreamResponse:
    """Live events of the support room."""
    ctx = ctx_of(request)
    return await stream_messages(request, ctx, [ctx.core.config.staff.support.id], None)


async def _links_page(
    request: web.Request,
    user: StaffUser,
    *,
    status: int = 200,
    errors: dict[int, str] | None = None,
) -> web.StreamResponse:
    core = ctx_of(request).core
    async with core.db.read() as uow:
        links = await pending_links(uow, core)
        companies = await list_companies(uow, active_only=True)
        guesses = {}
        for item in links:
            found = await find_companies(uow, item.link.company_hint, active_only=True)
            guesses[item.link.id] = found[0].id if len(found) == 1 else None
    template = "console/_links.html" if request.query.get("part") else "console/links.html"
    return render(
        request,
        user,
        template,
        status=status,
        links=links,
        companies=companies,
        guesses=guesses,
        errors=errors or {},
    )


@staff_required("secretary")
async def links_page(request: web.Request) -> web.StreamResponse:
    """Pending link requests with a company choice, *Aprovar* and *Recusar*."""
    return await _links_page(request, await user_of(request))


@staff_required("secretary")
async def links_events(request: web.Request) -> web.StreamResponse:
    """Live events of the links room."""
    ctx = ctx_of(request)
    return await stream_messages(request, ctx, [ctx.core.config.staff.links.id], None)


@staff_required("secretary")
async def decide(request: web.Request) -> web.StreamResponse:
    """Approve (for the chosen company) or refuse a link request."""
    user = await user_of(request)
    ctx = ctx_of(request)
    link_id = path_id(request, "link_id")
    form = await request.post()
    if not ctx.config.staff_on_web:
        text = t("web.console.slack_notice", user.language)
        return notice_page(request, user, text, 409, "/console/links")
    company = str(form.get("company") or "").strip()
    try:
        await decide_link(
            ctx.core,
            link_id,
            by_staff_key=user.staff_key,
            approve=form.get("decision") == "approve",
            company_id=int(company)
            if company.isascii() and company.isdigit() and len(company) < 18
            else None,
            inbound=inbound_key(request, user, form),
        )
    except BusinessError as error:
        logger.info("link %s decision refused for %s: %s", link_id, user.login, error.key)
        errors = {link_id: error.render(user.language)}
        return await _links_page(request, user, status=status_of(error), errors=errors)
    raise web.HTTPSeeOther("/console/links")


def _news_room(request: web.Request) -> str:
    name = request.match_info.get("room", "")
    if name not in NEWS_ROOMS:
        raise web.HTTPNotFound()
    return name


@staff_required("secretary")
async def news_page(request: web.Request) -> web.StreamResponse:
    """The on-site (visit requests) or billing room: its last messages, newest first."""
    user = await user_of(request)
    core = ctx_of(request).core
    name = _news_room(request)
    address = getattr(core.config.staff, name).id
    async with core.db.read() as uow:
        rows = await messages_at(uow, [address], None, limit=100)
        names = await people_names(uow)
    messages = [shown(core, row, names) for row in reversed(rows)]
    template = "console/_room.html" if request.query.get("part") else "console/room.html"
    return render(request, user, template, room=name, messages=messages)


@staff_required("secretary")
async def news_events(request: web.Request) -> web.StreamResponse:
    """Live events of the on-site or billing room."""
    ctx = ctx_of(request)
    address = getattr(ctx.core.config.staff, _news_room(request)).id
    return await stream_messages(request, ctx, [address], None)


def add_routes(app: web.Application) -> None:
    """Register the rooms' routes."""
    app.router.add_get("/console/support", support_page)
    app.router.add_get("/console/support/events", support_events)
    app.router.add_get("/console/links", links_page)
    app.router.add_get("/console/links/events", links_events)
    app.router.add_post(r"/console/links/{link_id}", decide)
    app.router.add_get(r"/console/{room:onsite|billing}", news_page)
    app.router.add_get(r"/console/{room:onsite|billing}/events", news_events)
