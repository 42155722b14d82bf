"""A session's page: its thread (history + live), the composer, and the session actions.

``GET /console/session/<id>`` (``?part=1``: only the conversation; the full page also lists
the contact's and company's past sessions and the company's month, ``history``), ``GET
.../events`` (the thread, the person's private answers in it, and the client's typing signals
as ``event: typing``), ``POST .../send`` -> ``relay_from_staff`` (a
``//`` message is kept as an internal note), ``POST .../specialist`` -> ``call_specialist``,
``.../transfer`` -> ``transfer_session``, ``.../onsite`` -> ``recommend_onsite``,
``.../medium`` -> ``change_session_medium`` (the medium and its phone, TeamViewer ID or host),
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
from adapters.web.console import typing
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
from adapters.web.console.history import day_labels, history_context
from adapters.web.console.upload import UploadView, session_id_of, upload_context
from adapters.web.console.views import local, role_name, thread_history
from adapters.web.context import WebContext
from adapters.web.files import WebFiles
from adapters.web.stream import stream_messages
from core.connection import SESSION_MEDIA, medium_label
from core.consultants import areas_by_consultant, list_consultants
from core.context import Core
from core.db import UnitOfWork
from core.errors import BusinessError, InvalidInput
from core.messages import t
from core.models import RequestKind
from core.outbox import Address, Choice
from core.queue import status_name
from core.sessions import (
    call_specialist,
    change_session_medium,
    recommend_onsite,
    relay_from_staff,
    session_connection,
    transfer_session,
)
from core.support import handover_picker
from core.views import SessionDetail, may_read_session, session_detail

logger = logging.getLogger(__name__)

TEXT_MAX = 4000
Form = MultiDictProxy[Any]


_session_id = session_id_of


async def _detail(core: Core, session_id: int) -> SessionDetail | None:
    async with core.db.read() as uow:
        return await session_detail(uow, session_id)


async def consultant_choices(core: Core, language: str, exclude: str) -> list[tuple[str, str]]:
    """Active consultants (but ``exclude``) as ``(id, "Name (status) areas")``."""
    async with core.db.read() as uow:
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
    async with core.db.read() as uow:
        detail = await session_detail(uow, session_id)
        if detail is None:
            return notice_page(
                request, user, t("web.console.session.not_found", user.language), 404, "/console"
            )
        if not await _may_read(uow, user, detail):
            return notice_page(
                request, user, t("web.console.session.forbidden", user.language), 403, "/console"
            )
        history = await thread_history(uow, core, detail, user.staff_key)
        part = request.method == "GET" and request.query.get("part")
        aside = {}
        if not part:
            sees_all = user.has(*EVERY_SESSION)
            aside = await history_context(
                uow, core, detail, user.staff_key, user.language, sees_all
            )
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
        handover=await _handover_choices(core, detail, user),
        areas=list(core.config.areas),
        connection=session_connection(detail.session, user.language),
        media=[(m.value, medium_label(m, user.language)) for m in SESSION_MEDIA],
        errors=errors or {},
        typed=typed or {},
        **upload_context(user.language),
        **day_labels(core),
        **aside,
    )


async def _handover_choices(core: Core, detail: SessionDetail, user: StaffUser) -> list[Choice]:
    """Who may attend the client of an open support chat once they accept (the buttons)."""
    session = detail.session
    if session.id is None or session.kind != RequestKind.SUPPORT or session.ended_at is not None:
        return []
    try:
        picker = await handover_picker(core, session.id, user.staff_key, user.language)
        return list(picker.choices)
    except BusinessError:  # already handed over: no choice left
        return []


def _ended(core: Core, detail: SessionDetail) -> str | None:
    ended = detail.session.ended_at
    return local(core, ended) if ended else None


SESSION_TYPING = "typing:session:{id}"
"""The hub key of the client's typing signals in a session (the web chat sends them)."""
READERS = (*CONSOLE_ROLES, "manager")
"""Who may open a session's page at all; which session, :func:`_may_read` decides."""
EVERY_SESSION = ("secretary", "manager")
"""Roles that read every session (an admin holds every role)."""


async def _may_read(uow: UnitOfWork, user: StaffUser, detail: SessionDetail) -> bool:
    """Secretaries, managers and admins read every session; others only their own."""
    if user.has(*EVERY_SESSION):
        return True
    return await may_read_session(uow, detail.session, user.staff_key)


@staff_required(*READERS)
async def session_page(request: web.Request) -> web.StreamResponse:
    """The session's header, conversation, composer and action forms."""
    return await _page(request, await user_of(request), _session_id(request))


@staff_required(*READERS)
async def session_events(request: web.Request) -> web.StreamResponse:
    """Live events of the session's thread (and the person's private answers in it)."""
    user = await user_of(request)
    ctx = ctx_of(request)
    async with ctx.core.db.read() as uow:
        detail = await session_detail(uow, _session_id(request))
        allowed = detail is not None and await _may_read(uow, user, detail)
    if detail is None:
        raise web.HTTPNotFound()
    if not allowed:
        raise web.HTTPForbidden()
    room, ref = detail.room, detail.thread_ref
    addresses = [room, user.staff_key] if room else [user.staff_key]
    typing = (SESSION_TYPING.format(id=detail.session.id),)
    thread = ref or f"session-{detail.session.id}"
    return await stream_messages(request, ctx, addresses, thread, typing_keys=typing)


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
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 18:
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


@_posting(lambda key: "detail" if key.startswith("connection.bad_") else "medium")
async def medium(
    ctx: WebContext, user: StaffUser, detail: SessionDetail, form: Form, inbound: tuple[str, str]
) -> None:
    """Change the session's medium and its connection detail (never a password)."""
    assert detail.session.id is not None
    await change_session_medium(
        ctx.core,
        detail.session.id,
        by_staff_key=user.staff_key,
        medium=str(form.get("medium") or ""),
        detail=str(form.get("detail") or "").strip() or None,
        inbound=inbound,
    )


def add_routes(app: web.Application, files: WebFiles) -> None:
    """Register the session page's routes (files sent by staff are kept in ``files``), the
    composer's typing signal among them."""
    typing.add_routes(app)
    app.router.add_get(r"/console/session/{session_id}", session_page)
    app.router.add_get(r"/console/session/{session_id}/events", session_events)
    app.router.add_post(r"/console/session/{session_id}/send", send_message)
    app.router.add_post(r"/console/session/{session_id}/specialist", specialist)
    app.router.add_post(r"/console/session/{session_id}/transfer", transfer)
    app.router.add_post(r"/console/session/{session_id}/onsite", onsite)
    app.router.add_post(r"/console/session/{session_id}/medium", medium)
    app.router.add_post(r"/console/session/{session_id}/upload", UploadView(files, _page).upload)
