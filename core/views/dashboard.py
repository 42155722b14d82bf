"""Read-only figures for the manager dashboard: queue, consultants, bookings, billing, consents.

Every function only reads, in the caller's unit of work; instants are aware UTC, local days are
in ``tz`` (America/Sao_Paulo by default). Billing per company is summed from the same rows as
the monthly CSV export (``core.billing_records.billed_sessions``), so the two always agree.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, func, or_
from sqlmodel import col, select

from core.billing import BillingPolicy
from core.billing_records import billed_sessions, month_bounds
from core.db import UnitOfWork
from core.models import (
    Booking,
    BookingStatus,
    Company,
    Consultant,
    ConsultingSession,
    Contact,
    Request,
    RequestStatus,
    SessionStatus,
)
from core.privacy import consents_shown


@dataclass(frozen=True)
class WaitingRequest:
    """One request waiting in the queue."""

    request_id: int
    kind: str
    area: str | None
    company: str
    queued_at: datetime


@dataclass(frozen=True)
class QueueSnapshot:
    """The waiting requests, oldest first."""

    waiting: list[WaitingRequest]

    def oldest_wait(self, now: datetime) -> timedelta | None:
        """How long the oldest waiting request has waited, or None when nobody waits."""
        return now - self.waiting[0].queued_at if self.waiting else None


async def live_queue(uow: UnitOfWork) -> QueueSnapshot:
    """The requests waiting now (status queued), oldest first."""
    statement = (
        select(Request, Company.name)
        .join(Company, col(Company.id) == Request.company_id)
        .where(Request.status == RequestStatus.QUEUED, col(Request.queued_at).is_not(None))
        .order_by(col(Request.queued_at), col(Request.id))
    )
    rows = (await uow.session.exec(statement)).all()
    return QueueSnapshot(
        [
            WaitingRequest(r.id or 0, r.kind, r.area, name, r.queued_at or datetime.now(UTC))
            for r, name in rows
        ]
    )


@dataclass(frozen=True)
class ConsultantRow:
    """An active consultant's status and open sessions."""

    consultant_id: int
    name: str
    status: str
    since: datetime
    open_sessions: int
    max_sessions: int


async def consultant_board(uow: UnitOfWork) -> list[ConsultantRow]:
    """Active consultants by name, with their status and how many sessions they have open."""
    open_count = (
        select(ConsultingSession.consultant_id, func.count().label("n"))
        .where(ConsultingSession.status == SessionStatus.OPEN)
        .group_by(col(ConsultingSession.consultant_id))
        .subquery()
    )
    statement = (
        select(Consultant, open_count.c.n)
        .outerjoin(open_count, open_count.c.consultant_id == Consultant.id)
        .where(col(Consultant.active).is_(True))
        .order_by(col(Consultant.name), col(Consultant.id))
    )
    rows = (await uow.session.exec(statement)).all()
    return [
        ConsultantRow(c.id or 0, c.name, c.status, c.status_changed_at, int(n or 0), c.max_sessions)
        for c, n in rows
    ]


@dataclass(frozen=True)
class BookingRow:
    """A booking as the calendar shows it."""

    booking_id: int
    starts_at: datetime
    ends_at: datetime
    status: str
    company: str
    contact: str | None
    consultant: str | None
    area: str | None
    medium: str


