"""Consultants (SPEC section 2): a Slack user, a name, areas from the configuration, a status."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Integer, Table, bindparam, insert, update
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import col, delete, select

from core.clock import Clock
from core.db import UnitOfWork
from core.errors import Conflict, InvalidInput, NotFound
from core.events import Acting
from core.models import (
    CalendarFeed,
    Consultant,
    ConsultantArea,
    ConsultantStatus,
    ConsultantStatusChange,
)

logger = logging.getLogger(__name__)

_SLACK_USER = re.compile(r"[UW][A-Z0-9]{2,31}", re.ASCII)
_NAME_MAX = 200
MAX_SESSIONS_LIMIT = 20


def normalise_slack_user(staff_key: str) -> str:
    """A Slack user id (``U``/``W`` then letters and digits), upper-cased; InvalidInput else."""
    key = staff_key.strip().upper()
    if not _SLACK_USER.fullmatch(key):
        raise InvalidInput("admin.invalid_slack_user", value=staff_key)
    return key


def match_areas(areas: Iterable[str], known_areas: list[str]) -> list[str]:
    """The configured spelling of each area (matched ignoring case), in configuration order."""
    spelling = {area.casefold(): area for area in known_areas}
    chosen: set[str] = set()
    for area in areas:
        name = area.strip()
        if not name:
            continue
        known = spelling.get(name.casefold())
        if known is None:
            raise InvalidInput(
                "admin.consultant.unknown_area", area=name, valid=", ".join(known_areas)
            )
        chosen.add(known)
    if not chosen:
        raise InvalidInput("admin.consultant.no_area", valid=", ".join(known_areas))
    return [area for area in known_areas if area in chosen]


def _name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise InvalidInput("admin.consultant.name_required")
    if len(cleaned) > _NAME_MAX:
        raise InvalidInput("admin.too_long", value=cleaned[:40], limit=_NAME_MAX)
    return cleaned


def _max_sessions(value: int) -> int:
    if not 1 <= value <= MAX_SESSIONS_LIMIT:
        raise InvalidInput(
            "admin.consultant.invalid_max_sessions", value=value, limit=MAX_SESSIONS_LIMIT
        )
    return value


async def _set_areas(uow: UnitOfWork, consultant_id: int, areas: list[str]) -> None:
    await uow.session.exec(
        delete(ConsultantArea).where(col(ConsultantArea.consultant_id) == consultant_id)
    )
    for area in areas:
        uow.session.add(ConsultantArea(consultant_id=consultant_id, area=area))
    await uow.session.flush()


async def add_consultant(
    uow: UnitOfWork,
    clock: Clock,
    *,
    staff_key: str,
    name: str,
    areas: list[str],
    known_areas: list[str],
    max_sessions: int = 1,
    by: Acting | None = None,
) -> Consultant:
    """Register a consultant (away until they say otherwise) with their areas (``by``: audited)."""
    slack_user = normalise_slack_user(staff_key)
    now = clock.now()
    consultant = Consultant(
        staff_key=slack_user,
        name=_name(name),
        max_sessions=_max_sessions(max_sessions),
        status=ConsultantStatus.AWAY,
        status_changed_at=now,
        created_at=now,
    )
    chosen = match_areas(areas, known_areas)
    if await consultant_by_staff_key(uow, slack_user) is not None:
        raise Conflict("admin.consultant.duplicate", slack_user=slack_user)
    uow.session.add(consultant)
    await uow.session.flush()
    assert consultant.id is not None
    uow.session.add(_history(consultant.id, consultant.status, now))
    await _set_areas(uow, consultant.id, chosen)
    logger.info("consultant %s added", consultant.id)
    if by is not None:
        await by.done(
            "staff.consultant_added",
            "consultant",
            consultant.id,
            staff_key=slack_user,
            name=consultant.name,
            areas=",".join(chosen),
        )
    return consultant


def change_status(
    uow: UnitOfWork, consultant: Consultant, status: ConsultantStatus, at: datetime
) -> None:
    """The one place a consultant's status changes: the row, and an entry of its history
    (``consultant_status_change``, what the utilisation report measures). No-op when unchanged;
    flushed with the caller's next write."""
    if consultant.status == status:
        return
    assert consultant.id is not None
    consultant.status = status
    consultant.status_changed_at = at
    uow.session.add(consultant)
    uow.session.add(_history(consultant.id, status, at))


_CONSULTANTS: Table = Consultant.__table__  # type: ignore[attr-defined]
_HISTORY: Table = ConsultantStatusChange.__table__  # type: ignore[attr-defined]
_ID = bindparam("cs_id", type_=Integer())
_STATUS = bindparam("cs_status", type_=_CONSULTANTS.c.status.type)
_AT = bindparam("cs_at", type_=_CONSULTANTS.c.status_changed_at.type)
SET_STATUS = (
    update(_CONSULTANTS)
    .where(_CONSULTANTS.c.id == _ID)
    .values(status=_STATUS, status_changed_at=_AT)
)
"""``change_status`` without the ORM, the row (values: ``status_values``)."""
LOG_STATUS = insert(_HISTORY).values(consultant_id=_ID, status=_STATUS, changed_at=_AT)
"""... and its history entry."""
SET_AND_LOG_STATUS = LOG_STATUS.add_cte(SET_STATUS.returning(_CONSULTANTS.c.id).cte("status_set"))
"""Both in one statement (PostgreSQL: a data-modifying CTE)."""


