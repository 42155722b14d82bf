"""A consulting request (SPEC 5, step 2): the checks, the area, the one-sentence description.

Action ids: ``area:<request>:<index>`` (an area of ``config.areas``), ``area:<request>:x`` (não
sei), ``menu:convert`` (ask to turn the current support chat into consulting). Typing an area's
name (or *Não sei*) while the area buttons wait does what the button does
(:func:`pick_typed_area`), whatever the case and accents.
"""

from __future__ import annotations

import logging
import string

from core.cards import area_label
from core.contacts import (
    contact_address,
    contact_company,
    contact_language,
    contact_request,
    current_request,
    identify,
    open_session_of,
)
from core.context import Core, entry
from core.db import UnitOfWork
from core.errors import BusinessError, InvalidInput
from core.intake.menu import say, send_unlinked
from core.intake.terms import closed_offer_booking, send_terms_card
from core.messages import t
from core.models import Contact, Request, RequestKind, RequestStatus
from core.outbox import Address, Choice, OutboundMessage, send
from core.text import folded

logger = logging.getLogger(__name__)

DESCRIPTION_MAX = 1000
"""The longest description kept (characters); longer ones are refused with a clear message."""


async def cancel_request(uow: UnitOfWork, core: Core, request: Request) -> None:
    """Drop a draft or a request awaiting the terms (nothing was queued or billed)."""
    now = core.clock.now()
    request.status = RequestStatus.CANCELLED
    request.terms_version_id = request.terms_rate_cents = request.terms_sha256 = None
    request.closed_at = request.updated_at = now
    uow.session.add(request)
    await uow.session.flush()


async def _may_ask(uow: UnitOfWork, core: Core, contact: Contact) -> bool:
    """Say why the contact cannot ask for consulting now (and return False), or return True."""
    company = await contact_company(uow, contact)
    language = contact_language(contact, core.config)
    if company is None:
        await send_unlinked(uow, core, contact, "intake.not_linked")
        return False
    if not company.active:
        await say(uow, core, contact, "intake.company_inactive", company=company.name)
        return False
    if not core.config.product_lines.is_served(company.product_line):
        support = Choice("menu:support", t("intake.menu.support", language))
        await say(
            uow,
            core,
            contact,
            "intake.unserved",
            choices=(support,),
            product_line=core.config.product_lines.display(company.product_line),
        )
        return False
    session = await open_session_of(uow, contact.id)
    if session is not None and session.kind == RequestKind.SUPPORT:
        convert = Choice("menu:convert", t("support.ask_convert", language), "primary")
        await say(uow, core, contact, "intake.in_support", choices=(convert,))
        return False
    if session is not None:
        await say(uow, core, contact, "intake.already_in_session")
        return False
    return True


@entry
async def begin_consulting(
    core: Core, address: Address, inbound: tuple[str, str] | None = None
) -> None:
    """*Consultoria Online* from the menu: the checks, a draft request, the area question."""
    async with core.transaction(inbound) as uow:
        contact = await identify(uow, core, address)
        if not await _may_ask(uow, core, contact):
            return
        current = await current_request(uow, contact)
        if current is not None and current.status == RequestStatus.QUEUED:
            await say(uow, core, contact, "intake.already_waiting", id=current.id)
            return
        if current is not None and current.status == RequestStatus.IN_SESSION:
            await say(uow, core, contact, "intake.already_in_session")
            return
        if current is not None:
            await cancel_request(uow, core, current)
        assert contact.id is not None and contact.company_id is not None
        now = core.clock.now()
        request = Request(
            kind=RequestKind.CONSULTING,
            status=RequestStatus.DRAFT,
            contact_id=contact.id,
            company_id=contact.company_id,
            created_at=now,
            updated_at=now,
        )
        uow.session.add(request)
        await uow.session.flush()
        language = contact_language(contact, core.config)
        choices = [
            Choice(f"area:{request.id}:{index}", area_label(area, language, core.config))
            for index, area in enumerate(core.config.areas)
        ]
        choices.append(Choice(f"area:{request.id}:x", t("intake.area.unknown", language)))
        question = OutboundMessage(t("intake.area.question", language), choices=tuple(choices))
        await send(uow, core.clock, contact_address(contact), question)


