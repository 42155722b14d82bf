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

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from core.cards import REQUEST_CARD, UNANSWERED, card_address
from core.contacts import contact_address, contact_language
from core.context import Core
from core.db import UnitOfWork
from core.messages import t
from core.models import Contact, Request, RequestStatus, Timer, TimerStatus
from core.outbox import OutboundMessage, latest_outbound, send
from core.queue.offers import offer_to_free_consultants
from core.queue.positions import queue_position

logger = logging.getLogger(__name__)


async def schedule_unanswered(uow: UnitOfWork, core: Core, request: Request) -> None:
    """The next ``request.unanswered`` reminder, ``config.unanswered_after`` from now."""
    await _schedule_at(uow, core, request, core.clock.now() + core.config.unanswered_after)


async def _schedule_at(uow: UnitOfWork, core: Core, request: Request, due_at: datetime) -> None:
    """``timers.schedule`` in one statement: an upsert on the dedupe key (moved if it exists)."""
    assert request.id is not None
    # One dedupe key per reminder time: a running timer's own key is not reused by its handler.
    key = f"{UNANSWERED}:{request.id}:{int(due_at.timestamp())}"
    timer = {
        "kind": UNANSWERED,
        "subject_id": request.id,
        "dedupe_key": key,
        "payload": {},
        "status": TimerStatus.PENDING,
        "due_at": due_at,
        "attempts": 0,
        "created_at": core.clock.now(),
    }
    dialect_insert = pg_insert if core.db.dialect == "postgresql" else sqlite_insert
    upsert = dialect_insert(Timer).values(timer)
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
    await uow.session.execute(
        upsert.on_conflict_do_update(index_elements=["dedupe_key"], set_=moved)
    )
    uow.after_commit_wake()


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
