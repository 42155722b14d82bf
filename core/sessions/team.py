"""Who works a session (SPEC 6): transferring it, and what the specialist and on-site parts share.

Billing is untouched by a specialist, a transfer or an on-site recommendation: a session is billed
once, from ``billing_started_at`` to its end, whoever is in it; each person's time is kept in
``SessionParticipant`` (joined/left).
"""

from __future__ import annotations

import logging

from core.consultants import change_status
from core.contacts import consultant_address, contact_language, load_consultant
from core.context import Core, entry
from core.db import UnitOfWork
from core.errors import Conflict, Forbidden, InvalidInput
from core.events import ConsultantFreed
from core.messages import t
from core.models import (
    Consultant,
    ConsultantStatus,
    ConsultingSession,
    SessionParticipant,
)
from core.outbox import Field, OutboundMessage, send
from core.sessions.common import (
    ROLE_LEAD,
    Party,
    active_participants,
    contact_label,
    is_participant,
    lead_staff_key,
    load_session,
    normalised_staff_key,
    open_sessions_of,
    party_of,
    require_open,
    staff_name,
    staff_text,
    tell_client,
    thread_post,
)

logger = logging.getLogger(__name__)


async def session_for_team_change(
    uow: UnitOfWork, core: Core, session_id: int, by: str
) -> ConsultingSession:
    """The open session ``session_id`` when ``by`` is in it; refusals otherwise."""
    session = await load_session(uow, session_id)
    require_open(core, session)
    if not await is_participant(uow, session, by):
        raise Forbidden("sessions.not_participant", id=session_id)
    return session


def thread_extra(session: ConsultingSession) -> dict[str, object]:
    """The session's thread, for a direct message that points to it."""
    extra: dict[str, object] = {"session_id": session.id}
    if session.thread_channel and session.thread_ref:
        extra["session_thread"] = {"channel": session.thread_channel, "ts": session.thread_ref}
    return extra


def session_fields(core: Core, party: Party, session: ConsultingSession) -> tuple[Field, ...]:
    """Company, contact, area, subject and session id, as card fields for staff."""
    lang = core.config.language
    request = party.request
    return (
        Field(t("sessions.field.company", lang), party.company.name),
        Field(t("sessions.field.contact", lang), contact_label(party.contact)),
        Field(t("sessions.field.area", lang), request.area or t("sessions.field.none", lang)),
        Field(t("sessions.field.description", lang), request.description or "-"),
        Field(t("sessions.field.session", lang), f"#{session.id}"),
    )


async def direct_message(
    uow: UnitOfWork,
    core: Core,
    consultant: Consultant,
    party: Party,
    session: ConsultingSession,
    text: str,
) -> None:
    """A direct message to a consultant about the session, pointing to its thread."""
    message = OutboundMessage(
        text, fields=session_fields(core, party, session), extra=thread_extra(session)
    )
    await send(
        uow, core.clock, consultant_address(consultant, core.config), message, subject_id=session.id
    )


def join_as(
    session: ConsultingSession, consultant: Consultant, role: str, core: Core
) -> SessionParticipant:
    """A participation of ``consultant`` in ``role`` starting now."""
    assert session.id is not None
    return SessionParticipant(
        session_id=session.id,
        consultant_id=consultant.id,
        staff_key=consultant.staff_key,
        role=role,
        joined_at=core.clock.now(),
    )


async def _leave(uow: UnitOfWork, session_id: int, staff_key: str, core: Core) -> None:
    for participant in await active_participants(uow, session_id):
        if participant.staff_key == staff_key:
            participant.left_at = core.clock.now()
            uow.session.add(participant)


async def _busy_at_capacity(uow: UnitOfWork, core: Core, consultant: Consultant) -> None:
    """A consultant leading as many sessions as they may is *ocupado* (as at a claim)."""

    assert consultant.id is not None
    full = await open_sessions_of(uow, consultant.id) >= consultant.max_sessions
    if full and consultant.status != ConsultantStatus.BUSY:
        change_status(uow, consultant, ConsultantStatus.BUSY, core.clock.now())
        await uow.session.flush()


@entry
async def transfer_session(
    core: Core,
    session_id: int,
    *,
    by_staff_key: str,
    to_consultant_id: int,
    inbound: tuple[str, str] | None = None,
) -> None:
    """The lead hands the session to another consultant; the client is told who carries on."""
    async with core.transaction(inbound) as uow:
        by = normalised_staff_key(by_staff_key)
        session = await load_session(uow, session_id)
        require_open(core, session)
        assert session.id is not None
        if by != await lead_staff_key(uow, session):
            raise Forbidden("sessions.not_lead", id=session_id)
        target = await load_consultant(uow, to_consultant_id)
        if target.staff_key == by or target.id == session.consultant_id:
            raise Conflict("sessions.transfer.same", name=target.name, id=session.id)
        if not target.active:
            raise InvalidInput("sessions.specialist.inactive", name=target.name)
        old_consultant_id = session.consultant_id
        old_name = await staff_name(uow, by)
        await _leave(uow, session.id, by, core)
        await _leave(uow, session.id, target.staff_key, core)  # a specialist becomes lead
        uow.session.add(join_as(session, target, ROLE_LEAD, core))
        session.consultant_id = target.id
        uow.session.add(session)
        await uow.session.flush()
        await _busy_at_capacity(uow, core, target)
        party = await party_of(uow, session)
        text = staff_text(
            core,
            "sessions.transfer.thread",
            old=old_name,
            slack=target.staff_key,
            name=target.name,
            by=by,
        )
        invite = {"invite": [target.staff_key]}  # into a private thread's channel too
        await thread_post(uow, core, session, OutboundMessage(text, extra=invite))
        dm = staff_text(
            core,
            "sessions.transfer.dm",
            old=old_name,
            id=session.id,
            company=party.company.name,
            contact=contact_label(party.contact),
        )
        await direct_message(uow, core, target, party, session, dm)
        lang = contact_language(party.contact, core.config)
        await tell_client(
            uow,
            core,
            party.contact,
            OutboundMessage(t("sessions.transfer.client", lang, name=target.name)),
        )
        if old_consultant_id is not None:
            await core.publish(uow, ConsultantFreed(old_consultant_id))
        logger.info("session %s transferred from %s to %s", session.id, by, target.id)
