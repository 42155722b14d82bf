"""A request nobody takes is raised again and the client kept informed (SPEC 6).

Every ``config.unanswered_after`` while the request waits (timer ``request.unanswered``): a
reminder in the request card's thread (``extra["mention"] = "here"``, ``extra["broadcast"]``: the
Slack adapter may notify the channel and show the reply in it), a new offer to free consultants,
a short message to the client with their position, and the next reminder scheduled. Outside
opening hours nothing is raised: the reminder moves to the next opening.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from sqlalchemy import Integer, String, Table, bindparam
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.sql.dml import Insert

from core.cards import REQUEST_CARD, UNANSWERED, card_address
from core.contacts import contact_address, contact_language
from core.context import Core
from core.db import UnitOfWork, UTCDateTime
from core.messages import t
from core.models import Contact, Request, RequestStatus, Timer, TimerStatus
from core.outbox import OutboundMessage, latest_outbound, send
from core.queue.offers import offer_to_free_consultants
from core.queue.positions import queue_position
from core.unit_of_work import TIMERS

logger = logging.getLogger(__name__)


_TIMERS: Table = Timer.__table__  # type: ignore[attr-defined]


def _upsert(dialect_insert: Any) -> Insert:
    """``timers.schedule`` of an unanswered reminder in one statement: an upsert on the dedupe
    key (moved if it exists); built once per dialect, the values bound (``unanswered_values``)."""
    upsert = dialect_insert(_TIMERS).values(
        kind=UNANSWERED,
        subject_id=bindparam("u_rid", type_=Integer()),
        dedupe_key=bindparam("u_key", type_=String()),
        payload=bindparam("u_payload", type_=_TIMERS.c.payload.type),
        status=TimerStatus.PENDING,
        due_at=bindparam("u_due", type_=UTCDateTime()),
        attempts=0,
        created_at=bindparam("u_now", type_=UTCDateTime()),
    )
    moved = {
        "kind": upsert.excluded.kind,
        "subject_id": upsert.excluded.subject_id,
        "payload": upsert.excluded.payload,
        "due_at": upsert.excluded.due_at,
        "status": upsert.excluded.status,
        "attempts": 0,
        "last_error": None,
        "done_at": None,
    }
    statement: Insert = upsert.on_conflict_do_update(index_elements=["dedupe_key"], set_=moved)
    return statement


SCHEDULE_UNANSWERED: dict[str, Insert] = {
    "postgresql": _upsert(pg_insert),
    "sqlite": _upsert(sqlite_insert),
}
"""The next unanswered reminder of a request, by dialect (values: ``unanswered_values``)."""


def unanswered_values(
    core: Core, request_id: int, due_at: datetime | None = None
) -> dict[str, Any]:
    """The values of ``SCHEDULE_UNANSWERED``: ``config.unanswered_after`` from now by default."""
    now = core.clock.now()
    due = due_at if due_at is not None else now + core.config.unanswered_after
    # One dedupe key per reminder time: a running timer's own key is not reused by its handler.
    key = f"{UNANSWERED}:{request_id}:{int(due.timestamp())}"
    return {"u_rid": request_id, "u_key": key, "u_payload": {}, "u_due": due, "u_now": now}


async def schedule_unanswered(uow: UnitOfWork, core: Core, request: Request) -> None:
    """The next ``request.unanswered`` reminder, ``config.unanswered_after`` from now."""
    await _schedule_at(uow, core, request, None)


async def _schedule_at(
    uow: UnitOfWork, core: Core, request: Request, due_at: datetime | None
) -> None:
    assert request.id is not None
    values = unanswered_values(core, request.id, due_at)
    await uow.execute(SCHEDULE_UNANSWERED[core.db.dialect], values)
    uow.after_commit_wake(TIMERS)


async def on_unanswered(uow: UnitOfWork, core: Core, timer: Timer) -> None:
    """Timer ``request.unanswered``: raise the still-waiting request again, tell the client."""
    if timer.subject_id is None:
        return
    request = await uow.session.get(Request, timer.subject_id)
    if request is None or request.status != RequestStatus.QUEUED:
        return
    assert request.id is not None and request.queued_at is not None
    now = core.clock.now()
    if not core.config.hours.is_open(now):
        await _schedule_at(uow, core, request, core.config.hours.next_opening(now))
        return
    request.raised_count += 1
    request.last_raised_at = request.updated_at = now
    uow.session.add(request)
    await uow.session.flush()
    minutes = max(1, int((now - request.queued_at).total_seconds() // 60))
    text = t("queue.card.raised", core.config.language, minutes=minutes, count=request.raised_count)
    reminder = OutboundMessage(text, extra={"mention": "here", "broadcast": True})
    card = await latest_outbound(uow, REQUEST_CARD, request.id)
    if card is not None:
        await send(
            uow,
            core.clock,
            card_address(card),
            reminder,
            purpose="request_raised",
            subject_id=request.id,
            thread_of=card.id,
        )
    else:
        await send(uow, core.clock, core.config.staff.requests, reminder, subject_id=request.id)
    await offer_to_free_consultants(uow, core, request)
    contact = await uow.session.get(Contact, request.contact_id)
    if contact is not None:
        standing = await queue_position(uow, core, request)
        language = contact_language(contact, core.config)
        still = t("queue.client.still_waiting", language, position=standing.position)
        await send(uow, core.clock, contact_address(contact), OutboundMessage(still))
    await schedule_unanswered(uow, core, request)
    logger.info("request %s raised again (%s)", request.id, request.raised_count)
