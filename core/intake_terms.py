"""The terms card (SPEC 5, steps 3-5): shown with the company's own rate; consent recorded.

What the client was shown (terms version, SHA-256 of the exact text, the rate) is kept on the
request while the card awaits an answer, and copied into the append-only consent on the answer,
so a rate changed in between does not change what the client agreed to.

Action ids: ``terms_ok:<request>`` (Aceito), ``terms_no:<request>`` (Não aceito).
"""

from __future__ import annotations

import logging

from core.consent import TermsCard, record_consent, send_terms
from core.context import Core
from core.db import UnitOfWork
from core.errors import BusinessError
from core.intake_contacts import contact_request, identify
from core.intake_menu import say
from core.messages import t
from core.models import (
    Company,
    Consent,
    Contact,
    Request,
    RequestKind,
    RequestStatus,
)
from core.outbound import Address, Choice
from core.people import contact_language
from core.timefmt import format_datetime, weekday_name

logger = logging.getLogger(__name__)

TERMS_CARD = "terms_card"
"""Outbox purpose of a terms card (subject: the request id)."""


INTAKE_CARD = TermsCard(TERMS_CARD, "terms_ok", "terms_no", "intake.terms")


async def send_terms_card(
    uow: UnitOfWork, core: Core, contact: Contact, company: Company, request: Request
) -> None:
    """Send the consulting terms card; refuse when no terms are published."""
    if not await send_terms(uow, core, contact, company, request, INTAKE_CARD):
        raise BusinessError("intake.terms.unavailable")


def terms_pending(request: Request) -> bool:
    """Whether a terms card of this request awaits the client's answer."""
    if request.terms_version_id is None or request.terms_sha256 is None:
        return False
    if request.kind == RequestKind.SUPPORT.value:
        return request.status == RequestStatus.IN_SESSION.value
    return request.status == RequestStatus.AWAITING_TERMS.value


async def _answerable(uow: UnitOfWork, contact: Contact, request_id: int) -> Request:
    request = await contact_request(uow, contact, request_id)
    if request is None or not terms_pending(request):
        raise BusinessError("intake.expired")
    return request


async def _record_consent(
    uow: UnitOfWork,
    core: Core,
    contact: Contact,
    request: Request,
    *,
    accepted: bool,
    message_ref: str | None,
) -> Consent:
    """Append the consent (accepted or refused) with what was shown."""
    return await record_consent(
        uow, core, contact, request, INTAKE_CARD, accepted=accepted, message_ref=message_ref
    )


async def _join_or_book(uow: UnitOfWork, core: Core, contact: Contact, request: Request) -> None:
    """Inside hours the request joins the queue; outside, the next opening and a booking offer."""
    now = core.clock.now()
    if core.config.hours.is_open(now):
        from core.queue import join_queue

        await join_queue(uow, core, request)
        return
    # Accepted but not placed: a draft again (with its description) until a booking takes it.
    request.status, request.updated_at = RequestStatus.DRAFT.value, now
    uow.session.add(request)
    await uow.session.flush()
    language = contact_language(contact, core.config)
    opening = core.config.hours.next_opening(now).astimezone(core.config.timezone)
    await say(
        uow,
        core,
        contact,
        "intake.closed_now",
        weekday=weekday_name(opening.date(), language),
        when=format_datetime(opening, core.config.timezone),
    )
    from core.booking_chat import offer_booking

    await offer_booking(uow, core, contact, request)


async def accept_terms(
    core: Core,
    address: Address,
    request_id: int,
    *,
    message_ref: str | None = None,
    inbound: tuple[str, str] | None = None,
) -> None:
    """*Aceito*: consent recorded; queue inside hours, else booking; a support chat is billed."""
    async with core.transaction(inbound) as tx:
        if tx.duplicate:
            return
        uow = tx.uow
        contact = await identify(uow, core, address)
        request = await _answerable(uow, contact, request_id)
        consent = await _record_consent(
            uow, core, contact, request, accepted=True, message_ref=message_ref
        )
        if request.kind == RequestKind.SUPPORT.value:
            from core.support_convert import conversion_accepted

            await conversion_accepted(uow, core, contact, request, consent)
            return
        await say(
            uow,
            core,
            contact,
            "intake.accepted",
            when=format_datetime(core.clock.now(), core.config.timezone),
        )
        await _join_or_book(uow, core, contact, request)


async def refuse_terms(
    core: Core,
    address: Address,
    request_id: int,
    *,
    message_ref: str | None = None,
    inbound: tuple[str, str] | None = None,
) -> None:
    """*Não aceito*: a refusal recorded, nothing billed, free support offered."""
    async with core.transaction(inbound) as tx:
        if tx.duplicate:
            return
        uow = tx.uow
        contact = await identify(uow, core, address)
        request = await _answerable(uow, contact, request_id)
        await _record_consent(uow, core, contact, request, accepted=False, message_ref=message_ref)
        if request.kind == RequestKind.SUPPORT.value:
            from core.support_convert import conversion_refused

            await conversion_refused(uow, core, contact, request)
            return
        now = core.clock.now()
        request.status, request.closed_at, request.updated_at = (
            RequestStatus.REFUSED.value,
            now,
            now,
        )
        uow.session.add(request)
        await uow.session.flush()
        language = contact_language(contact, core.config)
        support = Choice("menu:support", t("intake.menu.support", language), "primary")
        await say(uow, core, contact, "intake.refused", choices=(support,))
