"""Queue order, positions and estimated waits (the rules), computed in SQL and in one pass.

**Order.** Waiting requests (consulting, status ``queued``) are served first come, first served by
``(queued_at, id)``. A consultant serves a request when its area is one of theirs, or when the
client did not know the area (``area`` None, "não sei": anyone may take it).

**Position.** The position of a request R is 1 + the number of waiting requests ahead of R (earlier
``(queued_at, id)``) that compete with R for the same consultants: those of the same area as R,
and those of unknown area; when R's own area is unknown, every request ahead of it. (A request of
another known area is served by other consultants and does not count, even if some consultant
serves both areas: an honest, simple rule.)

**Estimated wait** (``core.queue.estimate``) in minutes = ceil(position / max(1, consultants who
serve R's area, are active and not *ausente*)) x the average billed minutes of the last 20 ended
consulting sessions (``config.default_session_minutes`` before there is any). The client is told
it is an estimate.

**Updates** (``core.queue.updates``): after a queue change, every request behind it that moved
gets its queue card edited in place, at most once per ``config.position_update_interval``; all
positions behind a change are computed in one pass (``moved_behind``) with two queries.

**Cost.** A position is one statement (``standing_at``): two index-range COUNTs (``ahead_count``)
and the last 20 ended sessions, whatever the queue's length. The statements are built once
(module level, values as bound parameters): SQLAlchemy's compiled cache serves every call.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    String,
    bindparam,
    cast,
    literal,
    null,
    or_,
    tuple_,
    union_all,
)
from sqlalchemy import select as sa_select
from sqlmodel import col, func, select

from core.context import Core
from core.db import UnitOfWork, UTCDateTime
from core.models import Consultant, Contact, Request, RequestKind, RequestStatus
from core.queue.estimate import average_minutes, estimate, recent_sessions, serving_count

logger = logging.getLogger(__name__)


def waiting() -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    """The conditions of a request waiting in the consulting queue."""
    return (
        col(Request.status) == RequestStatus.QUEUED,
        col(Request.kind) == RequestKind.CONSULTING,
    )


AT = bindparam("at", type_=UTCDateTime())
"""The ``queued_at`` of the request a statement is about (a bound parameter)."""
RID = bindparam("rid", type_=Integer())
"""The id of the request a statement is about."""
AREA = bindparam("area", type_=String())
"""The area of the request a statement is about (statements for a known area only)."""


def params(queued_at: datetime, request_id: int, area: str | None) -> dict[str, Any]:
    """The values of ``AT``, ``RID`` and ``AREA``."""
    return {"at": queued_at, "rid": request_id, "area": area}


def _key() -> ColumnElement[Any]:
    """``(queued_at, id)`` of the request (``AT``, ``RID``) as a row value: one index range."""
    return tuple_(AT, RID)


def _order() -> ColumnElement[Any]:
    return tuple_(col(Request.queued_at), col(Request.id))


def _before() -> ColumnElement[bool]:
    return _order() < _key()


def _from() -> ColumnElement[bool]:
    return _order() >= _key()


def competes_with(area: str | None) -> ColumnElement[bool] | None:
    """Requests that compete with one of ``area`` (None: every request competes)."""
    if area is None:
        return None
    return or_(col(Request.area) == area, col(Request.area).is_(None))


def ahead_count(area_known: bool) -> ColumnElement[int]:
    """How many waiting requests ahead of ``(AT, RID)`` compete with one of ``AREA`` (of any
    area when not ``area_known``).

    A scalar subquery: per area, a COUNT over one index range (``ix_request_waiting_area``, or
    ``ix_request_waiting`` for all), never a load of the rows.
    """
    base = select(func.count()).select_from(Request).where(*waiting()).where(_before())
    if not area_known:
        return base.scalar_subquery()
    same = base.where(col(Request.area) == AREA).scalar_subquery()
    unknown = base.where(col(Request.area).is_(None)).scalar_subquery()
    return same + unknown


@dataclass(frozen=True)
class QueueStanding:
    """Where a waiting request stands: 1-based position and the estimated wait in minutes."""

    position: int
    wait_minutes: int


async def queue_position(uow: UnitOfWork, core: Core, request: Request) -> QueueStanding:
    """The request's position (1-based, see the module docstring) and estimated wait."""
    assert request.id is not None and request.queued_at is not None
    read = await standing_at(uow, core, request.queued_at, request.id, request.area)
    return read.standing


@dataclass(frozen=True)
class Standing:
    """What ``standing_at`` read: the standing, the caller's columns, the candidates' rows."""

    standing: QueueStanding
    also: tuple[Any, ...]
    candidates: list[Consultant]


def _tag(name: str) -> ColumnElement[str]:
    return literal(name, String()).label("tag")