def week_start(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


def local_bounds(first: date, days: int, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """UTC instants of local midnight on ``first`` and ``days`` days later."""
    start = datetime.combine(first, time(0), tzinfo=tz)
    end = datetime.combine(first + timedelta(days=days), time(0), tzinfo=tz)
    return start.astimezone(UTC), end.astimezone(UTC)


async def bookings_between(uow: UnitOfWork, start: datetime, end: datetime) -> list[BookingRow]:
    """Bookings (not cancelled) starting in [start, end), by start time."""
    statement = (
        select(Booking, Company.name, Contact, Consultant.name)
        .join(Company, col(Company.id) == Booking.company_id)
        .outerjoin(Contact, col(Contact.id) == Booking.contact_id)
        .outerjoin(Consultant, col(Consultant.id) == Booking.consultant_id)
        .where(col(Booking.starts_at) >= start, col(Booking.starts_at) < end)
        .where(Booking.status != BookingStatus.CANCELLED)
        .order_by(col(Booking.starts_at), col(Booking.id))
    )
    rows = (await uow.session.exec(statement)).all()
    return [
        BookingRow(
            b.id or 0,
            b.starts_at,
            b.ends_at,
            b.status,
            company,
            (contact.name or f"#{contact.id}") if contact is not None else None,
            consultant,
            b.area,
            b.medium,
        )
        for b, company, contact, consultant in rows
    ]


@dataclass(frozen=True)
class CompanyMonth:
    """One company's sessions and billing in a month: ``minutes`` is the sessions' real
    duration, ``periods`` what was charged for it (as the CSV export and the billing summary)."""

    company_id: int
    company: str
    sessions: int
    billed_sessions: int
    minutes: int
    periods: int
    amount_cents: int
    media: tuple[tuple[str, int], ...] = ()
    """How many billed sessions each medium had (``("Chat", 3), ("Telefone", 1)``)."""


async def billing_by_company(
    uow: UnitOfWork, *, year: int, month: int, tz: ZoneInfo
) -> list[CompanyMonth]:
    """Per company: sessions ended in the local month, and what was billed (as the CSV)."""
    start, end = month_bounds(year, month, tz)
    ended = (
        select(ConsultingSession.company_id, func.count())
        .where(col(ConsultingSession.ended_at) >= start, col(ConsultingSession.ended_at) < end)
        .group_by(col(ConsultingSession.company_id))
    )
    counts = {cid: int(n) for cid, n in (await uow.session.exec(ended)).all()}
    names = dict((await uow.session.exec(select(Company.id, Company.name))).all())
    billed: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    media: dict[int, Counter[str]] = defaultdict(Counter)
    for row in await billed_sessions(uow, year=year, month=month, tz=tz):
        media[row.record.company_id][row.record.medium] += 1
        totals = billed[row.record.company_id]
        totals[0] += 1
        totals[1] += row.record.minutes
        totals[2] += row.record.periods
        totals[3] += row.record.amount_cents
    result = []
    for cid in set(counts) | set(billed):
        done, minutes, periods, amount = billed.get(cid, [0, 0, 0, 0])
        name = names.get(cid) or f"#{cid}"
        kinds = tuple(sorted(media[cid].items()))
        result.append(
            CompanyMonth(cid, name, counts.get(cid, 0), done, minutes, periods, amount, kinds)
        )
    return sorted(result, key=lambda r: (r.company.casefold(), r.company_id))


@dataclass(frozen=True)
class ContactRow:
    """A contact found by the search."""

    contact_id: int
    name: str | None
    channel: str
    company: str | None
    erased_at: datetime | None


async def find_contacts(uow: UnitOfWork, query: str, *, limit: int = 50) -> list[ContactRow]:
    """Contacts whose id, name or company name matches ``query`` (case-insensitive)."""
    text = query.strip().lstrip("#")
    if not text:
        return []
    pattern = "%" + text.casefold().replace("\\", "").replace("%", "").replace("_", "") + "%"
    clauses: list[ColumnElement[bool]] = [
        func.lower(col(Contact.name)).like(pattern),
        func.lower(col(Company.name)).like(pattern),
    ]
    if text.isascii() and text.isdigit() and len(text) < 12:
        clauses.append(col(Contact.id) == int(text))
    statement = (
        select(Contact, Company.name)
        .outerjoin(Company, col(Company.id) == Contact.company_id)
        .where(or_(*clauses))
        .order_by(col(Contact.id))
        .limit(limit)
    )
    rows = (await uow.session.exec(statement)).all()
    return [ContactRow(c.id or 0, c.name, c.channel, name, c.erased_at) for c, name in rows]


async def contact_row(uow: UnitOfWork, contact_id: int) -> ContactRow | None:
    """One contact as the search shows it, or None."""
    statement = (
        select(Contact, Company.name)
        .outerjoin(Company, col(Company.id) == Contact.company_id)
        .where(Contact.id == contact_id)
    )
    found = (await uow.session.exec(statement)).first()
    if found is None:
        return None
    c, name = found
    return ContactRow(c.id or 0, c.name, c.channel, name, c.erased_at)


@dataclass(frozen=True)
class ConsentView:
    """A consent record with the exact terms version and the text the client was shown."""

    consent_id: int
    request_id: int | None
    accepted: bool
    created_at: datetime
    channel: str
    terms_version_id: int
    terms_language: str
    terms_version: int
    rate_cents_shown: int
    text_sha256: str
    text_shown: str
    text_matches: bool


async def contact_consents(
    uow: UnitOfWork, contact_id: int, policy: BillingPolicy
) -> list[ConsentView]:
    """The contact's consents, oldest first, each with its terms text as shown."""
    return [
        ConsentView(
            consent.id or 0,
            consent.request_id,
            consent.accepted,
            consent.created_at,
            consent.channel,
            terms.id or 0,
            terms.language,
            terms.version,
            consent.rate_cents_shown,
            consent.text_sha256,
            text,
            matches,
        )
        for consent, terms, text, matches in await consents_shown(uow, contact_id, policy)
    ]


@dataclass(frozen=True)
class DayStats:
    """One local day: sessions started, and the waiting time (queued to taken) in minutes."""

    day: date
    sessions: int
    median_wait: float | None
    p90_wait: float | None


def percentile(values: Sequence[float], fraction: float) -> float | None:
    """The nearest-rank percentile of ``values`` (``fraction`` 0.5 = median); None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    if fraction == 0.5 and len(ordered) % 2 == 0:
        middle = len(ordered) // 2
        return (ordered[middle - 1] + ordered[middle]) / 2
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


async def daily_stats(uow: UnitOfWork, *, today: date, days: int, tz: ZoneInfo) -> list[DayStats]:
    """The last ``days`` local days up to ``today``: sessions started and waits (median, p90)."""
    first = today - timedelta(days=days - 1)
    start, end = local_bounds(first, days, tz)
    sessions: dict[date, int] = defaultdict(int)
    started = select(ConsultingSession.started_at).where(
        col(ConsultingSession.started_at) >= start, col(ConsultingSession.started_at) < end
    )
    for instant in (await uow.session.exec(started)).all():
        sessions[instant.astimezone(tz).date()] += 1
    waits: dict[date, list[float]] = defaultdict(list)
    taken = select(Request.queued_at, Request.taken_at).where(
        col(Request.taken_at) >= start,
        col(Request.taken_at) < end,
        col(Request.queued_at).is_not(None),
    )
    for queued_at, taken_at in (await uow.session.exec(taken)).all():
        if queued_at is None or taken_at is None:
            continue
        minutes = max(0.0, (taken_at - queued_at).total_seconds() / 60)
        waits[taken_at.astimezone(tz).date()].append(minutes)
    return [
        DayStats(
            day,
            sessions.get(day, 0),
            percentile(waits.get(day, []), 0.5),
            percentile(waits.get(day, []), 0.9),
        )
        for day in (first + timedelta(days=i) for i in range(days))
    ]
