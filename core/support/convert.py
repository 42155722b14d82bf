"""Turning a support conversation into paid consulting (SPEC 4): terms first, billing from consent.

The attendant (``convert:<session>``) or the client (``menu:convert``) asks; the client gets the
same terms card as a consulting request; on *Aceito* the same session becomes kind consulting and
billing starts at the acceptance; on *Não aceito* it stays free support.
"""

from __future__ import annotations

import logging

from sqlmodel import select

from core.billing import format_brl
from core.contacts import contact_language, identify, load_company, load_contact, open_session_of
from core.context import Core, entry
from core.db import UnitOfWork
from core.errors import BusinessError, Conflict, NotFound
from core.events import ConsentAnswered
from core.intake import say, send_terms_card
from core.messages import t
from core.models import (
    Consent,
    ConsultingSession,
    Contact,
    Request,
    RequestKind,
    SessionParticipant,
    SessionStatus,
)
from core.outbox import Address, OutboundMessage
from core.queue import check_alternative_hours
from core.sessions import ROLE_ATTENDANT, thread_post
from core.support.handover import (
    check_may_convert,
    chosen_area,
    hand_over,
    keep_with_consultant,
    keeper_id,
    not_handed_over,
    plan_note,
)
from core.timefmt import format_time
from core.timers import cancel

logger = logging.getLogger(__name__)

CONVERT_CLOSED = "support.convert.closed"
"""Staff converting outside the opening hours without a time agreed with the client."""
CLIENT_CLOSED = "support.convert.closed_client"
"""A client asking for (or accepting) paid consulting while closed, with no agreed time."""

NUDGE = "support.nudge"


async def session_of_request(uow: UnitOfWork, request_id: int) -> ConsultingSession | None:
    """The session of a request, if it has one."""
    statement = select(ConsultingSession).where(ConsultingSession.request_id == request_id)
    return (await uow.session.exec(statement)).first()


async def post_in_thread(
    uow: UnitOfWork, core: Core, session: ConsultingSession, message: OutboundMessage
) -> None:
    """Post ``message`` in the support conversation's thread."""
    await thread_post(uow, core, session, message)


def _is_open_support(session: ConsultingSession | None) -> bool:
    return (
        session is not None
        and session.status == SessionStatus.OPEN
        and session.kind == RequestKind.SUPPORT
    )


async def _offer_terms(
    uow: UnitOfWork,
    core: Core,
    contact: Contact,
    session: ConsultingSession,
    *,
    by_staff_key: str | None,
) -> None:
    request = await uow.session.get(Request, session.request_id)
    company = await load_company(uow, session.company_id)
    assert request is not None
    not_handed_over(request)
    if not company.active or not core.config.product_lines.is_served(company.product_line):
        raise BusinessError(
            "support.convert_unavailable",
            company=company.name,
            product_line=core.config.product_lines.display(company.product_line),
        )
    await say(uow, core, contact, "support.convert.client_intro")
    await send_terms_card(uow, core, contact, company, request)
    language = core.config.language
    if by_staff_key is not None:
        note = t("support.convert.sent_by", language, by=by_staff_key)
    else:
        note = t("support.convert.asked", language)
    note += "\n" + await plan_note(uow, core, request)
    await post_in_thread(uow, core, session, OutboundMessage(note))


async def _attend(uow: UnitOfWork, core: Core, session: ConsultingSession, by: str) -> None:
    """Whoever converts a support chat nobody answered yet becomes its attendant."""
    assert session.id is not None
    session.attendant_key = by
    uow.session.add(session)
    uow.session.add(
        SessionParticipant(
            session_id=session.id, staff_key=by, role=ROLE_ATTENDANT, joined_at=core.clock.now()
        )
    )
    await uow.session.flush()


