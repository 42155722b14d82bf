"""The REST API's read side: pages of companies, contacts, sessions, consents and bookings.

Every list is ordered by id ascending and read by keyset (``after``: the last id of the previous
page), fetching one row more than asked to know whether a next page exists. Billing records are
read through ``core.billing_records.billed_sessions``, the CSV export's own query, so the API's
figures are the export's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar
from zoneinfo import ZoneInfo

from sqlmodel import SQLModel, col, select

from core.billing_records import ExportRow, billed_sessions, month_bounds
from core.db import UnitOfWork
from core.models import Booking, BookingStatus, Company, Consent, ConsultingSession, Contact

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of rows and the id to continue after (None: this was the last page)."""

    items: list[T]
    after: int | None


def _page(rows: Sequence[T], limit: int, key: Any) -> Page[T]:
    items = list(rows[:limit])
    more = len(rows) > limit
    return Page(items, key(items[-1]) if more and items else None)


M = TypeVar("M", bound=SQLModel)


async def _keyset(
    uow: UnitOfWork, model: type[M], *, after: int, limit: int, filters: Sequence[Any] = ()
) -> Page[M]:
    id_column = col(model.id)  # type: ignore[attr-defined]
    statement = select(model).where(id_column > after, *filters).order_by(id_column)
    rows = (await uow.session.exec(statement.limit(limit + 1))).all()
    return _page(rows, limit, lambda row: row.id)


async def companies_page(uow: UnitOfWork, *, after: int, limit: int) -> Page[Company]:
    """Companies by id."""
    return await _keyset(uow, Company, after=after, limit=limit)


async def company(uow: UnitOfWork, company_id: int) -> Company | None:
    """One company (None when there is none)."""
    return await uow.session.get(Company, company_id)


async def contacts_page(
    uow: UnitOfWork, company_id: int, *, after: int, limit: int
) -> Page[Contact]:
    """The contacts linked to a company, by id."""
    return await _keyset(
        uow, Contact, after=after, limit=limit, filters=[Contact.company_id == company_id]
    )


def _month_filter(column: Any, month: tuple[int, int] | None, tz: ZoneInfo) -> list[Any]:
    if month is None:
        return []
    start, end = month_bounds(*month, tz)
    return [column >= start, column < end]


async def sessions_page(
    uow: UnitOfWork,
    *,
    after: int,
    limit: int,
    tz: ZoneInfo,
    company_id: int | None = None,
    month: tuple[int, int] | None = None,
) -> Page[ConsultingSession]:
    """Sessions by id; of a company, started in a local month."""
    filters = _month_filter(col(ConsultingSession.started_at), month, tz)
    if company_id is not None:
        filters.append(ConsultingSession.company_id == company_id)
    return await _keyset(uow, ConsultingSession, after=after, limit=limit, filters=filters)


async def session(uow: UnitOfWork, session_id: int) -> ConsultingSession | None:
    """One session (None when there is none)."""
    return await uow.session.get(ConsultingSession, session_id)


async def consents_page(
    uow: UnitOfWork,
    *,
    after: int,
    limit: int,
    company_id: int | None = None,
    contact_id: int | None = None,
) -> Page[Consent]:
    """Consent records (append-only) by id; of a company, of a contact."""
    filters: list[Any] = []
    if company_id is not None:
        filters.append(Consent.company_id == company_id)
    if contact_id is not None:
        filters.append(Consent.contact_id == contact_id)
    return await _keyset(uow, Consent, after=after, limit=limit, filters=filters)


async def bookings_page(
    uow: UnitOfWork,
    *,
    after: int,
    limit: int,
    company_id: int | None = None,
    contact_id: int | None = None,
    status: BookingStatus | None = None,
    starts_from: datetime | None = None,
    starts_before: datetime | None = None,
) -> Page[Booking]:
    """Bookings by id, filtered by company, contact, status and start."""
    filters: list[Any] = []
    if company_id is not None:
        filters.append(Booking.company_id == company_id)
    if contact_id is not None:
        filters.append(Booking.contact_id == contact_id)
    if status is not None:
        filters.append(Booking.status == status)
    if starts_from is not None:
        filters.append(col(Booking.starts_at) >= starts_from.astimezone(UTC))
    if starts_before is not None:
        filters.append(col(Booking.starts_at) < starts_before.astimezone(UTC))
    return await _keyset(uow, Booking, after=after, limit=limit, filters=filters)


async def booking(uow: UnitOfWork, booking_id: int) -> Booking | None:
    """One booking (None when there is none)."""
    return await uow.session.get(Booking, booking_id)


@dataclass(frozen=True)
class BillingMonth:
    """A month's billing records (a page of them) and the month's totals, as in the CSV."""

    page: Page[ExportRow]
    count: int
    minutes: int
    periods: int
    amount_cents: int


async def billing_month(
    uow: UnitOfWork,
    *,
    year: int,
    month: int,
    tz: ZoneInfo,
    after: int,
    limit: int,
    company_id: int | None = None,
) -> BillingMonth:
    """The records of sessions that ended in the local month (the export's rows), by id."""
    rows = await billed_sessions(uow, year=year, month=month, tz=tz, company_id=company_id)
    ordered = sorted(rows, key=lambda row: row.record.id or 0)
    following = [row for row in ordered if (row.record.id or 0) > after]
    return BillingMonth(
        _page(following, limit, lambda row: row.record.id),
        len(rows),
        sum(row.record.minutes for row in rows),
        sum(row.record.periods for row in rows),
        sum(row.record.amount_cents for row in rows),
    )
