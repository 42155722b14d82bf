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

from core.booking_change import close_booking
from core.booking_rules import ACTIVE_BOOKING_STATUSES, contact_at
from core.context import Core
from core.db import UnitOfWork
from core.errors import BusinessError
from core.messages import normalise_language, t
from core.models import (
    Booking,
    BookingStatus,
    Company,
    Consent,
    Consultant,
    ConsultingSession,
    Contact,
    Request,
    RequestStatus,
    SessionStatus,
)
from core.outbound import Address, Choice, OutboundMessage, latest_outbound, send
from core.people import consultant_address, contact_address, contact_language
from core.terms import current_terms, render_terms, terms_text_sha256
from core.timefmt import format_datetime

logger = logging.getLogger(__name__)

BOOKING_TERMS_CARD = "booking_terms"
"""Outbox purpose of a booking's terms card (subject: the request id)."""


async def send_booking_terms(
    uow: UnitOfWork, core: Core, contact: Contact, company: Company, request: Request
) -> bool:
    """Send the terms card for a booked request; False when no terms are published."""
    language = normalise_language(contact_language(contact, core.config))
    terms = await current_terms(uow, language) or await current_terms(uow, core.config.language)
    if terms is None or terms.id is None:
        logger.warning("no terms published: booked request %s has no terms card", request.id)
        return False
    rate = company.hourly_rate_cents
    text = render_terms(
        terms.template,
        rate_cents=rate,
        policy=core.config.policy,
        language=terms.language,
        version=terms.version,
    )
    digest = terms_text_sha256(text)
    request.terms_version_id, request.terms_rate_cents, request.terms_sha256 = (
        terms.id,
        rate,
        digest,
    )
    request.updated_at = core.clock.now()
    uow.session.add(request)
    await uow.session.flush()
    card = OutboundMessage(
        text,
        choices=(
            Choice(f"bterms_ok:{request.id}", t("booking.terms.accept", language), "primary"),
            Choice(f"bterms_no:{request.id}", t("booking.terms.refuse", language), "danger"),
        ),
        extra={"terms_version_id": terms.id, "text_sha256": digest, "rate_cents": rate},
    )
    await send(
        uow,
        core.clock,
        contact_address(contact),
        card,
        purpose=BOOKING_TERMS_CARD,
        subject_id=request.id,
    )
    return True


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


async def _record(
    uow: UnitOfWork,
    core: Core,
    contact: Contact,
    request: Request,
    *,
    accepted: bool,
    message_ref: str | None,
) -> Consent:
    """Append the consent with what was shown; the card is edited to show the answer."""
    assert contact.id is not None and request.id is not None
    assert request.terms_version_id is not None and request.terms_sha256 is not None
    assert request.terms_rate_cents is not None
    card = await latest_outbound(uow, BOOKING_TERMS_CARD, request.id)
    if message_ref is None and card is not None and card.platform_ref is not None:
        message_ref = f"{card.address}:{card.platform_ref}"
    now = core.clock.now()
    consent = Consent(
        contact_id=contact.id,
        company_id=request.company_id,
        request_id=request.id,
        terms_version_id=request.terms_version_id,
        text_sha256=request.terms_sha256,
        rate_cents_shown=request.terms_rate_cents,
        channel=contact.channel,
        message_ref=message_ref[:128] if message_ref else None,
        accepted=accepted,
        created_at=now,
    )
    uow.session.add(consent)
    request.terms_version_id = request.terms_rate_cents = request.terms_sha256 = None
    request.updated_at = now
    uow.session.add(request)
    await uow.session.flush()
    if card is not None:
        language = contact_language(contact, core.config)
        key = "booking.terms.answered_yes" if accepted else "booking.terms.answered_no"
        answered = t(key, language, when=format_datetime(now, core.config.timezone))
        edited = OutboundMessage(f"{card.payload['text']}\n\n{answered}")
        await send(uow, core.clock, contact_address(contact), edited, edit_of=card.id)
    return consent


async def _tell_consultant(uow: UnitOfWork, core: Core, booking: Booking, key: str) -> None:
    consultant = await uow.session.get(Consultant, booking.consultant_id or 0)
    if consultant is not None:
        text = t(
            key,
            core.config.language,
            id=booking.id,
            when=format_datetime(core.clock.now(), core.config.timezone),
        )
        await send(uow, core.clock, consultant_address(consultant), OutboundMessage(text))


async def accept_booking_terms(
    core: Core,
    address: Address,
    request_id: int,
    *,
    message_ref: str | None = None,
    inbound: tuple[str, str] | None = None,
) -> None:
    """*Aceito* on a booking's terms: consent recorded; a running booked session starts billing."""
    async with core.transaction(inbound) as tx:
        if tx.duplicate:
            return
        uow = tx.uow
        contact = await contact_at(uow, address)
        request, booking = await _pending(uow, contact, request_id)
        await _record(uow, core, contact, request, accepted=True, message_ref=message_ref)
        language = contact_language(contact, core.config)
        when = format_datetime(booking.starts_at, core.config.timezone)
        text = t("booking.terms.accepted", language, id=booking.id, when=when)
        await send(uow, core.clock, contact_address(contact), OutboundMessage(text))
        if booking.status == BookingStatus.STARTED.value:
            session = (
                await uow.session.exec(
                    select(ConsultingSession).where(
                        ConsultingSession.request_id == request_id,
                        ConsultingSession.status == SessionStatus.OPEN.value,
                    )
                )
            ).first()
            if session is not None and session.billing_started_at is None:
                session.billing_started_at = core.clock.now()
                uow.session.add(session)
            await _tell_consultant(uow, core, booking, "booking.consultant.terms_accepted_now")


async def refuse_booking_terms(
    core: Core,
    address: Address,
    request_id: int,
    *,
    message_ref: str | None = None,
    inbound: tuple[str, str] | None = None,
) -> None:
    """*Não aceito* on a booking's terms: refusal recorded, booking cancelled, support offered."""
    async with core.transaction(inbound) as tx:
        if tx.duplicate:
            return
        uow = tx.uow
        contact = await contact_at(uow, address)
        request, booking = await _pending(uow, contact, request_id)
        await _record(uow, core, contact, request, accepted=False, message_ref=message_ref)
        language = contact_language(contact, core.config)
        support = Choice("menu:support", t("booking.menu_support", language), "primary")
        if booking.status == BookingStatus.SCHEDULED.value:
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
