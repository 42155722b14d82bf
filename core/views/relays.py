"""What the console asks about staff messages relayed to a session's client.

The core relays what staff write in a session as ``relay`` outbox rows to the client. The console
writes in a session only when the core would let the person (:func:`relay_refusal`), and then
looks at the outbox to learn whether its request was relayed: the newest row id before the call
(:func:`newest_outbox_id`), the relay rows made after it (:func:`relay_rows`), the session's
newest relayed payloads (:func:`relay_payloads`). Each function opens its own unit of work.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import func
from sqlmodel import col, select

from core.db import Database
from core.models import ConsultingSession, Contact, Outbound, SessionStatus
from core.sessions import RELAY, may_act

RELAYS_SEARCHED = 20
"""How many relay rows after the mark are looked at (a busy session's other messages)."""


async def relay_refusal(db: Database, session_id: int, staff_key: str) -> str | None:
    """The core's reason (a message key) why ``staff_key`` cannot write in the session now."""
    async with db.uow() as uow:
        session = await uow.session.get(ConsultingSession, session_id)
        if session is None:
            return "sessions.relay.not_a_session"
        if session.status != SessionStatus.OPEN:
            return "sessions.relay.ended"
        if not await may_act(uow, session, staff_key):
            return "sessions.relay.not_participant"
    return None


async def newest_outbox_id(db: Database) -> int:
    """The newest outbox row id now (0 for none): a relay made later comes after it."""
    async with db.uow() as uow:
        found = (await uow.session.exec(select(func.max(Outbound.id)))).one()
    return int(found or 0)


async def relay_rows(
    db: Database,
    session_id: int,
    contact_id: int,
    after: int,
    *,
    text: str | None = None,
    file_id: str | None = None,
) -> list[Outbound]:
    """The relays of the session to its client made after ``after`` carrying ``text`` or a file.

    With ``file_id``: the rows with an attachment of that ``ref``; else the rows whose text
    contains ``text`` (stripped; none when it is empty). Only the first
    :data:`RELAYS_SEARCHED` relay rows after ``after`` are looked at, in order.
    """
    async with db.uow() as uow:
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
            .limit(RELAYS_SEARCHED)
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


async def relay_payloads(db: Database, session_id: int, limit: int) -> list[Mapping[str, Any]]:
    """The payloads of the session's ``limit`` newest relay rows, newest first."""
    statement = (
        select(Outbound.payload)
        .where(col(Outbound.purpose) == RELAY, col(Outbound.subject_id) == session_id)
        .order_by(col(Outbound.id).desc())
        .limit(limit)
    )
    async with db.uow() as uow:
        return list((await uow.session.exec(statement)).all())
