"""Reports of what clients did: support conversations turned into consulting, answers to the
paid terms, bookings they did not come to. Per local month of the period (``core.views.reports``).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel import col, select

from core.db import UnitOfWork
from core.models import Booking, BookingStatus, Consent, ConsultingSession
from core.views.report_period import ReportPeriod, month_key
from core.views.report_table import (
    COUNT,
    MONTH,
    PCT,
    Column,
    ReportTable,
    month_of,
    share,
    with_rate_total,
)


async def conversion(uow: UnitOfWork, period: ReportPeriod, tz: ZoneInfo) -> ReportTable:
    """Support -> consulting, per month: support conversations begun in the period (a session
    opened free: no booking, and no accepted terms for its request before it began), those whose
    client then accepted the paid terms in it (converted), those who only refused them, and
    converted / support conversations."""
    start, end = period.bounds(tz)
    statement = (
        select(
            ConsultingSession.id,
            ConsultingSession.started_at,
            Consent.accepted,
            Consent.created_at,
        )
        .outerjoin(Consent, col(Consent.request_id) == ConsultingSession.request_id)
        .where(col(ConsultingSession.booking_id).is_(None))
        .where(col(ConsultingSession.started_at) >= start, col(ConsultingSession.started_at) < end)
    )
    sessions: dict[int, tuple[datetime, list[tuple[bool, datetime]]]] = {}
    for session_id, started_at, accepted, answered_at in (await uow.session.exec(statement)).all():
        assert session_id is not None
        _, answers = sessions.setdefault(session_id, (started_at, []))
        if accepted is not None and answered_at is not None:
            answers.append((accepted, answered_at))
    counts: dict[str, list[int]] = {month_key(m): [0, 0, 0] for m in period.months}
    for started_at, answers in sessions.values():
        if any(accepted and at <= started_at for accepted, at in answers):
            continue  # consulting from the start (terms accepted before the session)
        month = counts[month_of(started_at, tz)]
        month[0] += 1
        if any(accepted for accepted, _ in answers):
            month[1] += 1
        elif answers:
            month[2] += 1
    rows = [(key, n, won, lost, share(won, n)) for key, (n, won, lost) in counts.items()]
    return with_rate_total(
        "conversion",
        (
            Column("month", MONTH),
            Column("support", COUNT),
            Column("converted", COUNT),
            Column("refused", COUNT),
            Column("conversion_pct", PCT),
        ),
        rows,
        rate=(2, 1),
    )


async def refusals(uow: UnitOfWork, period: ReportPeriod, tz: ZoneInfo) -> ReportTable:
    """Terms refusal, per month: terms cards answered in the period (consents recorded, accepted
    or not), those answered *Não aceito*, and refused / answered."""
    start, end = period.bounds(tz)
    statement = select(Consent.accepted, Consent.created_at).where(
        col(Consent.created_at) >= start, col(Consent.created_at) < end
    )
    counts: dict[str, list[int]] = {month_key(m): [0, 0] for m in period.months}
    for accepted, created_at in (await uow.session.exec(statement)).all():
        month = counts[month_of(created_at, tz)]
        month[0] += 1
        month[1] += 0 if accepted else 1
    rows = [(key, n, refused, share(refused, n)) for key, (n, refused) in counts.items()]
    columns = (
        Column("month", MONTH),
        Column("answered", COUNT),
        Column("refused", COUNT),
        Column("refusal_pct", PCT),
    )
    return with_rate_total("refusals", columns, rows, rate=(2, 1))


async def no_shows(
    uow: UnitOfWork, period: ReportPeriod, tz: ZoneInfo, now: datetime
) -> ReportTable:
    """No-shows, per month: bookings due in the period (their time came, up to now; cancelled
    ones left out), those marked no-show (the client never came), and no-shows / due."""
    start, end = period.bounds(tz)
    statement = select(Booking.status, Booking.starts_at).where(
        col(Booking.starts_at) >= start,
        col(Booking.starts_at) < min(end, now),
        Booking.status != BookingStatus.CANCELLED,
    )
    counts: dict[str, list[int]] = {month_key(m): [0, 0] for m in period.months}
    for status, starts_at in (await uow.session.exec(statement)).all():
        month = counts[month_of(starts_at, tz)]
        month[0] += 1
        month[1] += 1 if status == BookingStatus.NO_SHOW else 0
    rows = [(key, n, missed, share(missed, n)) for key, (n, missed) in counts.items()]
    columns = (
        Column("month", MONTH),
        Column("due", COUNT),
        Column("no_show", COUNT),
        Column("no_show_pct", PCT),
    )
    return with_rate_total("no-shows", columns, rows, rate=(2, 1))
