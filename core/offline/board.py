"""The team's list of offline messages: the open ones, oldest first, and the last resolved."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col, select

from core.contacts import display_name
from core.db import UnitOfWork
from core.models import Company, Contact, OfflineMessage, OfflineMessageStatus
from core.offline.common import staff_name
from core.timefmt import format_datetime

RESOLVED_SHOWN = 10
"""How many of the newest resolved messages the list shows."""
OPEN_SHOWN = 200
"""The most open messages the list shows (oldest first)."""


@dataclass(frozen=True)
class OfflineLine:
    """An offline message as the team reads it, with names and local times."""

    id: int
    status: OfflineMessageStatus
    company: str
    contact: str
    area: str | None
    text: str
    left_at: str
    assigned_to: str | None
    assigned_at: str
    resolved_by: str | None
    resolved_at: str


@dataclass(frozen=True)
class OfflineBoard:
    """The open offline messages (oldest first) and the newest resolved ones."""

    open: list[OfflineLine]
    resolved: list[OfflineLine]


def _at(moment: datetime | None, zone: tzinfo) -> str:
    return format_datetime(moment, zone) if moment is not None else ""


async def _lines(
    uow: UnitOfWork,
    where: ColumnElement[bool],
    order: Sequence[ColumnElement[Any]],
    limit: int,
    zone: tzinfo,
) -> list[OfflineLine]:
    statement = (
        select(OfflineMessage, Company, Contact)
        .join(Company, col(Company.id) == col(OfflineMessage.company_id))
        .join(Contact, col(Contact.id) == col(OfflineMessage.contact_id))
        .where(where)
        .order_by(*order)
        .limit(limit)
    )
    rows = (await uow.session.exec(statement)).all()
    names: dict[str, str] = {}
    lines = []
    for offline, company, contact in rows:
        assert offline.id is not None
        for key in (offline.assigned_to, offline.resolved_by):
            if key and key not in names:
                names[key] = await staff_name(uow, key) or key
        lines.append(
            OfflineLine(
                id=offline.id,
                status=offline.status,
                company=company.name,
                contact=display_name(contact),
                area=offline.area,
                text=offline.text or "",
                left_at=_at(offline.created_at, zone),
                assigned_to=names.get(offline.assigned_to or ""),
                assigned_at=_at(offline.assigned_at, zone),
                resolved_by=names.get(offline.resolved_by or ""),
                resolved_at=_at(offline.resolved_at, zone),
            )
        )
    return lines


async def offline_board(uow: UnitOfWork, zone: tzinfo) -> OfflineBoard:
    """The open offline messages, oldest first, and the :data:`RESOLVED_SHOWN` newest resolved."""
    waiting = (OfflineMessageStatus.OPEN, OfflineMessageStatus.ASSIGNED)
    opened = await _lines(
        uow,
        col(OfflineMessage.status).in_(waiting),
        (col(OfflineMessage.created_at).asc(), col(OfflineMessage.id).asc()),
        OPEN_SHOWN,
        zone,
    )
    resolved = await _lines(
        uow,
        col(OfflineMessage.status) == OfflineMessageStatus.RESOLVED,
        (col(OfflineMessage.resolved_at).desc(), col(OfflineMessage.id).desc()),
        RESOLVED_SHOWN,
        zone,
    )
    return OfflineBoard(opened, resolved)
