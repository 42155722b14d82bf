"""The client is told when their position changes, at most once per interval (SPEC 5 step 6).

After a queue change, every waiting request behind the change whose position changed gets its
queue card edited in place (``edit_of`` the original ``queue_card`` row), at most once per
``config.position_update_interval``: when too soon, a ``queue.position_refresh`` timer at
``notified_at + interval`` sends the then-current position if it still differs. Positions come
from one pass over the queue (``moved_behind``) and the edits are written in bulk.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert, update
from sqlalchemy import select as sa_select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import col

from core.context import Core
from core.db import UnitOfWork
from core.models import (
    Contact,
    Outbound,
    OutboundStatus,
    Request,
    RequestStatus,
    Timer,
    TimerStatus,
)
from core.outbound import latest_outbound, send
from core.people import contact_language
from core.queue_cards import POSITION_REFRESH, QUEUE_CARD, card_address, queue_card
from core.queue_estimate import staffing
from core.queue_positions import Moved, moved_behind, queue_position

logger = logging.getLogger(__name__)

_CHUNK = 500


def _throttled(core: Core, notified_at: datetime | None, now: datetime) -> bool:
    interval = core.config.position_update_interval
    return notified_at is not None and now - notified_at < interval


def _refresh_key(request_id: int, notified_at: datetime) -> str:
    return f"{POSITION_REFRESH}:{request_id}:{int(notified_at.timestamp() * 1000)}"


async def refresh_positions(uow: UnitOfWork, core: Core, since: Request) -> int:
    """After a change at ``since``'s place in the queue, tell every request behind it that moved.

    Returns how many queue cards were edited now (the others wait for their refresh timer).
    """
    assert since.id is not None and since.queued_at is not None
    moved = await moved_behind(uow, core, since.queued_at, since.id)
    now = core.clock.now()
    due = [m for m in moved if not _throttled(core, m.notified_at, now)]
    later = [m for m in moved if _throttled(core, m.notified_at, now)]
    await _schedule_refreshes(uow, core, later)
    if due:
        await _edit_cards(uow, core, due, now)
    return len(due)


def _chunks(items: Sequence[Any]) -> list[Sequence[Any]]:
    return [items[i : i + _CHUNK] for i in range(0, len(items), _CHUNK)]


@dataclass(frozen=True)
class _Card:
    id: int
    channel: str
    address: str
    thread: str | None


async def _card_rows(uow: UnitOfWork, request_ids: Sequence[int]) -> dict[int, _Card]:
    """Where each request's original queue card went, in a few queries."""
    cards: dict[int, _Card] = {}
    for chunk in _chunks(request_ids):
        statement = (
            sa_select(
                col(Outbound.id),
                col(Outbound.subject_id),
                col(Outbound.channel),
                col(Outbound.address),
                col(Outbound.thread),
            )
            .where(col(Outbound.purpose) == QUEUE_CARD, col(Outbound.subject_id).in_(chunk))
            .where(col(Outbound.edit_of_id).is_(None))
            .order_by(col(Outbound.id))
        )
        for row_id, subject_id, channel, address, thread in await uow.session.execute(statement):
            if subject_id is not None and row_id is not None:
                cards[subject_id] = _Card(row_id, channel, address, thread)  # the newest wins
    return cards


async def _edit_cards(uow: UnitOfWork, core: Core, moved: list[Moved], now: datetime) -> None:
    """Edit the moved requests' queue cards (one outbox row each) and remember what was said.

    Written as bulk statements (no ORM object per row): a change at the head of a long queue
    moves every request behind it.
    """
    staff = await staffing(uow, core)
    cards = await _card_rows(uow, [m.id for m in moved])
    rows: list[dict[str, Any]] = []
    for m in moved:
        card = cards.get(m.id)
        if card is None:
            continue
        message = queue_card(m.id, m.position, staff.estimate(m.position, m.area), m.language)
        rows.append(
            {
                "channel": card.channel,
                "address": card.address,
                "thread": card.thread,
                "payload": message.to_payload(),
                "purpose": QUEUE_CARD,
                "subject_id": m.id,
                "edit_of_id": card.id,
                "status": OutboundStatus.PENDING.value,
                "attempts": 0,
                "next_attempt_at": now,
                "created_at": now,
            }
        )
    if rows:
        await uow.session.execute(insert(Outbound), rows)
        uow.after_commit_wake()
    await uow.session.execute(
        update(Request),
        [{"id": m.id, "notified_position": m.position, "notified_at": now} for m in moved],
    )


