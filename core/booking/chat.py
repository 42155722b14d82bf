"""The client's booking in the chat (SPEC 5, step 6), channel-neutral, one step per button.

Days with free times (``bday:<yyyymmdd>``) -> free 30-minute starts of the day
(``bslot:<yyyymmddHHMM>``, *Outro dia* ``bdays``) -> duration (``bdur:<minutes>``) -> medium
(``bmed:<index>``) -> summary with *Confirmar* ``bok`` / *Cancelar* ``bno``. When a booking is
being moved (``bmove:<id>``), the flow keeps its duration, medium and consultant and goes from
the start straight to the summary. The choices so far live in ``booking_draft``.
"""

from __future__ import annotations

import logging
from datetime import date, datetime

from core.answered import close_buttons
from core.booking.flow import (
    BOOKING_CHOICE,
    DURATIONS,
    FlowScope,
    day_arg,
    days_message,
    detail_question,
    durations_message,
    free_days,
    horizon,
    load_draft,
    media_message,
    save_draft,
    scope_of,
    slot_arg,
    slots_message,
    summary_message,
)
from core.booking.notify import minutes_of
from core.booking.rules import MEDIA, contact_at
from core.connection import needs_detail
from core.contacts import contact_address, contact_language
from core.context import Core, entry
from core.db import UnitOfWork
from core.errors import BusinessError, InvalidInput
from core.messages import t
from core.models import Booking, BookingDraft, Contact, Request
from core.outbox import Address, OutboundMessage, send

logger = logging.getLogger(__name__)


async def say(
    uow: UnitOfWork,
    core: Core,
    contact: Contact,
    message: OutboundMessage,
    purpose: str | None = None,
) -> None:
    """Write ``message`` to the contact's chat (as a ``purpose`` message about them)."""
    subject = contact.id if purpose is not None else None
    await send(
        uow,
        core.clock,
        contact_address(contact),
        message,
        purpose=purpose,
        subject_id=subject,
    )


BOOKING_STEP = "booking_step"
"""Outbox purpose of the flow's step messages (days, starts, durations, media; subject: the
contact): a step answered, or passed by a later one, loses its buttons."""


async def say_step(
    uow: UnitOfWork,
    core: Core,
    contact: Contact,
    message: OutboundMessage,
    chosen: str | None = None,
) -> None:
    """Write a step's message; the earlier steps' buttons go, the one pressed (``chosen``)
    noted under its message."""
    await close_steps(uow, core, contact, chosen)
    await say(uow, core, contact, message, BOOKING_STEP)


async def close_steps(
    uow: UnitOfWork, core: Core, contact: Contact, chosen: str | None = None
) -> None:
    """The flow reached its summary (or ended): no step's buttons stay pressable."""
    await close_buttons(uow, core.clock, BOOKING_STEP, contact.id, chosen=chosen)


async def say_choice(
    uow: UnitOfWork,
    core: Core,
    contact: Contact,
    message: OutboundMessage,
    chosen: str | None = None,
) -> None:
    """Write a message holding the draft's *Confirmar* / *Cancelar*; earlier ones lose theirs,
    and so do the steps' (``chosen``: the step's button that led here)."""
    await close_buttons(uow, core.clock, BOOKING_CHOICE, contact.id)
    await close_steps(uow, core, contact, chosen)
    await say(uow, core, contact, message, BOOKING_CHOICE)


async def close_choice(uow: UnitOfWork, core: Core, contact: Contact, key: str) -> None:
    """The draft's *Confirmar* / *Cancelar* were answered: their message shows ``key``'s note
    (in the contact's language) instead of the buttons."""
    note = t(key, contact_language(contact, core.config))
    await close_buttons(uow, core.clock, BOOKING_CHOICE, contact.id, note)
    await close_steps(uow, core, contact)


def _slot_minutes(scope: FlowScope) -> int:
    return scope.fixed_minutes or DURATIONS[0]


async def send_days(
    uow: UnitOfWork, core: Core, contact: Contact, draft: BookingDraft, chosen: str | None = None
) -> None:
    """Write the days with free times for the draft's scope."""
    scope = await scope_of(uow, core, draft)
    found = await free_days(uow, core, scope, horizon(core), _slot_minutes(scope))
    days = days_message(core, found, contact_language(contact, core.config))
    await say_step(uow, core, contact, days, chosen)


async def offer_booking(
    uow: UnitOfWork, core: Core, contact: Contact, request: Request | None
) -> None:
    """Start the booking chat for ``request`` (or a new one): the next days with free times."""
    draft = await load_draft(uow, core, contact)
    draft.request_id = request.id if request is not None else None
    draft.booking_id = draft.day = draft.starts_at = draft.duration_minutes = draft.medium = None
    draft.connection_detail = None
    await save_draft(uow, core, draft)
    await send_days(uow, core, contact, draft)


@entry
async def show_booking_days(
    core: Core, address: Address, inbound: tuple[str, str] | None = None
) -> None:
    """*Outro dia* (``bdays``): the days again, keeping what is being booked or moved."""
    async with core.transaction(inbound) as uow:
        contact = await contact_at(uow, address)
        draft = await load_draft(uow, core, contact)
        await save_draft(uow, core, draft)
        await send_days(uow, core, contact, draft, "bdays")


async def _day_slots(
    uow: UnitOfWork, core: Core, draft: BookingDraft, day: date
) -> tuple[FlowScope, list[datetime]]:
    scope = await scope_of(uow, core, draft)
    found = await free_days(uow, core, scope, [day], _slot_minutes(scope))
    return scope, [slot.start for slot in found.get(day, [])]


