"""At the booked time the session starts (timer ``booking.start``) and both sides are told.

The booking's request (created with the booking when it had none) goes queued -> in session
through the sessions' ``start_session``. Billing starts when both are present and the terms are
accepted (``core.sessions.presence``: the client's first message, their acceptance, or the
consultant's *Cliente presente*), never at the slot's start. A client who has not come after
``policy.no_show_after_minutes`` is a no-show (``booking.no_show``): the session closes,
nothing (or the minimum, ``policy.no_show_billing``) is billed, and the client is offered a new
time.
If the session cannot start (for instance the consultant is still in another one), both sides are
told and the start is tried again every ``RETRY_EVERY`` until the booked time is over.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlmodel import select

from core import timers
from core.billing_records import accepted_consent
from core.booking.chat import offer_booking
from core.booking.notify import Parties, parties
from core.booking.reminders import START
from core.booking.terms import send_booking_terms
from core.contacts import consultant_address, contact_address, contact_language, display_name
from core.context import Core
from core.db import UnitOfWork
from core.errors import BusinessError
from core.events import SessionEnded
from core.messages import t
from core.models import (
    Booking,
    BookingStatus,
    Company,
    ConsultingSession,
    Contact,
    Request,
    RequestKind,
    RequestStatus,
    SessionStatus,
    Timer,
)
from core.outbox import OutboundMessage, send
from core.sessions import awaits_client, close_session, open_sessions_of, start_session
from core.timefmt import format_time

logger = logging.getLogger(__name__)

RETRY_EVERY = timedelta(minutes=5)
NO_SHOW_BY = "no_show"
"""``ended_by`` of a booked session closed because the client never came."""
NO_SHOW = "booking.no_show"
"""Timer kind: ``policy.no_show_after_minutes`` into a booked session (subject: the session)."""


async def _request_of(uow: UnitOfWork, core: Core, booking: Booking, contact: Contact) -> Request:
    """The booking's request, created (consulting, booked) if it has none."""
    request = await uow.session.get(Request, booking.request_id) if booking.request_id else None
    if request is None:
        assert contact.id is not None
        now = core.clock.now()
        request = Request(
            kind=RequestKind.CONSULTING,
            status=RequestStatus.BOOKED,
            contact_id=contact.id,
            company_id=booking.company_id,
            area=booking.area,
            description=booking.notes,
            created_at=now,
            updated_at=now,
        )
        uow.session.add(request)
        await uow.session.flush()
        booking.request_id = request.id
        uow.session.add(booking)
    return request


async def _say_to_consultant(
    uow: UnitOfWork, core: Core, who: Parties, key: str, **params: object
) -> None:
    if who.consultant is not None:
        text = t(key, core.config.language, **params)
        await send(
            uow, core.clock, consultant_address(who.consultant, core.config), OutboundMessage(text)
        )


async def _say_to_client(
    uow: UnitOfWork, core: Core, who: Parties, key: str, **params: object
) -> None:
    if who.contact is not None and who.contact.erased_at is None:
        text = t(key, contact_language(who.contact, core.config), **params)
        await send(uow, core.clock, contact_address(who.contact), OutboundMessage(text))


async def _open(
    uow: UnitOfWork, core: Core, booking: Booking, who: Parties, request: Request
) -> None:
    """Queued -> in session through the sessions' ``start_session``, in a savepoint."""
    assert who.consultant is not None and who.consultant.id is not None
    if await open_sessions_of(uow, who.consultant.id) >= who.consultant.max_sessions:
        raise BusinessError("booking.consultant_busy_now", consultant=who.consultant.name)
    if await _client_in_session(uow, request.contact_id):
        raise BusinessError("booking.client_busy_now")
    now = core.clock.now()
    async with uow.session.begin_nested():
        request.status, request.updated_at = RequestStatus.QUEUED, now
        request.queued_at = request.queued_at or now
        booking.status, booking.updated_at = BookingStatus.STARTED, now
        uow.session.add_all([request, booking])
        await uow.session.flush()
        session = await start_session(
            uow,
            core,
            request,
            who.consultant,
            billing_starts_at=None,  # from the client's presence (core.sessions.presence)
            booking_id=booking.id,
            alternative_hours=booking.alternative_hours,
            medium=booking.medium,
            connection_detail=booking.connection_detail,
        )
        await timers.schedule(
            uow,
            core.clock,
            NO_SHOW,
            now + timedelta(minutes=core.config.policy.no_show_after_minutes),
            subject_id=session.id,
            dedupe_key=f"{NO_SHOW}:{session.id}",
        )


async def _client_in_session(uow: UnitOfWork, contact_id: int) -> bool:
    found = await uow.session.exec(
        select(ConsultingSession.id).where(
            ConsultingSession.contact_id == contact_id,
            ConsultingSession.status == SessionStatus.OPEN,
        )
    )
    return found.first() is not None


async def _retry_later(uow: UnitOfWork, core: Core, booking: Booking, reason: str) -> None:
    """Tell both sides the start failed; try again in ``RETRY_EVERY`` unless time is over."""
    who = await parties(uow, booking)
    retry_at = core.clock.now() + RETRY_EVERY
    if retry_at >= booking.ends_at:
        await _missed(uow, core, booking, who)
        return
    await timers.schedule(
        uow,
        core.clock,
        START,
        retry_at,
        subject_id=booking.id,
        dedupe_key=f"{START}:{booking.id}:{retry_at:%Y%m%d%H%M}",
    )
    await _say_to_consultant(
        uow,
        core,
        who,
        "booking.consultant.start_failed",
        id=booking.id,
        reason=reason,
        retry=format_time(retry_at.astimezone(core.config.timezone)),
    )
    await _say_to_client(uow, core, who, "booking.client.start_delayed", id=booking.id)


