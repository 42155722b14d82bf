"""The client's 1-5 rating of an ended session (SPEC 5 step 8): once, stored, thanked."""

from __future__ import annotations

import logging

from sqlalchemy import update
from sqlmodel import col

from core.contacts import contact_language, find_contact
from core.context import Core, entry
from core.errors import BusinessError, Conflict, InvalidInput, NotFound
from core.events import SessionRated
from core.messages import t
from core.models import ConsultingSession, SessionStatus
from core.outbox import Address, OutboundMessage, latest_outbound
from core.sessions.common import (
    RATING_REQUEST,
    party_of,
    staff_text,
    tell_client,
    thread_post,
)

logger = logging.getLogger(__name__)


@entry
async def rate_session(
    core: Core,
    address: Address,
    session_id: int,
    stars: int,
    *,
    inbound: tuple[str, str] | None = None,
) -> None:
    """Store the client's rating (1..5, once) and thank them in place of the question."""
    async with core.transaction(inbound) as uow:
        contact = await find_contact(uow, address)
        session = await uow.session.get(ConsultingSession, session_id)
        if contact is None or session is None or session.contact_id != contact.id:
            raise NotFound("sessions.not_found", id=session_id)
        if session.status != SessionStatus.ENDED:
            raise BusinessError("sessions.rating.not_ended")
        if not isinstance(stars, int) or not 1 <= stars <= 5:
            raise InvalidInput("sessions.rating.invalid")
        result = await uow.session.execute(
            update(ConsultingSession)
            .where(col(ConsultingSession.id) == session_id)
            .where(col(ConsultingSession.rating).is_(None))
            .values(rating=stars, rated_at=core.clock.now())
        )
        await uow.session.refresh(session)
        if not result.rowcount:  # type: ignore[attr-defined]
            raise Conflict("sessions.rating.already", stars=session.rating)
        party = await party_of(uow, session)
        language = contact_language(party.contact, core.config)
        thanks = OutboundMessage(t("sessions.rating.thanks", language, stars=stars))
        question = await latest_outbound(uow, RATING_REQUEST, session_id)
        edit_of = question.id if question is not None else None
        await tell_client(
            uow,
            core,
            party.contact,
            thanks,
            purpose=RATING_REQUEST,
            subject_id=session_id,
            edit_of=edit_of,
        )
        note = staff_text(core, "sessions.rating.thread", stars=stars)
        await thread_post(uow, core, session, OutboundMessage(note))
        await core.publish(uow, SessionRated(session_id))
        logger.info("session %s rated %s", session_id, stars)
