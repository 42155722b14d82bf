"""What the session services share: finding sessions, their people, and their thread.

A session's thread is the Slack thread of its request card. Until the dispatcher has stored the
card's reference on the session, messages for the thread are posted with ``thread_of`` the card's
outbox row, so they land in the right thread once the card is out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import col, func, select

from core.contacts import contact_address, display_name
from core.context import Core
from core.db import UnitOfWork
from core.errors import BusinessError, Conflict, NotFound
from core.messages import t
from core.models import (
    Company,
    Consultant,
    ConsultingSession,
    Contact,
    Outbound,
    Request,
    RequestKind,
    SessionParticipant,
    SessionStatus,
    StaffMember,
    StaffRole,
)
from core.outbox import REQUEST_CARD, Address, OutboundMessage, latest_outbound, send
from core.staff import has_role
from core.timefmt import format_datetime

ROLE_LEAD = "lead"
ROLE_SPECIALIST = "specialist"
ROLE_ATTENDANT = "attendant"
SESSION_CLIENT_START = "session_client_start"
"""Outbox purpose of the client's "who attends you" message with *Encerrar atendimento* and
*Convidar colega* (subject: the session id); its buttons are dropped when the session ends."""
SESSION_CONTROLS = "session_controls"
"""Outbox purpose of the staff's session controls post in the thread (subject: the session id);
its buttons are dropped when the session ends."""
SESSION_BUTTONS = (SESSION_CLIENT_START, SESSION_CONTROLS)
"""The purposes of a session's messages whose buttons belong to the open session."""
RATING_REQUEST = "rating_request"
RECAP_OFFER = "recap_offer"
"""Outbox purpose of the client's end message that offers the conversation (subject: session)."""
"""Outbox purpose of the 1-5 rating question to the client (subject: the session id)."""
ONSITE_CARD = "onsite_card"
"""Outbox purpose of an on-site visit request card (subject: the session id)."""
BILLING_CARD = "billing_card"
"""Outbox purpose of a billing card in the billing channel (subject: the session id)."""


class NoOpenSession(BusinessError):
    """The contact has no open session: the intake answers with the menu instead."""

    def __init__(self) -> None:
        super().__init__("sessions.no_open_session")


def normalised_staff_key(staff_key: str) -> str:
    """A staff key as stored (upper-case, trimmed): a Slack user id or a web-only key."""
    return staff_key.strip().upper()


@dataclass(frozen=True)
class Party:
    """Who a session is about: its request, contact and company."""

    request: Request
    contact: Contact
    company: Company


async def load_session(uow: UnitOfWork, session_id: int) -> ConsultingSession:
    """The session ``session_id``; NotFound when there is none."""
    session = await uow.session.get(ConsultingSession, session_id)
    if session is None:
        raise NotFound("sessions.not_found", id=session_id)
    return session


async def party_of(uow: UnitOfWork, session: ConsultingSession) -> Party:
    """The request, contact and company of ``session``."""
    request = await uow.session.get(Request, session.request_id)
    contact = await uow.session.get(Contact, session.contact_id)
    company = await uow.session.get(Company, session.company_id)
    assert request is not None and contact is not None and company is not None
    return Party(request, contact, company)


def require_open(core: Core, session: ConsultingSession) -> None:
    """Conflict ("já encerrada") unless ``session`` is open."""
    if session.status != SessionStatus.OPEN:
        when = session.ended_at or core.clock.now()
        raise Conflict(
            "sessions.already_ended",
            id=session.id,
            when=format_datetime(when, core.config.timezone),
        )


async def session_for_thread(uow: UnitOfWork, thread: Address) -> ConsultingSession | None:
    """The session (open or ended) whose Slack thread is ``thread``, or None."""
    if thread.thread is None:
        return None
    statement = (
        select(ConsultingSession)
        .where(
            ConsultingSession.thread_channel == thread.id,
            ConsultingSession.thread_ref == thread.thread,
        )
        .order_by(col(ConsultingSession.id).desc())
    )
    session = (await uow.session.exec(statement)).first()
    if session is not None:
        return session
    # The card's reference is stored on the request before the session has it (a claim racing
    # the dispatcher's feedback): find the session through its request card.
    by_card = (
        select(ConsultingSession)
        .join(Request, col(Request.id) == ConsultingSession.request_id)
        .where(Request.card_channel == thread.id, Request.card_ref == thread.thread)
        .order_by(col(ConsultingSession.id).desc())
    )
    return (await uow.session.exec(by_card)).first()


async def active_participants(uow: UnitOfWork, session_id: int) -> list[SessionParticipant]:
    """The people still in the session (no ``left_at``), in the order they joined."""
    statement = (
        select(SessionParticipant)
        .where(SessionParticipant.session_id == session_id)
        .where(col(SessionParticipant.left_at).is_(None))
        .order_by(col(SessionParticipant.id))
    )
    return list((await uow.session.exec(statement)).all())


