"""The console's lists: the waiting queue, open sessions, support conversations, link requests.

Read-only, in the caller's unit of work. Each line carries the names a person needs (a
contact's ``display_name``: ``#id`` once erased) and its instant as ``dd/mm/aaaa HH:MM`` in
``tz`` (empty when there is none).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from sqlmodel import col, or_, select

from core.contacts import display_name
from core.db import UnitOfWork
from core.models import (
    Company,
    ConsultingSession,
    Contact,
    LinkRequest,
    LinkRequestStatus,
    Request,
    RequestKind,
    SessionParticipant,
    SessionStatus,
)
from core.queue import waiting
from core.timefmt import format_datetime

QUEUE_SHOWN = 500
"""How many waiting requests the console lists at most."""


def shown_at(moment: datetime | None, tz: tzinfo) -> str:
    """``dd/mm/aaaa HH:MM`` in ``tz`` ("" for none)."""
    return format_datetime(moment, tz) if moment else ""


@dataclass(frozen=True)
class Waiting:
    """A request waiting in the queue, with names."""

    request: Request
    company: str
    contact: str
    since: str


async def waiting_requests(uow: UnitOfWork, tz: tzinfo, areas: list[str] | None) -> list[Waiting]:
    """The queue, oldest first; only ``areas`` (and requests without an area) when given."""
    statement = (
        select(Request, Company.name, Contact)
        .join(Company, col(Company.id) == col(Request.company_id))
        .join(Contact, col(Contact.id) == col(Request.contact_id))
        .where(*waiting())
        .order_by(col(Request.queued_at), col(Request.id))
        .limit(QUEUE_SHOWN)
    )
    if areas is not None:
        statement = statement.where(or_(col(Request.area).is_(None), col(Request.area).in_(areas)))
    rows = (await uow.session.exec(statement)).all()
    return [
        Waiting(request, company, display_name(contact), shown_at(request.queued_at, tz))
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


def _open_sessions() -> Any:
    """Open sessions with their company's name, contact and request's area, oldest first."""
    return (
        select(ConsultingSession, Company.name, Contact, Request.area)
        .join(Company, col(Company.id) == col(ConsultingSession.company_id))
        .join(Contact, col(Contact.id) == col(ConsultingSession.contact_id))
        .join(Request, col(Request.id) == col(ConsultingSession.request_id))
        .where(col(ConsultingSession.status) == SessionStatus.OPEN)
        .order_by(col(ConsultingSession.started_at))
    )


def _lines(rows: Any, tz: tzinfo) -> list[SessionLine]:
    return [
        SessionLine(session, company, display_name(contact), shown_at(session.started_at, tz), area)
        for session, company, contact, area in rows
    ]


async def my_sessions(
    uow: UnitOfWork, tz: tzinfo, staff_key: str, consultant_id: int | None
) -> list[SessionLine]:
    """Open sessions the staff member leads, attends or takes part in."""
    joined = select(SessionParticipant.session_id).where(
        SessionParticipant.staff_key == staff_key, col(SessionParticipant.left_at).is_(None)
    )
    mine = or_(
        col(ConsultingSession.consultant_id) == (consultant_id or -1),
        col(ConsultingSession.attendant_key) == staff_key,
        col(ConsultingSession.id).in_(joined),
    )
    return _lines((await uow.session.exec(_open_sessions().where(mine))).all(), tz)


async def support_sessions(uow: UnitOfWork, tz: tzinfo) -> list[SessionLine]:
    """Open support conversations, oldest first."""
    statement = _open_sessions().where(col(ConsultingSession.kind) == RequestKind.SUPPORT)
    return _lines((await uow.session.exec(statement)).all(), tz)


@dataclass(frozen=True)
class PendingLink:
    """A link request waiting for a secretary."""

    link: LinkRequest
    contact: str
    since: str


async def pending_links(uow: UnitOfWork, tz: tzinfo) -> list[PendingLink]:
    """Link requests not decided yet, oldest first."""
    statement = (
        select(LinkRequest, Contact)
        .join(Contact, col(Contact.id) == col(LinkRequest.contact_id))
        .where(LinkRequest.status == LinkRequestStatus.PENDING)
        .order_by(col(LinkRequest.created_at))
    )
    return [
        PendingLink(link, display_name(contact), shown_at(link.created_at, tz))
        for link, contact in (await uow.session.exec(statement)).all()
    ]
