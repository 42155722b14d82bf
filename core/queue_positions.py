"""Queue order, positions and estimated waits (the rules), computed in SQL and in one pass.

**Order.** Waiting requests (consulting, status ``queued``) are served first come, first served by
``(queued_at, id)``. A consultant serves a request when its area is one of theirs, or when the
client did not know the area (``area`` None, "não sei": anyone may take it).

**Position.** The position of a request R is 1 + the number of waiting requests ahead of R (earlier
``(queued_at, id)``) that compete with R for the same consultants: those of the same area as R,
and those of unknown area; when R's own area is unknown, every request ahead of it. (A request of
another known area is served by other consultants and does not count, even if some consultant
serves both areas: an honest, simple rule.)

**Estimated wait** (``core.queue_estimate``) in minutes = ceil(position / max(1, consultants who
serve R's area, are active and not *ausente*)) x the average billed minutes of the last 20 ended
consulting sessions (``config.default_session_minutes`` before there is any). The client is told
it is an estimate.

**Updates** (``core.queue_updates``): after a queue change, every request behind it that moved
gets its queue card edited in place, at most once per ``config.position_update_interval``; all
positions behind a change are computed in one pass (``moved_behind``) with two queries.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, and_, func, or_
from sqlalchemy import select as sa_select
from sqlmodel import col, select

from core.context import Core
from core.db import UnitOfWork
from core.models import Contact, Request, RequestKind, RequestStatus
from core.queue_estimate import staffing

logger = logging.getLogger(__name__)


def waiting() -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    """The conditions of a request waiting in the consulting queue."""
    return (
        col(Request.status) == RequestStatus.QUEUED.value,
        col(Request.kind) == RequestKind.CONSULTING.value,
    )


def _before(queued_at: datetime, request_id: int) -> ColumnElement[bool]:
    return or_(
        col(Request.queued_at) < queued_at,
        and_(col(Request.queued_at) == queued_at, col(Request.id) < request_id),
    )


def _from(queued_at: datetime, request_id: int) -> ColumnElement[bool]:
    return or_(
        col(Request.queued_at) > queued_at,
        and_(col(Request.queued_at) == queued_at, col(Request.id) >= request_id),
    )


def competes_with(area: str | None) -> ColumnElement[bool] | None:
    """Requests that compete with one of ``area`` (None: every request competes)."""
    if area is None:
        return None
    return or_(col(Request.area) == area, col(Request.area).is_(None))


@dataclass(frozen=True)
class QueueStanding:
    """Where a waiting request stands: 1-based position and the estimated wait in minutes."""

    position: int
    wait_minutes: int


async def queue_position(uow: UnitOfWork, core: Core, request: Request) -> QueueStanding:
    """The request's position (1-based, see the module docstring) and estimated wait."""
    assert request.id is not None and request.queued_at is not None
    statement = select(func.count()).select_from(Request).where(*waiting())
    statement = statement.where(_before(request.queued_at, request.id))
    competing = competes_with(request.area)
    if competing is not None:
        statement = statement.where(competing)
    position = int((await uow.session.exec(statement)).one()) + 1
    return QueueStanding(position, (await staffing(uow, core)).estimate(position, request.area))


@dataclass(frozen=True)
class Moved:
    """A waiting request whose position differs from the one its client was last told."""

    id: int
    area: str | None
    position: int
    notified_at: datetime | None
    language: str


async def moved_behind(
    uow: UnitOfWork, core: Core, queued_at: datetime, request_id: int
) -> list[Moved]:
    """One pass over the waiting requests from ``(queued_at, id)`` on: those that moved."""
    ahead_statement = (
        select(Request.area, func.count())
        .where(*waiting(), _before(queued_at, request_id))
        .group_by(col(Request.area))
    )
    ahead: Counter[str | None] = Counter()
    for area, count in (await uow.session.exec(ahead_statement)).all():
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
        .where(*waiting(), _from(queued_at, request_id))
        .order_by(col(Request.queued_at), col(Request.id))
    )
    moved: list[Moved] = []
    for rid, area, notified, notified_at, language in await uow.session.execute(tail_statement):
        position = 1 + (total if area is None else ahead[area] + ahead[None])
        ahead[area] += 1
        total += 1
        if rid is not None and position != notified:
            moved.append(Moved(rid, area, position, notified_at, language or core.config.language))
    return moved
