"""The terms card of a booking made without the client's consent (by staff, or from the menu).

Nothing is billed without an accepted consent for the booking's request, and billing time starts
at acceptance (SPEC 4). The card shows the current terms with the company's rate; what was shown is
kept on the request (as the intake's card does) and copied into the append-only consent on the
answer. Accepting while the booked session already runs starts its billing then; refusing cancels
the booking and offers free support.

Action ids: ``bterms_ok:<request>`` (Aceito), ``bterms_no:<request>`` (Não aceito).
"""

from __future__ import annotations

import logging

from sqlmodel import col, select

from core.booking.change import close_booking
from core.booking.rules import ACTIVE_BOOKING_STATUSES, contact_at
from core.consent import TermsCard, record_consent, send_terms
from core.contacts import consultant_address, contact_address, contact_language
from core.context import Core, entry
from core.db import UnitOfWork
from core.errors import BusinessError
from core.messages import t
from core.models import (
    Booking,
    BookingStatus,
    Company,
    Consultant,
    ConsultingSession,
    Contact,
    Request,
    RequestStatus,
    SessionStatus,
)
from core.outbox import Address, Choice, OutboundMessage, send
from core.sessions import client_present
from core.timefmt import format_datetime

logger = logging.getLogger(__name__)

BOOKING_TERMS_CARD = "booking_terms"
"""Outbox purpose of a booking's terms card (subject: the request id)."""


BOOKING_CARD = TermsCard(BOOKING_TERMS_CARD, "bterms_ok", "bterms_no", "booking.terms")


async def send_booking_terms(
    uow: UnitOfWork, core: Core, contact: Contact, company: Company, request: Request
) -> bool:
    """Send the terms card for a booked request; False when no terms are published."""
    return await send_terms(uow, core, contact, company, request, BOOKING_CARD)


async def _pending(uow: UnitOfWork, contact: Contact, request_id: int) -> tuple[Request, Booking]:
    request = await uow.session.get(Request, request_id)
    if request is None or request.contact_id != contact.id or request.terms_sha256 is None:
        raise BusinessError("booking.terms.expired")
    booking = (
        await uow.session.exec(
            select(Booking)
            .where(
                Booking.request_id == request_id, col(Booking.status).in_(ACTIVE_BOOKING_STATUSES)
            )
            .order_by(col(Booking.id).desc())
        )
    ).first()
    if booking is None:
        raise BusinessError("booking.terms.expired")
    return request, booking


async def _tell_consultant(uow: UnitOfWork, core: Core, booking: Booking, key: str) -> None:
    consultant = await uow.session.get(Consultant, booking.consultant_id or 0)
    if consultant is not None:
        text = t(
            key,
            core.config.language,
            id=booking.id,
            when=format_datetime(core.clock.now(), core.config.timezone),
        )
        await send(
            uow, core.clock, consultant_address(consultant, core.config), OutboundMessage(text)
        )


@entry
async def accept_booking_terms(
    core: Core,
    address: Address,
    request_id: int,
    *,
    message_ref: str | None = None,
    inbound: tuple[str, str] | None = None,
) -> None:
    """*Aceito* on a booking's terms: consent recorded; a running booked session starts billing."""
    async with core.transaction(inbound) as uow:
        contact = await contact_at(uow, address)
        request, booking = await _pending(uow, contact, request_id)
        await record_consent(
            uow, core, contact, request, BOOKING_CARD, accepted=True, message_ref=message_ref
        )
        language = contact_language(contact, core.config)
        when = format_datetime(booking.starts_at, core.config.timezone)
        text = t("booking.terms.accepted", language, id=booking.id, when=when)
        await send(uow, core.clock, contact_address(contact), OutboundMessage(text))
        if booking.status == BookingStatus.STARTED:
            session = (
                await uow.session.exec(
                    select(ConsultingSession).where(
                        ConsultingSession.request_id == request_id,
                        ConsultingSession.status == SessionStatus.OPEN,
                    )
                )
            ).first()
            if session is not None:
                await client_present(uow, core, session)
            await _tell_consultant(uow, core, booking, "booking.consultant.terms_accepted_now")


@entry
async def refuse_booking_terms(
    core: Core,
    address: Address,
    request_id: int,
    *,
    message_ref: str | None = None,
    inbound: tuple[str, str] | None = None,
) -> None:
    """*Não aceito* on a booking's terms: refusal recorded, booking cancelled, support offered."""
    async with core.transaction(inbound) as uow:
        contact = await contact_at(uow, address)
        request, booking = await _pending(uow, contact, request_id)
        await record_consent(
            uow, core, contact, request, BOOKING_CARD, accepted=False, message_ref=message_ref
        )
        language = contact_language(contact, core.config)
        support = Choice("menu:support", t("booking.menu_support", language), "primary")
        if booking.status == BookingStatus.SCHEDULED:
            reason = t("booking.terms.refused_reason", core.config.language)
            await close_booking(
                uow, core, booking, reason=reason, request_status=RequestStatus.REFUSED
            )
            text = t("booking.terms.refused", language, id=booking.id)
            await _tell_consultant(uow, core, booking, "booking.consultant.terms_refused")
        else:
            text = t("booking.terms.refused_in_session", language)
            await _tell_consultant(uow, core, booking, "booking.consultant.terms_refused_now")
        message = OutboundMessage(text, choices=(support,))
        await send(uow, core.clock, contact_address(contact), message)
