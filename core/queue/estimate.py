"""The estimated wait of a waiting request (see ``core.queue.positions`` for the rule).

Estimated wait in minutes = ceil(position / max(1, consultants who serve the request's area, are
active and not *ausente*)) x the average billed minutes of the last 20 ended consulting sessions
(``config.default_session_minutes`` before there is any).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import ColumnElement, Select, distinct
from sqlalchemy import select as sa_select
from sqlmodel import col, func, select

from core.billing import billable_minutes
from core.context import Core
from core.db import UnitOfWork
from core.models import (
    Consultant,
    ConsultantArea,
    ConsultantStatus,
    ConsultingSession,
    RequestKind,
    SessionStatus,
)

AVERAGE_OVER = 20
"""How many recently ended sessions the average length is taken over."""


@dataclass(frozen=True)
class Staffing:
    """Who can serve now (active, not away) and how long a session lasts on average."""

    total: int
    by_area: dict[str, int] = field(default_factory=dict)
    average_minutes: int = 30

    def estimate(self, position: int, area: str | None) -> int:
        """Estimated wait in minutes of the request at ``position`` of ``area``."""
        serving = self.total if area is None else self.by_area.get(area, 0)
        return estimate(position, serving, self.average_minutes)


def estimate(position: int, serving: int, average_minutes: int) -> int:
    """The rule: ceil(position / max(1, consultants serving)) x the average session minutes."""
    return math.ceil(position / max(1, serving)) * average_minutes


def serving_count(area: str | ColumnElement[str] | None) -> ColumnElement[int]:
    """A scalar subquery: consultants who serve ``area`` (None: any area), active, not away."""
    statement = (
        sa_select(func.count(distinct(col(ConsultantArea.consultant_id))))
        .join(Consultant, col(Consultant.id) == col(ConsultantArea.consultant_id))
        .where(col(Consultant.active).is_(True))
        .where(col(Consultant.status) != ConsultantStatus.AWAY)
    )
    if area is not None:
        statement = statement.where(col(ConsultantArea.area) == area)
    return statement.scalar_subquery()


def recent_sessions() -> Select[datetime | None, datetime | None]:
    """Billing start and end of the last ``AVERAGE_OVER`` ended consulting sessions."""
    return (
        sa_select(col(ConsultingSession.billing_started_at), col(ConsultingSession.ended_at))
        .where(col(ConsultingSession.status) == SessionStatus.ENDED)
        .where(col(ConsultingSession.kind) == RequestKind.CONSULTING)
        .where(col(ConsultingSession.billing_started_at).is_not(None))
        .where(col(ConsultingSession.ended_at).is_not(None))
        .order_by(col(ConsultingSession.ended_at).desc())
        .limit(AVERAGE_OVER)
    )


def average_minutes(
    sessions: Iterable[tuple[datetime | None, datetime | None]], default: int
) -> int:
    """The average billed minutes of ``sessions`` (billing start, end); ``default`` when none."""
    minutes = [
        billable_minutes(start, end)
        for start, end in sessions
        if start is not None and end is not None and end >= start
    ]
    if not minutes:
        return default
    return max(1, math.ceil(sum(minutes) / len(minutes)))


async def average_session_minutes(uow: UnitOfWork, core: Core) -> int:
    """Average billed minutes of the last 20 ended consulting sessions (default when none)."""
    rows = [(row[0], row[1]) for row in await uow.session.execute(recent_sessions())]
    return average_minutes(rows, core.config.default_session_minutes)


async def staffing(uow: UnitOfWork, core: Core) -> Staffing:
    """Consultants who can serve (in total and per area) and the average session length."""
    statement = (
        select(ConsultantArea.consultant_id, ConsultantArea.area)
        .join(Consultant, col(Consultant.id) == col(ConsultantArea.consultant_id))
        .where(col(Consultant.active).is_(True))
        .where(col(Consultant.status) != ConsultantStatus.AWAY)
    )
    rows = (await uow.session.exec(statement)).all()
    by_area = Counter(area for _, area in rows)
    total = len({consultant_id for consultant_id, _ in rows})
    return Staffing(total, dict(by_area), await average_session_minutes(uow, core))
