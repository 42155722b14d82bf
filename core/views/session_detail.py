"""One session as the console's session page shows it: its request, company, people and notes.

Read-only, in the caller's unit of work.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import col, select

from core.contacts import contact_address, display_name
from core.db import UnitOfWork
from core.models import (
    Channel,
    Company,
    Consultant,
    ConsultingSession,
    Contact,
    Request,
    SessionGuest,
    SessionNote,
    SessionParticipant,
    SessionStatus,
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
    client_side: tuple[str, ...] = ()
    """Names of the people on the client's side (the client, then every colleague who joined):
    the labels of their relayed messages."""
    web_clients: tuple[str, ...] = ()
    """Web chat addresses of the client and the colleagues in the session now (where a staff
    member's typing shows)."""

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

    Participants are the people still in it, by arrival — or, once it ended, everyone who took
    part (each person once, in their first role); the lead is the session's consultant, or its
    attendant (a support conversation) when it has none.
    """
    session = await uow.session.get(ConsultingSession, session_id)
    if session is None:
        return None
    request = await uow.session.get(Request, session.request_id)
    company = await uow.session.get(Company, session.company_id)
    contact = await uow.session.get(Contact, session.contact_id)
    assert request is not None and company is not None and contact is not None
    ended = session.status != SessionStatus.OPEN
    participants = await _staff_in(uow, session_id, ended=ended)
    present = await active_guests(uow, session_id)
    ever = await _guests_of(uow, session_id)
    participants += [(display_name(c), GUEST) for _, c in (ever if ended else present)]
    on_web = [c for c in (contact, *(c for _, c in present)) if c.channel == Channel.WEB]
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
        client_side=(display_name(contact), *(display_name(c) for _, c in ever)),
        web_clients=tuple(contact_address(c).id for c in on_web if not ended),
    )


async def _staff_in(uow: UnitOfWork, session_id: int, *, ended: bool) -> list[tuple[str, str]]:
    """``(name, role)`` of the staff in the session now (``ended``: of everyone who was)."""
    statement = (
        select(SessionParticipant)
        .where(SessionParticipant.session_id == session_id)
        .order_by(col(SessionParticipant.joined_at), col(SessionParticipant.id))
    )
    if not ended:
        statement = statement.where(col(SessionParticipant.left_at).is_(None))
    names = await people_names(uow)
    found: dict[str, tuple[str, str]] = {}
    for p in (await uow.session.exec(statement)).all():
        found.setdefault(p.staff_key, (names.get(p.staff_key, p.staff_key), p.role))
    return list(found.values())


async def _guests_of(uow: UnitOfWork, session_id: int) -> list[tuple[SessionGuest, Contact]]:
    """Every colleague who joined the session, in joining order (each once)."""
    statement = (
        select(SessionGuest, Contact)
        .join(Contact, col(Contact.id) == col(SessionGuest.contact_id))
        .where(col(SessionGuest.session_id) == session_id)
        .order_by(col(SessionGuest.id))
    )
    found: dict[int, tuple[SessionGuest, Contact]] = {}
    for guest, contact in (await uow.session.exec(statement)).all():
        found.setdefault(guest.contact_id, (guest, contact))
    return list(found.values())


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
