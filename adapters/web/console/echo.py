"""A staff member's own messages in the session's thread, as the console shows them.

The core relays what staff write in a session to the client only: on Slack the message is
already in the thread, where its author typed it. The console's thread is a web staff room, so
once the core has accepted the relay (a ``relay`` outbox row to the client exists for it) the
console writes the author's text and files to the thread as a ``web_message`` of its own
(``purpose`` :data:`STAFF_ECHO`, ``author`` the staff key). Nothing is sent anywhere: Slack
never sees it, and a refusal, an internal note or a repeated form (a double submit the core
ignored) leaves no echo. Its ``outbound_id`` is the relay row's id made negative: unique like a
delivered row's, so two submits racing cannot show the message twice, and never one of the
sender's (always positive) ids.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import asdict

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from adapters.web.hub import Hub
from adapters.web.render import is_file_id
from core.context import Core
from core.models import ConsultingSession, Contact, Outbound, WebMessage
from core.outbox import Attachment
from core.sessions import RELAY

logger = logging.getLogger(__name__)

STAFF_ECHO = "staff_echo"
"""``purpose`` of a staff member's own message shown in the console's thread."""
SEARCHED = 20
"""How many relay rows after the mark are looked at (a busy session's other messages)."""


async def outbox_mark(core: Core) -> int:
    """The newest outbox row id now: the relay this request makes comes after it."""
    async with core.db.uow() as uow:
        found = (await uow.session.exec(select(func.max(Outbound.id)))).one()
    return int(found or 0)


async def relay_rows(
    core: Core,
    session_id: int,
    contact_id: int,
    after: int,
    *,
    text: str | None = None,
    file_id: str | None = None,
) -> list[Outbound]:
    """The relays to the client made after ``after`` carrying ``text`` (or the web file)."""
    async with core.db.uow() as uow:
        contact = await uow.session.get(Contact, contact_id)
        if contact is None:
            return []
        statement = (
            select(Outbound)
            .where(
                col(Outbound.id) > after,
                col(Outbound.purpose) == RELAY,
                col(Outbound.subject_id) == session_id,
                col(Outbound.channel) == contact.channel,
                col(Outbound.address) == contact.chat_id,
            )
            .order_by(col(Outbound.id))
            .limit(SEARCHED)
        )
        rows = (await uow.session.exec(statement)).all()
    wanted = (text or "").strip()
    found: list[Outbound] = []
    for row in rows:
        payload = row.payload or {}
        if file_id is not None:
            files = payload.get("attachments") or ()
            if any(isinstance(a, dict) and a.get("ref") == file_id for a in files):
                found.append(row)
        elif wanted and wanted in str(payload.get("text") or ""):
            found.append(row)
    return found


async def show_own(
    core: Core,
    hub: Hub,
    session: ConsultingSession,
    after: int,
    *,
    room: str,
    thread: str,
    author: str,
    name: str,
    text: str | None,
    attachments: Sequence[Attachment] = (),
) -> int | None:
    """After ``relay_from_staff``: the author's message in the thread, once, if it was relayed.

    The first relay row after ``after`` with this text (or file) not shown yet is the one this
    request made (the same text sent twice on purpose makes two rows, each shown once); None
    when the core relayed nothing (a refusal, a note, a repeated form).
    """
    assert session.id is not None
    file_ids = [a.ref for a in attachments if a.channel == "web" and is_file_id(a.ref)]
    rows = await relay_rows(
        core,
        session.id,
        session.contact_id,
        after,
        text=None if file_ids else text,
        file_id=file_ids[0] if file_ids else None,
    )
    for relayed in rows:
        shown = await _write(core, hub, relayed, room, thread, author, name, text, attachments)
        if shown is not None:
            return shown
    return None


async def _write(
    core: Core,
    hub: Hub,
    relayed: Outbound,
    room: str,
    thread: str,
    author: str,
    name: str,
    text: str | None,
    attachments: Sequence[Attachment],
) -> int | None:
    """The echo row of ``relayed`` (None: it is in the thread already)."""
    assert relayed.id is not None
    files = [asdict(a) for a in attachments if a.channel == "web" and is_file_id(a.ref)]
    row = WebMessage(
        address=room,
        thread=thread,
        outbound_id=-relayed.id,
        payload={
            "text": (text or "").strip(),
            "title": name,
            "author": author,
            "purpose": STAFF_ECHO,
            "attachments": files,
        },
        created_at=core.clock.now(),
    )
    try:
        async with core.db.uow() as uow:
            uow.session.add(row)
            await uow.session.flush()
            row_id = row.id
            await uow.commit()
    except IntegrityError:
        logger.info("staff message of relay %s already in the thread", relayed.id)
        return None
    assert row_id is not None
    hub.notify(room, row_id)
    return row_id
