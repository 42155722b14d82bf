"""Checks made before a booking is stored or moved: who, when, and which consultant is free.

Double booking is impossible: the candidate consultants' rows are locked (``SELECT ... FOR
UPDATE`` on PostgreSQL; SQLite's ``BEGIN IMMEDIATE`` already serialises writers) before their busy
times are read, so two concurrent bookings of one consultant and time cannot both pass.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func
from sqlmodel import col, select

from core.booking.rules import ACTIVE_BOOKING_STATUSES
from core.booking.slots import Busy, busy_intervals, candidates, day_bounds
from core.context import Core
from core.db import UnitOfWork
from core.errors import Conflict, InvalidInput, NotFound
from core.models import (
    Booking,
    Company,
    Consultant,
    ConsultantArea,
    Contact,
    Request,
    RequestStatus,
)
from core.timefmt import format_date, format_datetime, format_time

CLOSED_REQUEST_STATUSES = (
    RequestStatus.IN_SESSION,
    RequestStatus.DONE,
    RequestStatus.CANCELLED,
)


def when_text(core: Core, starts_at: datetime) -> str:
    """``dd/mm/aaaa HH:MM`` in the service's time zone."""
    return format_datetime(starts_at, core.config.timezone)


def span_text(core: Core, start: datetime, end: datetime) -> str:
    """``dd/mm/aaaa HH:MM–HH:MM`` (local)."""
    zone = core.config.timezone
    return f"{when_text(core, start)}–{format_time(end.astimezone(zone))}"


async def usable_company(uow: UnitOfWork, core: Core, company_id: int) -> Company:
    """The company, if it exists, is active and its product line is served."""
    company = await uow.session.get(Company, company_id)
    if company is None:
        raise NotFound("booking.unknown_company", id=company_id)
    if not company.active:
        raise InvalidInput("booking.inactive_company", company=company.name)
    if not core.config.product_lines.is_served(company.product_line):
        raise InvalidInput(
            "booking.unserved_company",
            company=company.name,
            product_line=core.config.product_lines.display(company.product_line),
        )
    return company


async def booking_contact(
    uow: UnitOfWork, company: Company, contact_id: int | None
) -> Contact | None:
    """The contact of the company; without one named, its only contact (or None)."""
    if contact_id is None:
        found = await uow.session.exec(
            select(Contact)
            .where(Contact.company_id == company.id, col(Contact.erased_at).is_(None))
            .limit(2)
        )
        contacts = list(found.all())
        return contacts[0] if len(contacts) == 1 else None
    contact = await uow.session.get(Contact, contact_id)
    if contact is None or contact.erased_at is not None:
        raise NotFound("booking.unknown_contact", id=contact_id)
    if contact.company_id != company.id:
        raise InvalidInput(
            "booking.contact_not_of_company",
            contact=contact.name or contact_id,
            company=company.name,
        )
    return contact


async def booking_request(uow: UnitOfWork, contact: Contact, request_id: int) -> Request:
    """The contact's request that this booking serves; refused if closed or already booked."""
    request = await uow.session.get(Request, request_id)
    if request is None or request.contact_id != contact.id:
        raise NotFound("booking.unknown_request", id=request_id)
    if request.status in CLOSED_REQUEST_STATUSES:
        raise InvalidInput("booking.request_closed", id=request_id)
    other = await uow.session.exec(
        select(Booking).where(
            Booking.request_id == request_id, col(Booking.status).in_(ACTIVE_BOOKING_STATUSES)
        )
    )
    booked = other.first()
    if booked is not None:
        raise Conflict("booking.request_already_booked", id=booked.id)
    return request


def within_hours(core: Core, starts_at: datetime, ends_at: datetime) -> bool:
    """Whether ``[starts_at, ends_at)`` lies inside one open interval of its day."""
    day = starts_at.astimezone(core.config.timezone).date()
    intervals = core.config.hours.open_intervals(day)
    return any(start <= starts_at and ends_at <= end for start, end in intervals)


def alternative_mark(core: Core, starts_at: datetime, ends_at: datetime, asked: bool) -> bool:
    """The alternative-hours mark to keep: only for a time outside the opening hours (a time
    inside them is no alternative, so the mark asked for is dropped)."""
    return asked and not within_hours(core, starts_at, ends_at)


