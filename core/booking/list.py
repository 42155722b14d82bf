"""Listing bookings (``/agendar lista``, a client's *Meus agendamentos*), with names for display."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import col, select

from core.booking.notify import duration_label, minutes_of
from core.booking.slots import day_bounds
from core.connection import describe_connection
from core.contacts import display_name
from core.context import Core
from core.db import UnitOfWork
from core.messages import t
from core.models import Booking, BookingStatus, Company, Consultant, Contact
from core.timefmt import format_date, format_time


@dataclass(frozen=True)
class BookingView:
    """A booking with the names a person needs to read it."""

    booking: Booking
    company_name: str
    contact_name: str | None
    consultant_name: str | None

    def line(self, core: Core, language: str) -> str:
        """``nº 12 · 24/11/2026 14:00–15:00 · Empresa · Ana · Bruno · Telefone``."""
        booking = self.booking
        zone = core.config.timezone
        start, end = booking.starts_at.astimezone(zone), booking.ends_at.astimezone(zone)
        parts = [
            t("booking.list.number", language, id=booking.id),
            f"{format_date(start.date())} {format_time(start)}–{format_time(end)}",
            duration_label(minutes_of(booking), language),
            self.company_name,
            self.contact_name or t("booking.list.no_contact", language),
            self.consultant_name or t("booking.list.no_consultant", language),
            describe_connection(booking.medium, booking.connection_detail, language),
        ]
        if booking.alternative_hours:
            parts.append(t("booking.list.alternative", language))
        if booking.status != BookingStatus.SCHEDULED:
            parts.append(t(f"booking.status.{booking.status}", language))
        return " · ".join(parts)


async def list_bookings(
    uow: UnitOfWork,
    core: Core,
    *,
    day: date | None = None,
    contact_id: int | None = None,
    consultant_id: int | None = None,
    company_id: int | None = None,
    include_cancelled: bool = False,
) -> list[BookingView]:
    """Bookings matching every filter given (``day``: local day), by start time."""
    statement = (
        select(Booking, Company.name, Contact, Consultant.name)
        .join(Company, col(Company.id) == Booking.company_id)
        .outerjoin(Contact, col(Contact.id) == Booking.contact_id)
        .outerjoin(Consultant, col(Consultant.id) == Booking.consultant_id)
        .order_by(col(Booking.starts_at), col(Booking.id))
    )
    if day is not None:
        start, end = day_bounds(core, day)
        statement = statement.where(col(Booking.starts_at) >= start, col(Booking.starts_at) < end)
    if contact_id is not None:
        statement = statement.where(Booking.contact_id == contact_id)
    if consultant_id is not None:
        statement = statement.where(Booking.consultant_id == consultant_id)
    if company_id is not None:
        statement = statement.where(Booking.company_id == company_id)
    if not include_cancelled:
        statement = statement.where(Booking.status != BookingStatus.CANCELLED)
    rows = await uow.session.exec(statement)
    return [
        BookingView(booking, company, display_name(contact) if contact else None, consultant)
        for booking, company, contact, consultant in rows.all()
    ]


async def find_booking_view(core: Core, booking_id: int) -> BookingView | None:
    """One booking with the names to show it, cancelled ones included (None if there is none)."""
    async with core.db.uow() as uow:
        booking = await uow.session.get(Booking, booking_id)
        if booking is None:
            return None
        views = await list_bookings(
            uow, core, company_id=booking.company_id, include_cancelled=True
        )
    return next((v for v in views if v.booking.id == booking_id), None)


def render_booking_list(
    core: Core, views: list[BookingView], language: str, *, title: str | None = None
) -> str:
    """The bookings one per line (or "no bookings"), under an optional title."""
    lines = [title] if title else []
    if not views:
        lines.append(t("booking.list.empty", language))
    lines.extend(view.line(core, language) for view in views)
    return "\n".join(lines)
