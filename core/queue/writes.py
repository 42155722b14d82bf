"""The queue's writes in one round: outbox rows beside another write.

On PostgreSQL the rows are a data-modifying CTE of the other statement (one statement, one round
trip); SQLite has no data-modifying CTEs, so there they are written in turn (``send_all``, then
the statement). The rows are the ones ``core.outbox.send_all`` writes, in the same order (a
multi-row VALUES assigns the ids in order, so the dispatcher sends them in that order).

Every combined statement is built once per (statement, number of rows) and kept: SQLAlchemy's
compiled cache serves each call.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Table, bindparam, insert
from sqlalchemy.sql.dml import Insert, Update

from core.context import Core
from core.db import UnitOfWork
from core.models import Outbound, OutboundStatus
from core.outbox import Post, send_all

_OUTBOUND: Table = Outbound.__table__  # type: ignore[attr-defined]
_COLUMNS = (
    "channel",
    "address",
    "thread",
    "payload",
    "purpose",
    "subject_id",
    "edit_of_id",
    "status",
    "attempts",
    "next_attempt_at",
    "created_at",
)
_MAX_ROWS = 64
"""More rows than this go by ``send_all`` (a statement of their own): not a hot path."""

_COMBINED: dict[tuple[int, int], tuple[Insert | Update, Insert | Update]] = {}
"""``(id(statement), rows)`` -> (the statement, it with the rows as a CTE)."""


def _name(row: int, column: str) -> str:
    return f"p{row}_{column}"


def _with_rows(statement: Insert | Update, rows: int) -> Insert | Update:
    key = (id(statement), rows)
    found = _COMBINED.get(key)
    if found is None or found[0] is not statement:
        values = [
            {c: bindparam(_name(i, c), type_=_OUTBOUND.c[c].type) for c in _COLUMNS}
            for i in range(rows)
        ]
        posts = insert(_OUTBOUND).values(values).returning(_OUTBOUND.c.id).cte("posts")
        found = (statement, statement.add_cte(posts))
        _COMBINED[key] = found
    return found[1]


def _row_values(posts: Sequence[Post], now: datetime) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for i, post in enumerate(posts):
        payload = post.message.to_payload()
        if post.thread_of is not None:
            payload["thread_of"] = post.thread_of
        row = {
            "channel": post.to.channel,
            "address": post.to.id,
            "thread": post.to.thread,
            "payload": payload,
            "purpose": post.purpose,
            "subject_id": post.subject_id,
            "edit_of_id": post.edit_of,
            "status": OutboundStatus.PENDING,
            "attempts": 0,
            "next_attempt_at": now,
            "created_at": now,
        }
        values.update({_name(i, c): v for c, v in row.items()})
    return values


@dataclass(frozen=True)
class Writes:
    """Writes built once (module level, values bound at each call): ``together`` does all of
    them in one statement (PostgreSQL: its others as data-modifying CTEs); ``in_turn`` are the
    same writes one by one (SQLite)."""

    together: Insert | Update
    in_turn: tuple[Insert | Update, ...]


async def write_with_posts(
    uow: UnitOfWork, core: Core, posts: Sequence[Post], writes: Writes, values: dict[str, Any]
) -> None:
    """``send_all(posts)`` and ``writes`` (with ``values``) in the caller's transaction: one
    statement on PostgreSQL, in turn on SQLite. Wakes the dispatcher and the timer loop after
    the commit."""
    uow.after_commit_wake()
    if core.db.dialect != "postgresql":
        await send_all(uow, core.clock, posts)
        for statement in writes.in_turn:
            await uow.execute(statement, values)
        return
    if not posts or len(posts) > _MAX_ROWS:
        await send_all(uow, core.clock, posts)
        await uow.execute(writes.together, values)
        return
    combined = _with_rows(writes.together, len(posts))
    await uow.execute(combined, values | _row_values(posts, core.clock.now()))
