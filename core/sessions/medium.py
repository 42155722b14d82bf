"""A session's medium (chat, phone, TeamViewer, Terminal Service, other), changed while it runs.

An on-demand session starts by chat; a booked one with its booking's medium and detail. A
participant changes it (``medium:<session>`` opens the form) with the detail it needs, if known;
*Telefone* without a number takes the last one known (the session's, the client's) or asks the
client, whose next message that reads as a phone number is taken (and relayed as any other).
Every change is a ``session_medium_change`` row, posted in the thread and told to the client.
"""

from __future__ import annotations

import logging

from core.connection import (
    Medium,
    check_detail,
    describe_connection,
    find_phone,
    parse_medium,
    parse_phone,
    show_detail,
)
from core.contacts import contact_language
from core.context import Core, entry
from core.db import UnitOfWork
from core.errors import Conflict, Forbidden, InvalidInput
from core.messages import t
from core.models import ConsultingSession, Contact, SessionMediumChange
from core.outbox import OutboundMessage
from core.sessions.common import (
    load_session,
    may_act,
    normalised_staff_key,
    party_of,
    require_open,
    staff_text,
    tell_client,
    thread_post,
)

logger = logging.getLogger(__name__)

MEDIUM = "medium"
"""Action verb of the session's *Meio de atendimento* (``medium:<session>``)."""
CLIENT = "client"
"""``changed_by`` of a phone number the client sent."""


def session_connection(session: ConsultingSession, language: str) -> str:
    """The session's medium and detail as people read them (``Telefone — (11) 98765-4321``)."""
    return describe_connection(session.medium, session.connection_detail, language)


def _known_phone(session: ConsultingSession, contact: Contact) -> str | None:
    if session.medium == Medium.PHONE and session.connection_detail:
        return session.connection_detail
    if contact.phone:
        try:
            return parse_phone(contact.phone)
        except InvalidInput:
            return None
    return None


async def record_change(
    uow: UnitOfWork,
    core: Core,
    session: ConsultingSession,
    medium: str,
    detail: str | None,
    by: str,
) -> None:
    """Set the session's medium and detail and keep the change."""
    assert session.id is not None
    session.medium, session.connection_detail = medium, detail
    uow.session.add(session)
    uow.session.add(
        SessionMediumChange(
            session_id=session.id,
            medium=medium,
            connection_detail=detail,
            changed_by=by,
            changed_at=core.clock.now(),
        )
    )
    await uow.session.flush()


@entry
async def change_session_medium(
    core: Core,
    session_id: int,
    *,
    by_staff_key: str,
    medium: str,
    detail: str | None = None,
    inbound: tuple[str, str] | None = None,
) -> None:
    """A participant sets the session's medium (and detail); recorded, posted, client told."""
    async with core.transaction(inbound) as uow:
        by = normalised_staff_key(by_staff_key)
        session = await load_session(uow, session_id)
        require_open(core, session)
        if not await may_act(uow, session, by):
            raise Forbidden("sessions.not_participant", id=session_id)
        chosen = parse_medium(medium)
        value = check_detail(chosen, detail)
        party = await party_of(uow, session)
        if chosen == Medium.PHONE and value is None:
            value = _known_phone(session, party.contact)
        if chosen == session.medium and value == session.connection_detail:
            raise Conflict(
                "connection.session.same",
                connection=session_connection(session, core.config.language),
            )
        await record_change(uow, core, session, chosen, value, by)
        asks_client = chosen == Medium.PHONE and value is None
        key = "connection.session.thread_asked" if asks_client else "connection.session.thread"
        shown = session_connection(session, core.config.language)
        await thread_post(
            uow, core, session, OutboundMessage(staff_text(core, key, by=by, connection=shown))
        )
        language = contact_language(party.contact, core.config)
        if asks_client:
            told = t("connection.session.client_ask_phone", language)
            told = f"{told}\n{t('connection.no_passwords', language)}"
        else:
            told = t(
                "connection.session.client",
                language,
                connection=session_connection(session, language),
            )
        await tell_client(uow, core, party.contact, OutboundMessage(told))
        logger.info("session %s: medium %s set by %s", session.id, chosen.name, by)


def awaits_phone(medium: str | None, detail: str | None) -> bool:
    """A phone session without a number yet: the client's next message may be it."""
    return medium == Medium.PHONE and not detail


async def take_client_phone(
    uow: UnitOfWork, core: Core, session: ConsultingSession, text: str | None
) -> None:
    """In the relay's transaction: a phone session waiting for the number takes the client's
    message when it reads as one (the message is relayed all the same)."""
    if not awaits_phone(session.medium, session.connection_detail) or not text:
        return
    phone = find_phone(text)
    if phone is None:
        return
    await record_change(uow, core, session, Medium.PHONE, phone, CLIENT)
    shown = show_detail(Medium.PHONE, phone)
    note = staff_text(core, "connection.session.phone_received", phone=shown)
    await thread_post(uow, core, session, OutboundMessage(note))
