"""The team's side: *Vou responder* assigns an offline message, *Resolvido* closes it.

Staff only (consultants, secretaries, support; an admin holds every role). Each action edits
the card in the staff requests room in place: who answers (only *Resolvido* left), or who
resolved it and when (no buttons). The client is told when someone takes their message.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from core.cards import card_address
from core.consultants import consultant_by_staff_key
from core.contacts import contact_address, contact_language, display_name, load_contact
from core.context import Core, entry
from core.db import UnitOfWork
from core.errors import Conflict, Forbidden
from core.messages import t
from core.models import Company, Contact, OfflineMessage, OfflineMessageStatus, StaffRole
from core.offline.common import OFFLINE_CARD, load_offline_message, staff_name
from core.outbox import OutboundMessage, latest_outbound, send
from core.staff import has_role
from core.timefmt import format_datetime

logger = logging.getLogger(__name__)


async def is_team_member(uow: UnitOfWork, staff_key: str) -> bool:
    """Whether ``staff_key`` may handle offline messages: a consultant, secretary or support."""
    key = staff_key.strip().upper()
    if not key:
        return False
    if await consultant_by_staff_key(uow, key) is not None:
        return True
    return await has_role(uow, key, StaffRole.SECRETARY) or await has_role(
        uow, key, StaffRole.SUPPORT
    )


async def _handling(
    uow: UnitOfWork, core: Core, offline_id: int, staff_key: str
) -> tuple[OfflineMessage, Contact, str]:
    """The open offline message (locked), its contact and the acting key; refusals otherwise."""
    key = staff_key.strip().upper()
    if not await is_team_member(uow, key):
        raise Forbidden("offline.forbidden")
    offline = await load_offline_message(uow, offline_id, for_update=True)
    if offline.status == OfflineMessageStatus.RESOLVED:
        assert offline.resolved_at is not None
        name = await staff_name(uow, offline.resolved_by or "") or offline.resolved_by or "?"
        when = format_datetime(offline.resolved_at, core.config.timezone)
        raise Conflict("offline.already_resolved", id=offline_id, name=name, when=when)
    contact = await load_contact(uow, offline.contact_id)
    return offline, contact, key


async def _edit_card(
    uow: UnitOfWork, core: Core, offline: OfflineMessage, text: str, *, keep_done: bool
) -> None:
    """The card with ``text``, its fields kept; only *Resolvido* left, or no buttons."""
    assert offline.id is not None
    card = await latest_outbound(uow, OFFLINE_CARD, offline.id)
    if card is None:
        return
    shown = OutboundMessage.from_payload(card.payload)
    choices = tuple(c for c in shown.choices if c.action.startswith("offline_done:"))
    message = replace(shown, text=text, choices=choices if keep_done else (), extra={})
    await send(
        uow,
        core.clock,
        card_address(card),
        message,
        purpose=OFFLINE_CARD,
        subject_id=offline.id,
        edit_of=card.id,
    )


async def _company_name(uow: UnitOfWork, offline: OfflineMessage) -> str:
    company = await uow.session.get(Company, offline.company_id)
    return company.name if company is not None else "?"


@entry
async def assign_offline_message(
    core: Core, offline_id: int, *, by_staff_key: str, inbound: tuple[str, str] | None = None
) -> None:
    """*Vou responder*: the message is the staff member's; the card says who; the client hears."""
    async with core.transaction(inbound) as uow:
        offline, contact, key = await _handling(uow, core, offline_id, by_staff_key)
        if offline.status == OfflineMessageStatus.ASSIGNED:
            name = await staff_name(uow, offline.assigned_to or "") or offline.assigned_to or "?"
            raise Conflict("offline.already_assigned", id=offline_id, name=name)
        offline.status, offline.assigned_to = OfflineMessageStatus.ASSIGNED, key
        offline.assigned_at = core.clock.now()
        uow.session.add(offline)
        await uow.session.flush()
        language = core.config.language
        company = await _company_name(uow, offline)
        text = t(
            "offline.card.assigned",
            language,
            by=key,
            contact=display_name(contact),
            company=company,
        )
        await _edit_card(uow, core, offline, text, keep_done=True)
        if contact.erased_at is None:
            staff = await staff_name(uow, key)
            client_language = contact_language(contact, core.config)
            said = (
                t("offline.assigned_client", client_language, name=staff)
                if staff
                else t("offline.assigned_client_anonymous", client_language)
            )
            await send(uow, core.clock, contact_address(contact), OutboundMessage(said))
        logger.info("offline message %s assigned to %s", offline_id, key)


@entry
async def resolve_offline_message(
    core: Core, offline_id: int, *, by_staff_key: str, inbound: tuple[str, str] | None = None
) -> None:
    """*Resolvido*: the message is closed; the card says who and when, without buttons."""
    async with core.transaction(inbound) as uow:
        offline, contact, key = await _handling(uow, core, offline_id, by_staff_key)
        now = core.clock.now()
        offline.status, offline.resolved_by, offline.resolved_at = (
            OfflineMessageStatus.RESOLVED,
            key,
            now,
        )
        uow.session.add(offline)
        await uow.session.flush()
        text = t(
            "offline.card.resolved",
            core.config.language,
            by=key,
            contact=display_name(contact),
            company=await _company_name(uow, offline),
            when=format_datetime(now, core.config.timezone),
        )
        await _edit_card(uow, core, offline, text, keep_done=False)
        logger.info("offline message %s resolved by %s", offline_id, key)