def awaits_description(request: Request | None) -> bool:
    """Whether the request is a consulting draft still without its description."""
    return (
        request is not None
        and request.kind == RequestKind.CONSULTING
        and request.status == RequestStatus.DRAFT
        and request.description is None
    )


async def _draft(uow: UnitOfWork, contact: Contact, request_id: int) -> Request:
    request = await contact_request(uow, contact, request_id)
    if not awaits_description(request):
        raise BusinessError("intake.expired")
    assert request is not None
    return request


@entry
async def choose_area(
    core: Core,
    address: Address,
    request_id: int,
    area_index: int | None,
    inbound: tuple[str, str] | None = None,
) -> None:
    """An area button (``None``: não sei): remember it and ask for the one-sentence description."""
    async with core.transaction(inbound) as uow:
        contact = await identify(uow, core, address)
        request = await _draft(uow, contact, request_id)
        areas = core.config.areas
        if area_index is not None and not 0 <= area_index < len(areas):
            raise BusinessError("intake.expired")
        area = areas[area_index] if area_index is not None else None
        await _set_area(uow, core, contact, request, area)


async def _set_area(
    uow: UnitOfWork, core: Core, contact: Contact, request: Request, area: str | None
) -> None:
    """Remember the draft's area (None: não sei) and ask for the one-sentence description."""
    request.area = area
    request.updated_at = core.clock.now()
    uow.session.add(request)
    await uow.session.flush()
    language = contact_language(contact, core.config)
    shown = (
        area_label(request.area, language, core.config)
        if request.area
        else t("intake.area.none", language)
    )
    await say(uow, core, contact, "intake.describe.question", area=shown)


def _folded(text: str) -> str:
    """:func:`core.text.folded`, and no surrounding punctuation ("Custos." names Custos)."""
    return folded(text).strip(string.punctuation + " ")


_UNKNOWN_LABELS = ("intake.area.unknown",)


async def pick_typed_area(
    uow: UnitOfWork, core: Core, contact: Contact, request: Request, text: str
) -> bool:
    """Text naming an area (or *Não sei*) while the draft waits: choose it as its button would.

    Matched against the configured areas regardless of case and accents ("custos", "MANUFATURA",
    "Manufatura."); any other text is left for the description (False).
    """
    if request.area is not None:
        return False  # the area is chosen: the text is the description
    wanted = _folded(text)
    if not wanted:
        return False
    language = contact_language(contact, core.config)
    for area in core.config.areas:
        if wanted in (_folded(area), _folded(area_label(area, language, core.config))):
            await _set_area(uow, core, contact, request, area)
            return True
    if wanted in {_folded(t(key, language)) for key in _UNKNOWN_LABELS}:
        await _set_area(uow, core, contact, request, None)
        return True
    return False


async def describe_request(
    uow: UnitOfWork, core: Core, contact: Contact, request: Request, text: str
) -> None:
    """Keep the description (trimmed, not empty, capped) and show the terms card."""
    description = " ".join(text.split())
    if not description:
        raise InvalidInput("intake.describe.empty")
    if len(description) > DESCRIPTION_MAX:
        raise InvalidInput(
            "intake.describe.too_long", length=len(description), limit=DESCRIPTION_MAX
        )
    company = await contact_company(uow, contact)
    if company is None:
        raise BusinessError("intake.expired")
    request.description = description
    if not core.config.hours.is_open(core.clock.now()):
        # Closed: said before any paid terms; a booking's own terms come with its confirmation.
        await closed_offer_booking(uow, core, contact, request)
        return
    request.status = RequestStatus.AWAITING_TERMS
    await send_terms_card(uow, core, contact, company, request)


@entry
async def describe(
    core: Core, address: Address, text: str, inbound: tuple[str, str] | None = None
) -> None:
    """The description of the contact's draft request; then the terms card."""
    async with core.transaction(inbound) as uow:
        contact = await identify(uow, core, address)
        current = await current_request(uow, contact)
        if current is None or not awaits_description(current):
            raise BusinessError("intake.expired")
        await describe_request(uow, core, contact, current, text)
