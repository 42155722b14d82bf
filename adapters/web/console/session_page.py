"""A session's page: its thread (history + live), the composer, and the session actions.

``GET /console/session/<id>`` (``?part=1``: only the conversation), ``GET .../events`` (the
thread and the person's private answers in it), ``POST .../send`` -> ``relay_from_staff`` (a
``//`` message is kept as an internal note), ``POST .../specialist`` -> ``call_specialist``,
``.../transfer`` -> ``transfer_session``, ``.../onsite`` -> ``recommend_onsite``,
``POST .../upload`` -> a file to the client (``upload``); ending and
converting are choices (``end:<id>``, ``convert:<id>``) posted to ``/console/action``.
A refusal is shown beside the form's field, as the Slack modals do.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web
from multidict import MultiDictProxy

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
from adapters.web.console.echo import outbox_mark, show_own
from adapters.web.console.upload import UploadView, session_id_of, upload_context
from adapters.web.console.views import local, role_name, thread_history
from adapters.web.context import WebContext
from adapters.web.files import WebFiles
from adapters.web.stream import stream_messages
from core.consultants import areas_by_consultant, list_consultants
from core.context import Core
from core.errors import BusinessError, InvalidInput
from core.messages import t
from core.outbox import Address
from core.queue import status_name
from core.sessions import call_specialist, recommend_onsite, relay_from_staff, transfer_session
from core.views import SessionDetail, session_detail

logger = logging.getLogger(__name__)

TEXT_MAX = 4000
Form = MultiDictProxy[Any]


_session_id = session_id_of


async def _detail(core: Core, session_id: int) -> SessionDetail | None:
    async with core.db.uow() as uow:
        return await session_detail(uow, session_id)


async def consultant_choices(core: Core, language: str, exclude: str) -> list[tuple[str, str]]:
    """Active consultants (but ``exclude``) as ``(id, "Name (status) areas")``."""
    async with core.db.uow() as uow:
        consultants = await list_consultants(uow, active_only=True)
        areas = await areas_by_consultant(uow)
    choices = []
    for c in consultants:
        if c.id is None or c.staff_key == exclude:
            continue
        served = ", ".join(areas.get(c.id, []))
        choices.append(
            (str(c.id), f"{c.name} ({status_name(c.status, language)}) {served}".strip())
        )
    return choices


async def _page(
    request: web.Request,
    user: StaffUser,
    session_id: int,
    *,
    status: int = 200,
    errors: dict[str, str] | None = None,
    typed: dict[str, str] | None = None,
) -> web.StreamResponse:
    core = ctx_of(request).core
    async with core.db.uow() as uow:
        detail = await session_detail(uow, session_id)
        if detail is None:
            return notice_page(
                request, user, t("web.console.session.not_found", user.language), 404, "/console"
            )
        history = await thread_history(uow, core, detail, user.staff_key)
    part = request.method == "GET" and request.query.get("part")
    template = "console/_conversation.html" if part else "console/session.html"
    return render(
        request,
        user,
        template,
        status=status,
        detail=detail,
        participants=[
            f"{name} ({role_name(role, user.language)})" for name, role in detail.participants
        ],
        history=history,
        ended_at=_ended(core, detail),
        consultants=await consultant_choices(core, user.language, user.staff_key),
        areas=list(core.config.areas),
        errors=errors or {},
        typed=typed or {},
        **upload_context(user.language),
    )


def _ended(core: Core, detail: SessionDetail) -> str | None:
    ended = detail.session.ended_at
    return local(core, ended) if ended else None


@staff_required(*CONSOLE_ROLES)
async def session_page(request: web.Request) -> web.StreamResponse:
    """The session's header, conversation, composer and action forms."""
    return await _page(request, await user_of(request), _session_id(request))


@staff_required(*CONSOLE_ROLES)
async def session_events(request: web.Request) -> web.StreamResponse:
    """Live events of the session's thread (and the person's private answers in it)."""
    user = await user_of(request)
    ctx = ctx_of(request)
    detail = await _detail(ctx.core, _session_id(request))
    if detail is None:
        raise web.HTTPNotFound()
    room, ref = detail.room, detail.thread_ref
    addresses = [room, user.staff_key] if room else [user.staff_key]
    return await stream_messages(request, ctx, addresses, ref or f"session-{detail.session.id}")


Work = Callable[[WebContext, StaffUser, SessionDetail, Form, tuple[str, str]], Awaitable[None]]


