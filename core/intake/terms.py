"""The terms card (SPEC 5, steps 3-5): shown with the company's own rate; consent recorded.

What the client was shown (terms version, SHA-256 of the exact text, the rate) is kept on the
request while the card awaits an answer, and copied into the append-only consent on the answer,
so a rate changed in between does not change what the client agreed to.

Action ids: ``terms_ok:<request>`` (Aceito), ``terms_no:<request>`` (Não aceito).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from sqlalchemy import Integer, bindparam
from sqlmodel import col, func, select

from core.booking import offer_booking
from core.cards import opening_params
from core.consent import TermsCard, consent_answered, send_terms
from core.contacts import contact_address, contact_language
from core.context import Core, entry
from core.db import UnitOfWork
from core.errors import BusinessError
from core.events import ConsentAnswered
from core.intake.menu import say
from core.messages import t
from core.models import (
    Company,
    Contact,
    Outbound,
    Request,
    RequestKind,
    RequestStatus,
)
from core.offline import leave_choice
from core.outbox import Address, Choice, OutboundMessage, Post, send_all
from core.queue import join_queue
from core.timefmt import format_datetime

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
    if request.kind == RequestKind.SUPPORT:
        return request.status == RequestStatus.IN_SESSION
    return request.status == RequestStatus.AWAITING_TERMS


_RID = bindparam("rid", type_=Integer())
_NEWEST_CARD = (
    select(func.max(Outbound.id))
    .where(col(Outbound.purpose) == TERMS_CARD, col(Outbound.subject_id) == _RID)
    .where(col(Outbound.edit_of_id).is_(None))
    .scalar_subquery()
)
_ANSWERING = (
    select(Contact, Request, Company, Outbound)
    .join(Request, col(Request.contact_id) == col(Contact.id))
    .outerjoin(Company, col(Company.id) == col(Request.company_id))
    .outerjoin(Outbound, col(Outbound.id) == _NEWEST_CARD)
    .where(col(Contact.channel) == bindparam("channel"))
    .where(col(Contact.external_id) == bindparam("external"))
    .where(col(Request.id) == _RID)
    .with_for_update(of=Request)
    .execution_options(populate_existing=True)
)
"""See ``_answering``: built once, the address and the request bound at each call."""


@dataclass
class _Answer:
    """What answering a terms card reads, in one statement (see ``_answering``)."""

    contact: Contact
    request: Request
    company: Company | None
    shown: Outbound | None
    posts: list[Post] = field(default_factory=list)


async def _answering(uow: UnitOfWork, core: Core, address: Address, request_id: int) -> _Answer:
    """The contact at ``address``, its request ``request_id`` awaiting the answer (locked until
    the commit: a double click on two processes acts once), its company and the terms card.

    One statement; a business error when the request is not the contact's or awaits nothing.
    """
    values = {"channel": address.channel, "external": address.id, "rid": request_id}
    found = (await uow.session.execute(_ANSWERING, values)).first()
    if found is None:  # not the contact's request (or no such contact, request)
        raise BusinessError("intake.expired")
    contact, request, company, shown = found
    if not terms_pending(request):
        raise BusinessError("intake.expired")
    return _Answer(contact, request, company, shown)


async def _record_consent(
    uow: UnitOfWork,
    core: Core,
    answer: _Answer,
    *,
    accepted: bool,
    message_ref: str | None,
) -> int:
    """Append the consent (accepted or refused) with what was shown, its card edit in posts; its
    id."""
    return await consent_answered(
        uow,
        core,
        answer.contact,
        answer.request,
        INTAKE_CARD,
        answer.shown,
        answer.posts,
        accepted=accepted,
        message_ref=message_ref,
    )


async def _answered(
    uow: UnitOfWork, core: Core, answer: _Answer, consent_id: int, *, accepted: bool
) -> None:
    """Publish the answer: a support conversation's conversion goes on in its handler."""
    assert answer.contact.id is not None and answer.request.id is not None
    event = ConsentAnswered(answer.contact.id, answer.request.id, consent_id, accepted)
    await core.publish(uow, event)


async def _join_or_book(uow: UnitOfWork, core: Core, answer: _Answer) -> None:
    """Inside hours the request joins the queue; outside, the next opening and a booking offer."""
    contact, request = answer.contact, answer.request
    now = core.clock.now()
    if core.config.hours.is_open(now):
        await join_queue(uow, core, request, posts=answer.posts)
        return
    await send_all(uow, core.clock, answer.posts)
    await closed_offer_booking(uow, core, contact, request)


async def closed_offer_booking(
    uow: UnitOfWork, core: Core, contact: Contact, request: Request
) -> None:
    """Closed now: say when we open, offer to leave the team a message (*Deixar recado*) and a
    booking for the request (a draft until then)."""
    now = core.clock.now()
    request.status, request.updated_at = RequestStatus.DRAFT, now
    uow.session.add(request)
    await uow.session.flush()
    language = contact_language(contact, core.config)
    opening = opening_params(core, language)
    assert request.id is not None
    leave = leave_choice(request.id, language)  # beside booking: a message for the team
    await say(uow, core, contact, "offline.closed_now", choices=(leave,), **opening)
    await offer_booking(uow, core, contact, request)


@entry
async def accept_terms(
    core: Core,
    address: Address,
    request_id: int,
    *,
    message_ref: str | None = None,
    inbound: tuple[str, str] | None = None,
) -> None:
    """*Aceito*: consent recorded; queue inside hours, else booking; a support chat is billed.

    The terms card's edit, the "accepted" message and the queue's cards are written in one
    statement.
    """
    async with core.transaction(inbound) as uow:
        answer = await _answering(uow, core, address, request_id)
        contact, request = answer.contact, answer.request
        consent_id = await _record_consent(
            uow, core, answer, accepted=True, message_ref=message_ref
        )
        is_support = request.kind == RequestKind.SUPPORT
        if is_support:  # its conversion's messages come after the card's edit
            await send_all(uow, core.clock, answer.posts)
        await _answered(uow, core, answer, consent_id, accepted=True)
        if is_support:
            return
        language = contact_language(contact, core.config)
        when = format_datetime(core.clock.now(), core.config.timezone)
        accepted = OutboundMessage(t("intake.accepted", language, when=when))
        answer.posts.append(Post(contact_address(contact), accepted))
        await _join_or_book(uow, core, answer)


@entry
async def refuse_terms(
    core: Core,
    address: Address,
    request_id: int,
    *,
    message_ref: str | None = None,
    inbound: tuple[str, str] | None = None,
) -> None:
    """*Não aceito*: a refusal recorded, nothing billed, free support offered."""
    async with core.transaction(inbound) as uow:
        answer = await _answering(uow, core, address, request_id)
        contact, request = answer.contact, answer.request
        consent_id = await _record_consent(
            uow, core, answer, accepted=False, message_ref=message_ref
        )
        await send_all(uow, core.clock, answer.posts)
        is_support = request.kind == RequestKind.SUPPORT
        await _answered(uow, core, answer, consent_id, accepted=False)
        if is_support:
            return
        now = core.clock.now()
        request.status, request.closed_at, request.updated_at = (
            RequestStatus.REFUSED,
            now,
            now,
        )
        uow.session.add(request)
        await uow.session.flush()
        language = contact_language(contact, core.config)
        support = Choice("menu:support", t("intake.menu.support", language), "primary")
        await say(uow, core, contact, "intake.refused", choices=(support,))
