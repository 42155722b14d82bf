"""Colleagues in a session (issue 12, point 8: training "para toda sua equipe").

The session's main client invites colleagues (``core.sessions.invitations``): a contact of the
session's company joins with a one-time code, at most :data:`MAX_GUESTS` at a time. Guests'
messages are relayed like the client's (``core.sessions.relay``), labelled with their names,
and the staff's replies reach them. A guest leaves with ``/sair`` or ``guest_leave:<session>``
(:func:`leave_as_guest`); at the end every guest is told (:func:`guests_after_session`, on
``SessionEnded``). Billing and rating stay the client's: guests are never billed nor asked.
"""

from __future__ import annotations

import logging

from sqlmodel import col, select

from core.contacts import contact_language, display_name, find_contact
from core.context import Core, entry
from core.db import UnitOfWork
from core.errors import Conflict
from core.events import SessionEnded
from core.messages import t
from core.models import ConsultingSession, Contact, SessionGuest, SessionStatus
from core.outbox import Address, Choice, OutboundMessage
from core.sessions.common import party_of, tell_client, thread_post

logger = logging.getLogger(__name__)

MAX_GUESTS = 5
"""Colleagues in one session at a time, besides its client."""
GUEST_NOTICE = "guest_notice"
"""Outbox purpose of a colleague's arrival, departure or the end (subject: the session id)."""


def invite_choice(session_id: int, language: str) -> Choice:
    """The client's *Convidar colega* button."""
    return Choice(f"invite:{session_id}", t("sessions.guests.button.invite", language))


def leave_choice(session_id: int, language: str) -> Choice:
    """A guest's *Sair da sessão* button."""
    return Choice(f"guest_leave:{session_id}", t("sessions.guests.button.leave", language))


async def active_guests(uow: UnitOfWork, session_id: int) -> list[tuple[SessionGuest, Contact]]:
    """The colleagues in the session now (not left), with their contacts, in joining order."""
    statement = (
        select(SessionGuest, Contact)
        .join(Contact, col(Contact.id) == col(SessionGuest.contact_id))
        .where(col(SessionGuest.session_id) == session_id, col(SessionGuest.left_at).is_(None))
        .order_by(col(SessionGuest.id))
    )
    return [(guest, contact) for guest, contact in (await uow.session.exec(statement)).all()]


async def guest_session_of(uow: UnitOfWork, contact_id: int | None) -> ConsultingSession | None:
    """The open session the contact is in as a colleague (not as its client), or None."""
    if contact_id is None:
        return None
    statement = (
        select(ConsultingSession)
        .join(SessionGuest, col(SessionGuest.session_id) == col(ConsultingSession.id))
        .where(col(SessionGuest.contact_id) == contact_id, col(SessionGuest.left_at).is_(None))
        .where(col(ConsultingSession.status) == SessionStatus.OPEN)
        .order_by(col(ConsultingSession.id).desc())
    )
    return (await uow.session.exec(statement)).first()


async def say(
    uow: UnitOfWork,
    core: Core,
    contact: Contact,
    session_id: int | None,
    key: str,
    *,
    choices: tuple[Choice, ...] = (),
    **params: object,
) -> None:
    """The catalogue text ``key`` to ``contact``, in their language."""
    text = t(key, contact_language(contact, core.config), **params)
    message = OutboundMessage(text, choices=choices)
    await tell_client(uow, core, contact, message, purpose=GUEST_NOTICE, subject_id=session_id)


async def tell_others(
    uow: UnitOfWork,
    core: Core,
    session: ConsultingSession,
    about: Contact,
    key: str,
) -> None:
    """Tell the thread, the client and the other guests that ``about`` came or went."""
    party = await party_of(uow, session)
    name, client = display_name(about), display_name(party.contact)
    staff_key = f"sessions.guests.thread.{key}"
    text = t(staff_key, core.config.language, name=name, client=client)
    await thread_post(uow, core, session, OutboundMessage(text), purpose=GUEST_NOTICE)
    assert session.id is not None
    people = [party.contact, *(c for _, c in await active_guests(uow, session.id))]
    for person in people:
        if person.id != about.id:
            await say(uow, core, person, session.id, f"sessions.guests.client.{key}", name=name)


@entry
async def leave_as_guest(
    core: Core,
    address: Address,
    *,
    session_id: int | None = None,
    inbound: tuple[str, str] | None = None,
) -> None:
    """A colleague leaves the session they joined (``/sair`` or the button)."""
    async with core.transaction(inbound) as uow:
        contact = await find_contact(uow, address)
        session = await guest_session_of(uow, contact.id) if contact is not None else None
        if contact is None or session is None or session.id is None:
            raise Conflict("sessions.guests.not_in")
        if session_id is not None and session.id != session_id:
            raise Conflict("sessions.guests.not_in")
        for guest, person in await active_guests(uow, session.id):
            if person.id == contact.id:
                guest.left_at = core.clock.now()
                uow.session.add(guest)
        await uow.session.flush()
        await say(uow, core, contact, session.id, "sessions.guests.you_left")
        await tell_others(uow, core, session, contact, "left")
        logger.info("session %s: contact %s left", session.id, contact.id)


async def guests_after_session(uow: UnitOfWork, core: Core, event: SessionEnded) -> None:
    """Event handler: the session ended, so every colleague in it leaves and is told."""
    session = await uow.session.get(ConsultingSession, event.session_id)
    assert session is not None
    guests = await active_guests(uow, event.session_id)
    if not guests:
        return
    party = await party_of(uow, session)
    now = core.clock.now()
    for guest, contact in guests:
        guest.left_at = now
        uow.session.add(guest)
        await say(
            uow,
            core,
            contact,
            event.session_id,
            "sessions.guests.ended",
            client=display_name(party.contact),
        )
    await uow.session.flush()
