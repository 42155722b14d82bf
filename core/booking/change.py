"""Cancel and move bookings: same permissions as booking, plus a client's cut-off.

A cancelled, started or past booking cannot be changed. A client cannot cancel or move a booking
within ``config.booking_cutoff`` of its start; secretaries and the booking's consultant can.
A moved booking keeps its consultant when free then, else the move is refused.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlmodel import select

from core.answered import close_buttons
from core.booking.checks import (
    alternative_mark,
    assign_consultant,
    check_time,
    usable_company,
    when_text,
)
from core.booking.flow import BOOKING_CHOICE
from core.booking.notify import by_label, duration_label, minutes_of, tell_both
from core.booking.reminders import cancel_booking_timers, schedule_booking_timers
from core.booking.rules import Actor, Authority, authority, may_touch
from core.calendar import bump_sequence
from core.contacts import contact_language
from core.context import Core, entry
from core.db import UnitOfWork
from core.errors import Forbidden, InvalidInput, NotFound
from core.events import BookingCancelled, BookingChanged
from core.messages import t
from core.models import Booking, BookingDraft, BookingStatus, Contact, Request, RequestStatus

logger = logging.getLogger(__name__)


async def changeable_booking(
    uow: UnitOfWork, core: Core, booking_id: int, auth: Authority
) -> Booking:
    """A booking the actor may cancel or move now: scheduled, ahead, outside a client's cut-off."""
    booking = await uow.session.get(Booking, booking_id, with_for_update=True)
    if booking is None or not may_touch(auth, booking):
        if booking is not None and auth.role != "client":
            raise Forbidden("booking.not_yours", id=booking_id)
        raise NotFound("booking.unknown_booking", id=booking_id)
    if booking.status == BookingStatus.CANCELLED:
        raise InvalidInput("booking.already_cancelled", id=booking_id)
    now = core.clock.now()
    if booking.status != BookingStatus.SCHEDULED or booking.starts_at <= now:
        raise InvalidInput("booking.already_started", id=booking_id)
    cutoff = core.config.booking_cutoff
    if auth.role == "client" and booking.starts_at - now < cutoff:
        raise Forbidden(
            "booking.cutoff",
            id=booking_id,
            limit=duration_label(int(cutoff / timedelta(minutes=1)), core.config.language),
            when=when_text(core, booking.starts_at),
        )
    return booking


async def _forget_drafts(uow: UnitOfWork, core: Core, booking_id: int) -> None:
    """Drop the drafts moving this booking; a summary still shown for one says it expired."""
    drafts = await uow.session.exec(
        select(BookingDraft).where(BookingDraft.booking_id == booking_id)
    )
    for draft in drafts.all():
        contact = await uow.session.get(Contact, draft.contact_id)
        if contact is not None:
            note = t("booking.flow.answered.expired", contact_language(contact, core.config))
            await close_buttons(uow, core.clock, BOOKING_CHOICE, contact.id, note)
        await uow.session.delete(draft)


async def cancel_in(
    uow: UnitOfWork, core: Core, booking_id: int, *, by: Actor, reason: str | None = None
) -> Booking:
    """Cancel a booking in the caller's transaction; both sides told, timers cancelled."""
    auth = await authority(uow, by, "cancel")
    booking = await changeable_booking(uow, core, booking_id, auth)
    await close_booking(uow, core, booking, reason=reason)
    await tell_both(
        uow,
        core,
        booking,
        client_key="booking.client.cancelled",
        consultant_key="booking.consultant.cancelled",
        reason=booking.cancel_reason,
        by=by_label(core, auth),
    )
    logger.info("booking %s cancelled by %s %s", booking_id, by.kind, by.ref())
    return booking


async def close_booking(
    uow: UnitOfWork,
    core: Core,
    booking: Booking,
    *,
    reason: str | None = None,
    request_status: RequestStatus = RequestStatus.CANCELLED,
) -> None:
    """Mark a booking cancelled (its request closed, drafts and timers gone); no notice."""
    assert booking.id is not None
    now = core.clock.now()
    booking.status, booking.cancelled_at, booking.updated_at = (
        BookingStatus.CANCELLED,
        now,
        now,
    )
    booking.cancel_reason = " ".join(reason.split()) if reason and reason.strip() else None
    bump_sequence(booking)
    uow.session.add(booking)
    if booking.request_id is not None:
        request = await uow.session.get(Request, booking.request_id)
        if request is not None and request.status == RequestStatus.BOOKED:
            request.status, request.closed_at, request.updated_at = request_status, now, now
            uow.session.add(request)
    await _forget_drafts(uow, core, booking.id)
    await uow.session.flush()
    await cancel_booking_timers(uow, booking.id)
    await core.publish(uow, BookingCancelled(booking.id))


@entry
async def cancel_booking(
    core: Core,
    booking_id: int,
    *,
    by: Actor,
    reason: str | None = None,
    inbound: tuple[str, str] | None = None,
) -> None:
    """Cancel a booking (see the module docstring for who may)."""
    async with core.transaction(inbound) as uow:
        await cancel_in(uow, core, booking_id, by=by, reason=reason)


async def reschedule_in(
    uow: UnitOfWork,
    core: Core,
    booking_id: int,
    *,
    by: Actor,
    starts_at: datetime,
    alternative_hours: bool | None = None,
) -> Booking:
    """Move a booking in the caller's transaction (same checks as booking); both sides told."""
    auth = await authority(uow, by, "move")
    booking = await changeable_booking(uow, core, booking_id, auth)
    if auth.role == "client":
        if alternative_hours:
            raise Forbidden("booking.client_alternative_hours")
        marked = False
    else:
        marked = booking.alternative_hours if alternative_hours is None else alternative_hours
    await usable_company(uow, core, booking.company_id)
    start = starts_at.replace(second=0, microsecond=0)
    if start == booking.starts_at:
        raise InvalidInput("booking.same_time", when=when_text(core, start))
    end = start + timedelta(minutes=minutes_of(booking))
    check_time(core, start, end, alternative_hours=marked)
    marked = alternative_mark(core, start, end, marked)
    await assign_consultant(
        uow,
        core,
        area=None,
        consultant_id=booking.consultant_id,
        starts_at=start,
        ends_at=end,
        exclude_booking_id=booking.id,
    )
    old = booking.starts_at
    booking.starts_at, booking.ends_at, booking.alternative_hours = start, end, marked
    booking.updated_at = core.clock.now()
    bump_sequence(booking)
    uow.session.add(booking)
    await _forget_drafts(uow, core, booking_id)
    await uow.session.flush()
    await core.publish(uow, BookingChanged(booking_id, old))
    await schedule_booking_timers(uow, core, booking)
    await tell_both(
        uow,
        core,
        booking,
        client_key="booking.client.moved",
        consultant_key="booking.consultant.moved",
        with_choices=True,
        old=when_text(core, old),
        by=by_label(core, auth),
    )
    logger.info("booking %s moved by %s %s", booking_id, by.kind, by.ref())
    return booking


@entry
async def reschedule(
    core: Core,
    booking_id: int,
    *,
    by: Actor,
    starts_at: datetime,
    alternative_hours: bool | None = None,
    inbound: tuple[str, str] | None = None,
) -> None:
    """Move a booking to ``starts_at`` (staff keep its alternative-hours mark unless told)."""
    async with core.transaction(inbound) as uow:
        await reschedule_in(
            uow,
            core,
            booking_id,
            by=by,
            starts_at=starts_at,
            alternative_hours=alternative_hours,
        )