async def _missed(uow: UnitOfWork, core: Core, booking: Booking, who: Parties) -> None:
    """The booked time is over before the session could start: closed, both sides told."""
    now = core.clock.now()
    booking.status, booking.updated_at = BookingStatus.CANCELLED, now
    booking.cancelled_at, booking.cancel_reason = now, "not started in time"
    uow.session.add(booking)
    await _say_to_consultant(uow, core, who, "booking.consultant.missed", id=booking.id)
    await _say_to_client(uow, core, who, "booking.client.missed", id=booking.id)


async def on_booking_start(uow: UnitOfWork, core: Core, timer: Timer) -> None:
    """Timer ``booking.start``: start the booked session and tell both sides."""
    booking = None
    if timer.subject_id is not None:  # locked: a cancel at the same moment waits (PostgreSQL)
        booking = await uow.session.get(Booking, timer.subject_id, with_for_update=True)
    if booking is None or booking.status != BookingStatus.SCHEDULED:
        return
    booking_id = booking.id
    now = core.clock.now()
    who = await parties(uow, booking)
    if now >= booking.ends_at or who.consultant is None:
        await _missed(uow, core, booking, who)
        return
    if who.contact is None or who.contact.erased_at is not None:
        booking.status, booking.updated_at = BookingStatus.DONE, now
        uow.session.add(booking)
        company = who.company.name if who.company else "-"
        await _say_to_consultant(
            uow, core, who, "booking.consultant.no_contact", id=booking_id, company=company
        )
        return
    request = await _request_of(uow, core, booking, who.contact)
    billed = await accepted_consent(uow, who.contact.id or 0, request.id or 0) is not None
    try:
        await _open(uow, core, booking, who, request)
    except BusinessError as error:
        logger.info("booking %s could not start: %s", booking_id, error.key)
        fresh = await uow.session.get(Booking, booking_id, populate_existing=True)
        assert fresh is not None
        await _retry_later(uow, core, fresh, error.render(core.config.language))
        return
    logger.info("booking %s started (terms accepted: %s)", booking_id, billed)
    await _say_to_consultant(
        uow,
        core,
        who,
        "booking.consultant.started",
        id=booking_id,
        contact=display_name(who.contact),
    )
    if not billed:
        await _unbilled_start(uow, core, who, request, booking_id or 0)


async def _unbilled_start(
    uow: UnitOfWork, core: Core, who: Parties, request: Request, booking_id: int
) -> None:
    """No consent yet: the consultant is warned; the client gets (or is reminded of) the terms."""
    await _say_to_consultant(uow, core, who, "booking.consultant.no_consent", id=booking_id)
    assert who.contact is not None
    if request.terms_sha256 is None:
        company = await uow.session.get(Company, request.company_id)
        if company is not None:
            await send_booking_terms(uow, core, who.contact, company, request)
    await _say_to_client(uow, core, who, "booking.client.terms_still_needed", id=booking_id)


async def on_no_show(uow: UnitOfWork, core: Core, timer: Timer) -> None:
    """Timer ``booking.no_show``: a booked client who never came; the session is closed.

    Nothing is billed, or the minimum (``policy.no_show_billing``) when the terms were accepted;
    the consultant is freed, the booking is marked a no-show and the client offered a new time.
    """
    session = await uow.session.get(ConsultingSession, timer.subject_id or 0)
    if session is None or session.status != SessionStatus.OPEN or not awaits_client(session):
        return
    booking = await uow.session.get(Booking, session.booking_id)
    if booking is not None:
        booking.status, booking.updated_at = BookingStatus.NO_SHOW, core.clock.now()
        uow.session.add(booking)
    billed = await accepted_consent(uow, session.contact_id, session.request_id) is not None
    policy = core.config.policy
    if billed and policy.no_show_billing == "minimum":
        minimum = timedelta(minutes=policy.min_periods * policy.period_minutes)
        session.billing_started_at = core.clock.now() - minimum
        uow.session.add(session)
    await close_session(uow, core, session, NO_SHOW_BY, no_show=True)
    contact = await uow.session.get(Contact, session.contact_id)
    if contact is not None and contact.erased_at is None:
        await offer_booking(uow, core, contact, None)
    logger.info("booked session %s closed: the client did not show up", session.id)


async def mark_booking_done(uow: UnitOfWork, core: Core, booking_id: int | None) -> None:
    """The session of a booking ended: the booking is done (call it where sessions end)."""
    if booking_id is None:
        return
    booking = await uow.session.get(Booking, booking_id)
    if booking is not None and booking.status == BookingStatus.STARTED:
        booking.status, booking.updated_at = BookingStatus.DONE, core.clock.now()
        uow.session.add(booking)


async def booking_done_after_session(uow: UnitOfWork, core: Core, event: SessionEnded) -> None:
    """A session ended: the booking it started from, if any, is done."""
    await mark_booking_done(uow, core, event.booking_id)
