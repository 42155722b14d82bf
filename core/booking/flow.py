"""The pieces of the client's booking chat: the draft kept in the database and each step's message.

The draft (one per contact, ``booking_draft``) remembers the request being booked or the booking
being moved, and the day, start, duration and medium chosen so far, so a restart loses nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from core.answered import close_buttons
from core.booking.notify import duration_label, minutes_of
from core.booking.rules import MEDIA, match_area
from core.booking.slots import Slot, busy_intervals, candidates, day_bounds, slots_of_day
from core.cards import area_label
from core.connection import describe_connection, detail_kind, medium_label
from core.context import Core
from core.db import UnitOfWork
from core.errors import BusinessError, InvalidInput
from core.messages import t
from core.models import Booking, BookingDraft, Contact, Request
from core.outbox import Choice, OutboundMessage
from core.timefmt import format_date, format_time, weekday_name

DURATIONS = (30, 60, 90, 120)
"""The durations a client may choose, in minutes."""


def parse_day_arg(text: str) -> date:
    """``20261124`` (a ``bday:`` argument) -> the date."""
    try:
        return datetime.strptime(text, "%Y%m%d").date()
    except ValueError as error:
        raise InvalidInput("booking.flow_expired") from error


def parse_slot_arg(core: Core, text: str) -> datetime:
    """``202611241400`` (a ``bslot:`` argument, local time) -> the aware instant."""
    try:
        naive = datetime.strptime(text, "%Y%m%d%H%M")
    except ValueError as error:
        raise InvalidInput("booking.flow_expired") from error
    return naive.replace(tzinfo=core.config.timezone)


def day_arg(day: date) -> str:
    """The ``bday:`` argument of a day."""
    return f"{day:%Y%m%d}"


def slot_arg(core: Core, start: datetime) -> str:
    """The ``bslot:`` argument of a start (local time)."""
    return f"{start.astimezone(core.config.timezone):%Y%m%d%H%M}"


async def load_draft(uow: UnitOfWork, core: Core, contact: Contact) -> BookingDraft:
    """The contact's draft, created empty when there is none."""
    assert contact.id is not None
    draft = await uow.session.get(BookingDraft, contact.id)
    if draft is None:
        draft = BookingDraft(contact_id=contact.id, updated_at=core.clock.now())
    return draft


BOOKING_CHOICE = "booking_choice"
"""Outbox purpose of a message holding the draft's *Confirmar* / *Cancelar* (subject: the
contact id): the summary, or the question for the medium's connection detail."""


async def save_draft(uow: UnitOfWork, core: Core, draft: BookingDraft) -> None:
    """Store the draft's choices; a summary shown before them no longer says what *Confirmar*
    would book, so its buttons go."""
    draft.updated_at = core.clock.now()
    uow.session.add(draft)
    await uow.session.flush()
    await close_buttons(uow, core.clock, BOOKING_CHOICE, draft.contact_id)


@dataclass(frozen=True)
class FlowScope:
    """Whose free times the flow offers: an area's consultants or a moved booking's consultant."""

    area: str | None
    consultant_id: int | None
    exclude_booking_id: int | None
    fixed_minutes: int | None  # a moved booking keeps its duration


async def scope_of(uow: UnitOfWork, core: Core, draft: BookingDraft) -> FlowScope:
    """The scope of the draft: the moved booking's consultant, or the request's area."""
    if draft.booking_id is not None:
        booking = await uow.session.get(Booking, draft.booking_id)
        if booking is not None:
            return FlowScope(None, booking.consultant_id, booking.id, minutes_of(booking))
    request = await uow.session.get(Request, draft.request_id) if draft.request_id else None
    area = match_area(core, request.area, strict=False) if request else None
    return FlowScope(area, None, None, None)


def horizon(core: Core) -> list[date]:
    """The days a client may book: today and the next ``booking_horizon_days``."""
    today = core.clock.now().astimezone(core.config.timezone).date()
    return [today + timedelta(days=n) for n in range(core.config.booking_horizon_days + 1)]