def status_values(
    consultant: Consultant, status: ConsultantStatus, at: datetime
) -> dict[str, Any] | None:
    """The values of ``SET_STATUS`` and ``LOG_STATUS`` for ``change_status`` (None: no change).

    The caller writes them, then calls ``status_written``."""
    if consultant.status == status:
        return None
    return {"cs_id": consultant.id, "cs_status": status, "cs_at": at}


def status_written(consultant: Consultant, values: dict[str, Any]) -> None:
    """The object as if loaded after ``SET_STATUS`` with ``values`` (no ORM UPDATE follows)."""
    set_committed_value(consultant, "status", values["cs_status"])
    set_committed_value(consultant, "status_changed_at", values["cs_at"])


async def write_status(
    uow: UnitOfWork, dialect: str, consultant: Consultant, status: ConsultantStatus, at: datetime
) -> None:
    """``change_status`` written now: one statement on PostgreSQL, two on SQLite."""
    values = status_values(consultant, status, at)
    if values is None:
        return
    if dialect == "postgresql":
        await uow.execute(SET_AND_LOG_STATUS, values)
    else:
        await uow.execute(SET_STATUS, values)
        await uow.execute(LOG_STATUS, values)
    status_written(consultant, values)


def _history(consultant_id: int, status: ConsultantStatus, at: datetime) -> ConsultantStatusChange:
    return ConsultantStatusChange(consultant_id=consultant_id, status=status, changed_at=at)


async def consultant_by_staff_key(uow: UnitOfWork, staff_key: str) -> Consultant | None:
    """The consultant with this Slack user id, or None."""
    key = staff_key.strip().upper()
    result = await uow.session.exec(select(Consultant).where(Consultant.staff_key == key))
    return result.first()


async def get_consultant(uow: UnitOfWork, consultant_id: int) -> Consultant:
    """The consultant ``consultant_id``; NotFound when there is none."""
    consultant = await uow.session.get(Consultant, consultant_id)
    if consultant is None:
        raise NotFound("admin.consultant.not_found", id=consultant_id)
    return consultant


async def list_consultants(uow: UnitOfWork, *, active_only: bool = False) -> list[Consultant]:
    """Every consultant (or the active ones), by id."""
    query = select(Consultant).order_by(col(Consultant.id))
    if active_only:
        query = query.where(col(Consultant.active).is_(True))
    return list((await uow.session.exec(query)).all())


async def consultant_areas(uow: UnitOfWork, consultant_id: int) -> list[str]:
    """The areas of one consultant, alphabetically."""
    result = await uow.session.exec(
        select(ConsultantArea.area)
        .where(ConsultantArea.consultant_id == consultant_id)
        .order_by(col(ConsultantArea.area))
    )
    return list(result.all())


async def areas_by_consultant(uow: UnitOfWork) -> dict[int, list[str]]:
    """The areas of every consultant, keyed by consultant id."""
    rows = await uow.session.exec(select(ConsultantArea).order_by(col(ConsultantArea.area)))
    areas: dict[int, list[str]] = {}
    for row in rows.all():
        areas.setdefault(row.consultant_id, []).append(row.area)
    return areas


async def update_consultant(
    uow: UnitOfWork,
    clock: Clock,
    consultant_id: int,
    *,
    name: str | None = None,
    areas: list[str] | None = None,
    known_areas: list[str] | None = None,
    max_sessions: int | None = None,
    active: bool | None = None,
    by: Acting | None = None,
) -> Consultant:
    """Change the given fields; new ``areas`` replace the old ones (``known_areas`` needed then).

    Deactivating a consultant deletes their calendar feed addresses. ``by``: who does it (a
    deactivation or reactivation is then audited)."""
    consultant = await get_consultant(uow, consultant_id)
    chosen: list[str] | None = None
    if areas is not None:
        if known_areas is None:
            raise ValueError("known_areas is needed to change areas")
        chosen = match_areas(areas, known_areas)
    new_name = _name(name) if name is not None else consultant.name
    new_max = _max_sessions(max_sessions) if max_sessions is not None else consultant.max_sessions
    consultant.name, consultant.max_sessions = new_name, new_max
    switched = active is not None and active != consultant.active
    if active is not None and active != consultant.active:
        consultant.active = active
        if not active:
            change_status(uow, consultant, ConsultantStatus.AWAY, clock.now())
            # Someone who left keeps no private calendar address (nor its hash).
            await uow.session.exec(
                delete(CalendarFeed).where(col(CalendarFeed.consultant_id) == consultant_id)
            )
    uow.session.add(consultant)
    await uow.session.flush()
    if chosen is not None:
        await _set_areas(uow, consultant_id, chosen)
    if by is not None and switched:
        action = "staff.consultant_reactivated" if active else "staff.consultant_deactivated"
        await by.done(action, "consultant", consultant_id, name=consultant.name)
    return consultant