def _posting(field: Callable[[str], str]) -> Callable[[Work], Callable[[web.Request], Any]]:
    """A session form handler: run ``work``; a refusal re-renders the page with the field error."""

    def decorate(work: Work) -> Callable[[web.Request], Any]:
        @staff_required(*CONSOLE_ROLES)
        async def handler(request: web.Request) -> web.StreamResponse:
            user = await user_of(request)
            ctx = ctx_of(request)
            session_id = _session_id(request)
            form = await request.post()
            if not ctx.config.staff_on_web:
                text = t("web.console.slack_notice", user.language)
                return notice_page(request, user, text, 409, f"/console/session/{session_id}")
            detail = await _detail(ctx.core, session_id)
            if detail is None:
                raise web.HTTPNotFound()
            try:
                await work(ctx, user, detail, form, inbound_key(request, user, form))
            except BusinessError as error:
                logger.info("session %s form refused for %s: %s", session_id, user.login, error.key)
                errors = {field(error.key): error.render(user.language)}
                typed = {k: str(v) for k, v in form.items() if k not in ("csrf_token", "nonce")}
                return await _page(
                    request, user, session_id, status=status_of(error), errors=errors, typed=typed
                )
            raise web.HTTPSeeOther(f"/console/session/{session_id}#composer")

        return handler

    return decorate


def _chosen_id(form: Form, name: str) -> int | None:
    raw = str(form.get(name) or "").strip()
    if not raw:
        return None
    if not raw.isdigit() or len(raw) > 18:
        raise InvalidInput("sessions.specialist.who")
    return int(raw)


@_posting(lambda _key: "text")
async def send_message(
    ctx: WebContext, user: StaffUser, detail: SessionDetail, form: Form, inbound: tuple[str, str]
) -> None:
    """The composer: relayed to the client (and shown in the thread as theirs), or a note."""
    text = str(form.get("text") or "").strip()[:TEXT_MAX]
    if not text:
        return
    core = ctx.core
    room, ref = detail.room, detail.thread_ref
    if room is None or ref is None:
        raise BusinessError("sessions.relay.not_a_session")
    thread = Address(core.config.staff.requests.channel, room, ref)
    mark = await outbox_mark(core)
    await relay_from_staff(core, thread, user.staff_key, text, inbound=inbound)
    if thread.channel != "web":
        return  # staff on Slack: their message is in the Slack thread already
    await show_own(
        core,
        ctx.hub,
        detail.session,
        mark,
        room=room,
        thread=ref,
        author=user.staff_key,
        name=user.name or user.login,
        text=text,
    )


@_posting(lambda key: "area" if "area" in key else "consultant")
async def specialist(
    ctx: WebContext, user: StaffUser, detail: SessionDetail, form: Form, inbound: tuple[str, str]
) -> None:
    """Call a consultant (or the first free one of an area) into the session."""
    area = str(form.get("area") or "").strip() or None
    assert detail.session.id is not None
    await call_specialist(
        ctx.core,
        detail.session.id,
        by_staff_key=user.staff_key,
        consultant_id=_chosen_id(form, "consultant"),
        area=area,
        inbound=inbound,
    )


@_posting(lambda _key: "transfer")
async def transfer(
    ctx: WebContext, user: StaffUser, detail: SessionDetail, form: Form, inbound: tuple[str, str]
) -> None:
    """Hand the session to another consultant."""
    assert detail.session.id is not None
    await transfer_session(
        ctx.core,
        detail.session.id,
        by_staff_key=user.staff_key,
        to_consultant_id=_chosen_id(form, "consultant") or 0,
        inbound=inbound,
    )


@_posting(lambda _key: "reason")
async def onsite(
    ctx: WebContext, user: StaffUser, detail: SessionDetail, form: Form, inbound: tuple[str, str]
) -> None:
    """Recommend an on-site visit, with the reason."""
    assert detail.session.id is not None
    await recommend_onsite(
        ctx.core,
        detail.session.id,
        by_staff_key=user.staff_key,
        reason=str(form.get("reason") or ""),
        inbound=inbound,
    )


def add_routes(app: web.Application, files: WebFiles) -> None:
    """Register the session page's routes (files sent by staff are kept in ``files``)."""
    app.router.add_get(r"/console/session/{session_id}", session_page)
    app.router.add_get(r"/console/session/{session_id}/events", session_events)
    app.router.add_post(r"/console/session/{session_id}/send", send_message)
    app.router.add_post(r"/console/session/{session_id}/specialist", specialist)
    app.router.add_post(r"/console/session/{session_id}/transfer", transfer)
    app.router.add_post(r"/console/session/{session_id}/onsite", onsite)
    app.router.add_post(r"/console/session/{session_id}/upload", UploadView(files, _page).upload)
