"""Utilisation per consultant: billed minutes / available minutes in a period.

Available minutes: the time a consultant's status was *disponível* or *ocupado*, by the history of
their status (``consultant_status_change``, plus the status on their row since its last change,
for time before the history was kept), inside the opening hours (holidays and closed days have
none), up to now. Billed minutes: the real minutes of the billing records of the sessions they
led that ended in the period (as the billing CSV). A session held by agreement outside the
opening hours bills minutes that no available minute matches, so a figure may pass 100%.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import and_
from sqlmodel import col, func, select

from core.db import UnitOfWork
from core.hours import OpeningHours
from core.models import BillingRecord, Consultant, ConsultantStatus, ConsultantStatusChange
from core.views.report_period import ReportPeriod
from core.views.report_table import COUNT, PCT, Column, ReportTable, share

WORKING = (ConsultantStatus.AVAILABLE, ConsultantStatus.BUSY)
"""The statuses whose time counts as available (a busy consultant is at work)."""

Span = tuple[datetime, datetime]


def opening_spans(hours: OpeningHours, start: datetime, end: datetime) -> list[Span]:
    """The open intervals (UTC) of every local day touching [start, end), clipped to it."""
    tz = hours.config.timezone
    day, last = start.astimezone(tz).date(), end.astimezone(tz).date()
    spans: list[Span] = []
    while day <= last:
        for opens, closes in hours.open_intervals(day):
            low, high = max(opens, start), min(closes, end)
            if low < high:
                spans.append((low.astimezone(start.tzinfo), high.astimezone(start.tzinfo)))
        day += timedelta(days=1)
    return spans


def working_spans(
    changes: list[tuple[datetime, str]], start: datetime, end: datetime
) -> list[Span]:
    """The spans of [start, end) spent available or busy, from status changes in time order
    (before the first change nothing is known, and nothing is counted)."""
    spans: list[Span] = []
    for i, (at, status) in enumerate(changes):
        until = changes[i + 1][0] if i + 1 < len(changes) else end
        low, high = max(at, start), min(until, end)
        if status in WORKING and low < high:
            spans.append((low, high))
    return spans


def overlap_seconds(spans: list[Span], windows: list[Span]) -> float:
    """Seconds of ``spans`` inside ``windows`` (each list without overlaps of its own)."""
    total = 0.0
    for low, high in spans:
        for opens, closes in windows:
            inside = min(high, closes) - max(low, opens)
            if inside > timedelta(0):
                total += inside.total_seconds()
    return total


async def _histories(
    uow: UnitOfWork, start: datetime, end: datetime
) -> dict[int, list[tuple[datetime, str]]]:
    """Each consultant's status changes in [start, end) and the last one before ``start``, in
    time order; the consultant row's own last change among them (history kept from then)."""
    change = ConsultantStatusChange
    latest = (
        select(change.consultant_id, func.max(change.changed_at).label("at"))
        .where(col(change.changed_at) < start)
        .group_by(col(change.consultant_id))
        .subquery()
    )
    before = select(change).join(
        latest,
        and_(
            latest.c.consultant_id == col(change.consultant_id),
            latest.c.at == col(change.changed_at),
        ),
    )
    within = select(change).where(col(change.changed_at) >= start, col(change.changed_at) < end)
    history: dict[int, dict[datetime, str]] = defaultdict(dict)
    for statement in (before, within):
        for row in (await uow.session.exec(statement.order_by(col(change.id)))).all():
            history[row.consultant_id][row.changed_at] = row.status
    for consultant in (await uow.session.exec(select(Consultant))).all():
        assert consultant.id is not None
        if consultant.status_changed_at < end:
            history[consultant.id].setdefault(consultant.status_changed_at, consultant.status)
    return {cid: sorted(changes.items()) for cid, changes in history.items()}


async def utilisation(
    uow: UnitOfWork,
    period: ReportPeriod,
    tz: ZoneInfo,
    *,
    hours: OpeningHours,
    now: datetime,
) -> ReportTable:
    """Per consultant (active, or with available or billed minutes in the period): available
    minutes, billed minutes and billed / available."""
    start, end = period.bounds(tz)
    until = max(start, min(end, now))
    windows = opening_spans(hours, start, until)
    histories = await _histories(uow, start, until)
    billed_statement = (
        select(BillingRecord.consultant_id, func.sum(BillingRecord.minutes))
        .where(col(BillingRecord.ended_at) >= start, col(BillingRecord.ended_at) < end)
        .group_by(col(BillingRecord.consultant_id))
    )
    billed = {cid: int(m or 0) for cid, m in (await uow.session.exec(billed_statement)).all()}
    rows = []
    consultants = (await uow.session.exec(select(Consultant))).all()
    for consultant in sorted(consultants, key=lambda c: (c.name.casefold(), c.id or 0)):
        assert consultant.id is not None
        spans = working_spans(histories.get(consultant.id, []), start, until)
        available = int(overlap_seconds(spans, windows) // 60)
        used = billed.get(consultant.id, 0)
        if consultant.active or available or used:
            rows.append((consultant.name, available, used, share(used, available)))
    total_available = sum(r[1] for r in rows)
    total_billed = sum(r[2] for r in rows)
    columns = (
        Column("consultant"),
        Column("available_minutes", COUNT),
        Column("billed_minutes", COUNT),
        Column("utilisation_pct", PCT),
    )
    total = ("total", total_available, total_billed, share(total_billed, total_available))
    return ReportTable("utilisation", columns, list(rows), total)
