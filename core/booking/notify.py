"""What a booking says: its details for the client and the consultant, and the notices."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from core.booking.rules import Authority
from core.calendar import Audience, invite_attachment
from core.cards import area_label
from core.connection import describe_connection
from core.contacts import consultant_address, contact_address, contact_language, display_name
from core.context import Core
from core.db import UnitOfWork
from core.mail import mail_to
from core.messages import t
from core.models import Booking, Company, Consultant, Contact
from core.outbox import Choice, OutboundMessage, send
from core.timefmt import format_date, format_time, weekday_name

logger = logging.getLogger(__name__)

BOOKING_NOTICE = "booking_notice"
"""Outbox purpose of the booking notices (subject: the booking id)."""


def _area(core: Core, area: str | None, language: str) -> str:
    """The booking's area in ``language``, or "any area"."""
    return area_label(area, language, core.config) if area else t("booking.any_area", language)


def duration_label(minutes: int, language: str) -> str:
    """``30 min``, ``1 h``, ``1 h 30 min``."""
    hours, rest = divmod(minutes, 60)
    if hours == 0:
        return t("booking.duration.minutes", language, minutes=rest)
    if rest == 0:
        return t("booking.duration.hours", language, hours=hours)
    return t("booking.duration.hours_minutes", language, hours=hours, minutes=rest)


def remaining_label(delta: timedelta, language: str) -> str:
    """How long until something: ``1 dia``, ``3 h``, ``15 min`` (rounded to the minute)."""
    minutes = max(0, round(delta / timedelta(minutes=1)))
    days, rest = divmod(minutes, 24 * 60)
    if days and rest < 60:
        return t("booking.days", language, count=days)
    return duration_label(minutes, language)


def minutes_of(booking: Booking) -> int:
    """The booked duration in minutes."""
    return int((booking.ends_at - booking.starts_at) / timedelta(minutes=1))


@dataclass(frozen=True)
class Parties:
    """Who a booking concerns."""

    company: Company | None
    contact: Contact | None
    consultant: Consultant | None


async def parties(uow: UnitOfWork, booking: Booking) -> Parties:
    """Load the booking's company, contact and consultant."""
    company = await uow.session.get(Company, booking.company_id)
    contact = await uow.session.get(Contact, booking.contact_id) if booking.contact_id else None
    consultant = (
        await uow.session.get(Consultant, booking.consultant_id) if booking.consultant_id else None
    )
    return Parties(company, contact, consultant)


def details(core: Core, booking: Booking, who: Parties, language: str) -> str:
    """Date, time, duration, medium and consultant, one per line."""
    zone = core.config.timezone
    start, end = booking.starts_at.astimezone(zone), booking.ends_at.astimezone(zone)
    consultant = who.consultant.name if who.consultant else t("booking.detail.nobody", language)
    lines = [
        t(
            "booking.detail.date",
            language,
            date=format_date(start.date()),
            weekday=weekday_name(start.date(), language),
        ),
        t("booking.detail.time", language, start=format_time(start), end=format_time(end)),
        t(
            "booking.detail.duration",
            language,
            duration=duration_label(minutes_of(booking), language),
        ),
        t(
            "booking.detail.medium",
            language,
            medium=describe_connection(booking.medium, booking.connection_detail, language),
        ),
        t("booking.detail.consultant", language, consultant=consultant),
    ]
    if booking.alternative_hours:
        lines.append(t("booking.detail.alternative_hours", language))
    return "\n".join(lines)


def staff_details(core: Core, booking: Booking, who: Parties) -> str:
    """The details plus company, contact, area, notes and who booked (for Slack)."""
    language = core.config.language
    contact = display_name(who.contact) if who.contact else t("booking.detail.no_contact", language)
    if booking.created_by_kind == "client":
        by = t("booking.detail.by_client", language, name=contact)
    elif booking.created_by_kind == "api":
        by = t("booking.detail.by_api", language, name=booking.created_by_ref)
    else:
        by = f"<@{booking.created_by_ref}>"
    lines = [
        details(core, booking, who, language),
        t("booking.detail.company", language, company=who.company.name if who.company else "-"),
        t("booking.detail.contact", language, contact=contact),
        t("booking.detail.area", language, area=_area(core, booking.area, language)),
    ]
    if booking.notes:
        lines.append(t("booking.detail.notes", language, notes=booking.notes))
    lines.append(t("booking.detail.booked_by", language, by=by))
    return "\n".join(lines)


def client_choices(booking: Booking, language: str) -> tuple[Choice, ...]:
    """*Remarcar* and *Cancelar* for one booking."""
    return (
        Choice(f"bmove:{booking.id}", t("booking.button.move", language)),
        Choice(f"bcancel:{booking.id}", t("booking.button.cancel", language), "danger"),
    )


async def tell_both(
    uow: UnitOfWork,
    core: Core,
    booking: Booking,
    *,
    client_key: str,
    consultant_key: str,
    client_extra: str = "",
    reason: str | None = None,
    with_choices: bool = False,
    **params: str,
) -> None:
    """Tell the client (their channel, language; and by e-mail when they have an address) and
    the consultant (Slack DM or console) about a booking, each with its calendar invite."""
    who = await parties(uow, booking)
    if who.contact is not None and who.contact.erased_at is None:
        language = contact_language(who.contact, core.config)
        text = t(client_key, language, id=booking.id, **params)
        if reason:
            text = f"{text}\n{t('booking.reason', language, reason=reason)}"
        text = f"{text}\n{details(core, booking, who, language)}{client_extra}"
        choices = client_choices(booking, language) if with_choices else ()
        invite = (invite_attachment(booking, Audience.CLIENT, language),)
        message = OutboundMessage(text, choices=choices, attachments=invite)
        await send(
            uow,
            core.clock,
            contact_address(who.contact),
            message,
            purpose=BOOKING_NOTICE,
            subject_id=booking.id,
        )
        title = t(client_key, language, id=booking.id, **params).split("\n", 1)[0]
        await mail_to(
            uow,
            core.clock,
            who.contact,
            OutboundMessage(text, attachments=invite, title=title),
            enabled=core.config.email_enabled,
            purpose=BOOKING_NOTICE,
            subject_id=booking.id,
        )
    if who.consultant is not None:
        language = core.config.language
        text = t(consultant_key, language, id=booking.id, **params)
        if reason:
            text = f"{text}\n{t('booking.reason', language, reason=reason)}"
        text = f"{text}\n{staff_details(core, booking, who)}"
        invite = (invite_attachment(booking, Audience.STAFF, language),)
        await send(
            uow,
            core.clock,
            consultant_address(who.consultant, core.config),
            OutboundMessage(text, attachments=invite),
            purpose=BOOKING_NOTICE,
            subject_id=booking.id,
        )


def by_label(core: Core, auth: Authority) -> str:
    """Who acted, for a notice: "por <@U...>" for staff, "pelo cliente" for a client."""
    if auth.role == "client":
        return t("booking.by_the_client", core.config.language)
    if auth.actor.kind == "api":
        return t("booking.by_api", core.config.language, name=auth.actor.label)
    return t("booking.by_staff", core.config.language, user=auth.actor.staff_key)
