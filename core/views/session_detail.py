"""One session as the console's session page shows it: its request, company, people and notes.

Read-only, in the caller's unit of work.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import col, select

from core.contacts import display_name
from core.db import UnitOfWork
from core.models import (
    Company,
    Consultant,
    ConsultingSession,
    Contact,
    Request,
    SessionNote,
    SessionParticipant,
)
from core.sessions import active_guests, may_act
from core.views.people import people_names

GUEST = "guest"
"""The role shown for a colleague of the client who joined the session."""


@dataclass(frozen=True)
class SessionDetail:
    """A session with its request, company, contact and participants' names."""

    session: ConsultingSession
    request: Request
    company: Company
    contact: str
    participants: list[tuple[str, str]]
    """``(name, role)`` of the people in the session (role: ``lead``, ``specialist``...; the
    client's colleagues who joined come last, as ``guest``)."""
    lead_key: str | None

    @property
    def room(self) -> str | None:
        """The staff room of the session's thread (the request card's until it has its own)."""
        return self.session.thread_channel or self.request.card_channel

    @property
    def thread_ref(self) -> str | None:
        """The session's thread in that room (the request card's message until it has its own)."""
        return self.session.thread_ref or self.request.card_ref


async def session_detail(uow: UnitOfWork, session_id: int) -> SessionDetail | None:
    """The session ``session_id`` with names, or None.

    Participants are the people still in it, by arrival; the lead is the session's consultant,
    or its attendant (a support conversation) when it has none.
    """
    session = await uow.session.get(ConsultingSession, session_id)
    if session is None:
        return None
    request = await uow.session.get(Request, session.request_id)
    company = await uow.session.get(Company, session.company_id)
    contact = await uow.session.get(Contact, session.contact_id)
    assert request is not None and company is not None and contact is not None
    statement = (
        select(SessionParticipant)
        .where(SessionParticipant.session_id == session_id)
        .where(col(SessionParticipant.left_at).is_(None))
        .order_by(col(SessionParticipant.joined_at))
    )
    names = await people_names(uow)
    participants = [
        (names.get(p.staff_key, p.staff_key), p.role)
        for p in (await uow.session.exec(statement)).all()
    ]
    participants += [(display_name(c), GUEST) for _, c in await active_guests(uow, session_id)]
    lead = None
    if session.consultant_id is not None:
        consultant = await uow.session.get(Consultant, session.consultant_id)
        lead = consultant.staff_key if consultant else None
    return SessionDetail(
        session,
        request,
        company,
        display_name(contact),
        participants,
        lead or session.attendant_key,
    )


async def session_notes(uow: UnitOfWork, session_id: int) -> list[SessionNote]:
    """The internal notes written in the session (in no particular order)."""
    statement = select(SessionNote).where(SessionNote.session_id == session_id)
    return list((await uow.session.exec(statement)).all())


async def may_read_session(uow: UnitOfWork, session: ConsultingSession, staff_key: str) -> bool:
    """Whether ``staff_key`` may read the conversation as a consultant or attendant.

    Least privilege for the console's session pages: whoever was ever in the session (lead,
    specialist, transferred, attendant), its lead, and — for a support chat nobody took yet —
    any support attendant or consultant (they may answer it). Secretaries, managers and admins
    read every session (their roles are checked by the caller).
    """
    assert session.id is not None
    key = staff_key.strip().upper()
    ever = select(SessionParticipant.id).where(
        col(SessionParticipant.session_id) == session.id,
        col(SessionParticipant.staff_key) == key,
    )
    if (await uow.session.exec(ever)).first() is not None:
        return True
    return await may_act(uow, session, key)
