"""A booking as a calendar event: what an invite or a feed says about it, in a language.

The event's UID is stable for the booking's whole life (``booking-<id>@<calendar domain>``) and
its SEQUENCE is the booking's ``calendar_sequence``, bumped on every move and on the
cancellation, so a calendar replaces the old version. Times are in the configured time zone
(America/Sao_Paulo). The client's copy names the consultant; the consultant's copy also names the
company's contact. No e-mail address is written into an event (no organizer or attendee
of another party), so a copy never shows one person's address to another.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from core.cards import area_label
from core.connection import describe_connection
from core.contacts import contact_language, display_name
from core.context import CoreConfig
from core.db import UnitOfWork
from core.messages import t
from core.models import Booking, BookingStatus, Company, Consultant, Contact


class Audience(StrEnum):
    """Whose copy of an event: the client's or the staff's (the consultant's)."""

    CLIENT = "client"
    STAFF = "staff"


class Method(StrEnum):
    """The iTIP method of a calendar object (RFC 5546)."""

    REQUEST = "REQUEST"
    CANCEL = "CANCEL"
    PUBLISH = "PUBLISH"


@dataclass(frozen=True)
class CalendarEvent:
    """One booking as an event (times aware, in the configured zone)."""

    uid: str
    sequence: int
    starts_at: datetime
    ends_at: datetime
    summary: str
    description: str
    location: str
    cancelled: bool
    created: datetime
    stamp: datetime


@dataclass(frozen=True)
class CalendarData:
    """A calendar object: its events, method, name, language and time zone."""

    uid: str
    name: str
    method: Method
    language: str
    timezone: ZoneInfo
    events: tuple[CalendarEvent, ...]


def event_uid(booking_id: int, config: CoreConfig) -> str:
    """The booking's stable event UID."""
    return f"booking-{booking_id}@{config.calendar_domain}"


@dataclass(frozen=True)
class BookingParties:
    """The rows an event names."""

    company: Company | None
    contact: Contact | None
    consultant: Consultant | None


async def booking_parties(uow: UnitOfWork, booking: Booking) -> BookingParties:
    """The booking's company, contact and consultant."""
    session = uow.session
    return BookingParties(
        await session.get(Company, booking.company_id),
        await session.get(Contact, booking.contact_id) if booking.contact_id else None,
        await session.get(Consultant, booking.consultant_id) if booking.consultant_id else None,
    )


def audience_language(who: BookingParties, audience: Audience, config: CoreConfig) -> str:
    """The client's language for their copy, the bot's for the staff's."""
    if audience == Audience.CLIENT and who.contact is not None:
        return contact_language(who.contact, config)
    return config.language


def booking_event(
    booking: Booking, who: BookingParties, audience: Audience, config: CoreConfig
) -> CalendarEvent:
    """The event of ``booking`` for ``audience``, from the booking as it is now."""
    assert booking.id is not None
    language = audience_language(who, audience, config)
    zone = config.timezone
    company = who.company.name if who.company else "-"
    area = area_label(booking.area, language, config) if booking.area else "-"
    medium = describe_connection(booking.medium, booking.connection_detail, language)
    consultant = who.consultant.name if who.consultant else t("calendar.nobody", language)
    lines = [
        t("calendar.line.booking", language, id=booking.id),
        t("calendar.line.medium", language, medium=medium),
        t("calendar.line.consultant", language, consultant=consultant),
    ]
    if audience == Audience.STAFF:
        contact = display_name(who.contact) if who.contact else t("calendar.no_contact", language)
        lines += [
            t("calendar.line.company", language, company=company),
            t("calendar.line.contact", language, contact=contact),
            t("calendar.line.area", language, area=area),
        ]
    if booking.alternative_hours:
        lines.append(t("calendar.line.alternative_hours", language))
    cancelled = booking.status == BookingStatus.CANCELLED
    if cancelled:
        lines.append(t("calendar.line.cancelled", language))
    elif audience == Audience.CLIENT:
        lines.append(t("calendar.line.change_client", language))
    return CalendarEvent(
        uid=event_uid(booking.id, config),
        sequence=booking.calendar_sequence,
        starts_at=booking.starts_at.astimezone(zone),
        ends_at=booking.ends_at.astimezone(zone),
        summary=t("calendar.summary", language, company=company, area=area),
        description="\n".join(lines),
        location=medium,
        cancelled=cancelled,
        created=booking.created_at,
        stamp=booking.updated_at,
    )
