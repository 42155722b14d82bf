"""The last step of the client's booking chat: *Confirmar* (``bok``) or *Cancelar* (``bno``)."""

from __future__ import annotations

import logging
from datetime import timedelta

from core.booking.change import reschedule_in
from core.booking.chat import close_choice, say, say_choice, send_slots
from core.booking.flow import detail_question, scope_of
from core.booking.rules import Actor, contact_at
from core.booking.service import BookingOrder, create_booking
from core.connection import needs_detail
from core.contacts import contact_language
from core.context import Core, entry
from core.errors import BusinessError
from core.messages import t
from core.models import BookingDraft
from core.outbox import Address, OutboundMessage

logger = logging.getLogger(__name__)


@entry
async def confirm_booking(
    core: Core, address: Address, inbound: tuple[str, str] | None = None
) -> None:
    """``bok``: book (or move) as the client; if refused meanwhile, why and the times again."""
    async with core.transaction(inbound) as uow:
        contact = await contact_at(uow, address)
        assert contact.id is not None and contact.company_id is not None
        # Locked (PostgreSQL) so that a double tap on *Confirmar* books once: the second
        # waits, then finds the draft gone.
        draft = await uow.session.get(BookingDraft, contact.id, with_for_update=True)
        if draft is None or draft.starts_at is None or draft.duration_minutes is None:
            raise BusinessError("booking.flow_expired")
        if draft.medium is None:
            raise BusinessError("booking.flow_expired")
        if draft.booking_id is None and needs_detail(draft.medium) and not draft.connection_detail:
            language = contact_language(contact, core.config)
            await say_choice(uow, core, contact, detail_question(draft.medium, language))
            return
        scope = await scope_of(uow, core, draft)
        by = Actor.client(contact.id)
        try:
            async with uow.session.begin_nested():  # undone (the note too) when refused
                await close_choice(uow, core, contact, "booking.flow.answered.confirmed")
                if draft.booking_id is not None:
                    await reschedule_in(
                        uow, core, draft.booking_id, by=by, starts_at=draft.starts_at
                    )
                else:
                    await create_booking(
                        uow,
                        core,
                        BookingOrder(
                            company_id=contact.company_id,
                            contact_id=contact.id,
                            area=scope.area,
                            starts_at=draft.starts_at,
                            duration=timedelta(minutes=draft.duration_minutes),
                            medium=draft.medium,
                            connection_detail=draft.connection_detail,
                            request_id=draft.request_id,
                        ),
                        by=by,
                    )
        except BusinessError as error:
            logger.info("booking chat of contact %s refused: %s", contact.id, error.key)
            fresh = await uow.session.get(BookingDraft, contact.id, populate_existing=True)
            if fresh is None or fresh.starts_at is None:
                raise
            await close_choice(uow, core, contact, "booking.flow.answered.refused")
            language = contact_language(contact, core.config)
            day = fresh.starts_at.astimezone(core.config.timezone).date()
            await send_slots(uow, core, contact, fresh, day, error.render(language))
            return
        leftover = await uow.session.get(BookingDraft, contact.id)
        if leftover is not None:
            await uow.session.delete(leftover)


@entry
async def drop_booking_draft(
    core: Core, address: Address, inbound: tuple[str, str] | None = None
) -> None:
    """``bno``: nothing booked or moved; the draft is forgotten."""
    async with core.transaction(inbound) as uow:
        contact = await contact_at(uow, address)
        draft = await uow.session.get(BookingDraft, contact.id)
        moving = draft is not None and draft.booking_id is not None
        if draft is not None:
            await uow.session.delete(draft)
        await close_choice(uow, core, contact, "booking.flow.answered.dropped")
        language = contact_language(contact, core.config)
        key = "booking.flow.move_dropped" if moving else "booking.flow.dropped"
        await say(uow, core, contact, OutboundMessage(t(key, language)))