async def _schedule_refreshes(uow: UnitOfWork, core: Core, later: list[Moved]) -> None:
    """A refresh timer at ``notified_at + interval`` for each throttled request (deduplicated).

    A request still throttled since an earlier change already has its timer (same key), which
    stays as it is. The pending refresh timers due in the window are read in one range query (the
    ``ix_timer_due`` index) so only the new ones are written, by one bulk ``INSERT ... ON CONFLICT
    (dedupe_key) DO NOTHING`` (which also skips any other existing key, whatever its state).
    """
    interval = core.config.position_update_interval
    wanted: dict[str, tuple[int, datetime]] = {}
    for m in later:
        if m.notified_at is not None:
            wanted[_refresh_key(m.id, m.notified_at)] = (m.id, m.notified_at + interval)
    if not wanted:
        return
    dues = [due for _, due in wanted.values()]
    statement = sa_select(col(Timer.dedupe_key)).where(
        col(Timer.status) == TimerStatus.PENDING.value,
        col(Timer.due_at).between(min(dues), max(dues)),
        col(Timer.kind) == POSITION_REFRESH,
    )
    existing = set((await uow.session.execute(statement)).scalars())
    now = core.clock.now()
    timers = [
        {
            "kind": POSITION_REFRESH,
            "subject_id": request_id,
            "dedupe_key": key,
            "payload": {},
            "status": TimerStatus.PENDING.value,
            "due_at": due_at,
            "attempts": 0,
            "created_at": now,
        }
        for key, (request_id, due_at) in wanted.items()
        if key not in existing
    ]
    if not timers:
        return
    dialect_insert = pg_insert if core.db.dialect == "postgresql" else sqlite_insert
    upsert = dialect_insert(Timer).on_conflict_do_nothing(index_elements=["dedupe_key"])
    await uow.session.execute(upsert, timers)
    uow.after_commit_wake()


async def notify_position(uow: UnitOfWork, core: Core, request: Request) -> bool:
    """Edit one request's queue card if its position changed (throttled); True when edited."""
    assert request.id is not None
    standing = await queue_position(uow, core, request)
    if standing.position == request.notified_position:
        return False
    now = core.clock.now()
    if _throttled(core, request.notified_at, now):
        moved = Moved(request.id, request.area, standing.position, request.notified_at, "")
        await _schedule_refreshes(uow, core, [moved])
        return False
    card = await latest_outbound(uow, QUEUE_CARD, request.id)
    if card is not None:
        contact = await uow.session.get(Contact, request.contact_id)
        language = contact_language(contact, core.config) if contact else core.config.language
        message = queue_card(request.id, standing.position, standing.wait_minutes, language)
        await send(
            uow,
            core.clock,
            card_address(card),
            message,
            purpose=QUEUE_CARD,
            subject_id=request.id,
            edit_of=card.id,
        )
    request.notified_position, request.notified_at = standing.position, now
    uow.session.add(request)
    await uow.session.flush()
    return True


async def on_position_refresh(uow: UnitOfWork, core: Core, timer: Timer) -> None:
    """Timer ``queue.position_refresh``: send the current position if it still differs."""
    if timer.subject_id is None:
        return
    request = await uow.session.get(Request, timer.subject_id)
    if request is None or request.status != RequestStatus.QUEUED.value:
        return
    await notify_position(uow, core, request)
