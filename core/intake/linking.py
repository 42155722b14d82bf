"""Linking a contact to its company: by access code, or by a secretary's approval (SPEC 2).

Action ids (staff card in ``config.staff.links``): ``link_ok:<link_request>`` (approve; the company
is the only one matching the hint), ``link_ok:<link_request>:<company>`` (approve for that company,
one button per candidate when several match), ``link_no:<link_request>`` (refuse). Client
action id: ``nocode`` -> :func:`no_code` (the person has no access code and names the company).

An unlinked person is asked for the access code first; only after *Não tenho código* is their
next text taken as the company's name or CNPJ, so a greeting never becomes a link request.
"""

from __future__ import annotations

import logging
import re

from sqlmodel import col, select

from core.companies import (
    ACCESS_CODE_ALPHABET,
    ACCESS_CODE_LENGTH,
    company_by_access_code,
    find_companies,
)
from core.contacts import contact_company, contact_language, display_name, identify, load_contact
from core.context import Core, entry
from core.db import UnitOfWork
from core.errors import Conflict, Forbidden, InvalidInput, NotFound
from core.events import ContactLinked
from core.intake.menu import (
    CODE_QUESTION,
    COMPANY_SWITCH,
    close_question,
    say,
    send_menu,
    send_unlinked,
)
from core.messages import t
from core.models import Company, Contact, LinkRequest, LinkRequestStatus, StaffRole
from core.outbox import Address, Choice, Field, OutboundMessage, latest_outbound, send
from core.sessions import join_with_code, looks_like_invitation
from core.staff import has_role
from core.timefmt import format_datetime

logger = logging.getLogger(__name__)

LINK_CARD = "link_card"
"""Outbox purpose of a link request's card (subject: the link request id)."""
_HINT_MAX = 200
_CANDIDATE_BUTTONS = 5
_SEPARATORS = re.compile(r"[\s\-]")


def looks_like_code(text: str) -> bool:
    """Whether typed text is shaped like an access code (8 code characters, a digit or capitals)."""
    stripped = text.strip()
    key = _SEPARATORS.sub("", stripped).upper()
    if len(key) != ACCESS_CODE_LENGTH or any(c not in ACCESS_CODE_ALPHABET for c in key):
        return False
    return any(c.isdigit() for c in key) or stripped == stripped.upper()


async def link_by_code(uow: UnitOfWork, core: Core, contact: Contact, code: str) -> bool:
    """Link the contact with an access code and greet them; tell them when the code is unknown.

    A colleague's session invitation code (``core.sessions.join_with_code``) joins that session.
    """
    if looks_like_invitation(code):
        await join_with_code(uow, core, contact, code)
        return False
    company = await company_by_access_code(uow, code)
    if company is None:
        shown = " ".join(code.split())[:40]
        await send_unlinked(uow, core, contact, "intake.code_unknown", code=shown)
        return False
    contact.company_id = company.id
    uow.session.add(contact)
    await drop_link_drafts(uow, core, contact)
    await close_question(uow, core, contact, CODE_QUESTION, contact.id)
    await uow.session.flush()
    logger.info("contact %s linked to company %s by access code", contact.id, company.id)
    await say(uow, core, contact, "intake.linked", company=company.name)
    await send_menu(uow, core, contact, company, greet=False)
    return True


async def link_if_known_code(uow: UnitOfWork, core: Core, contact: Contact, text: str) -> bool:
    """Link the contact when ``text`` is an active company's access code in any case.

    A code of letters only typed in lower case reads like a word, so :func:`looks_like_code`
    does not take it; it is still a code when a company has it.
    """
    if await company_by_access_code(uow, text) is None:
        return False
    return await link_by_code(uow, core, contact, text)


@entry
async def link_with_code(
    core: Core, address: Address, code: str, inbound: tuple[str, str] | None = None
) -> None:
    """A typed or deep-linked access code: link the contact, or say the code is unknown."""
    async with core.transaction(inbound) as uow:
        contact = await identify(uow, core, address)
        await link_by_code(uow, core, contact, code)


async def contact_link(
    uow: UnitOfWork, contact: Contact, status: LinkRequestStatus
) -> LinkRequest | None:
    """The contact's newest link request in ``status``, or None."""
    result = await uow.session.exec(
        select(LinkRequest)
        .where(LinkRequest.contact_id == contact.id, LinkRequest.status == status)
        .order_by(col(LinkRequest.id).desc())
    )
    return result.first()


