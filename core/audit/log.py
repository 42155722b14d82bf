"""Reading the audit log: filtered and paginated for the dashboard, in full for an export."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_
from sqlmodel import col, select

from core.db import UnitOfWork
from core.models import AuditEntry

PAGE_SIZE = 50

ACTIONS = (
    "terms.published",
    "company.added",
    "company.rate_changed",
    "booking.made_for_client",
    "contact.exported",
    "contact.erased",
    "staff.role_granted",
    "staff.role_revoked",
    "staff.account_created",
    "staff.account_updated",
    "staff.account_disabled",
    "staff.account_enabled",
    "staff.consultant_added",
    "staff.consultant_deactivated",
    "staff.consultant_reactivated",
    "api_token.created",
    "api_token.revoked",
    "webhook.created",
    "webhook.secret_rotated",
    "webhook.disabled",
)
"""Every action the log records, in the order the dashboard's filter lists them."""


@dataclass(frozen=True)
class AuditFilter:
    """What the dashboard asks for: an action, an actor (part of the name or reference), a
    period ``[since, until)``; empty fields filter nothing."""

    action: str = ""
    actor: str = ""
    since: datetime | None = None
    until: datetime | None = None


@dataclass(frozen=True)
class AuditPage:
    """One page of entries, newest first, and how many match in all."""

    entries: list[AuditEntry]
    total: int
    page: int
    size: int

    @property
    def pages(self) -> int:
        """How many pages the matching entries fill (at least one)."""
        return max(1, -(-self.total // self.size))


def _conditions(wanted: AuditFilter) -> list[Any]:
    conditions: list[Any] = []
    if wanted.action:
        conditions.append(col(AuditEntry.action) == wanted.action)
    if wanted.actor.strip():
        pattern = f"%{wanted.actor.strip().lower()}%"
        conditions.append(
            or_(
                func.lower(col(AuditEntry.actor_name)).like(pattern),
                func.lower(col(AuditEntry.actor_ref)).like(pattern),
            )
        )
    if wanted.since is not None:
        conditions.append(col(AuditEntry.at) >= wanted.since)
    if wanted.until is not None:
        conditions.append(col(AuditEntry.at) < wanted.until)
    return conditions


async def audit_page(
    uow: UnitOfWork, wanted: AuditFilter, page: int = 1, size: int = PAGE_SIZE
) -> AuditPage:
    """Page ``page`` (from 1) of the entries matching ``wanted``, newest first."""
    conditions = _conditions(wanted)
    counted = select(func.count()).select_from(AuditEntry).where(*conditions)
    total = int((await uow.session.exec(counted)).one())
    page = max(1, page)
    statement = (
        select(AuditEntry)
        .where(*conditions)
        .order_by(col(AuditEntry.at).desc(), col(AuditEntry.id).desc())
        .offset((page - 1) * size)
        .limit(size)
    )
    entries = list((await uow.session.exec(statement)).all())
    return AuditPage(entries, total, page, size)


async def audit_entries(uow: UnitOfWork, since: datetime | None = None) -> list[AuditEntry]:
    """Every entry from ``since`` on (all when None), oldest first: what an export holds."""
    statement = select(AuditEntry).order_by(col(AuditEntry.at), col(AuditEntry.id))
    if since is not None:
        statement = statement.where(col(AuditEntry.at) >= since)
    return list((await uow.session.exec(statement)).all())


EXPORT_COLUMNS = (
    "id",
    "at",
    "actor_kind",
    "actor_ref",
    "actor_name",
    "action",
    "target_kind",
    "target_id",
    "details",
)


def entry_data(entry: AuditEntry) -> dict[str, Any]:
    """One entry as plain values (``at`` in ISO 8601 UTC), for the CSV and JSON exports."""
    return {
        "id": entry.id,
        "at": entry.at.isoformat(),
        "actor_kind": entry.actor_kind,
        "actor_ref": entry.actor_ref,
        "actor_name": entry.actor_name,
        "action": entry.action,
        "target_kind": entry.target_kind,
        "target_id": entry.target_id,
        "details": dict(entry.details),
    }
