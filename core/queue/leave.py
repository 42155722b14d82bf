"""Leaving the queue (SPEC 5 step 6): by *Sair da fila* or /cancelar, or to book a time instead.

Action ids: ``leave:<request>`` -> ``leave_queue``, ``tobook:<request>`` -> ``switch_to_booking``.
"""

from __future__ import annotations

import logging

from core.booking import offer_booking
from core.cards import (
    POSITION_REFRESH,
    QUEUE_CARD,
    REQUEST_CARD,
    UNANSWERED,
    close_card,
    local_time,
)
from core.contacts import contact_address, contact_language, find_contact
from core.context import Core, entry
from core.db import UnitOfWork
from core.errors import BusinessError, NotFound
from core.messages import channel_key, t
from core.models import Contact, Request, RequestKind, RequestStatus
from core.outbox import Address, OutboundMessage, send
from core.queue.offers import close_offers
from core.queue.updates import refresh_positions
from core.timers import cancel

logger = logging.getLogger(__name__)


async def waiting_request_of(
    uow: UnitOfWork, address: Address, request_id: int
) -> tuple[Contact, Request]:
    """The contact at ``address`` and their request ``request_id`` still in the queue."""
    contact = await find_contact(uow, address)
    request = await uow.session.get(Request, request_id)
    if contact is None or request is None or request.contact_id != contact.id:
        raise NotFound("queue.not_yours", id=request_id)
    if request.status != RequestStatus.QUEUED or request.kind != RequestKind.CONSULTING:
        raise BusinessError("queue.not_in_queue")
    return contact, request


async def take_out_of_queue(
    uow: UnitOfWork, core: Core, contact: Contact, request: Request, *, to_booking: bool
) -> None:
    """Mark the request left, close its cards and offers, cancel its timers, move the others."""
    assert request.id is not None
    now = core.clock.now()
    request.status, request.updated_at = RequestStatus.LEFT, now
    if not to_booking:
        request.closed_at = now
    uow.session.add(request)
    await uow.session.flush()
    await cancel(uow, kind=UNANSWERED, subject_id=request.id)
    await cancel(uow, kind=POSITION_REFRESH, subject_id=request.id)
    staff, when = core.config.language, local_time(core, now)
    staff_key = "queue.card.booking" if to_booking else "queue.card.left"
    await close_card(uow, core, REQUEST_CARD, request.id, t(staff_key, staff, time=when))
    await close_offers(uow, core, request.id, t("queue.offer.left", staff))
    language = contact_language(contact, core.config)
    client_key = "queue.client.switched_card" if to_booking else "queue.client.left_card"
    await close_card(uow, core, QUEUE_CARD, request.id, t(client_key, language, time=when))
    await refresh_positions(uow, core, request)
    logger.info("request %s left the queue (to booking: %s)", request.id, to_booking)


@entry
async def leave_queue(
    core: Core,
    address: Address,
    request_id: int,
    inbound: tuple[str, str] | None = None,
) -> None:
    """*Sair da fila* (or /cancelar): the client leaves; nothing billed; the others move up."""
    async with core.transaction(inbound) as uow:
        contact, request = await waiting_request_of(uow, address, request_id)
        await take_out_of_queue(uow, core, contact, request, to_booking=False)
        language = contact_language(contact, core.config)
        await send(
            uow,
            core.clock,
            contact_address(contact),
            OutboundMessage(t(channel_key("queue.client.left", contact.channel), language)),
        )


@entry
async def switch_to_booking(
    core: Core,
    address: Address,
    request_id: int,
    *,
    inbound: tuple[str, str] | None = None,
) -> None:
    """*Agendar horário*: leave the queue, then the booking offer (``core.booking``)."""
    async with core.transaction(inbound) as uow:
        contact, request = await waiting_request_of(uow, address, request_id)
        await take_out_of_queue(uow, core, contact, request, to_booking=True)
        await offer_booking(uow, core, contact, request)