@entry
async def convert_to_consulting(
    core: Core,
    session_id: int,
    *,
    by_staff_key: str,
    area: str | None = None,
    keep: bool = False,
    alternative_hours: bool = False,
    inbound: tuple[str, str] | None = None,
) -> None:
    """*Converter em consultoria* (support staff or a consultant): the client gets the terms.

    ``area``: the consultants it goes to once accepted (None: any); ``keep``: the converting
    consultant (of that area) attends the client themselves (:mod:`core.support.handover`).
    Outside the opening hours only at a time agreed with the client (``alternative_hours``),
    recorded on the session and its billing.
    """
    async with core.transaction(inbound) as uow:
        by = by_staff_key.strip().upper()
        await check_may_convert(uow, by)
        session = await uow.session.get(ConsultingSession, session_id)
        if session is None:
            raise NotFound("support.not_found", id=session_id)
        if not _is_open_support(session):
            raise Conflict("support.not_open")
        session.alternative_hours = check_alternative_hours(core, alternative_hours, CONVERT_CLOSED)
        request = await uow.session.get(Request, session.request_id)
        assert request is not None
        not_handed_over(request)
        request.area = chosen_area(core, area)
        request.taken_by_id = await keeper_id(uow, by, request.area) if keep else None
        uow.session.add(request)
        if session.attendant_key is None:
            await _attend(uow, core, session, by)
        contact = await load_contact(uow, session.contact_id)
        await _offer_terms(uow, core, contact, session, by_staff_key=by)


@entry
async def convert_request(
    core: Core, address: Address, inbound: tuple[str, str] | None = None
) -> None:
    """The client asks to go on as consulting: the terms card, and a note in the thread."""
    async with core.transaction(inbound) as uow:
        contact = await identify(uow, core, address)
        session = await open_session_of(uow, contact.id)
        if session is None or not _is_open_support(session):
            await say(uow, core, contact, "support.no_support")
            return
        check_alternative_hours(core, session.alternative_hours, CLIENT_CLOSED)
        await _offer_terms(uow, core, contact, session, by_staff_key=None)


async def conversion_accepted(
    uow: UnitOfWork, core: Core, contact: Contact, request: Request, consent: Consent
) -> None:
    """The client accepted: kept by the converting consultant, or handed over to the queue."""
    assert request.id is not None
    session = await session_of_request(uow, request.id)
    if session is None or not _is_open_support(session):
        raise BusinessError("intake.expired")
    check_alternative_hours(core, session.alternative_hours, CLIENT_CLOSED)
    await cancel(uow, kind=NUDGE, subject_id=session.id)
    if request.taken_by_id is None:
        await hand_over(uow, core, contact, session, request)
        return
    await keep_with_consultant(uow, core, session, request, consent)
    local = core.clock.now().astimezone(core.config.timezone)
    await say(
        uow,
        core,
        contact,
        "support.converted.client",
        time=format_time(local),
        rate=format_brl(consent.rate_cents_shown, contact_language(contact, core.config)),
    )
    logger.info("support session %s converted to consulting", session.id)


async def conversion_refused(
    uow: UnitOfWork, core: Core, contact: Contact, request: Request
) -> None:
    """The client refused: the conversation stays free support."""
    assert request.id is not None
    session = await session_of_request(uow, request.id)
    if session is None or not _is_open_support(session):
        raise BusinessError("intake.expired")
    await say(uow, core, contact, "support.refused.client")
    text = t("support.refused.thread", core.config.language)
    await post_in_thread(uow, core, session, OutboundMessage(text))


async def on_consent_answered(uow: UnitOfWork, core: Core, event: ConsentAnswered) -> None:
    """A support conversation's terms were answered: convert it, or keep it free."""
    request = await uow.session.get(Request, event.request_id)
    contact = await uow.session.get(Contact, event.contact_id)
    if request is None or contact is None or request.kind != RequestKind.SUPPORT:
        return
    if not event.accepted:
        await conversion_refused(uow, core, contact, request)
        return
    consent = await uow.session.get(Consent, event.consent_id)
    assert consent is not None
    await conversion_accepted(uow, core, contact, request, consent)
