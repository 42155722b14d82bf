"""What the console pages show, read from the database: queue, sessions, rooms, people.

Read-only queries with the names a person needs; every change goes through the core's services
(``adapters.web.console.actions``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlmodel import col, or_, select

from adapters.web.console.echo import STAFF_ECHO
from adapters.web.render import attachments_json
from core.contacts import display_name
from core.context import Core
from core.db import UnitOfWork
from core.models import (
    Company,
    Consultant,
    ConsultantArea,
    ConsultingSession,
    Contact,
    LinkRequest,
    LinkRequestStatus,
    Request,
    RequestKind,
    SessionNote,
    SessionParticipant,
    SessionStatus,
    StaffMember,
    WebAccount,
    WebMessage,
)
from core.queue import waiting
from core.timefmt import format_datetime

_MENTION = re.compile(r"<@([A-Z0-9]{2,32})>")


def local(core: Core, moment: datetime | None) -> str:
    """``dd/mm/aaaa HH:MM`` in the service's time zone ("" for none)."""
    return format_datetime(moment, core.config.timezone) if moment else ""


@dataclass(frozen=True)
class Waiting:
    """A request waiting in the queue, with names."""

    request: Request
    company: str
    contact: str
    since: str


async def my_consultant(uow: UnitOfWork, staff_key: str) -> Consultant | None:
    """The active consultant with this staff key, if any."""
    statement = select(Consultant).where(
        Consultant.slack_user_id == staff_key, col(Consultant.active).is_(True)
    )
    return (await uow.session.exec(statement)).first()


async def areas_of(uow: UnitOfWork, consultant_id: int) -> list[str]:
    """The areas a consultant serves, sorted."""
    statement = select(ConsultantArea.area).where(ConsultantArea.consultant_id == consultant_id)
    return sorted((await uow.session.exec(statement)).all())


async def waiting_requests(uow: UnitOfWork, core: Core, areas: list[str] | None) -> list[Waiting]:
    """The queue, oldest first; only ``areas`` (and requests without an area) when given."""
    statement = (
        select(Request, Company.name, Contact)
        .join(Company, col(Company.id) == col(Request.company_id))
        .join(Contact, col(Contact.id) == col(Request.contact_id))
        .where(*waiting())
        .order_by(col(Request.queued_at), col(Request.id))
        .limit(500)
    )
    if areas is not None:
        statement = statement.where(or_(col(Request.area).is_(None), col(Request.area).in_(areas)))
    rows = (await uow.session.exec(statement)).all()
    return [
        Waiting(request, company, display_name(contact), local(core, request.queued_at))
        for request, company, contact in rows
    ]


@dataclass(frozen=True)
class SessionLine:
    """A session in a list: who, which company, since when."""

    session: ConsultingSession
    company: str
    contact: str
    started: str
    area: str | None


def _session_query() -> Any:
    return (
        select(ConsultingSession, Company.name, Contact, Request.area)
        .join(Company, col(Company.id) == col(ConsultingSession.company_id))
        .join(Contact, col(Contact.id) == col(ConsultingSession.contact_id))
        .join(Request, col(Request.id) == col(ConsultingSession.request_id))
        .where(col(ConsultingSession.status) == SessionStatus.OPEN.value)
        .order_by(col(ConsultingSession.started_at))
    )


def _lines(core: Core, rows: Any) -> list[SessionLine]:
    return [
        SessionLine(session, company, display_name(contact), local(core, session.started_at), area)
        for session, company, contact, area in rows
    ]


async def my_sessions(
    uow: UnitOfWork, core: Core, staff_key: str, consultant_id: int | None
) -> list[SessionLine]:
    """Open sessions the staff member leads, attends or takes part in."""
    joined = select(SessionParticipant.session_id).where(
        SessionParticipant.slack_user_id == staff_key, col(SessionParticipant.left_at).is_(None)
    )
    mine = or_(
        col(ConsultingSession.consultant_id) == (consultant_id or -1),
        col(ConsultingSession.attendant_slack_id) == staff_key,
        col(ConsultingSession.id).in_(joined),
    )
    return _lines(core, (await uow.session.exec(_session_query().where(mine))).all())


