"""Operations reports of the manager dashboard: read-only figures over a period of local months.

Each function reads in the caller's unit of work and returns a :class:`ReportTable`; what each
figure means is written on the function (and shown on the page in one line). Conversion,
refusals and no-shows are in ``core.views.client_reports``, utilisation (and how available time
is measured) in ``core.views.utilisation``:

- CSAT: sessions that ended in the period and were rated (1-5 stars); satisfied = 4 or 5 stars.
- Support -> consulting: support conversations begun in the period, and those whose client
  accepted the paid terms in that same conversation (*Converter em consultoria*).
- Terms refusal: terms cards answered in the period, and the share answered *Não aceito*.
- No-shows: bookings whose time came in the period (not cancelled), and those marked no-show.
- Waiting time: consulting requests taken from the queue in the period (not booked ones), by the
  local hour they joined the queue.
- Utilisation: billed minutes / minutes available or busy inside the opening hours.
- Revenue: billing records per company and month, the rows of the billing CSV.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel import col, select

from core.billing_records import billed_sessions
from core.db import UnitOfWork
from core.hours import OpeningHours
from core.models import (
    Booking,
    Consultant,
    ConsultingSession,
    Request,
    RequestKind,
)
from core.views.client_reports import conversion, no_shows, refusals
from core.views.dashboard import percentile
from core.views.report_period import ReportPeriod, month_key
from core.views.report_table import (
    COUNT,
    DECIMAL,
    MONEY,
    MONTH,
    PCT,
    Cell,
    Column,
    ReportTable,
    average,
    month_of,
    rounded,
    share,
)
from core.views.utilisation import utilisation

SATISFIED = 4
"""The least rating (of 1-5 stars) that counts as a satisfied client."""


def _csat_row(label: Cell, stars: list[int]) -> tuple[Cell, ...]:
    satisfied = sum(1 for s in stars if s >= SATISFIED)
    return (label, len(stars), satisfied, average(stars), share(satisfied, len(stars)))


def _csat_columns(first: Column) -> tuple[Column, ...]:
    return (
        first,
        Column("rated", COUNT),
        Column("satisfied", COUNT),
        Column("average", DECIMAL),
        Column("csat_pct", PCT),
    )


async def csat(uow: UnitOfWork, period: ReportPeriod, tz: ZoneInfo) -> list[ReportTable]:
    """CSAT of the sessions that ended in the period and were rated by the client (1-5 stars):
    rated, satisfied (4-5 stars), average stars and satisfied / rated — per consultant (the
    session's lead at its end), per area (the request's) and per month (of the session's end)."""
    start, end = period.bounds(tz)
    statement = (
        select(ConsultingSession.rating, ConsultingSession.ended_at, Consultant.name, Request.area)
        .join(Request, col(Request.id) == ConsultingSession.request_id)
        .outerjoin(Consultant, col(Consultant.id) == ConsultingSession.consultant_id)
        .where(col(ConsultingSession.rating).is_not(None))
        .where(col(ConsultingSession.ended_at) >= start, col(ConsultingSession.ended_at) < end)
    )
    by_consultant: dict[str | None, list[int]] = defaultdict(list)
    by_area: dict[str | None, list[int]] = defaultdict(list)
    by_month: dict[str, list[int]] = {month_key(m): [] for m in period.months}
    every: list[int] = []
    for rating, ended_at, consultant, area in (await uow.session.exec(statement)).all():
        if rating is None or ended_at is None:
            continue
        by_consultant[consultant].append(rating)
        by_area[area].append(rating)
        by_month[month_of(ended_at, tz)].append(rating)
        every.append(rating)
    total = _csat_row("total", every)

    def grouped(name: str, first: Column, groups: dict[str | None, list[int]]) -> ReportTable:
        keys = sorted(groups, key=lambda k: (k is None, (k or "").casefold()))
        rows = [_csat_row(key, groups[key]) for key in keys]
        return ReportTable(name, _csat_columns(first), rows, total)

    months = [_csat_row(key, stars) for key, stars in by_month.items()]
    return [
        grouped("csat-consultant", Column("consultant"), dict(by_consultant)),
        grouped("csat-area", Column("area"), dict(by_area)),
        ReportTable("csat-month", _csat_columns(Column("month", MONTH)), months, total),
    ]


def _wait_row(label: str, minutes: list[float]) -> tuple[Cell, ...]:
    median, p90 = percentile(minutes, 0.5), percentile(minutes, 0.9)
    return (label, len(minutes), rounded(median), rounded(p90))


async def waits(uow: UnitOfWork, period: ReportPeriod, tz: ZoneInfo) -> ReportTable:
    """Waiting time by local hour of day: consulting requests taken in the period (queued to
    taken by a consultant; booked sessions left out), grouped by the hour they joined the queue;
    count, median and p90 (nearest rank) in minutes. Only hours with requests are listed."""
    start, end = period.bounds(tz)
    booked = select(Booking.request_id).where(col(Booking.request_id).is_not(None))
    statement = select(Request.queued_at, Request.taken_at).where(
        Request.kind == RequestKind.CONSULTING,
        col(Request.queued_at).is_not(None),
        col(Request.taken_at) >= start,
        col(Request.taken_at) < end,
        col(Request.id).not_in(booked),
    )
    by_hour: dict[int, list[float]] = defaultdict(list)
    every: list[float] = []
    for queued_at, taken_at in (await uow.session.exec(statement)).all():
        if queued_at is None or taken_at is None:
            continue
        minutes = max(0.0, (taken_at - queued_at).total_seconds() / 60)
        by_hour[queued_at.astimezone(tz).hour].append(minutes)
        every.append(minutes)
    rows = [_wait_row(f"{hour:02d}:00", by_hour[hour]) for hour in sorted(by_hour)]
    columns = (
        Column("hour"),
        Column("requests", COUNT),
        Column("median_minutes", DECIMAL),
        Column("p90_minutes", DECIMAL),
    )
    return ReportTable("waits", columns, rows, _wait_row("total", every))


async def revenue(uow: UnitOfWork, period: ReportPeriod, tz: ZoneInfo) -> ReportTable:
    """Revenue per company and month: the billing records of sessions that ended in each local
    month (the rows of that month's billing CSV): sessions, real minutes, periods, amount."""
    rows: list[tuple[Cell, ...]] = []
    for month in period.months:
        totals: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
        names: dict[int, str] = {}
        for row in await billed_sessions(uow, year=month.year, month=month.month, tz=tz):
            record = row.record
            names[record.company_id] = row.company_name
            figures = (1, record.minutes, record.periods, record.amount_cents)
            _add(totals[record.company_id], figures)
        for company_id in sorted(totals, key=lambda c: (names[c].casefold(), c)):
            rows.append((names[company_id], company_id, month_key(month), *totals[company_id]))
    sums = [sum(int(row[i] or 0) for row in rows) for i in range(3, 7)]
    columns = (
        Column("company"),
        Column("company_id", COUNT),
        Column("month", MONTH),
        Column("sessions", COUNT),
        Column("minutes", COUNT),
        Column("periods", COUNT),
        Column("amount", MONEY),
    )
    return ReportTable("revenue", columns, rows, ("total", "", "", *sums))


def _add(into: list[int], values: Iterable[int]) -> None:
    for i, value in enumerate(values):
        into[i] += value


async def operations_reports(
    uow: UnitOfWork, period: ReportPeriod, *, tz: ZoneInfo, hours: OpeningHours, now: datetime
) -> list[ReportTable]:
    """Every report of the period, in the order the page shows them."""
    return [
        *await csat(uow, period, tz),
        await conversion(uow, period, tz),
        await refusals(uow, period, tz),
        await no_shows(uow, period, tz, now),
        await waits(uow, period, tz),
        await utilisation(uow, period, tz, hours=hours, now=now),
        await revenue(uow, period, tz),
    ]


REPORT_NAMES = (
    "csat-consultant",
    "csat-area",
    "csat-month",
    "conversion",
    "refusals",
    "no-shows",
    "waits",
    "utilisation",
    "revenue",
)
"""The reports' names (``/dashboard/reports/<name>.csv``), in the page's order."""