async def lead_staff_key(uow: UnitOfWork, session: ConsultingSession) -> str | None:
    """The Slack user leading the session: its consultant, or for support its attendant."""
    if session.consultant_id is not None:
        consultant = await uow.session.get(Consultant, session.consultant_id)
        if consultant is not None:
            return consultant.staff_key
    return session.attendant_key


async def is_participant(uow: UnitOfWork, session: ConsultingSession, staff_key: str) -> bool:
    """Whether the Slack user is in the session now (lead, specialist or attendant)."""
    key = normalised_staff_key(staff_key)
    assert session.id is not None
    if any(p.staff_key == key for p in await active_participants(uow, session.id)):
        return True
    return key == await lead_staff_key(uow, session)


async def may_act(uow: UnitOfWork, session: ConsultingSession, staff_key: str) -> bool:
    """A participant may act; in a support chat nobody took yet, any attendant or consultant."""
    if await is_participant(uow, session, staff_key):
        return True
    if session.kind == RequestKind.SUPPORT and session.attendant_key is None:
        key = normalised_staff_key(staff_key)
        if await has_role(uow, key, StaffRole.SUPPORT):
            return True
        found = await uow.session.exec(select(Consultant.id).where(Consultant.staff_key == key))
        return found.first() is not None
    return False


async def staff_name(uow: UnitOfWork, staff_key: str) -> str:
    """A staff member's name: as a consultant, else as staff, else the Slack mention."""
    key = normalised_staff_key(staff_key)
    consultant = (
        await uow.session.exec(select(Consultant).where(Consultant.staff_key == key))
    ).first()
    if consultant is not None:
        return consultant.name
    member = (
        await uow.session.exec(
            select(StaffMember).where(
                StaffMember.staff_key == key, col(StaffMember.name).is_not(None)
            )
        )
    ).first()
    return member.name if member is not None and member.name else f"<@{key}>"


async def thread_post(
    uow: UnitOfWork,
    core: Core,
    session: ConsultingSession,
    message: OutboundMessage,
    *,
    purpose: str | None = None,
) -> Outbound:
    """Write ``message`` to the session's Slack thread (or the request card's, once it is out)."""
    sid = session.id
    if session.thread_channel is not None and session.thread_ref is not None:
        to = Address(core.config.staff.requests.channel, session.thread_channel, session.thread_ref)
        return await send(uow, core.clock, to, message, purpose=purpose, subject_id=sid)
    card = await latest_outbound(uow, REQUEST_CARD, session.request_id)
    if card is not None:
        to = Address(card.channel, card.address)
        return await send(
            uow, core.clock, to, message, purpose=purpose, subject_id=sid, thread_of=card.id
        )
    staff = core.config.staff
    channel = staff.support if session.kind == RequestKind.SUPPORT else staff.requests
    return await send(uow, core.clock, channel, message, purpose=purpose, subject_id=sid)


async def tell_client(
    uow: UnitOfWork,
    core: Core,
    contact: Contact,
    message: OutboundMessage,
    *,
    purpose: str | None = None,
    subject_id: int | None = None,
    edit_of: int | None = None,
) -> Outbound:
    """Write ``message`` to the client's chat."""
    to = contact_address(contact)
    return await send(
        uow, core.clock, to, message, purpose=purpose, subject_id=subject_id, edit_of=edit_of
    )


def contact_label(contact: Contact) -> str:
    """The contact as staff see them (name, or an anonymous label once erased)."""
    return display_name(contact)


def staff_text(core: Core, key: str, **params: object) -> str:
    """A staff-side text (Slack reads the bot's configured language)."""
    return t(key, core.config.language, **params)


async def open_session_counts(
    uow: UnitOfWork, consultant_ids: Sequence[int] | None = None
) -> dict[int, int]:
    """How many open sessions each consultant leads (only those with at least one)."""
    statement = (
        select(ConsultingSession.consultant_id, func.count())
        .where(col(ConsultingSession.status) == SessionStatus.OPEN)
        .where(col(ConsultingSession.consultant_id).is_not(None))
        .group_by(col(ConsultingSession.consultant_id))
    )
    if consultant_ids is not None:
        statement = statement.where(col(ConsultingSession.consultant_id).in_(consultant_ids))
    return {cid: int(n) for cid, n in (await uow.session.exec(statement)).all() if cid is not None}


async def open_sessions_of(uow: UnitOfWork, consultant_id: int) -> int:
    """How many open sessions the consultant leads."""
    return (await open_session_counts(uow, [consultant_id])).get(consultant_id, 0)