@entry
async def choose_booking_day(
    core: Core, address: Address, day: date, inbound: tuple[str, str] | None = None
) -> None:
    """``bday:<yyyymmdd>``: the free 30-minute starts of that day."""
    async with core.transaction(inbound) as uow:
        contact = await contact_at(uow, address)
        if day not in horizon(core):
            raise InvalidInput(
                "booking.flow.day_out_of_range", days=core.config.booking_horizon_days
            )
        draft = await load_draft(uow, core, contact)
        draft.day, draft.starts_at = f"{day:%Y%m%d}", None
        await save_draft(uow, core, draft)
        await send_slots(uow, core, contact, draft, day, chosen=f"bday:{day_arg(day)}")


async def send_slots(
    uow: UnitOfWork,
    core: Core,
    contact: Contact,
    draft: BookingDraft,
    day: date,
    intro: str | None = None,
    *,
    chosen: str | None = None,
) -> None:
    """Write the free starts of ``day`` for the draft's scope (after ``intro``, if any)."""
    scope = await scope_of(uow, core, draft)
    found = await free_days(uow, core, scope, [day], _slot_minutes(scope))
    language = contact_language(contact, core.config)
    slots = slots_message(core, day, found.get(day, []), language, intro=intro)
    await say_step(uow, core, contact, slots, chosen)


@entry
async def choose_booking_slot(
    core: Core, address: Address, starts_at: datetime, inbound: tuple[str, str] | None = None
) -> None:
    """``bslot:<yyyymmddHHMM>``: the durations that fit from then (or, moving, the summary)."""
    async with core.transaction(inbound) as uow:
        contact = await contact_at(uow, address)
        language = contact_language(contact, core.config)
        draft = await load_draft(uow, core, contact)
        day = starts_at.astimezone(core.config.timezone).date()
        scope, starts = await _day_slots(uow, core, draft, day)
        draft.day = f"{day:%Y%m%d}"
        if starts_at not in starts:
            await save_draft(uow, core, draft)
            await send_slots(uow, core, contact, draft, day, t("booking.flow.slot_taken", language))
            return
        draft.starts_at = starts_at
        if scope.fixed_minutes is not None:
            await _fill_from_moved_booking(uow, draft)
            await save_draft(uow, core, draft)
            summary = summary_message(core, draft, scope, language, moving=True)
            await say_choice(uow, core, contact, summary, f"bslot:{slot_arg(core, starts_at)}")
            return
        fitting = [m for m in DURATIONS if await _fits(uow, core, draft, starts_at, m)]
        await save_draft(uow, core, draft)
        durations = durations_message(fitting, language)
        await say_step(uow, core, contact, durations, f"bslot:{slot_arg(core, starts_at)}")


async def _fill_from_moved_booking(uow: UnitOfWork, draft: BookingDraft) -> None:
    booking = await uow.session.get(Booking, draft.booking_id or 0)
    if booking is not None:
        draft.duration_minutes, draft.medium = minutes_of(booking), booking.medium
        draft.connection_detail = booking.connection_detail


async def _fits(
    uow: UnitOfWork, core: Core, draft: BookingDraft, starts_at: datetime, minutes: int
) -> bool:
    scope = await scope_of(uow, core, draft)
    day = starts_at.astimezone(core.config.timezone).date()
    found = await free_days(uow, core, scope, [day], minutes)
    return any(slot.start == starts_at for slot in found.get(day, []))


@entry
async def choose_booking_duration(
    core: Core, address: Address, minutes: int, inbound: tuple[str, str] | None = None
) -> None:
    """``bdur:<minutes>``: the media."""
    async with core.transaction(inbound) as uow:
        contact = await contact_at(uow, address)
        draft = await load_draft(uow, core, contact)
        if draft.starts_at is None or minutes not in DURATIONS:
            raise BusinessError("booking.flow_expired")
        language = contact_language(contact, core.config)
        if not await _fits(uow, core, draft, draft.starts_at, minutes):
            day = draft.starts_at.astimezone(core.config.timezone).date()
            await send_slots(uow, core, contact, draft, day, t("booking.flow.slot_taken", language))
            return
        draft.duration_minutes = minutes
        await save_draft(uow, core, draft)
        await say_step(uow, core, contact, media_message(language), f"bdur:{minutes}")


@entry
async def choose_booking_medium(
    core: Core, address: Address, index: int, inbound: tuple[str, str] | None = None
) -> None:
    """``bmed:<index>``: the summary with *Confirmar* / *Cancelar*, or first the medium's
    connection detail (phone, TeamViewer ID, host), asked for and awaited as free text."""
    async with core.transaction(inbound) as uow:
        contact = await contact_at(uow, address)
        draft = await load_draft(uow, core, contact)
        if draft.starts_at is None or draft.duration_minutes is None or not 0 <= index < len(MEDIA):
            raise BusinessError("booking.flow_expired")
        draft.medium, draft.connection_detail = MEDIA[index], None
        await save_draft(uow, core, draft)
        language = contact_language(contact, core.config)
        if needs_detail(draft.medium):
            question = detail_question(draft.medium, language)
            await say_choice(uow, core, contact, question, f"bmed:{index}")
            return
        scope = await scope_of(uow, core, draft)
        summary = summary_message(core, draft, scope, language, moving=False)
        await say_choice(uow, core, contact, summary, f"bmed:{index}")