def check_time(
    core: Core, starts_at: datetime, ends_at: datetime, *, alternative_hours: bool
) -> None:
    """Refuse past times and, without the alternative-hours mark, closed days and hours."""
    now = core.clock.now()
    if starts_at < now:
        raise InvalidInput(
            "booking.past", when=when_text(core, starts_at), now=when_text(core, now)
        )
    if alternative_hours:
        return
    hours = core.config.hours
    day = starts_at.astimezone(core.config.timezone).date()
    reason = hours.closed_reason(day)
    if reason is not None:
        raise InvalidInput("booking.closed_day", date=format_date(day), reason=reason)
    intervals = hours.open_intervals(day)
    if not any(start <= starts_at and ends_at <= end for start, end in intervals):
        opening = ", ".join(f"{format_time(s)}–{format_time(e)}" for s, e in intervals)
        raise InvalidInput(
            "booking.outside_hours", when=span_text(core, starts_at, ends_at), hours=opening
        )


async def _lock(uow: UnitOfWork, core: Core, consultant_ids: list[int]) -> None:
    """Lock the consultants' rows until the transaction ends (PostgreSQL; no-op on SQLite)."""
    if consultant_ids and core.db.dialect == "postgresql":
        await uow.session.exec(
            select(Consultant.id)
            .where(col(Consultant.id).in_(sorted(consultant_ids)))
            .order_by(col(Consultant.id))
            .with_for_update()
        )


async def _bookings_that_day(
    uow: UnitOfWork, core: Core, consultant_ids: list[int], starts_at: datetime
) -> dict[int, int]:
    start, end = day_bounds(core, starts_at.astimezone(core.config.timezone).date())
    rows = await uow.session.exec(
        select(Booking.consultant_id, func.count())
        .where(
            col(Booking.consultant_id).in_(consultant_ids),
            col(Booking.status).in_(ACTIVE_BOOKING_STATUSES),
            col(Booking.starts_at) >= start,
            col(Booking.starts_at) < end,
        )
        .group_by(col(Booking.consultant_id))
    )
    return {cid: count for cid, count in rows.all() if cid is not None}


def _clash(core: Core, consultant: Consultant, busy: list[Busy]) -> Conflict:
    first = min(busy, key=lambda b: b.start)
    if first.booking_id is None:
        return Conflict("booking.conflict_session", consultant=consultant.name)
    return Conflict(
        "booking.conflict",
        consultant=consultant.name,
        when=span_text(core, first.start, first.end),
        id=first.booking_id,
    )


async def serves_area(uow: UnitOfWork, consultant_id: int, area: str) -> bool:
    """Whether the consultant serves ``area``."""
    found = await uow.session.exec(
        select(ConsultantArea).where(
            ConsultantArea.consultant_id == consultant_id, ConsultantArea.area == area
        )
    )
    return found.first() is not None


async def assign_consultant(
    uow: UnitOfWork,
    core: Core,
    *,
    area: str | None,
    consultant_id: int | None,
    starts_at: datetime,
    ends_at: datetime,
    exclude_booking_id: int | None = None,
) -> Consultant:
    """The named consultant if free, else the free one of the area with fewest bookings that day."""
    consultants = await candidates(uow, area=area, consultant_id=consultant_id)
    if not consultants:
        key = "booking.no_consultant_for_area" if area else "booking.no_consultants"
        raise InvalidInput(key, area=area or "")
    if (
        consultant_id is not None
        and area is not None
        and not await serves_area(uow, consultant_id, area)
    ):
        raise InvalidInput(
            "booking.consultant_not_in_area", consultant=consultants[0].name, area=area
        )
    ids = [c.id for c in consultants if c.id is not None]
    await _lock(uow, core, ids)
    busy = await busy_intervals(
        uow, core, ids, starts_at, ends_at, exclude_booking_id=exclude_booking_id
    )
    if consultant_id is not None:
        if busy[consultant_id]:
            raise _clash(core, consultants[0], busy[consultant_id])
        return consultants[0]
    free = [c for c in consultants if c.id is not None and not busy[c.id]]
    if not free:
        key = "booking.no_consultant_free" if area else "booking.no_consultant_free_any"
        raise Conflict(key, area=area or "", when=span_text(core, starts_at, ends_at))
    counts = await _bookings_that_day(uow, core, [c.id for c in free if c.id], starts_at)
    return min(free, key=lambda c: (counts.get(c.id or 0, 0), c.id or 0))
