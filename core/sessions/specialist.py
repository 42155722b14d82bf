"""Calling in a specialist (SPEC 6): a consultant joins the session's thread; billing goes on.

The specialist is a consultant given by id, or the free one of an area who has waited longest
(*disponível*, active, with room under their session limit, counting sessions they help in).
"""

from __future__ import annotations

import logging

from sqlmodel import col, select

from core.consultants import consultant_areas
from core.contacts import contact_language, load_consultant
from core.context import Core, entry
from core.db import UnitOfWork
from core.errors import Conflict, InvalidInput
from core.messages import t
from core.models import (
    Consultant,
    ConsultantArea,
    ConsultantStatus,
    ConsultingSession,
    SessionParticipant,
    SessionStatus,
)
from core.outbox import OutboundMessage
from core.sessions.common import (
    ROLE_SPECIALIST,
    active_participants,
    contact_label,
    lead_staff_key,
    normalised_staff_key,
    party_of,
    staff_name,
    staff_text,
    tell_client,
    thread_post,
)
from core.sessions.team import direct_message, join_as, session_for_team_change

logger = logging.getLogger(__name__)


async def sessions_in_progress(uow: UnitOfWork, consultant_id: int) -> int:
    """How many open sessions the consultant is in now (leading or as a specialist)."""
    led = await uow.session.exec(
        select(ConsultingSession.id).where(
            ConsultingSession.consultant_id == consultant_id,
            ConsultingSession.status == SessionStatus.OPEN,
        )
    )
    joined = await uow.session.exec(
        select(SessionParticipant.session_id)
        .join(ConsultingSession, col(ConsultingSession.id) == SessionParticipant.session_id)
        .where(
            SessionParticipant.consultant_id == consultant_id,
            col(SessionParticipant.left_at).is_(None),
            ConsultingSession.status == SessionStatus.OPEN,
        )
    )
    return len(set(led.all()) | set(joined.all()))


async def _free_of_area(uow: UnitOfWork, core: Core, area: str, exclude: set[str]) -> Consultant:
    """The available consultant of ``area`` with room for a session, idle the longest."""
    spelling = {a.casefold(): a for a in core.config.areas}
    known = spelling.get(area.strip().casefold())
    if known is None:
        raise InvalidInput(
            "sessions.specialist.unknown_area", area=area, areas=", ".join(core.config.areas)
        )
    candidates = await uow.session.exec(
        select(Consultant)
        .join(ConsultantArea, col(ConsultantArea.consultant_id) == Consultant.id)
        .where(ConsultantArea.area == known, col(Consultant.active).is_(True))
        .where(Consultant.status == ConsultantStatus.AVAILABLE)
        .order_by(col(Consultant.status_changed_at), col(Consultant.id))
    )
    for consultant in candidates.all():
        if consultant.staff_key in exclude or consultant.id is None:
            continue
        if await sessions_in_progress(uow, consultant.id) < consultant.max_sessions:
            return consultant
    raise Conflict("sessions.specialist.none_free", area=known)


@entry
async def call_specialist(
    core: Core,
    session_id: int,
    *,
    by_staff_key: str,
    consultant_id: int | None = None,
    area: str | None = None,
    inbound: tuple[str, str] | None = None,
) -> None:
    """Invite a consultant (by id, or the first free one of ``area``) into the session's thread."""
    async with core.transaction(inbound) as uow:
        by = normalised_staff_key(by_staff_key)
        session = await session_for_team_change(uow, core, session_id, by)
        assert session.id is not None
        present = {p.staff_key for p in await active_participants(uow, session.id)}
        present |= {s for s in (by, await lead_staff_key(uow, session)) if s}
        if consultant_id is not None:
            specialist = await load_consultant(uow, consultant_id)
            if not specialist.active:
                raise InvalidInput("sessions.specialist.inactive", name=specialist.name)
            if specialist.staff_key in present:
                raise Conflict("sessions.specialist.already", name=specialist.name, id=session.id)
        elif area is not None and area.strip():
            specialist = await _free_of_area(uow, core, area, present)
        else:
            raise InvalidInput("sessions.specialist.who")
        uow.session.add(join_as(session, specialist, ROLE_SPECIALIST, core))
        await uow.session.flush()
        assert specialist.id is not None
        party = await party_of(uow, session)
        areas = ", ".join(await consultant_areas(uow, specialist.id))
        name = f"{specialist.name}" + (f" — {areas}" if areas else "")
        text = staff_text(
            core, "sessions.specialist.thread", by=by, slack=specialist.staff_key, name=name
        )
        invite = {"invite": [specialist.staff_key]}  # into a private thread's channel too
        await thread_post(uow, core, session, OutboundMessage(text, extra=invite))
        by_name = await staff_name(uow, by)
        dm = staff_text(
            core,
            "sessions.specialist.dm",
            by=by_name,
            id=session.id,
            company=party.company.name,
            contact=contact_label(party.contact),
        )
        await direct_message(uow, core, specialist, party, session, dm)
        lang = contact_language(party.contact, core.config)
        hello = t("sessions.specialist.client", lang, name=specialist.name)
        await tell_client(uow, core, party.contact, OutboundMessage(hello))
        logger.info("session %s: specialist %s called by %s", session.id, specialist.id, by)
