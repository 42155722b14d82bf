"""Starting a session (SPEC 5 step 7): from a claimed request or at a booked time.

The session's thread is the request card's Slack thread: known at once when the card was already
delivered, else filled in by the dispatcher's feedback when it is. A request without a card (a
booking) gets one now, a session card in the requests channel, whose thread becomes the session's.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Integer, Select, Table, bindparam, insert, literal_column
from sqlalchemy import select as sa_select
from sqlalchemy.orm import make_transient_to_detached

from core.cards import REQUEST_CARD, area_label, card_address, local_time
from core.connection import Medium
from core.consultants import LOG_STATUS, SET_STATUS, change_status, status_values, status_written
from core.contacts import contact_address, contact_language, display_name
from core.context import Core
from core.db import UnitOfWork
from core.events import SessionStarted
from core.messages import t
from core.models import (
    Company,
    Consultant,
    ConsultantStatus,
    ConsultingSession,
    Contact,
    Outbound,
    Request,
    RequestStatus,
    SessionParticipant,
    SessionStatus,
)
from core.outbox import Address, OutboundMessage, Post, latest_outbound, send_all
from core.sessions.common import (
    SESSION_CLIENT_START,
    SESSION_CONTROLS,
    active_participants,
    open_sessions_of,
)
from core.sessions.controls import client_end_choice, session_controls
from core.sessions.guests import invite_choice
from core.sessions.medium import session_connection

logger = logging.getLogger(__name__)

LEAD = "lead"  # = core.sessions.common.ROLE_LEAD
"""SessionParticipant role of the consultant who leads the session."""
SESSION_POST = "session_post"
"""Outbox purpose of a post in the session thread (subject: the session)."""


@dataclass
class Known:
    """What a caller (the claim) has read already, so the session start reads nothing again.

    ``open_sessions``: the open sessions the consultant led before this one; ``request_card``:
    the request's newest original card (None: none). The start's messages are appended to
    ``posts`` instead of written: the caller writes them with its own, in one statement.
    """

    contact: Contact
    company: Company
    open_sessions: int
    request_card: Outbound | None
    posts: list[Post] = field(default_factory=list)


async def start_session(
    uow: UnitOfWork,
    core: Core,
    request: Request,
    consultant: Consultant,
    *,
    billing_starts_at: datetime | None,
    booking_id: int | None = None,
    known: Known | None = None,
    alternative_hours: bool = False,
    medium: str = Medium.CHAT,
    connection_detail: str | None = None,
) -> ConsultingSession:
    """Open the request's session led by ``consultant``, tell the client and the thread.

    ``medium`` and ``connection_detail``: how it is held (a booking's; by chat otherwise).

    With ``known`` (see :class:`Known`) nothing is read again and the messages are left in
    ``known.posts`` for the caller to write.
    """
    assert request.id is not None and consultant.id is not None
    now = core.clock.now()
    session = ConsultingSession(
        request_id=request.id,
        kind=request.kind,
        status=SessionStatus.OPEN,
        contact_id=request.contact_id,
        company_id=request.company_id,
        consultant_id=consultant.id,
        booking_id=booking_id,
        alternative_hours=alternative_hours,
        medium=medium,
        connection_detail=connection_detail,
        started_at=now,
        billing_started_at=billing_starts_at,
        thread_channel=request.card_channel if request.card_ref else None,
        thread_ref=request.card_ref,
    )
    taken = request.status == RequestStatus.IN_SESSION and request.taken_by_id == consultant.id
    if known is None or not taken:  # a claim took it already (its values, no UPDATE again)
        request.status = RequestStatus.IN_SESSION
        request.taken_by_id = consultant.id
        request.taken_at = request.taken_at or now
        request.updated_at = now
        uow.session.add(request)
    if known is None:
        uow.session.add(session)
        await uow.session.flush()
        assert session.id is not None
        uow.session.add(_lead(session.id, consultant, now))
        await uow.session.flush()
        await _mark_busy_at_capacity(uow, core, consultant)
        contact = await uow.session.get(Contact, request.contact_id)
        company = await uow.session.get(Company, request.company_id)
        assert contact is not None and company is not None
        known = Known(contact, company, -1, await latest_outbound(uow, REQUEST_CARD, request.id))
        await _start_messages(core, request, session, consultant, known)
        await send_all(uow, core.clock, known.posts)
    else:
        busy = known.open_sessions + 1 >= consultant.max_sessions
        await _write_started(uow, core, session, consultant, busy=busy)
        await _start_messages(core, request, session, consultant, known)
    assert session.id is not None
    await core.publish(uow, SessionStarted(session.id))
    logger.info(
        "session %s opened: request %s, consultant %s", session.id, request.id, consultant.id
    )
    return session


def _lead(session_id: int, consultant: Consultant, now: datetime) -> SessionParticipant:
    return SessionParticipant(
        session_id=session_id,
        consultant_id=consultant.id,
        staff_key=consultant.staff_key,
        role=LEAD,
        joined_at=now,
    )


_SESSIONS: Table = ConsultingSession.__table__  # type: ignore[attr-defined]
_PARTICIPANTS: Table = SessionParticipant.__table__  # type: ignore[attr-defined]
_SESSION_COLUMNS = tuple(c.name for c in _SESSIONS.c if c.name != "id")
_LEAD_COLUMNS = ("consultant_id", "staff_key", "role", "joined_at")
_NEW_SESSION = (
    insert(_SESSIONS)
    .values({c: bindparam(f"s_{c}", type_=_SESSIONS.c[c].type) for c in _SESSION_COLUMNS})
    .returning(_SESSIONS.c.id)
)
_LEAD_VALUES = [bindparam(f"l_{c}", type_=_PARTICIPANTS.c[c].type) for c in _LEAD_COLUMNS]
_NEW_LEAD = insert(_PARTICIPANTS).values(
    session_id=bindparam("l_session_id", type_=Integer()),
    **dict(zip(_LEAD_COLUMNS, _LEAD_VALUES, strict=True)),
)
"""SQLite: the session (its id returned), then its lead (``l_session_id``), in turn."""


def _started_together(busy: bool) -> Select[Any]:
    """PostgreSQL: the session, its lead and (``busy``) the consultant's *ocupado* with its
    history entry, in one statement returning the session's id."""
    started = _NEW_SESSION.cte("started")
    lead = (
        insert(_PARTICIPANTS)
        .from_select(["session_id", *_LEAD_COLUMNS], sa_select(started.c.id, *_LEAD_VALUES))
        .returning(_PARTICIPANTS.c.id)
        .cte("lead")
    )
    statement = sa_select(started.c.id).add_cte(lead)
    if busy:
        statement = statement.add_cte(
            SET_STATUS.returning(literal_column("1")).cte("status_set"),
            LOG_STATUS.returning(literal_column("1")).cte("status_logged"),
        )
    return statement


_STARTED = {busy: _started_together(busy) for busy in (False, True)}


async def _write_started(
    uow: UnitOfWork,
    core: Core,
    session: ConsultingSession,
    consultant: Consultant,
    *,
    busy: bool,
) -> None:
    """The new ``session``, its lead and (``busy``) the consultant *ocupado* from now: one
    statement on PostgreSQL. ``session`` joins the unit of work as if loaded (its id set)."""
    now = session.started_at
    values = {f"s_{c}": getattr(session, c) for c in _SESSION_COLUMNS}
    values |= {
        "l_consultant_id": consultant.id,
        "l_staff_key": consultant.staff_key,
        "l_role": LEAD,
        "l_joined_at": now,
    }
    status = status_values(consultant, ConsultantStatus.BUSY, now) if busy else None
    if core.db.dialect == "postgresql":
        statement = _STARTED[status is not None]
        session.id = (await uow.execute(statement, values | (status or {}))).scalar_one()
    else:
        session.id = (await uow.execute(_NEW_SESSION, values)).scalar_one()
        await uow.execute(_NEW_LEAD, values | {"l_session_id": session.id})
        if status is not None:
            await uow.execute(SET_STATUS, status)
            await uow.execute(LOG_STATUS, status)
    if status is not None:
        status_written(consultant, status)
    make_transient_to_detached(session)
    uow.session.add(session)


async def take_over_session(
    uow: UnitOfWork,
    core: Core,
    session: ConsultingSession,
    request: Request,
    consultant: Consultant,
    *,
    known: Known,
    alternative_hours: bool = False,
) -> ConsultingSession:
    """A consultant claims a support chat handed over to them: the same session, now theirs.

    The session becomes consulting, billed from now; its thread moves to the request card in the
    requests channel (which carries the support conversation so far), the attendant leaves and
    the old support thread is told who took over. Messages go to ``known.posts``.
    """
    assert session.id is not None and consultant.id is not None
    now = core.clock.now()
    old_thread = _thread_of(core, session)
    session.kind = request.kind
    session.consultant_id = consultant.id
    session.billing_started_at = now
    session.alternative_hours = session.alternative_hours or alternative_hours
    card = known.request_card
    if card is not None and card.platform_ref is not None:
        session.thread_channel, session.thread_ref = card.address, card.platform_ref
    else:  # the card's delivery gives the session its thread (the dispatcher's feedback)
        session.thread_channel = session.thread_ref = None
    uow.session.add(session)
    for participant in await active_participants(uow, session.id):
        participant.left_at = now
        uow.session.add(participant)
    uow.session.add(
        SessionParticipant(
            session_id=session.id,
            consultant_id=consultant.id,
            staff_key=consultant.staff_key,
            role=LEAD,
            joined_at=now,
        )
    )
    if known.open_sessions + 1 >= consultant.max_sessions:
        _mark_busy(core, uow, consultant)
    await uow.session.flush()
    if old_thread is not None:
        text = t(
            "support.handover.taken",
            core.config.language,
            name=consultant.name,
            time=local_time(core, now),
            id=request.id,
        )
        known.posts.append(Post(old_thread, OutboundMessage(text), SESSION_POST, session.id))
    await _start_messages(core, request, session, consultant, known)
    logger.info("support session %s taken over by consultant %s", session.id, consultant.id)
    return session


def _thread_of(core: Core, session: ConsultingSession) -> Address | None:
    if session.thread_channel is None or session.thread_ref is None:
        return None
    return Address(core.config.staff.requests.channel, session.thread_channel, session.thread_ref)


async def _mark_busy_at_capacity(uow: UnitOfWork, core: Core, consultant: Consultant) -> None:
    assert consultant.id is not None
    if await open_sessions_of(uow, consultant.id) >= consultant.max_sessions:
        _mark_busy(core, uow, consultant)
        await uow.session.flush()


def _mark_busy(core: Core, uow: UnitOfWork, consultant: Consultant) -> None:
    """*Ocupado* from now (flushed with the caller's next write)."""
    change_status(uow, consultant, ConsultantStatus.BUSY, core.clock.now())


async def _start_messages(
    core: Core,
    request: Request,
    session: ConsultingSession,
    consultant: Consultant,
    known: Known,
) -> None:
    """The client told who attends them, then the thread told the session started."""
    assert session.id is not None
    language = contact_language(known.contact, core.config)
    told = t("queue.client.assigned", language, name=consultant.name)
    choices = (client_end_choice(session.id, language), invite_choice(session.id, language))
    known.posts.append(
        Post(
            contact_address(known.contact),
            OutboundMessage(told, choices=choices),
            SESSION_CLIENT_START,
            session.id,
        )
    )
    known.posts.append(_announcement(core, request, session, consultant, known))


def _announcement(
    core: Core,
    request: Request,
    session: ConsultingSession,
    consultant: Consultant,
    known: Known,
) -> Post:
    """ "Session started" in the request card's thread, or a session card opening one."""
    assert request.id is not None
    language = core.config.language
    text = t(
        "queue.card.session_started",
        language,
        time=local_time(core, session.started_at),
        consultant=consultant.name,
        contact=display_name(known.contact),
        company=known.company.name,
        area=area_label(request.area, language, core.config),
    )
    text += "\n" + t("connection.line", language, connection=session_connection(session, language))
    assert session.id is not None
    extra = {"session_id": session.id, "request_id": request.id}
    controls = session_controls(session.id, language, booked=session.booking_id is not None)
    card = known.request_card
    if card is not None:
        return Post(
            card_address(card),
            OutboundMessage(text, choices=controls, extra=extra),
            SESSION_CONTROLS,
            session.id,
            thread_of=card.id,
        )
    title = t("queue.card.session_title", language, session=session.id)
    return Post(
        core.config.staff.requests,
        OutboundMessage(text, title=title, choices=controls, extra=extra),
        REQUEST_CARD,
        request.id,
    )
