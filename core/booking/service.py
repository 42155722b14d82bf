"""Create, move and cancel bookings (SPEC 7), each in one transaction, by who may do it.

Who may do what:
- a client books only for themselves and their own company, never with the alternative-hours
  mark, and cannot cancel or move a booking within ``config.booking_cutoff`` of its start;
- a consultant books, moves and cancels only sessions they give themselves (for any client),
  and may mark agreed alternative hours;
- a secretary (or admin) does all of it for anyone; staff are not bound by the cut-off.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from core.billing_records import accepted_consent
from core.booking.checks import (
    alternative_mark,
    assign_consultant,
    booking_contact,
    booking_request,
    check_time,
    usable_company,
)
from core.booking.notify import tell_both
from core.booking.reminders import schedule_booking_timers
from core.booking.rules import (
    Actor,
    Authority,
    authority,
    check_duration,
    match_area,
    normalise_medium,
)
from core.booking.terms import send_booking_terms
from core.connection import check_detail
from core.contacts import contact_language
from core.context import Core, RepeatedDelivery
from core.db import UnitOfWork
from core.errors import Forbidden, NotFound
from core.events import BookingCreated
from core.messages import t
from core.models import (
    Booking,
    Company,
    Contact,
    Request,
    RequestKind,
    RequestStatus,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class BookingOrder:
    """What is asked for: a company's session at a time, for how long and by which medium.

    ``contact_id`` names the client (none: the company's, to be linked later); ``area`` and
    ``consultant_id`` narrow who gives it; ``request_id`` books a request already made;
    ``alternative_hours`` marks a time agreed outside the opening hours (staff only);
    ``connection_detail`` is the phone, TeamViewer ID or host the medium needs (validated).
    """

    company_id: int
    starts_at: datetime
    duration: timedelta
    medium: str
    contact_id: int | None = None
    area: str | None = None
    consultant_id: int | None = None
    notes: str | None = None
    alternative_hours: bool = False
    request_id: int | None = None
    connection_detail: str | None = None


def _limit_for(auth: Authority, *, contact_id: int | None, consultant_id: int | None) -> int | None:
    """Check the actor may book for this contact and consultant; the consultant to use."""
    if auth.role == "client":
        if contact_id is not None and contact_id != auth.actor.contact_id:
            raise Forbidden("booking.client_for_others")
    elif auth.role == "consultant":
        if consultant_id is not None and consultant_id != auth.consultant_id:
            raise Forbidden("booking.consultant_for_others")
        return auth.consultant_id
    return consultant_id


async def _request_for(
    uow: UnitOfWork,
    core: Core,
    contact: Contact,
    company: Company,
    request_id: int | None,
    *,
    area: str | None,
    notes: str | None,
) -> Request:
    """The request the booking serves: the given one, or a new consulting request."""
    now = core.clock.now()
    if request_id is not None:
        request = await booking_request(uow, contact, request_id)
    else:
        assert contact.id is not None and company.id is not None
        request = Request(
            kind=RequestKind.CONSULTING,
            contact_id=contact.id,
            company_id=company.id,
            area=area,
            description=notes,
            created_at=now,
        )
    request.status, request.updated_at = RequestStatus.BOOKED, now
    uow.session.add(request)
    await uow.session.flush()
    return request


async def create_booking(uow: UnitOfWork, core: Core, order: BookingOrder, *, by: Actor) -> Booking:
    """Check and store a booking in the caller's transaction; notify both sides, set timers."""
    company_id, contact_id, request_id = order.company_id, order.contact_id, order.request_id
    alternative_hours = order.alternative_hours
    auth = await authority(uow, by)
    if auth.role == "client":
        if alternative_hours:
            raise Forbidden("booking.client_alternative_hours")
        contact_id = contact_id if contact_id is not None else by.contact_id
    consultant_id = _limit_for(auth, contact_id=contact_id, consultant_id=order.consultant_id)
    company = await usable_company(uow, core, company_id)
    contact = await booking_contact(uow, company, contact_id)
    if auth.role == "client" and contact is None:
        raise Forbidden("booking.client_for_others")
    chosen_area = match_area(core, order.area)
    minutes = check_duration(core, order.duration)
    medium_name = normalise_medium(order.medium)
    detail = check_detail(medium_name, order.connection_detail)
    start = order.starts_at.replace(second=0, microsecond=0)
    end = start + timedelta(minutes=minutes)
    check_time(core, start, end, alternative_hours=alternative_hours)
    alternative_hours = alternative_mark(core, start, end, alternative_hours)
    notes = order.notes
    text = " ".join(notes.split()) if notes and notes.strip() else None
    request = None
    if contact is not None:
        request = await _request_for(
            uow, core, contact, company, request_id, area=chosen_area, notes=text
        )
    elif request_id is not None:
        raise NotFound("booking.unknown_request", id=request_id)
    consultant = await assign_consultant(
        uow, core, area=chosen_area, consultant_id=consultant_id, starts_at=start, ends_at=end
    )
    now = core.clock.now()
    booking = Booking(
        company_id=company_id,
        contact_id=contact.id if contact else None,
        consultant_id=consultant.id,
        request_id=request.id if request else None,
        area=chosen_area,
        starts_at=start,
        ends_at=end,
        medium=medium_name,
        connection_detail=detail,
        notes=text,
        alternative_hours=alternative_hours,
        created_by_kind=by.kind,
        created_by_ref=by.ref(),
        created_at=now,
        updated_at=now,
    )
    uow.session.add(booking)
    await uow.session.flush()
    await core.publish(uow, BookingCreated(booking.id or 0))
    await schedule_booking_timers(uow, core, booking)
    terms_needed = (
        contact is not None
        and request is not None
        and await accepted_consent(uow, contact.id or 0, request.id or 0) is None
    )
    extra = ""
    if terms_needed and contact is not None:
        extra = "\n\n" + t("booking.client.terms_needed", contact_language(contact, core.config))
    client_key = "booking.client.booked" if by.kind == "client" else "booking.client.booked_for_you"
    await tell_both(
        uow,
        core,
        booking,
        client_key=client_key,
        consultant_key="booking.consultant.booked",
        client_extra=extra,
        with_choices=True,
    )
    if terms_needed and contact is not None and request is not None:
        await send_booking_terms(uow, core, contact, company, request)
    logger.info("booking %s created by %s %s", booking.id, by.kind, by.ref())
    return booking


async def book(
    core: Core, order: BookingOrder, *, by: Actor, inbound: tuple[str, str] | None = None
) -> int:
    """Book a session; the new booking's id (0 when ``inbound`` was a repeated delivery)."""
    try:
        async with core.transaction(inbound) as uow:
            booking = await create_booking(uow, core, order, by=by)
    except RepeatedDelivery:
        return 0
    assert booking.id is not None
    return booking.id
