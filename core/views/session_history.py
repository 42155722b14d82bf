"""Beside a session: the contact's and the company's other sessions, and the company's month.

Read-only, in the caller's unit of work. A past session carries what a consultant looks at
first (when, area, who attended, how long, what was billed, whether it ended) and whether the
viewer may open its page (:func:`core.views.session_detail.may_read_session`, or every session
for secretaries and managers). The month is the service's local calendar month of ``now``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel import col, func, or_, select

from core.billing_records import month_bounds
from core.contacts import display_name
from core.db import UnitOfWork
from core.models import (
    BillingRecord,
    Consultant,
    ConsultingSession,
    Contact,
    Request,
    RequestKind,
    SessionStatus,
)
from core.views.people import people_names
from core.views.session_detail import may_read_session

HISTORY_SHOWN = 20
"""How many past sessions the aside lists at most (newest first)."""


@dataclass(frozen=True)
class PastSession:
    """Another session of the same contact or company, as the aside shows it."""

    session_id: int
    kind: RequestKind
    started_at: datetime
    area: str | None
    attended_by: str | None
    contact: str
    same_contact: bool
    minutes: int | None
    """Billed minutes when billed, else the time it lasted (None while it goes on)."""
    amount_cents: int | None
    ended: bool
    readable: bool


@dataclass(frozen=True)
class MonthUsage:
    """The company's billed consulting in one local calendar month."""

    year: int
    month: int
    sessions: int
    billed_minutes: int
    """Billed periods times the period's minutes (what the company pays for)."""
    amount_cents: int


async def past_sessions(
    uow: UnitOfWork,
    session: ConsultingSession,
    viewer: str,
    *,
    sees_all: bool,
    limit: int = HISTORY_SHOWN,
) -> list[PastSession]:
    """The other sessions of ``session``'s contact or company, newest first, at most ``limit``.

    ``readable``: whether ``viewer`` may open each one (``sees_all`` for secretaries and
    managers, else :func:`may_read_session`).
    """
    statement = (
        select(ConsultingSession, Request.area, Contact, BillingRecord)
        .join(Request, col(Request.id) == col(ConsultingSession.request_id))
        .join(Contact, col(Contact.id) == col(ConsultingSession.contact_id))
        .outerjoin(BillingRecord, col(BillingRecord.session_id) == col(ConsultingSession.id))
        .where(
            or_(
                col(ConsultingSession.contact_id) == session.contact_id,
                col(ConsultingSession.company_id) == session.company_id,
            ),
            col(ConsultingSession.id) != session.id,
        )
        .order_by(col(ConsultingSession.started_at).desc(), col(ConsultingSession.id).desc())
        .limit(limit)
    )
    rows = (await uow.session.exec(statement)).all()
    names = await people_names(uow) if rows else {}
    consultants = await _consultant_names(uow) if rows else {}
    found = []
    for other, area, contact, record in rows:
        assert other.id is not None
        consultant = consultants.get(other.consultant_id or 0)
        attendant = names.get(other.attendant_key or "", other.attendant_key)
        found.append(
            PastSession(
                session_id=other.id,
                kind=other.kind,
                started_at=other.started_at,
                area=area,
                attended_by=consultant or attendant,
                contact=display_name(contact),
                same_contact=other.contact_id == session.contact_id,
                minutes=_minutes(other, record),
                amount_cents=record.amount_cents if record is not None else None,
                ended=other.status != SessionStatus.OPEN,
                readable=sees_all or await may_read_session(uow, other, viewer),
            )
        )
    return found


async def _consultant_names(uow: UnitOfWork) -> dict[int, str]:
    rows = await uow.session.exec(select(Consultant.id, Consultant.name))
    return {consultant_id: name for consultant_id, name in rows.all() if consultant_id is not None}


def _minutes(session: ConsultingSession, record: BillingRecord | None) -> int | None:
    if record is not None:
        return record.minutes
    if session.ended_at is None:
        return None
    return max(0, int((session.ended_at - session.started_at).total_seconds() // 60))


async def month_usage(
    uow: UnitOfWork, company_id: int, now: datetime, tz: ZoneInfo, period_minutes: int
) -> MonthUsage:
    """The company's billing records in the local month of ``now``: count, billed time, amount."""
    local = now.astimezone(tz)
    start, end = month_bounds(local.year, local.month, tz)
    statement = select(
        func.count(col(BillingRecord.id)),
        func.coalesce(func.sum(BillingRecord.periods), 0),
        func.coalesce(func.sum(BillingRecord.amount_cents), 0),
    ).where(
        col(BillingRecord.company_id) == company_id,
        col(BillingRecord.ended_at) >= start,
        col(BillingRecord.ended_at) < end,
    )
    count, periods, amount = (await uow.session.exec(statement)).one()
    return MonthUsage(
        local.year, local.month, int(count), int(periods) * period_minutes, int(amount)
    )
