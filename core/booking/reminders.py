"""Booking timers: reminders to both sides before the start, and the start itself.

``booking.reminder`` at each ``config.reminders`` offset before the start (dedupe key per booking
and offset; ones already past are skipped; moved with the booking, cancelled with it) and
``booking.start`` at the start (handled by ``core.booking.start``).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from core import timers
from core.booking.notify import (
    client_choices,
    details,
    parties,
    remaining_label,
    staff_details,
)
from core.contacts import consultant_address, contact_address, contact_language
from core.context import Core
from core.db import UnitOfWork
from core.messages import t
from core.models import Booking, BookingStatus, Timer
from core.outbox import OutboundMessage, send
from core.timefmt import format_datetime

logger = logging.getLogger(__name__)

BOOKING_REMINDER = "booking_reminder"
"""The client's reminder row: a channel that limits what it may send when (WhatsApp's 24-hour
window) tells it apart from other texts by this purpose."""

REMINDER = "booking.reminder"
START = "booking.start"


def _reminder_key(booking_id: int, offset: timedelta) -> str:
    return f"{REMINDER}:{booking_id}:{int(offset.total_seconds())}"


async def schedule_booking_timers(uow: UnitOfWork, core: Core, booking: Booking) -> None:
    """(Re)schedule the reminders still ahead and the start; earlier reminders are cancelled."""
    assert booking.id is not None
    now = core.clock.now()
    await timers.cancel(uow, kind=REMINDER, subject_id=booking.id)
    for offset in core.config.reminders:
        due = booking.starts_at - offset
        if due > now:
            await timers.schedule(
                uow,
                core.clock,
                REMINDER,
                due,
                subject_id=booking.id,
                payload={"offset_seconds": int(offset.total_seconds())},
                dedupe_key=_reminder_key(booking.id, offset),
            )
    await timers.schedule(
        uow,
        core.clock,
        START,
        booking.starts_at,
        subject_id=booking.id,
        dedupe_key=f"{START}:{booking.id}",
    )


async def cancel_booking_timers(uow: UnitOfWork, booking_id: int) -> None:
    """Cancel the booking's pending reminders and start."""
    await timers.cancel(uow, kind=REMINDER, subject_id=booking_id)
    await timers.cancel(uow, kind=START, subject_id=booking_id)


async def on_booking_reminder(uow: UnitOfWork, core: Core, timer: Timer) -> None:
    """Timer ``booking.reminder``: remind the client and the consultant of a scheduled booking."""
    booking = await uow.session.get(Booking, timer.subject_id) if timer.subject_id else None
    now = core.clock.now()
    if booking is None or booking.status != BookingStatus.SCHEDULED:
        return
    if booking.starts_at <= now:
        return
    await _remind(uow, core, booking, now)


async def _remind(uow: UnitOfWork, core: Core, booking: Booking, now: datetime) -> None:
    who = await parties(uow, booking)
    left = booking.starts_at - now
    if who.contact is not None and who.contact.erased_at is None:
        language = contact_language(who.contact, core.config)
        text = t(
            "booking.client.reminder",
            language,
            id=booking.id,
            left=remaining_label(left, language),
        )
        message = OutboundMessage(
            f"{text}\n{details(core, booking, who, language)}",
            choices=client_choices(booking, language) if left >= core.config.booking_cutoff else (),
        )
        to = contact_address(who.contact)
        await send(uow, core.clock, to, message, purpose=BOOKING_REMINDER, subject_id=booking.id)
    if who.consultant is not None:
        language = core.config.language
        text = t(
            "booking.consultant.reminder",
            language,
            id=booking.id,
            left=remaining_label(left, language),
        )
        await send(
            uow,
            core.clock,
            consultant_address(who.consultant, core.config),
            OutboundMessage(f"{text}\n{staff_details(core, booking, who)}"),
        )
    logger.info("booking %s reminded at %s", booking.id, format_datetime(now, core.config.timezone))