async def support_sessions(uow: UnitOfWork, core: Core) -> list[SessionLine]:
    """Open support conversations, oldest first."""
    statement = _session_query().where(col(ConsultingSession.kind) == RequestKind.SUPPORT.value)
    return _lines(core, (await uow.session.exec(statement)).all())


@dataclass(frozen=True)
class SessionDetail:
    """A session with its request, company, contact and participants' names."""

    session: ConsultingSession
    request: Request
    company: Company
    contact: str
    participants: list[tuple[str, str]]
    """``(name, role)`` of the people in the session (role: ``lead``, ``specialist``...)."""
    lead_key: str | None

    @property
    def room(self) -> str | None:
        """The staff room of the session's thread (the request card's until it has its own)."""
        return self.session.thread_channel or self.request.card_channel

    @property
    def thread_ref(self) -> str | None:
        """The session's thread in that room (the request card's message until it has its own)."""
        return self.session.thread_ref or self.request.card_ref


async def session_detail(uow: UnitOfWork, session_id: int) -> SessionDetail | None:
    """The session ``session_id`` with names, or None."""
    session = await uow.session.get(ConsultingSession, session_id)
    if session is None:
        return None
    request = await uow.session.get(Request, session.request_id)
    company = await uow.session.get(Company, session.company_id)
    contact = await uow.session.get(Contact, session.contact_id)
    assert request is not None and company is not None and contact is not None
    statement = (
        select(SessionParticipant)
        .where(SessionParticipant.session_id == session_id)
        .where(col(SessionParticipant.left_at).is_(None))
        .order_by(col(SessionParticipant.joined_at))
    )
    names = await people_names(uow)
    participants = [
        (names.get(p.slack_user_id, p.slack_user_id), p.role)
        for p in (await uow.session.exec(statement)).all()
    ]
    lead = None
    if session.consultant_id is not None:
        consultant = await uow.session.get(Consultant, session.consultant_id)
        lead = consultant.slack_user_id if consultant else None
    return SessionDetail(
        session,
        request,
        company,
        display_name(contact),
        participants,
        lead or session.attendant_slack_id,
    )


async def people_names(uow: UnitOfWork) -> dict[str, str]:
    """Staff keys -> names (consultants first, then staff roles, then web accounts)."""
    names: dict[str, str] = {}
    for key, name in (await uow.session.exec(select(WebAccount.staff_key, WebAccount.name))).all():
        if name:
            names[key] = name
    staff = select(StaffMember.slack_user_id, StaffMember.name)
    for key, name in (await uow.session.exec(staff)).all():
        if name:
            names[key] = name
    consultants = select(Consultant.slack_user_id, Consultant.name)
    for key, name in (await uow.session.exec(consultants)).all():
        names[key] = name
    return names


def with_names(text: str, names: dict[str, str]) -> str:
    """Slack-style mentions ``<@KEY>`` as the person's name (``@KEY`` when unknown)."""
    return _MENTION.sub(lambda m: names.get(m.group(1), "@" + m.group(1)), text)


@dataclass
class Shown:
    """A message (or a note) as a page shows it."""

    id: int
    kind: str  # "message" | "note" | "private" | "mine" (the viewer's own) | "staff" (another's)
    text: str
    title: str | None = None
    fields: list[tuple[str, str]] = field(default_factory=list)
    choices: list[dict[str, str]] = field(default_factory=list)
    when: str = ""
    at: datetime | None = None
    files: list[dict[str, Any]] = field(default_factory=list)  # render.attachments_json


