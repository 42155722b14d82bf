"""Consultants' busy times and free slots.

A consultant is busy during their scheduled or started bookings and, while a session of theirs is
open, from its start until ``default_session_minutes`` after now. Slots are 30-minute steps of
the opening hours (``core.hours``), never in the past.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlmodel import col, select

from core.booking.rules import ACTIVE_BOOKING_STATUSES, check_duration, match_area
from core.context import Core
from core.db import UnitOfWork
from core.errors import NotFound
from core.models import Booking, Consultant, ConsultantArea, ConsultingSession, SessionStatus

SLOT_STEP = timedelta(minutes=30)


async def candidates(
    uow: UnitOfWork, *, area: str | None = None, consultant_id: int | None = None
) -> list[Consultant]:
    """The active consultants who could give a session: one named, those of an area, or all."""
    if consultant_id is not None:
        consultant = await uow.session.get(Consultant, consultant_id)
        if consultant is None or not consultant.active:
            raise NotFound("booking.unknown_consultant", id=consultant_id)
        return [consultant]
    statement = select(Consultant).where(col(Consultant.active).is_(True))
    if area is not None:
        statement = statement.join(
            ConsultantArea, col(ConsultantArea.consultant_id) == Consultant.id
        ).where(ConsultantArea.area == area)
    return list((await uow.session.exec(statement.order_by(col(Consultant.id)))).all())


@dataclass(frozen=True)
class Busy:
    """A consultant's busy interval; ``booking_id`` None for an open session."""

    start: datetime
    end: datetime
    booking_id: int | None = None


async def busy_intervals(
    uow: UnitOfWork,
    core: Core,
    consultant_ids: list[int],
    start: datetime,
    end: datetime,
    *,
    exclude_booking_id: int | None = None,
) -> dict[int, list[Busy]]:
    """Busy intervals of each consultant that overlap ``[start, end)``."""
    busy: dict[int, list[Busy]] = {cid: [] for cid in consultant_ids}
    if not consultant_ids:
        return busy
    bookings = await uow.session.exec(
        select(Booking).where(
            col(Booking.consultant_id).in_(consultant_ids),
            col(Booking.status).in_(ACTIVE_BOOKING_STATUSES),
            col(Booking.starts_at) < end,
            col(Booking.ends_at) > start,
        )
    )
    for booking in bookings.all():
        if booking.id != exclude_booking_id and booking.consultant_id is not None:
            busy[booking.consultant_id].append(Busy(booking.starts_at, booking.ends_at, booking.id))
    sessions = await uow.session.exec(
        select(ConsultingSession).where(
            col(ConsultingSession.consultant_id).in_(consultant_ids),
            ConsultingSession.status == SessionStatus.OPEN,
        )
    )
    expected = timedelta(minutes=core.config.default_session_minutes)
    now = core.clock.now()
    for session in sessions.all():
        if session.consultant_id is None:
            continue
        until = max(now, session.started_at) + expected
        if session.started_at < end and until > start:
            busy[session.consultant_id].append(Busy(session.started_at, until))
    return busy


def day_bounds(core: Core, day: date) -> tuple[datetime, datetime]:
    """Local midnight of ``day`` and of the next day."""
    zone = core.config.timezone
    return (
        datetime.combine(day, time(0), tzinfo=zone),
        datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone),
    )


@dataclass(frozen=True)
class Slot:
    """A free start time and the consultants free for the whole duration from then."""

    start: datetime
    consultant_ids: tuple[int, ...]


def slots_of_day(
    core: Core,
    day: date,
    duration: timedelta,
    busy: dict[int, list[Busy]],
    not_before: datetime,
) -> list[Slot]:
    """Merge each consultant's free slots of ``day`` into slots with their free consultants."""
    free: dict[datetime, list[int]] = {}
    for consultant_id, intervals in busy.items():
        spans = [(b.start, b.end) for b in intervals]
        for start in core.config.hours.free_slots(
            day, duration, spans, step=SLOT_STEP, not_before=not_before
        ):
            free.setdefault(start, []).append(consultant_id)
    return [Slot(start, tuple(sorted(ids))) for start, ids in sorted(free.items())]


async def free_slots(
    uow: UnitOfWork,
    core: Core,
    day: date,
    duration: timedelta,
    *,
    area: str | None = None,
    consultant_id: int | None = None,
    not_before: datetime | None = None,
    exclude_booking_id: int | None = None,
) -> list[Slot]:
    """Free 30-minute-step starts of ``day`` for ``duration``, for an area's or one consultant."""
    check_duration(core, duration)
    chosen = match_area(core, area)
    consultants = await candidates(uow, area=chosen, consultant_id=consultant_id)
    ids = [c.id for c in consultants if c.id is not None]
    start, end = day_bounds(core, day)
    busy = await busy_intervals(uow, core, ids, start, end, exclude_booking_id=exclude_booking_id)
    now = core.clock.now()
    earliest = now if not_before is None else max(now, not_before)
    return slots_of_day(core, day, duration, busy, earliest)
