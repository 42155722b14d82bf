"""Ending a session and rating it (SPEC 5 step 8, SPEC 8).

The end is idempotent: the session row is closed with a conditional update, so of two
simultaneous ends (consultant and client) exactly one bills and reports; the other is told the
session had already ended. A consulting session is billed through ``record_billing``, which
refuses without an accepted consent: the session then ends unbilled and the thread says so.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from sqlalchemy import update
from sqlmodel import col

from core.billing_records import record_billing
from core.cards import REQUEST_CARD, card_address, close_card
from core.contacts import contact_language, find_contact, open_session_of
from core.context import Core, entry
from core.db import UnitOfWork
from core.errors import BusinessError, Conflict, Forbidden, NotFound
from core.events import SessionEnded
from core.messages import t
from core.models import (
    BillingRecord,
    ConsultingSession,
    RequestKind,
    RequestStatus,
    SessionStatus,
    StaffRole,
)
from core.outbox import Address, Choice, OutboundMessage, latest_outbound, send
from core.sessions.common import (
    RATING_REQUEST,
    SESSION_BUTTONS,
    NoOpenSession,
    Party,
    active_participants,
    load_session,
    may_act,
    normalised_staff_key,
    party_of,
    require_open,
    tell_client,
)
from core.sessions.summary import CLIENT, report_end, report_no_show
from core.staff import has_role

logger = logging.getLogger(__name__)

_NO_CONSENT = "billing.no_consent"


def rating_choices(session_id: int, language: str) -> tuple[Choice, ...]:
    """The five rating buttons ``rate:<session>:1`` .. ``rate:<session>:5``."""
    return tuple(
        Choice(f"rate:{session_id}:{stars}", t("sessions.rating.label", language, stars=stars))
        for stars in range(1, 6)
    )


async def _close_row(uow: UnitOfWork, core: Core, session: ConsultingSession, by: str) -> None:
    """Mark the session ended unless someone else just did (then: Conflict "já encerrada")."""
    result = await uow.session.execute(
        update(ConsultingSession)
        .where(col(ConsultingSession.id) == session.id)
        .where(col(ConsultingSession.status) == SessionStatus.OPEN)
        .values(status=SessionStatus.ENDED, ended_at=core.clock.now(), ended_by=by)
    )
    await uow.session.refresh(session)
    if not result.rowcount:  # type: ignore[attr-defined]
        require_open(core, session)


async def _bill(uow: UnitOfWork, core: Core, session: ConsultingSession) -> BillingRecord | None:
    """The billing record of an ended consulting session; None when it has no accepted terms."""
    if session.kind != RequestKind.CONSULTING or session.billing_started_at is None:
        return None
    try:
        return await record_billing(uow, core.clock, session, core.config.policy)
    except BusinessError as error:
        if error.key != _NO_CONSENT:
            raise
        logger.warning("session %s ended without an accepted consent: not billed", session.id)
        return None


async def _wrap_up(
    uow: UnitOfWork, core: Core, session: ConsultingSession, party: Party
) -> list[int]:
    """Participants leave, the request is done, a booking is done; the consultants who left."""
    now = core.clock.now()
    assert session.id is not None
    freed: list[int] = []
    for participant in await active_participants(uow, session.id):
        participant.left_at = now
        uow.session.add(participant)
        if participant.consultant_id is not None and participant.consultant_id not in freed:
            freed.append(participant.consultant_id)
    if session.consultant_id is not None and session.consultant_id not in freed:
        freed.insert(0, session.consultant_id)
    party.request.status = RequestStatus.DONE
    party.request.closed_at = party.request.updated_at = now
    uow.session.add(party.request)
    await uow.session.flush()
    return freed


async def _drop_buttons(uow: UnitOfWork, core: Core, session_id: int) -> None:
    """Edit the session's start messages (the client's, the thread's controls) to drop their
    buttons: nothing of an ended session stays pressable."""
    for purpose in SESSION_BUTTONS:
        row = await latest_outbound(uow, purpose, session_id)
        if row is None or not row.payload.get("choices"):
            continue
        message = replace(OutboundMessage.from_payload(row.payload), choices=())
        await send(
            uow,
            core.clock,
            card_address(row),
            message,
            purpose=purpose,
            subject_id=session_id,
            edit_of=row.id,
        )


async def close_session(
    uow: UnitOfWork, core: Core, session: ConsultingSession, by: str, *, no_show: bool = False
) -> None:
    """In the caller's transaction: end, bill, report to three addresses, ask for a rating.

    ``by`` is the Slack user who ended it, or ``"client"``. Conflict when already ended. A
    ``no_show`` (a booked client who never came) is reported as such and asks for no rating.
    """
    require_open(core, session)
    await _close_row(uow, core, session, by)
    assert session.id is not None
    party = await party_of(uow, session)
    freed = await _wrap_up(uow, core, session, party)
    await _drop_buttons(uow, core, session.id)
    record = await _bill(uow, core, session)
    if no_show:
        card_line = await report_no_show(uow, core, session, party, record)
    else:
        card_line = await report_end(uow, core, session, party, record)
        client_lang = contact_language(party.contact, core.config)
        ask = OutboundMessage(
            t("sessions.rating.ask", client_lang), choices=rating_choices(session.id, client_lang)
        )
        await tell_client(
            uow, core, party.contact, ask, purpose=RATING_REQUEST, subject_id=session.id
        )
    await close_card(uow, core, REQUEST_CARD, session.request_id, card_line)
    await core.publish(uow, SessionEnded(session.id, session.booking_id, tuple(freed)))
    logger.info("session %s ended by %s (billed: %s)", session.id, by, record is not None)


@entry
async def end_session(
    core: Core, session_id: int, *, by: str, inbound: tuple[str, str] | None = None
) -> None:
    """End a session (``by``: a participant's Slack id, or ``"client"``): bill, report, rate."""
    async with core.transaction(inbound) as uow:
        session = await load_session(uow, session_id)
        require_open(core, session)
        ender = CLIENT if by == CLIENT else normalised_staff_key(by)
        if ender != CLIENT and not (
            await may_act(uow, session, ender) or await has_role(uow, ender, StaffRole.ADMIN)
        ):
            raise Forbidden("sessions.not_participant", id=session_id)
        await close_session(uow, core, session, ender)


@entry
async def end_session_by_client(
    core: Core,
    address: Address,
    *,
    session_id: int | None = None,
    inbound: tuple[str, str] | None = None,
) -> None:
    """The client ends their open session (or ``session_id``, from its button)."""
    async with core.transaction(inbound) as uow:
        contact = await find_contact(uow, address)
        if contact is None or contact.id is None:
            raise NoOpenSession()
        if session_id is not None:
            session = await uow.session.get(ConsultingSession, session_id)
            if session is None or session.contact_id != contact.id:
                raise NotFound("sessions.not_found", id=session_id)
            if session.status != SessionStatus.OPEN:
                raise Conflict("sessions.client_end.already_ended")
        else:
            found = await open_session_of(uow, contact.id)
            if found is None:
                raise NoOpenSession()
            session = found
        await close_session(uow, core, session, CLIENT)
