"""An outbox row as the dispatcher claimed it: the columns it delivers from, no ORM object.

The claim's ``UPDATE ... RETURNING`` and the look-up of the rows a claimed one refers to read
these columns as plain rows: the delivery needs no identity map or change tracking for them.
Whatever changes a row after its delivery reads it again, locked (``core.outbox.records``).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from sqlalchemy import Column, Table

from core.models import Outbound, OutboundStatus

OUTBOUND: Table = Outbound.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Claimed:
    """One outbox row's columns as claimed (see the module docstring)."""

    id: int
    channel: str
    address: str
    thread: str | None
    payload: dict[str, Any]
    purpose: str | None
    subject_id: int | None
    edit_of_id: int | None
    status: OutboundStatus
    attempts: int
    claimed_until: datetime | None
    platform_ref: str | None
    last_error: str | None

    def references(self) -> list[int]:
        """The rows this one waits for: the one it edits, the one whose thread it is posted in."""
        refs = [self.edit_of_id] if self.edit_of_id is not None else []
        thread_of = self.payload.get("thread_of")
        if isinstance(thread_of, int):
            refs.append(thread_of)
        return refs


CLAIMED_COLUMNS: tuple[Column[Any], ...] = tuple(
    OUTBOUND.c[field.name] for field in fields(Claimed)
)
"""The columns of :class:`Claimed`, in its fields' order (``Claimed(*row)``)."""
