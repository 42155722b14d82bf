"""Bulk set-up of many open sessions: copies of one session set up through the real flow.

``sessions_in_progress`` runs the whole intake and claim for each client (tens of ms each):
fine for 10 sessions, minutes for 1,000. Here the first ``base`` sessions go through the real
flow; the others are copies of the first one's rows (contact, consultant and areas, request,
consents, session, participants), every column copied except the ones that must differ (ids,
the chat, the consultant's Slack user, the thread). Only the SET-UP is bulk; every relayed
message then goes through the real core.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.sql.schema import Table

from bench.cast import client_address, consultant_user, sessions_in_progress
from core.context import Core
from core.models import (
    Consent,
    Consultant,
    ConsultantArea,
    ConsultingSession,
    Contact,
    Request,
    SessionParticipant,
)
from core.outbox import Address, Sender

_CHUNK = 1000
SessionSetup = Callable[[Core, int, Mapping[str, Sender]], Awaitable[list[Address]]]


def _table(model: Any) -> Table:
    table: Table = model.__table__
    return table


async def _rows(uow: Any, model: Any, column: str, value: object) -> list[dict[str, Any]]:
    """Every row of ``model`` whose ``column`` is ``value``, as plain dicts without ``id``."""
    table = _table(model)
    result = await uow.session.execute(select(table).where(table.c[column] == value))
    return [{k: v for k, v in row.items() if k != "id"} for row in result.mappings()]


async def _insert(uow: Any, model: Any, rows: Sequence[dict[str, Any]]) -> list[int]:
    """Insert ``rows``; their new ids (in order) when the table has an ``id``."""
    if not rows:
        return []
    table = _table(model)
    if "id" not in table.c:
        await uow.session.execute(insert(table), list(rows))
        return []
    result = await uow.session.execute(insert(table).returning(table.c.id), list(rows))
    return list(result.scalars())


async def many_sessions(
    core: Core, count: int, senders: Mapping[str, Sender], base: int = 2
) -> list[Address]:
    """``count`` clients in open sessions: ``base`` through the real flow, the rest copied."""
    clients = await sessions_in_progress(core, min(count, base), senders)
    if count <= base:
        return clients
    async with core.db.uow() as uow:
        template = (
            (await uow.session.execute(select(_table(ConsultingSession)).limit(1))).mappings().one()
        )
        session = {k: v for k, v in template.items() if k != "id"}
        contact = (await _rows(uow, Contact, "id", template["contact_id"]))[0]
        consultant = (await _rows(uow, Consultant, "id", template["consultant_id"]))[0]
        areas = await _rows(uow, ConsultantArea, "consultant_id", template["consultant_id"])
        request = (await _rows(uow, Request, "id", template["request_id"]))[0]
        consents = await _rows(uow, Consent, "request_id", template["request_id"])
        participants = await _rows(uow, SessionParticipant, "session_id", template["id"])
        for offset in range(base, count, _CHUNK):
            numbers = range(offset, min(count, offset + _CHUNK))
            chats = [client_address(n).id for n in numbers]
            users = [consultant_user(n) for n in numbers]
            contact_ids = await _insert(
                uow,
                Contact,
                [
                    contact | {"external_id": chat, "chat_id": chat, "name": f"Cliente {chat}"}
                    for chat in chats
                ],
            )
            consultant_ids = await _insert(
                uow,
                Consultant,
                [consultant | {"staff_key": u, "name": f"Consultor {u}"} for u in users],
            )
            await _insert(
                uow,
                ConsultantArea,
                [a | {"consultant_id": k} for k in consultant_ids for a in areas],
            )
            request_ids = await _insert(
                uow, Request, [request | {"contact_id": c} for c in contact_ids]
            )
            pairs = list(zip(contact_ids, request_ids, strict=True))
            await _insert(
                uow,
                Consent,
                [c | {"contact_id": k, "request_id": r} for k, r in pairs for c in consents],
            )
            session_ids = await _insert(
                uow,
                ConsultingSession,
                [
                    session
                    | {
                        "request_id": r,
                        "contact_id": k,
                        "consultant_id": u,
                        "thread_ref": f"1700000000.{900000 + n:07d}",
                    }
                    for (k, r), u, n in zip(pairs, consultant_ids, numbers, strict=True)
                ],
            )
            await _insert(
                uow,
                SessionParticipant,
                [
                    p | {"session_id": s, "consultant_id": u, "staff_key": key}
                    for s, u, key in zip(session_ids, consultant_ids, users, strict=True)
                    for p in participants
                ],
            )
        await uow.commit()
    return clients + [client_address(n) for n in range(base, count)]
