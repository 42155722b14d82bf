"""Relay between a client's chat and the session's Slack thread (SPEC 5 step 7, SPEC 6).

A client's text and files go to the thread, prefixed with the client's name; a participant's
reply in the thread goes to the client, prefixed with their name. Colleagues the client invited
(``core.sessions.guests``) are on the client's side: each one's messages reach the thread and the
other client-side people, labelled; the staff's replies reach them all. A reply starting with the
internal-note marker (``//``) is stored as a session note and never relayed. Message contents
are kept only in the outbox rows that carry them.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnExpressionArgument,
    Exists,
    Select,
    Table,
    and_,
    bindparam,
    exists,
)
from sqlalchemy import select as select_columns

from core.contacts import contact_language, name_or_number
from core.context import Core, entry
from core.db import UnitOfWork
from core.messages import t
from core.models import (
    ConsultingSession,
    Contact,
    RequestKind,
    SessionGuest,
    SessionNote,
    SessionParticipant,
    SessionStatus,
)
from core.outbox import Address, Attachment, OutboundMessage, Post, send, send_all
from core.sessions.common import (
    ROLE_ATTENDANT,
    contact_label,
    is_participant,
    may_act,
    normalised_staff_key,
    party_of,
    session_for_thread,
    staff_name,
    staff_text,
    tell_client,
    thread_post,
)
from core.sessions.guests import active_guests
from core.sessions.medium import awaits_phone, take_client_phone
from core.sessions.presence import client_present, presence_settled

logger = logging.getLogger(__name__)

_FILE_KINDS = ("photo", "document", "voice", "video")
RELAY = "relay"
"""Outbox purpose of a relayed message (subject: the session id); purged after the retention."""
RELAY_PURGED = "relay_purged"
"""Outbox purpose of a relayed message whose contents the retention purge blanked."""
SIDE_CLIENT, SIDE_GUEST, SIDE_STAFF = "client", "guest", "staff"
"""Who wrote a relayed message (``extra["side"]``): the client, a colleague they invited, staff."""


def describe_files(attachments: Sequence[Attachment], language: str) -> str:
    """``uma foto``, ``um documento``... or ``3 arquivos``."""
    if len(attachments) != 1:
        return t("sessions.file.many", language, count=len(attachments))
    kind = attachments[0].kind if attachments[0].kind in _FILE_KINDS else "other"
    return t(f"sessions.file.{kind}", language)


def relay_text(
    name: str, text: str | None, attachments: Sequence[Attachment], language: str
) -> str | None:
    """The relayed line: ``Nome: texto``, or ``Nome enviou uma foto.``; None when empty."""
    if text is not None and text.strip():
        return t("sessions.relay.from_person", language, name=name, text=text.strip())
    if attachments:
        what = describe_files(attachments, language)
        return t("sessions.relay.sent_files", language, name=name, what=what)
    return None


def relayed(
    name: str,
    side: str,
    text: str | None,
    attachments: Sequence[Attachment],
    language: str,
) -> OutboundMessage | None:
    """The relayed message: :func:`relay_text` for text-only channels, and who wrote what as
    metadata (``extra``: ``author``, ``side``, ``body``) for channels that label messages
    themselves (the web chat); None when empty."""
    line = relay_text(name, text, attachments, language)
    if line is None:
        return None
    body = text.strip() if text is not None else ""
    extra = {"author": name, "side": side, "body": body}
    return OutboundMessage(line, attachments=tuple(attachments), extra=extra)


async def relay_client_message(
    uow: UnitOfWork,
    core: Core,
    contact: Contact,
    session: ConsultingSession,
    text: str | None,
    attachments: Sequence[Attachment] = (),
    *,
    colleagues: bool | None = None,
) -> None:
    """In the caller's transaction: post the client's message to the session's thread.

    With colleagues in the session (``core.sessions.guests``) it reaches them too, labelled.
    ``colleagues``: whether any is in the session, when the caller read it with the session
    (:func:`colleagues_present` in its query); None: looked up here.
    """
    label = contact_label(contact)
    message = relayed(label, SIDE_CLIENT, text, attachments, core.config.language)
    if message is None:
        return
    await _post_to_thread(uow, core, session, message)
    assert session.id is not None
    if colleagues is None:
        colleagues = await _has_guests(uow, session.id)
    if colleagues:
        guests = [guest for _, guest in await active_guests(uow, session.id)]
        await _share(uow, core, session, contact, SIDE_CLIENT, guests, text, attachments)
    await take_client_phone(uow, core, session, text)
    await client_present(uow, core, session)


_GUESTS: Table = SessionGuest.__table__  # type: ignore[attr-defined]
_GUESTS_PRESENT: Select[Any] = (
    select_columns(_GUESTS.c.id)
    .where(_GUESTS.c.session_id == bindparam("session_id"))
    .where(_GUESTS.c.left_at.is_(None))
    .limit(1)
)
"""Built once: is any colleague in the session now (the relay's common answer is no)."""


def colleagues_present(session_id: ColumnExpressionArgument[Any]) -> Exists:
    """SQL: is any colleague in the session ``session_id`` now (a column of the caller's query,
    so the relay reads it with the session instead of in a statement of its own)."""
    return exists().where(_GUESTS.c.session_id == session_id, _GUESTS.c.left_at.is_(None))


async def _has_guests(uow: UnitOfWork, session_id: int) -> bool:
    found = await uow.execute(_GUESTS_PRESENT, {"session_id": session_id})
    return found.first() is not None


async def _post_to_thread(
    uow: UnitOfWork, core: Core, session: ConsultingSession, message: OutboundMessage
) -> None:
    """:func:`thread_post` of a relayed message; once the thread is known, one INSERT without
    an ORM object (the relay needs no row back)."""
    if session.thread_channel is None or session.thread_ref is None:
        await thread_post(uow, core, session, message, purpose=RELAY)
        return
    assert session.id is not None
    thread = (session.thread_channel, session.thread_ref)
    await _post_in_thread(uow, core, thread, session.id, message)


async def _post_in_thread(
    uow: UnitOfWork,
    core: Core,
    thread: tuple[str, str],
    session_id: int,
    message: OutboundMessage,
) -> None:
    """A relayed message to the session's known thread ``(channel id, thread ref)``."""
    to = Address(core.config.staff.requests.channel, *thread)
    await send_all(uow, core.clock, [Post(to, message, purpose=RELAY, subject_id=session_id)])


@dataclass(frozen=True)
class ClientSession:
    """A client and their open session (if any) as the relay reads them: one row of columns,
    no ORM objects (:func:`client_session`)."""

    contact_id: int
    name: str | None
    unreachable: bool
    session_id: int | None
    thread: tuple[str, str] | None
    medium: str | None
    connection_detail: str | None
    booked: bool
    present: bool
    billing: bool
    colleagues: bool


_CONTACTS: Table = Contact.__table__  # type: ignore[attr-defined]
_SESSIONS: Table = ConsultingSession.__table__  # type: ignore[attr-defined]
_CLIENT_SESSION: Select[Any] = (
    select_columns(
        _CONTACTS.c.id,
        _CONTACTS.c.name,
        _CONTACTS.c.unreachable_since.is_not(None),
        _SESSIONS.c.id,
        _SESSIONS.c.thread_channel,
        _SESSIONS.c.thread_ref,
        _SESSIONS.c.medium,
        _SESSIONS.c.connection_detail,
        _SESSIONS.c.booking_id.is_not(None),
        _SESSIONS.c.client_present_at.is_not(None),
        _SESSIONS.c.billing_started_at.is_not(None),
        colleagues_present(_SESSIONS.c.id),
    )
    .select_from(
        _CONTACTS.outerjoin(
            _SESSIONS,
            and_(
                _SESSIONS.c.contact_id == _CONTACTS.c.id,
                _SESSIONS.c.status == SessionStatus.OPEN,
            ),
        )
    )
    .where(_CONTACTS.c.channel == bindparam("channel"))
    .where(_CONTACTS.c.external_id == bindparam("external_id"))
    .order_by(_SESSIONS.c.id.desc())
    .limit(1)
)
"""Built once: the contact at an address, their newest open session and what the relay asks of
it, on the tables (a Core row: no ORM step on the relay's hot path)."""


async def client_session(uow: UnitOfWork, address: Address) -> ClientSession | None:
    """The contact at ``address`` and their open session (newest), in one query; None when
    nobody has written from there."""
    params = {"channel": address.channel, "external_id": address.id}
    found = (await uow.execute(_CLIENT_SESSION, params)).first()
    if found is None:
        return None
    row: tuple[Any, ...] = tuple(found)
    thread_channel, thread_ref = row[4], row[5]
    known = thread_channel is not None and thread_ref is not None
    return ClientSession(
        contact_id=row[0],
        name=row[1],
        unreachable=bool(row[2]),
        session_id=row[3],
        thread=(thread_channel, thread_ref) if known else None,
        medium=row[6],
        connection_detail=row[7],
        booked=bool(row[8]),
        present=bool(row[9]),
        billing=bool(row[10]),
        colleagues=bool(row[11]),
    )


def relays_plainly(found: ClientSession) -> bool:
    """Whether the client's message in their session is only a post in its thread: a reachable
    client, a known thread, no colleague to share it with, no phone number awaited
    (:func:`take_client_phone`), the presence settled (:func:`client_present`). Otherwise
    :func:`relay_client_message` does the rest, on the session and contact loaded."""
    return (
        found.session_id is not None
        and found.thread is not None
        and not found.unreachable
        and not found.colleagues
        and not awaits_phone(found.medium, found.connection_detail)
        and presence_settled(found.booked, found.present, found.billing)
    )


async def relay_plainly(
    uow: UnitOfWork,
    core: Core,
    found: ClientSession,
    text: str | None,
    attachments: Sequence[Attachment] = (),
) -> None:
    """:func:`relay_client_message` of a message that :func:`relays_plainly`: one INSERT."""
    assert found.session_id is not None and found.thread is not None
    label = name_or_number(found.name, found.contact_id)
    message = relayed(label, SIDE_CLIENT, text, attachments, core.config.language)
    if message is not None:
        await _post_in_thread(uow, core, found.thread, found.session_id, message)


async def relay_guest_message(
    uow: UnitOfWork,
    core: Core,
    contact: Contact,
    session: ConsultingSession,
    text: str | None,
    attachments: Sequence[Attachment] = (),
) -> None:
    """In the caller's transaction: a colleague's message to the thread, the client and the
    other colleagues, labelled with the colleague's name (it shows the client's side is there)."""
    label = contact_label(contact)
    message = relayed(label, SIDE_GUEST, text, attachments, core.config.language)
    if message is None:
        return
    await thread_post(uow, core, session, message, purpose=RELAY)
    assert session.id is not None
    party = await party_of(uow, session)
    others = [party.contact, *(guest for _, guest in await active_guests(uow, session.id))]
    await _share(uow, core, session, contact, SIDE_GUEST, others, text, attachments)
    await client_present(uow, core, session)


async def _share(
    uow: UnitOfWork,
    core: Core,
    session: ConsultingSession,
    author: Contact,
    side: str,
    people: Sequence[Contact],
    text: str | None,
    attachments: Sequence[Attachment],
) -> None:
    """A client-side participant's message to the others on the client's side, labelled."""
    for person in people:
        if person.id == author.id:
            continue
        language = contact_language(person, core.config)
        message = relayed(contact_label(author), side, text, attachments, language)
        if message is not None:
            await tell_client(uow, core, person, message, purpose=RELAY, subject_id=session.id)


async def _answer_privately(
    uow: UnitOfWork, core: Core, thread: Address, author: str, key: str, **params: object
) -> None:
    message = OutboundMessage(staff_text(core, key, **params), ephemeral_to=author)
    await send(uow, core.clock, thread, message)


async def _become_attendant(
    uow: UnitOfWork, core: Core, session: ConsultingSession, author: str
) -> None:
    """The first support attendant to answer a support conversation takes it."""
    assert session.id is not None
    session.attendant_key = author
    uow.session.add(session)
    uow.session.add(
        SessionParticipant(
            session_id=session.id,
            staff_key=author,
            role=ROLE_ATTENDANT,
            joined_at=core.clock.now(),
        )
    )
    await uow.session.flush()
    text = staff_text(core, "sessions.relay.attendant_joined", by=author)
    await thread_post(uow, core, session, OutboundMessage(text))


@entry
async def relay_from_staff(
    core: Core,
    thread: Address,
    author_key: str,
    text: str | None,
    attachments: Sequence[Attachment] = (),
    *,
    inbound: tuple[str, str] | None = None,
    echo: bool = False,
) -> None:
    """A reply in a session thread goes to the client; a ``//`` reply is kept as a note.

    ``echo``: the reply was not written in the thread itself (a saved reply chosen in a Slack
    form), so it is posted there too, labelled with the author's name.
    """
    async with core.transaction(inbound) as uow:
        author = normalised_staff_key(author_key)
        session = await session_for_thread(uow, thread)
        if session is None or session.id is None:
            await _answer_privately(uow, core, thread, author, "sessions.relay.not_a_session")
            return
        if session.status != SessionStatus.OPEN:
            await _answer_privately(
                uow, core, thread, author, "sessions.relay.ended", id=session.id
            )
            return
        if not await may_act(uow, session, author):
            key = "sessions.relay.not_participant"
            await _answer_privately(uow, core, thread, author, key, id=session.id)
            return
        marker = core.config.internal_note_marker
        stripped = (text or "").strip()
        if marker and stripped.startswith(marker):
            note = stripped[len(marker) :].strip()
            if not note:
                await _answer_privately(uow, core, thread, author, "sessions.relay.note_empty")
                return
            now = core.clock.now()
            uow.session.add(
                SessionNote(session_id=session.id, author_key=author, text=note, created_at=now)
            )
            await uow.session.flush()
            key = "sessions.relay.note_kept"
            await _answer_privately(uow, core, thread, author, key, id=session.id)
            return
        party = await party_of(uow, session)
        name = await staff_name(uow, author)
        language = contact_language(party.contact, core.config)
        message = relayed(name, SIDE_STAFF, text, attachments, language)
        if message is None:
            return
        if session.kind == RequestKind.SUPPORT and not await is_participant(uow, session, author):
            await _become_attendant(uow, core, session, author)
        if echo:
            line = relayed(name, SIDE_STAFF, text, attachments, core.config.language) or message
            await send(uow, core.clock, thread, line, purpose=RELAY, subject_id=session.id)
        await tell_client(uow, core, party.contact, message, purpose=RELAY, subject_id=session.id)
        for _, guest in await active_guests(uow, session.id):
            language = contact_language(guest, core.config)
            copy = relayed(name, SIDE_STAFF, text, attachments, language) or message
            await tell_client(uow, core, guest, copy, purpose=RELAY, subject_id=session.id)
