"""Free support (SPEC 7): opening a support conversation and the 15-minute nudge."""

from __future__ import annotations

import logging

from core.billing import format_brl
from core.cards import opening_params
from core.companies import format_cnpj
from core.contacts import (
    contact_address,
    contact_company,
    contact_language,
    current_request,
    display_name,
    identify,
    open_session_of,
)
from core.context import Core, entry
from core.db import UnitOfWork
from core.events import RequestCreated
from core.intake import cancel_request, say
from core.messages import t
from core.models import (
    Company,
    ConsultingSession,
    Contact,
    Request,
    RequestKind,
    RequestStatus,
    SessionStatus,
    Timer,
)
from core.outbox import REQUEST_CARD, Address, Choice, Field, OutboundMessage, send
from core.sessions import SESSION_CLIENT_START, invite_choice
from core.support.convert import (
    post_in_thread,
)
from core.timefmt import format_datetime
from core.timers import Handler, schedule

logger = logging.getLogger(__name__)

NUDGE = "support.nudge"


def _card(
    core: Core, contact: Contact, company: Company, session: ConsultingSession
) -> OutboundMessage:
    language = core.config.language
    name = display_name(contact)
    company_text = company.name + (f" — {format_cnpj(company.cnpj)}" if company.cnpj else "")
    return OutboundMessage(
        t("support.card.text", language, name=name, company=company.name),
        title=t("support.card.title", language),
        fields=(
            Field(t("support.card.company", language), company_text),
            Field(t("support.card.contact", language), name),
            Field(t("support.card.product_line", language), company.product_line),
            Field(
                t("support.card.since", language),
                format_datetime(session.started_at, core.config.timezone),
            ),
        ),
        choices=(
            Choice(f"convert:{session.id}", t("support.convert", language), "primary"),
            Choice(f"end:{session.id}", t("support.end", language), "danger"),
        ),
    )


async def _may_open(uow: UnitOfWork, core: Core, contact: Contact) -> Company | None:
    """The contact's company when a support chat may open now; else say why and return None."""
    company = await contact_company(uow, contact)
    if company is None:
        await say(uow, core, contact, "intake.not_linked")
        return None
    if not company.active:
        await say(uow, core, contact, "intake.company_inactive", company=company.name)
        return None
    session = await open_session_of(uow, contact.id)
    if session is not None:
        key = "support.already_open" if session.kind == RequestKind.SUPPORT else None
        await say(uow, core, contact, key or "intake.already_in_session")
        return None
    current = await current_request(uow, contact)
    if current is not None and current.status == RequestStatus.QUEUED:
        await say(uow, core, contact, "support.queued", id=current.id)
        return None
    if current is not None and current.status == RequestStatus.IN_SESSION:
        await say(uow, core, contact, "intake.already_in_session")
        return None
    if current is not None:
        await cancel_request(uow, core, current)
    return company


@entry
async def begin_support(
    core: Core, address: Address, inbound: tuple[str, str] | None = None
) -> None:
    """*Suporte técnico*: a free support conversation with a card for the support staff."""
    async with core.transaction(inbound) as uow:
        contact = await identify(uow, core, address)
        company = await _may_open(uow, core, contact)
        if company is None:
            return
        assert contact.id is not None and company.id is not None
        now = core.clock.now()
        request = Request(
            kind=RequestKind.SUPPORT,
            status=RequestStatus.IN_SESSION,
            contact_id=contact.id,
            company_id=company.id,
            created_at=now,
            updated_at=now,
        )
        uow.session.add(request)
        await uow.session.flush()
        assert request.id is not None
        await core.publish(uow, RequestCreated(request.id))
        session = ConsultingSession(
            request_id=request.id,
            kind=RequestKind.SUPPORT,
            status=SessionStatus.OPEN,
            contact_id=contact.id,
            company_id=company.id,
            started_at=now,
        )
        uow.session.add(session)
        await uow.session.flush()
        assert session.id is not None
        card = _card(core, contact, company, session)
        await send(
            uow,
            core.clock,
            core.config.staff.support,
            card,
            purpose=REQUEST_CARD,
            subject_id=request.id,
        )
        await schedule(
            uow,
            core.clock,
            NUDGE,
            now + core.config.support_threshold,
            subject_id=session.id,
            dedupe_key=f"{NUDGE}:{session.id}",
        )
        if core.config.hours.is_open(now):
            language = contact_language(contact, core.config)
            started = OutboundMessage(
                t("support.started", language), choices=(invite_choice(session.id, language),)
            )
            await send(
                uow,
                core.clock,
                contact_address(contact),
                started,
                purpose=SESSION_CLIENT_START,
                subject_id=session.id,
            )
        else:
            opening = opening_params(core, contact_language(contact, core.config))
            await say(
                uow,
                core,
                contact,
                "support.started_closed",
                weekday=opening["weekday"],
                when=opening["when"],
            )
        logger.info("support session %s opened for contact %s", session.id, contact.id)


async def on_support_nudge(uow: UnitOfWork, core: Core, timer: Timer) -> None:
    """At the threshold, suggest in the thread of a still-open support chat to offer consulting."""
    if timer.subject_id is None:
        return
    session = await uow.session.get(ConsultingSession, timer.subject_id)
    if session is None or session.status != SessionStatus.OPEN:
        return
    if session.kind != RequestKind.SUPPORT:
        return
    company = await uow.session.get(Company, session.company_id)
    language = core.config.language
    policy = core.config.policy
    mention = f"<@{session.attendant_key}> " if session.attendant_key else ""
    text = t(
        "support.nudge",
        language,
        mention=mention,
        minutes=int(core.config.support_threshold.total_seconds() // 60),
        rate=format_brl(company.hourly_rate_cents if company else 0, language),
        period=policy.period_minutes,
    )
    convert = Choice(f"convert:{session.id}", t("support.convert", language), "primary")
    await post_in_thread(uow, core, session, OutboundMessage(text, choices=(convert,)))


TIMER_HANDLERS: dict[str, Handler] = {NUDGE: on_support_nudge}
"""The timer kinds this part schedules, with their handlers (for the timer loop's wiring)."""
