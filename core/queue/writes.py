"""The queue's writes in one round: outbox rows beside another write.

On PostgreSQL the rows are a data-modifying CTE of the other statement (one statement, one round
trip); SQLite has no data-modifying CTEs, so there they are written in turn (``send_all``, then
the statement). The rows are the ones ``core.outbox.send_all`` writes, in the same order (ids
assigned in the posts' order, so the dispatcher sends them in that order).

Every combined statement is built once per statement and kept: SQLAlchemy's compiled cache
serves each call.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Integer, Table, bindparam, column, func, insert, select
from sqlalchemy.sql.dml import Insert, Update

from core.context import Core
from core.db import UnitOfWork
from core.models import Outbound
from core.outbox import Post, post_row, send_all, written
from core.unit_of_work import TIMERS

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
_ROWS = (
    func.json_to_recordset(bindparam("posts", type_=JSON()))
    .table_valued(column("i", Integer()), *(column(c, _OUTBOUND.c[c].type) for c in _COLUMNS))
    .render_derived(name="post", with_types=True)
)
_POSTS = (
    insert(_OUTBOUND)
    .from_select(list(_COLUMNS), select(*(_ROWS.c[c] for c in _COLUMNS)).order_by(_ROWS.c.i))
    .returning(_OUTBOUND.c.id)
)
"""The rows as one JSON parameter (``posts``), inserted in their order: one statement whatever
their number (a multi-row VALUES would be compiled again at every call: SQLAlchemy does not
cache it)."""

_COMBINED: dict[int, tuple[Insert | Update, Insert | Update]] = {}
"""``id(statement)`` -> (the statement, it with the rows as a CTE)."""


def _with_rows(statement: Insert | Update) -> Insert | Update:
    found = _COMBINED.get(id(statement))
    if found is None or found[0] is not statement:
        found = (statement, statement.add_cte(_POSTS.cte("posts")))
        _COMBINED[id(statement)] = found
    return found[1]


def _rows(posts: Sequence[Post], now: datetime) -> list[dict[str, Any]]:
    """The rows of ``send_all`` as JSON values (instants in ISO 8601 with their offset)."""
    at = now.isoformat()
    return [{"i": i, **post_row(post, at)} for i, post in enumerate(posts)]


@dataclass(frozen=True)
class Writes:
    """Writes built once (module level, values bound at each call): ``together`` does all of
    them in one statement (PostgreSQL: its others as data-modifying CTEs); ``in_turn`` are the
    same writes one by one (SQLite)."""

    together: Insert | Update
    in_turn: tuple[Insert | Update, ...]
    schedules: bool = False
    """Whether they write a timer due soon (the timer loop is woken after the commit)."""


async def write_with_posts(
    uow: UnitOfWork, core: Core, posts: Sequence[Post], writes: Writes, values: dict[str, Any]
) -> None:
    """``send_all(posts)`` and ``writes`` (with ``values``) in the caller's transaction: one
    statement on PostgreSQL, in turn on SQLite. Wakes the posts' dispatchers (and the timer
    loop, when ``writes.schedules``) after the commit."""
    uow.after_commit_wake(*written(posts), *((TIMERS,) if writes.schedules else ()))
    if core.db.dialect != "postgresql":
        await send_all(uow, core.clock, posts)
        for statement in writes.in_turn:
            await uow.execute(statement, values)
        return
    if not posts:
        await uow.execute(writes.together, values)
        return
    combined = _with_rows(writes.together)
    await uow.execute(combined, values | {"posts": _rows(posts, core.clock.now())})