def shown(
    core: Core,
    row: WebMessage,
    names: dict[str, str],
    kind: str = "message",
    viewer: str | None = None,
) -> Shown:
    """A web message for a page: names in place of mentions, local time.

    A staff member's own message in a session (``echo``) is ``"mine"`` for them (``viewer``),
    ``"staff"`` with their name for the others.
    """
    payload = row.payload or {}
    assert row.id is not None
    if payload.get("purpose") == STAFF_ECHO and kind == "message":
        kind = "mine" if viewer is not None and payload.get("author") == viewer else "staff"
    return Shown(
        id=row.id,
        kind=kind,
        text=with_names(str(payload.get("text") or ""), names),
        title=payload.get("title"),
        fields=[
            (str(f.get("label", "")), with_names(str(f.get("value", "")), names))
            for f in payload.get("fields", ())
            if isinstance(f, dict)
        ],
        choices=[
            {"action": str(c.get("action", "")), "label": str(c.get("label", ""))}
            for c in payload.get("choices", ())
            if isinstance(c, dict)
        ],
        when=local(core, row.created_at),
        at=row.created_at,
        files=attachments_json(payload),
    )


def collapse(rows: list[WebMessage]) -> list[WebMessage]:
    """Rows with edits applied: an edit takes its original's place (the original's order)."""
    order: list[int] = []
    latest: dict[int, WebMessage] = {}
    for row in rows:
        assert row.id is not None
        target = row.replaces_id if row.replaces_id in latest else row.id
        if target not in latest:
            order.append(target)
        latest[target] = row
    return [latest[key] for key in order]


async def messages_at(
    uow: UnitOfWork, addresses: list[str], thread: str | None, *, limit: int = 200
) -> list[WebMessage]:
    """Rows for ``addresses`` (top level when ``thread`` is None), oldest first, edits applied."""
    statement = select(WebMessage).where(col(WebMessage.address).in_(addresses))
    if thread is None:
        statement = statement.where(col(WebMessage.thread).is_(None))
    else:
        statement = statement.where(WebMessage.thread == thread)
    newest = statement.order_by(col(WebMessage.id).desc()).limit(limit)
    rows = list(reversed((await uow.session.exec(newest)).all()))
    return collapse(rows)


async def thread_history(
    uow: UnitOfWork, core: Core, detail: SessionDetail, staff_key: str
) -> list[Shown]:
    """The session's thread (and this person's private answers in it) with its notes, in order."""
    session = detail.session
    names = await people_names(uow)
    items: list[Shown] = []
    room, ref = session.thread_channel, session.thread_ref
    if room is None or ref is None:
        room, ref = detail.request.card_channel, detail.request.card_ref
    if room is not None and ref is not None:
        shared = await messages_at(uow, [room], ref)
        private = await messages_at(uow, [staff_key], ref)
        items += [shown(core, row, names, viewer=staff_key) for row in shared]
        items += [shown(core, row, names, "private") for row in private]
    notes = select(SessionNote).where(SessionNote.session_id == session.id)
    for note in (await uow.session.exec(notes)).all():
        assert note.id is not None
        author = names.get(note.author_slack_id, note.author_slack_id)
        items.append(
            Shown(
                id=-note.id,
                kind="note",
                text=note.text,
                title=author,
                when=local(core, note.created_at),
                at=note.created_at,
            )
        )
    items.sort(key=lambda item: (item.at or datetime.min, item.kind == "note", item.id))
    return items


@dataclass(frozen=True)
class PendingLink:
    """A link request waiting for a secretary."""

    link: LinkRequest
    contact: str
    since: str


async def pending_links(uow: UnitOfWork, core: Core) -> list[PendingLink]:
    """Link requests not decided yet, oldest first."""
    statement = (
        select(LinkRequest, Contact)
        .join(Contact, col(Contact.id) == col(LinkRequest.contact_id))
        .where(LinkRequest.status == LinkRequestStatus.PENDING.value)
        .order_by(col(LinkRequest.created_at))
    )
    return [
        PendingLink(link, display_name(contact), local(core, link.created_at))
        for link, contact in (await uow.session.exec(statement)).all()
    ]