async def free_days(
    uow: UnitOfWork, core: Core, scope: FlowScope, days: list[date], minutes: int
) -> dict[date, list[Slot]]:
    """The free slots of each day (only days with some), reading busy times once."""
    consultants = await candidates(uow, area=scope.area, consultant_id=scope.consultant_id)
    ids = [c.id for c in consultants if c.id is not None]
    start, end = day_bounds(core, days[0])[0], day_bounds(core, days[-1])[1]
    busy = await busy_intervals(
        uow, core, ids, start, end, exclude_booking_id=scope.exclude_booking_id
    )
    now = core.clock.now()
    found: dict[date, list[Slot]] = {}
    for day in days:
        slots = slots_of_day(core, day, timedelta(minutes=minutes), busy, now)
        if slots:
            found[day] = slots
    return found


def days_message(core: Core, found: dict[date, list[Slot]], language: str) -> OutboundMessage:
    """The days with free times as ``bday:<yyyymmdd>`` choices."""
    if not found:
        return OutboundMessage(
            t("booking.flow.no_days", language, days=core.config.booking_horizon_days)
        )
    choices = tuple(
        Choice(
            f"bday:{day_arg(day)}",
            f"{weekday_name(day, language).capitalize()} {day:%d/%m}",
        )
        for day in found
    )
    return OutboundMessage(t("booking.flow.pick_day", language), choices=choices)


def slots_message(
    core: Core, day: date, slots: list[Slot], language: str, *, intro: str | None = None
) -> OutboundMessage:
    """The free starts of ``day`` as ``bslot:<yyyymmddHHMM>`` choices, and *Outro dia*."""
    other_day = Choice("bdays", t("booking.button.other_day", language))
    head = f"{intro}\n" if intro else ""
    when = f"{weekday_name(day, language)}, {format_date(day)}"
    if not slots:
        text = head + t("booking.flow.day_full", language, day=when)
        return OutboundMessage(text, choices=(other_day,))
    zone = core.config.timezone
    choices = tuple(
        Choice(f"bslot:{slot_arg(core, s.start)}", format_time(s.start.astimezone(zone)))
        for s in slots
    )
    text = head + t("booking.flow.pick_slot", language, day=when)
    return OutboundMessage(text, choices=(*choices, other_day))


def durations_message(minutes: list[int], language: str) -> OutboundMessage:
    """The durations that fit as ``bdur:<minutes>`` choices."""
    choices = tuple(Choice(f"bdur:{m}", duration_label(m, language)) for m in minutes)
    return OutboundMessage(t("booking.flow.pick_duration", language), choices=choices)


def media_message(language: str) -> OutboundMessage:
    """The media as ``bmed:<index>`` choices."""
    choices = tuple(
        Choice(f"bmed:{index}", medium_label(name, language)) for index, name in enumerate(MEDIA)
    )
    return OutboundMessage(t("booking.flow.pick_medium", language), choices=choices)


def detail_question(medium: str, language: str) -> OutboundMessage:
    """The question for the medium's connection detail, warning never to send passwords."""
    question = f"{t(f'connection.ask.{detail_kind(medium)}', language)}\n\n"
    text = question + t("connection.no_passwords", language)
    return OutboundMessage(text, choices=(Choice("bno", t("booking.button.drop", language)),))


def summary_message(
    core: Core, draft: BookingDraft, scope: FlowScope, language: str, *, moving: bool
) -> OutboundMessage:
    """What will be booked (or where the booking moves), with *Confirmar* / *Cancelar*."""
    if draft.starts_at is None or draft.duration_minutes is None or draft.medium is None:
        raise BusinessError("booking.flow_expired")
    zone = core.config.timezone
    start = draft.starts_at.astimezone(zone)
    end = start + timedelta(minutes=draft.duration_minutes)
    lines = [
        t("booking.flow.summary_move" if moving else "booking.flow.summary", language),
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
            duration=duration_label(draft.duration_minutes, language),
        ),
        t(
            "booking.detail.medium",
            language,
            medium=describe_connection(draft.medium, draft.connection_detail, language),
        ),
    ]
    if not moving:
        area = (
            area_label(scope.area, language, core.config)
            if scope.area
            else t("booking.any_area", language)
        )
        lines.append(t("booking.detail.area", language, area=area))
    choices = (
        Choice("bok", t("booking.button.confirm", language), "primary"),
        Choice("bno", t("booking.button.drop", language), "danger"),
    )
    return OutboundMessage("\n".join(lines), choices=choices)
