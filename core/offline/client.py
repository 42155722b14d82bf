"""The client's side: *Deixar recado* beside booking when closed, then their next text is kept.

Pressing ``offline:<request>`` opens an offline message awaiting its text and asks for it (an
outbox row of purpose ``offline_prompt``). While that question is the newest message the client
got, their next text is the message: it is kept, the client is told when the team will see it
(the next opening), and a card goes to the staff requests room. Anything else the client does
first (the menu, a booking step, ``/cancelar``) writes another message to them and so drops it.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from babel.numbers import format_decimal
from sqlmodel import col, select

from core.cards import area_label, opening_params
from core.contacts import (
    contact_address,
    contact_company,
    contact_language,
    contact_request,
    display_name,
    find_contact,
)
from core.context import Core, entry
from core.db import UnitOfWork
from core.errors import BusinessError
from core.messages import channel_key, t
from core.models import (
    Company,
    Contact,
    OfflineMessage,
    OfflineMessageStatus,
    Outbound,
    RequestStatus,
)
from core.offline.common import (
    DONE_ACTION,
    LEAVE_ACTION,
    OFFLINE_CARD,
    OFFLINE_PROMPT,
    TAKE_ACTION,
    TEXT_MAX,
)
from core.outbox import Address, Attachment, Choice, Field, OutboundMessage, send
from core.timefmt import format_datetime

logger = logging.getLogger(__name__)


def leave_choice(request_id: int, language: str) -> Choice:
    """The *Deixar recado* button of a request the closed notice answers."""
    return Choice(f"{LEAVE_ACTION}:{request_id}", t("offline.leave", language))


async def _tell(
    uow: UnitOfWork,
    core: Core,
    contact: Contact,
    key: str,
    prompt_of: int | None = None,
    **params: object,
) -> None:
    """Write ``key`` (worded for the contact's channel) to the contact; ``prompt_of``: it asks
    for the text of that offline message (so the next text is taken as it)."""
    language = contact_language(contact, core.config)
    locale = language.replace("-", "_")
    shown = {
        name: format_decimal(value, locale=locale) if isinstance(value, int) else value
        for name, value in params.items()
    }  # counts as the language writes them: "1.500" / "1,500"
    text = t(channel_key(key, contact.channel), language, **shown)
    await send(
        uow,
        core.clock,
        contact_address(contact),
        OutboundMessage(text),
        purpose=OFFLINE_PROMPT if prompt_of is not None else None,
        subject_id=prompt_of,
    )


async def _awaiting(uow: UnitOfWork, contact: Contact) -> OfflineMessage | None:
    """The contact's offline message awaiting its text (locked until the commit), if any."""
    statement = (
        select(OfflineMessage)
        .where(OfflineMessage.contact_id == contact.id)
        .where(OfflineMessage.status == OfflineMessageStatus.AWAITING_TEXT)
        .order_by(col(OfflineMessage.id).desc())
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return (await uow.session.exec(statement)).first()


async def _asked_last(uow: UnitOfWork, contact: Contact, offline: OfflineMessage) -> bool:
    """Whether the question for ``offline``'s text is the newest message the contact got."""
    address = contact_address(contact)
    statement = (
        select(Outbound.purpose, Outbound.subject_id)
        .where(col(Outbound.channel) == address.channel, col(Outbound.address) == address.id)
        .where(col(Outbound.edit_of_id).is_(None))
        .order_by(col(Outbound.id).desc())
        .limit(1)
    )
    newest = (await uow.session.exec(statement)).first()
    return newest is not None and tuple(newest) == (OFFLINE_PROMPT, offline.id)


def _drop(uow: UnitOfWork, offline: OfflineMessage) -> None:
    offline.status = OfflineMessageStatus.DROPPED
    uow.session.add(offline)


@entry
async def ask_offline_message(
    core: Core, address: Address, request_id: int, inbound: tuple[str, str] | None = None
) -> None:
    """*Deixar recado*: ask for the message (the client's next text) for the closed request."""
    async with core.transaction(inbound) as uow:
        contact = await find_contact(uow, address)
        request = await contact_request(uow, contact, request_id) if contact else None
        if contact is None or request is None or request.status != RequestStatus.DRAFT:
            raise BusinessError("offline.expired")
        if contact.company_id != request.company_id:
            raise BusinessError("offline.expired")
        offline = await _awaiting(uow, contact)
        now = core.clock.now()
        if offline is None:
            assert contact.id is not None
            offline = OfflineMessage(
                company_id=request.company_id, contact_id=contact.id, created_at=now
            )
        offline.request_id, offline.area, offline.created_at = request.id, request.area, now
        uow.session.add(offline)
        await uow.session.flush()
        language = contact_language(contact, core.config)
        if core.config.hours.is_open(now):
            await _tell(uow, core, contact, "offline.ask_open", offline.id, limit=TEXT_MAX)
            return
        opening = opening_params(core, language)
        await _tell(uow, core, contact, "offline.ask", offline.id, limit=TEXT_MAX, **opening)


async def keep_offline_message(
    uow: UnitOfWork,
    core: Core,
    contact: Contact,
    text: str,
    attachments: Sequence[Attachment] = (),
) -> bool:
    """The client's text as the offline message they were asked for; False when none awaits.

    Files alone are refused (text only); a text over the limit is refused with its length. Both
    ask again, so the next text is still taken. A kept message is told to the client with the
    next opening, and its card goes to the staff requests room.
    """
    offline = await _awaiting(uow, contact)
    if offline is None:
        return False
    if not await _asked_last(uow, contact, offline):
        _drop(uow, offline)  # the client went on to something else
        return False
    kept = text.strip()
    if not kept:
        await _tell(uow, core, contact, "offline.text_only", offline.id, limit=TEXT_MAX)
        return True
    if len(kept) > TEXT_MAX:
        await _tell(
            uow, core, contact, "offline.too_long", offline.id, length=len(kept), limit=TEXT_MAX
        )
        return True
    del attachments  # text only: the question says so
    company = await contact_company(uow, contact)
    if company is None or company.id != offline.company_id:
        _drop(uow, offline)
        return False
    now = core.clock.now()
    offline.text, offline.status, offline.created_at = kept, OfflineMessageStatus.OPEN, now
    uow.session.add(offline)
    await uow.session.flush()
    if core.config.hours.is_open(now):
        await _tell(uow, core, contact, "offline.kept_open")
    else:
        language = contact_language(contact, core.config)
        opening = opening_params(core, language)
        await _tell(uow, core, contact, "offline.kept", None, **opening)
    await send(
        uow,
        core.clock,
        core.config.staff.requests,
        offline_card(core, offline, company, contact),
        purpose=OFFLINE_CARD,
        subject_id=offline.id,
    )
    logger.info("offline message %s kept for contact %s", offline.id, contact.id)
    return True


async def abandon_offline_message(uow: UnitOfWork, core: Core, contact: Contact) -> bool:
    """``/cancelar`` while asked for a message: drop it and say so; False when none awaits."""
    offline = await _awaiting(uow, contact)
    if offline is None:
        return False
    asked = await _asked_last(uow, contact, offline)
    _drop(uow, offline)
    if asked:
        await _tell(uow, core, contact, "offline.cancelled")
    return asked


def offline_card(
    core: Core, offline: OfflineMessage, company: Company, contact: Contact
) -> OutboundMessage:
    """The card in the staff requests room: who, when, what, *Vou responder* and *Resolvido*."""
    language = core.config.language
    assert offline.id is not None and offline.text is not None
    name = display_name(contact)
    fields = (
        Field(t("offline.card.company", language), company.name),
        Field(t("offline.card.contact", language), name),
        Field(t("offline.card.area", language), area_label(offline.area, language, core.config)),
        Field(
            t("offline.card.left_at", language),
            format_datetime(offline.created_at, core.config.timezone),
        ),
        Field(t("offline.card.message", language), offline.text),
    )
    return OutboundMessage(
        t("offline.card.text", language, contact=name, company=company.name),
        title=t("offline.card.title", language, id=offline.id),
        fields=fields,
        choices=(
            Choice(f"{TAKE_ACTION}:{offline.id}", t("offline.card.take", language), "primary"),
            Choice(f"{DONE_ACTION}:{offline.id}", t("offline.card.done", language)),
        ),
    )