def _no_time(label: str) -> ColumnElement[Any]:
    return cast(null(), UTCDateTime()).label(label)


def _no_id() -> ColumnElement[Any]:
    return cast(null(), Integer()).label("cid")


def standing_statement(
    area_known: bool, *also: ColumnElement[Any], candidates: Select[Any] | None = None
) -> Select[Any]:
    """The statement of ``read_standing``: built once per shape (module level), its values
    bound at each execution (``params``), so SQLAlchemy's compiled cache serves it.

    One statement: the position, the consultants serving and the caller's ``also`` columns (on
    every row), the ended sessions the average length is taken over (rows ``s``) and, with
    ``candidates`` (a select of consultant ids), those consultants (rows ``c``, in their order).
    """
    sessions = recent_sessions().subquery()
    branches = [
        sa_select(_tag("x"), _no_time("started"), _no_time("ended"), _no_id()),
        sa_select(
            _tag("s"),
            sessions.c.billing_started_at.label("started"),
            sessions.c.ended_at.label("ended"),
            _no_id(),
        ),
    ]
    if candidates is not None:
        chosen = candidates.subquery()
        branches.append(
            sa_select(_tag("c"), _no_time("started"), _no_time("ended"), chosen.c.id.label("cid"))
        )
    rows_of = union_all(*branches).subquery()
    tag, started, ended, consultant_id = rows_of.c
    return (
        sa_select(
            tag,
            started,
            ended,
            Consultant,
            ahead_count(area_known),
            serving_count(AREA if area_known else None),
            *also,
        )
        .select_from(rows_of)
        .outerjoin(Consultant, col(Consultant.id) == consultant_id)
    )


_STANDING = {known: standing_statement(known) for known in (False, True)}


async def standing_at(
    uow: UnitOfWork, core: Core, queued_at: datetime, request_id: int, area: str | None
) -> Standing:
    """The standing of a request at ``(queued_at, id)`` of ``area``: one statement."""
    statement = _STANDING[area is not None]
    return await read_standing(uow, core, statement, params(queued_at, request_id, area))


async def read_standing(
    uow: UnitOfWork, core: Core, statement: Select[Any], values: dict[str, Any]
) -> Standing:
    """Run a ``standing_statement`` with ``values`` (``params`` and the caller's own)."""
    rows = (await uow.session.execute(statement, values)).all()
    head = next(row for row in rows if row[0] == "x")
    minutes = average_minutes(
        [(row[1], row[2]) for row in rows if row[0] == "s"], core.config.default_session_minutes
    )
    found = [row[3] for row in rows if row[0] == "c" and row[3] is not None]
    found.sort(key=lambda c: (c.status_changed_at, c.id))
    position = int(head[4]) + 1
    standing = QueueStanding(position, estimate(position, int(head[5]), minutes))
    return Standing(standing, tuple(head[6:]), found)


@dataclass(frozen=True)
class Moved:
    """A waiting request whose position differs from the one its client was last told."""

    id: int
    area: str | None
    position: int
    notified_at: datetime | None
    language: str


async def moved_behind(
    uow: UnitOfWork, core: Core, queued_at: datetime | None, request_id: int
) -> list[Moved]:
    """One pass over the waiting requests from ``(queued_at, id)`` on (None: the whole queue).

    Returns those whose position differs from the one their client was last told, in queue order.
    """
    ahead: Counter[str | None] = Counter()
    if queued_at is not None:
        ahead_statement = (
            select(Request.area, func.count())
            .where(*waiting(), _before())
            .group_by(col(Request.area))
        )
        values = params(queued_at, request_id, None)
        for area, count in (await uow.session.execute(ahead_statement, values)).all():
            ahead[area] += int(count)
    total = sum(ahead.values())
    tail_statement = (
        sa_select(
            col(Request.id),
            col(Request.area),
            col(Request.notified_position),
            col(Request.notified_at),
            col(Contact.language),
        )
        .join(Contact, col(Contact.id) == col(Request.contact_id))
        .where(*waiting())
        .order_by(col(Request.queued_at), col(Request.id))
    )
    if queued_at is not None:
        tail_statement = tail_statement.where(_from())
    moved: list[Moved] = []
    values = params(queued_at, request_id, None) if queued_at is not None else {}
    tail = await uow.session.execute(tail_statement, values)
    for rid, area, notified, notified_at, language in tail:
        position = 1 + (total if area is None else ahead[area] + ahead[None])
        ahead[area] += 1
        total += 1
        if rid is not None and position != notified:
            moved.append(Moved(rid, area, position, notified_at, language or core.config.language))
    return moved


def anyone_behind() -> ColumnElement[bool]:
    """Whether any other request waits behind ``(AT, RID)`` (one index probe)."""
    return sa_select(col(Request.id)).where(*waiting(), _from(), col(Request.id) != RID).exists()
