"""A linked client's ``/start <code>`` (SPEC 2): stay linked, or switch company once confirmed.

An old link or a typo must not unlink anybody: an unknown code is said to be unknown and the menu
shown. A valid code of another company asks first; the pending switch is kept in a
``LinkRequest`` (``AWAITING_SWITCH``, with the company), so a button carries only its id and a
forged one cannot link anybody anywhere.

Action ids: ``switch_ok:<link_request>`` -> :func:`confirm_switch`, ``switch_no:<link_request>``
-> :func:`keep_company`.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from core.companies import company_by_access_code
from core.contacts import (
    contact_address,
    contact_company,
    contact_language,
    current_request,
    identify,
    open_session_of,
)
from core.context import Core, entry
from core.db import UnitOfWork
from core.errors import BusinessError
from core.intake.consulting import cancel_request
from core.intake.linking import contact_link, drop_link_drafts
from core.intake.menu import COMPANY_SWITCH, close_question, say, send_menu
from core.messages import t
from core.models import Company, Contact, LinkRequest, LinkRequestStatus, RequestStatus
from core.outbox import Address, Choice, OutboundMessage, send
from core.sessions import guest_session_of, join_with_code, looks_like_invitation

logger = logging.getLogger(__name__)

SWITCH_VALID_FOR = timedelta(minutes=30)
"""How long a switch question can be answered."""
_LABEL_MAX = 60
_BUSY = (RequestStatus.QUEUED, RequestStatus.IN_SESSION)


async def relink_by_code(
    uow: UnitOfWork, core: Core, contact: Contact, company: Company, code: str
) -> None:
    """A linked contact's ``/start <code>``: the menu, or a question before another company."""
    if looks_like_invitation(code):
        await join_with_code(uow, core, contact, code)
        return
    target = await company_by_access_code(uow, code)
    if target is None:
        shown = " ".join(code.split())[:40]
        name = company.name
        await say(uow, core, contact, "intake.code_not_recognised", code=shown, company=name)
        await send_menu(uow, core, contact, company)
        return
    if target.id == company.id:
        await say(uow, core, contact, "intake.already_linked", company=company.name)
        await send_menu(uow, core, contact, company)
        return
    await drop_link_drafts(uow, core, contact)
    assert contact.id is not None and target.id is not None
    switch = LinkRequest(
        contact_id=contact.id,
        company_hint=target.name[:200],
        company_id=target.id,
        status=LinkRequestStatus.AWAITING_SWITCH,
        created_at=core.clock.now(),
    )
    uow.session.add(switch)
    await uow.session.flush()
    language = contact_language(contact, core.config)
    choices = (
        Choice(
            f"switch_ok:{switch.id}",
            t("intake.switch.confirm", language, company=target.name)[:_LABEL_MAX],
            "primary",
        ),
        Choice(
            f"switch_no:{switch.id}",
            t("intake.switch.keep", language, company=company.name)[:_LABEL_MAX],
        ),
    )
    text = t("intake.switch.question", language, current=company.name, target=target.name)
    await send(
        uow,
        core.clock,
        contact_address(contact),
        OutboundMessage(text, choices=choices),
        purpose=COMPANY_SWITCH,
        subject_id=switch.id,
    )


async def _open_switch(
    uow: UnitOfWork, core: Core, contact: Contact, link_request_id: int
) -> LinkRequest:
    """The contact's switch question ``link_request_id``, still open; else the button expired."""
    switch = await contact_link(uow, contact, LinkRequestStatus.AWAITING_SWITCH)
    if switch is None or switch.id != link_request_id:
        raise BusinessError("intake.expired")
    if core.clock.now() - switch.created_at > SWITCH_VALID_FOR:
        raise BusinessError("intake.switch.expired")
    return switch


@entry
async def confirm_switch(
    core: Core, address: Address, link_request_id: int, inbound: tuple[str, str] | None = None
) -> None:
    """*Trocar para …*: link the contact to the other company (not while queued or attended)."""
    async with core.transaction(inbound) as uow:
        contact = await identify(uow, core, address)
        switch = await _open_switch(uow, core, contact, link_request_id)
        target = await uow.session.get(Company, switch.company_id)
        if target is None or not target.active:
            raise BusinessError("intake.switch.unavailable")
        request = await current_request(uow, contact)
        busy = request is not None and request.status in _BUSY
        if (
            busy
            or await open_session_of(uow, contact.id)
            or await guest_session_of(uow, contact.id)
        ):
            raise BusinessError("intake.switch.busy")
        if request is not None:  # a draft or terms not answered: of the old company
            await cancel_request(uow, core, request)
        contact.company_id = target.id
        switch.status = LinkRequestStatus.APPROVED
        switch.decided_at = core.clock.now()
        uow.session.add_all([contact, switch])
        await uow.session.flush()
        logger.info("contact %s switched to company %s by access code", contact.id, target.id)
        language = contact_language(contact, core.config)
        chosen = t("intake.switch.confirm", language, company=target.name)[:_LABEL_MAX]
        await close_question(uow, core, contact, COMPANY_SWITCH, switch.id, chosen)
        await say(uow, core, contact, "intake.linked", company=target.name)
        await send_menu(uow, core, contact, target)


@entry
async def keep_company(
    core: Core, address: Address, link_request_id: int, inbound: tuple[str, str] | None = None
) -> None:
    """*Continuar com …*: the contact stays with their company; the menu."""
    async with core.transaction(inbound) as uow:
        contact = await identify(uow, core, address)
        switch = await _open_switch(uow, core, contact, link_request_id)
        switch.status = LinkRequestStatus.DROPPED
        uow.session.add(switch)
        company = await contact_company(uow, contact)
        if company is None:
            raise BusinessError("intake.expired")
        language = contact_language(contact, core.config)
        chosen = t("intake.switch.keep", language, company=company.name)[:_LABEL_MAX]
        await close_question(uow, core, contact, COMPANY_SWITCH, switch.id, chosen)
        await say(uow, core, contact, "intake.switch.kept", company=company.name)
        await send_menu(uow, core, contact, company)