async def _pending_link(uow: UnitOfWork, contact: Contact) -> LinkRequest | None:
    return await contact_link(uow, contact, LinkRequestStatus.PENDING)


_DRAFTS = (LinkRequestStatus.AWAITING_HINT, LinkRequestStatus.AWAITING_SWITCH)


async def drop_link_drafts(uow: UnitOfWork, core: Core, contact: Contact) -> None:
    """Drop what waited for the contact's answer (a company name, a switch to confirm); a
    switch question's buttons go with it."""
    result = await uow.session.exec(
        select(LinkRequest).where(
            LinkRequest.contact_id == contact.id, col(LinkRequest.status).in_(_DRAFTS)
        )
    )
    for draft in result.all():
        if draft.status == LinkRequestStatus.AWAITING_SWITCH:
            await close_question(uow, core, contact, COMPANY_SWITCH, draft.id)
        draft.status = LinkRequestStatus.DROPPED
        uow.session.add(draft)


async def awaits_company_name(uow: UnitOfWork, contact: Contact) -> bool:
    """Whether the contact's next text names their company (*Não tenho código*, or a request
    already waiting for a secretary, which their text is told about)."""
    if await contact_link(uow, contact, LinkRequestStatus.AWAITING_HINT) is not None:
        return True
    return await _pending_link(uow, contact) is not None


@entry
async def no_code(core: Core, address: Address, inbound: tuple[str, str] | None = None) -> None:
    """*Não tenho código*: ask for the company's name or CNPJ (the next text is a link request)."""
    async with core.transaction(inbound) as uow:
        contact = await identify(uow, core, address)
        chosen = t("intake.no_code", contact_language(contact, core.config))
        await close_question(uow, core, contact, CODE_QUESTION, contact.id, chosen)
        company = await contact_company(uow, contact)
        if company is not None:
            await send_menu(uow, core, contact, company)
            return
        pending = await _pending_link(uow, contact)
        if pending is not None:
            await say(uow, core, contact, "intake.link.still_waiting", hint=pending.company_hint)
            return
        if await contact_link(uow, contact, LinkRequestStatus.AWAITING_HINT) is None:
            assert contact.id is not None
            draft = LinkRequest(
                contact_id=contact.id,
                company_hint="",
                status=LinkRequestStatus.AWAITING_HINT,
                created_at=core.clock.now(),
            )
            uow.session.add(draft)
            await uow.session.flush()
        await say(uow, core, contact, "intake.link.ask_company")


def _card(
    core: Core, contact: Contact, link: LinkRequest, candidates: list[Company]
) -> OutboundMessage:
    language = core.config.language
    name = display_name(contact)
    names = ", ".join(f"{c.name} (#{c.id})" for c in candidates)
    if len(candidates) == 1:
        approve = [
            Choice(
                f"link_ok:{link.id}",
                t("intake.link.approve_company", language, company=candidates[0].name)[:75],
                "primary",
            )
        ]
    else:
        approve = [Choice(f"link_ok:{link.id}", t("intake.link.approve", language), "primary")]
        approve += [
            Choice(
                f"link_ok:{link.id}:{c.id}",
                t("intake.link.approve_company", language, company=c.name)[:75],
            )
            for c in candidates[:_CANDIDATE_BUTTONS]
        ]
    return OutboundMessage(
        t("intake.link.card_text", language, name=name, hint=link.company_hint),
        title=t("intake.link.card_title", language),
        fields=(
            Field(t("intake.link.field_contact", language), f"{name} ({contact.channel})"),
            Field(t("intake.link.field_hint", language), link.company_hint),
            Field(
                t("intake.link.field_candidates", language),
                names or t("intake.link.no_candidates", language),
            ),
        ),
        choices=(
            *approve,
            Choice(f"link_no:{link.id}", t("intake.link.refuse", language), "danger"),
        ),
    )


async def open_link_request(uow: UnitOfWork, core: Core, contact: Contact, hint: str) -> None:
    """Ask the secretaries to link the contact to the company ``hint`` (name or CNPJ)."""
    cleaned = " ".join(hint.split())[:_HINT_MAX]
    if not cleaned:
        await send_unlinked(uow, core, contact)
        return
    pending = await _pending_link(uow, contact)
    if pending is not None:
        await say(uow, core, contact, "intake.link.still_waiting", hint=pending.company_hint)
        return
    assert contact.id is not None
    link = await contact_link(uow, contact, LinkRequestStatus.AWAITING_HINT)
    if link is None:
        link = LinkRequest(contact_id=contact.id, company_hint=cleaned)
    link.company_hint = cleaned
    link.status = LinkRequestStatus.PENDING
    link.created_at = core.clock.now()
    uow.session.add(link)
    await uow.session.flush()
    assert link.id is not None
    candidates = await find_companies(uow, cleaned, limit=_CANDIDATE_BUTTONS, active_only=True)
    card = _card(core, contact, link, candidates)
    await send(
        uow, core.clock, core.config.staff.links, card, purpose=LINK_CARD, subject_id=link.id
    )
    await say(uow, core, contact, "intake.link.waiting", hint=cleaned)


