"""The client is told when their position changes, at most once per interval (SPEC 5 step 6).

After a queue change, every waiting request whose position changed gets its queue card edited in
place (``edit_of`` the original ``queue_card`` row), at most once per
``config.position_update_interval``. Positions come from one pass over the queue
(``moved_behind``) and the edits are written in bulk.

- A client leaving (``refresh_positions``, in the change's transaction): those behind it are told
  now; a request told too recently gets a ``queue.position_refresh`` timer at
  ``notified_at + interval``, which sends the then-current position if it still differs.
- A claim (``queue_moved``, off the claim's hot path): the claim only writes one ``queue.moved``
  timer, due at once. The timer loop's round (``on_queue_moved``) marks every other due
  ``queue.moved`` timer done (one pass serves every change committed before it), then refreshes the
  whole queue: at most ``REFRESH_BATCH`` cards per round (the rest by another ``queue.moved`` due at
  once), and for the cards told too recently one ``queue.moved`` at the earliest time one may be
  edited again.

A card is only edited while its request still waits (checked under the row's lock), so a claim
committed during a refresh never has its closed card overwritten by a position.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Integer, bindparam, insert, update
from sqlalchemy import select as sa_select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import col

from core.cards import (
    POSITION_REFRESH,
    QUEUE_CARD,
    QUEUE_MOVED,
    UNANSWERED,
    card_address,
    queue_card,
)
from core.contacts import contact_language
from core.context import Core
from core.db import UnitOfWork, UTCDateTime
from core.models import (
    Contact,
    Outbound,
    OutboundStatus,
    Request,
    RequestStatus,
    Timer,
    TimerStatus,
)
from core.outbox import Post, latest_outbound, send
from core.queue.estimate import staffing
from core.queue.positions import Moved, moved_behind, queue_position
from core.queue.writes import Writes, write_with_posts
from core.unit_of_work import OUTBOX, TIMERS

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


async def _still_waiting(uow: UnitOfWork, moved: list[Moved], now: datetime) -> set[int]:
    """Record the new positions of the requests that still wait; return their ids.

    The conditional UPDATE locks each row it changes (PostgreSQL), so a concurrent claim of one
    of them waits for this transaction, and the ids read afterwards stay waiting until it ends.
    """
    table = Request.__table__  # type: ignore[attr-defined]
    remember = (
        update(table)
        .where(table.c.id == bindparam("b_id"))
        .where(table.c.status == RequestStatus.QUEUED)
        .values(notified_position=bindparam("b_position"), notified_at=bindparam("b_at"))
    )
    await uow.session.execute(
        remember, [{"b_id": m.id, "b_position": m.position, "b_at": now} for m in moved]
    )
    waiting_ids: set[int] = set()
    for chunk in _chunks([m.id for m in moved]):
        statement = sa_select(col(Request.id)).where(
            col(Request.id).in_(chunk), col(Request.status) == RequestStatus.QUEUED
        )
        waiting_ids.update((await uow.session.execute(statement)).scalars())
    return waiting_ids


async def _edit_cards(uow: UnitOfWork, core: Core, moved: list[Moved], now: datetime) -> None:
    """Edit the moved requests' queue cards (one outbox row each) and remember what was said.

    Written as bulk statements (no ORM object per row): a change at the head of a long queue
    moves every request behind it.
    """
    waiting_ids = await _still_waiting(uow, moved, now)
    moved = [m for m in moved if m.id in waiting_ids]
    if not moved:
        return
    staff = await staffing(uow, core)
    cards = await _card_rows(uow, [m.id for m in moved])
    rows: list[dict[str, Any]] = []
    for m in moved:
        card = cards.get(m.id)
        if card is None:
            continue
        message = queue_card(core, m.id, m.position, staff.estimate(m.position, m.area), m.language)
        rows.append(
            {
                "channel": card.channel,
                "address": card.address,
                "thread": card.thread,
                "payload": message.to_payload(),
                "purpose": QUEUE_CARD,
                "subject_id": m.id,
                "edit_of_id": card.id,
                "status": OutboundStatus.PENDING,
                "attempts": 0,
                "next_attempt_at": now,
                "created_at": now,
            }
        )
    if rows:
        await uow.session.execute(insert(Outbound), rows)
        uow.after_commit_wake(OUTBOX)


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
        col(Timer.status) == TimerStatus.PENDING,
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
            "status": TimerStatus.PENDING,
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
    uow.after_commit_wake(TIMERS)


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
        message = queue_card(core, request.id, standing.position, standing.wait_minutes, language)
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
    if request is None or request.status != RequestStatus.QUEUED:
        return
    await notify_position(uow, core, request)


REFRESH_BATCH = 500
"""At most this many queue cards are edited by one ``queue.moved`` round (one transaction)."""


_RID = bindparam("rid", type_=Integer())
_NOW = bindparam("now", type_=UTCDateTime())
_CANCEL_WAITING = (
    update(Timer)
    .where(col(Timer.kind).in_((UNANSWERED, POSITION_REFRESH)))
    .where(col(Timer.subject_id) == _RID)
    .where(col(Timer.status) == TimerStatus.PENDING)
    .values(status=TimerStatus.CANCELLED)
)
"""A request's pending unanswered and position timers, cancelled."""
_MOVED_NOW = insert(Timer).values(
    kind=QUEUE_MOVED,
    subject_id=_RID,
    payload={},
    status=TimerStatus.PENDING,
    due_at=_NOW,
    attempts=0,
    created_at=_NOW,
)
_CLAIMED = Writes(
    _MOVED_NOW.add_cte(_CANCEL_WAITING.returning(col(Timer.id)).cte("cancelled")),
    (_CANCEL_WAITING, _MOVED_NOW),
    schedules=True,
)
"""Both: in one statement on PostgreSQL (a data-modifying CTE), in turn on SQLite."""