@entry
async def request_link(
    core: Core, address: Address, company_hint: str, inbound: tuple[str, str] | None = None
) -> None:
    """An unknown person names their company (name or CNPJ): a link request for secretaries."""
    async with core.transaction(inbound) as uow:
        contact = await identify(uow, core, address)
        await open_link_request(uow, core, contact, company_hint)


async def _chosen_company(uow: UnitOfWork, link: LinkRequest, company_id: int | None) -> Company:
    if company_id is not None:
        company = await uow.session.get(Company, company_id)
        if company is None or not company.active:
            raise InvalidInput("intake.link.unknown_company", id=company_id)
        return company
    candidates = await find_companies(uow, link.company_hint, active_only=True)
    if len(candidates) != 1:
        raise InvalidInput(
            "intake.link.choose_company",
            hint=link.company_hint,
            count=len(candidates),
            candidates=", ".join(f"{c.name} (#{c.id})" for c in candidates[:10]) or "-",
        )
    return candidates[0]


@entry
async def decide_link(
    core: Core,
    link_request_id: int,
    *,
    by_staff_key: str,
    approve: bool,
    company_id: int | None = None,
    inbound: tuple[str, str] | None = None,
) -> None:
    """A secretary approves (for ``company_id`` or the only matching company) or refuses a link."""
    async with core.transaction(inbound) as uow:
        if not await has_role(uow, by_staff_key, StaffRole.SECRETARY):
            raise Forbidden("intake.link.forbidden")
        link = await uow.session.get(
            LinkRequest, link_request_id, with_for_update=True, populate_existing=True
        )
        if link is None:
            raise NotFound("intake.link.not_found", id=link_request_id)
        if link.status in (*_DRAFTS, LinkRequestStatus.DROPPED):  # never had a card
            raise NotFound("intake.link.not_found", id=link_request_id)
        language = core.config.language
        if link.status != LinkRequestStatus.PENDING:
            raise Conflict(
                "intake.link.already_decided",
                outcome=t(f"intake.link.outcome.{link.status}", language),
                by=link.decided_by or "?",
                when=format_datetime(link.decided_at, core.config.timezone)
                if link.decided_at
                else "?",
            )
        contact = await load_contact(uow, link.contact_id)
        company = await _chosen_company(uow, link, company_id) if approve else None
        link.status = LinkRequestStatus.APPROVED if approve else LinkRequestStatus.REFUSED
        link.decided_by = by_staff_key.strip().upper()
        link.decided_at = core.clock.now()
        name = display_name(contact)
        if company is not None:
            link.company_id = contact.company_id = company.id
            uow.session.add(contact)
            text = t(
                "intake.link.approved_card",
                language,
                by=link.decided_by,
                name=name,
                company=company.name,
            )
        else:
            text = t(
                "intake.link.refused_card",
                language,
                by=link.decided_by,
                name=name,
                hint=link.company_hint,
            )
        uow.session.add(link)
        await uow.session.flush()
        card = await latest_outbound(uow, LINK_CARD, link_request_id)
        await send(
            uow,
            core.clock,
            core.config.staff.links,
            OutboundMessage(text, title=t("intake.link.card_title", language)),
            edit_of=card.id if card is not None else None,
        )
        if company is not None:
            await close_question(uow, core, contact, CODE_QUESTION, contact.id)
            await say(uow, core, contact, "intake.linked", company=company.name)
            await send_menu(uow, core, contact, company)
        else:
            await say(uow, core, contact, "intake.link.refused_client", hint=link.company_hint)
        logger.info("link request %s %s by %s", link.id, link.status, link.decided_by)


async def close_code_question(uow: UnitOfWork, core: Core, event: ContactLinked) -> None:
    """A contact linked elsewhere (an invitation) is no longer asked for an access code."""
    contact = await uow.session.get(Contact, event.contact_id)
    if contact is not None:
        await close_question(uow, core, contact, CODE_QUESTION, contact.id)