async def queue_moved(uow: UnitOfWork, core: Core, request_id: int) -> None:
    """A claim took ``request_id`` off the queue: one ``queue.moved`` timer, due now."""
    await _schedule_moved(uow, core, core.clock.now(), request_id)


async def claimed(uow: UnitOfWork, core: Core, request_id: int, posts: Sequence[Post] = ()) -> None:
    """A claim took ``request_id`` off the queue: its unanswered and position timers cancelled,
    one ``queue.moved`` timer due now, with the claim's ``posts`` (one statement on PostgreSQL,
    three on SQLite)."""
    values = {"rid": request_id, "now": core.clock.now()}
    await write_with_posts(uow, core, posts, _CLAIMED, values)


async def _schedule_moved(
    uow: UnitOfWork, core: Core, due_at: datetime, subject_id: int | None
) -> None:
    timer: dict[str, Any] = {
        "kind": QUEUE_MOVED,
        "subject_id": subject_id,
        "payload": {},
        "status": TimerStatus.PENDING,
        "due_at": due_at,
        "attempts": 0,
        "created_at": core.clock.now(),
    }
    await uow.session.execute(insert(Timer), [timer])
    uow.after_commit_wake(TIMERS)


async def on_queue_moved(uow: UnitOfWork, core: Core, timer: Timer) -> None:
    """Timer ``queue.moved``: every waiting client whose position changed is told (throttled)."""
    now = core.clock.now()
    await _coalesce(uow, core, timer, now)
    moved = await moved_behind(uow, core, None, 0)
    due = [m for m in moved if not _throttled(core, m.notified_at, now)]
    later = [m.notified_at for m in moved if _throttled(core, m.notified_at, now)]
    if len(due) > REFRESH_BATCH:
        due = due[:REFRESH_BATCH]
        await _schedule_moved(uow, core, now, None)
    elif later:
        interval = core.config.position_update_interval
        await _schedule_moved(uow, core, min(t for t in later if t) + interval, None)
    if due:
        await _edit_cards(uow, core, due, now)
    logger.info("queue moved: %s cards edited, %s to edit later", len(due), len(later))


async def _coalesce(uow: UnitOfWork, core: Core, timer: Timer, now: datetime) -> None:
    """Mark the other due ``queue.moved`` timers done: this round's pass serves them too.

    Done first, so every change whose timer is marked here was committed before the pass reads
    the queue. Timers another process is running right now are skipped (PostgreSQL: ``SKIP
    LOCKED``), never waited for.
    """
    statement = sa_select(col(Timer.id)).where(
        col(Timer.kind) == QUEUE_MOVED,
        col(Timer.status) == TimerStatus.PENDING,
        col(Timer.due_at) <= now,
        col(Timer.id) != timer.id,
    )
    if core.db.dialect == "postgresql":
        statement = statement.with_for_update(skip_locked=True)
    ids = list((await uow.session.execute(statement)).scalars())
    for chunk in _chunks(ids):
        await uow.session.execute(
            update(Timer)
            .where(col(Timer.id).in_(chunk), col(Timer.status) == TimerStatus.PENDING)
            .values(status=TimerStatus.DONE, done_at=now, claimed_by=timer.claimed_by)
        )
