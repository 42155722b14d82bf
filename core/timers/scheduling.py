"""Timers as rows: scheduled in the caller's transaction, claimed and run by the timer loop."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlmodel import col, select

from core.clock import Clock
from core.db import UnitOfWork
from core.models import Timer, TimerStatus
from core.unit_of_work import TIMERS


async def schedule(
    uow: UnitOfWork,
    clock: Clock,
    kind: str,
    due_at: datetime,
    *,
    subject_id: int | None = None,
    payload: dict[str, Any] | None = None,
    dedupe_key: str | None = None,
) -> Timer:
    """Schedule ``kind`` at ``due_at``; a pending timer with the same ``dedupe_key`` is moved."""
    if dedupe_key is not None:
        existing = (
            await uow.session.exec(select(Timer).where(Timer.dedupe_key == dedupe_key))
        ).first()
        if existing is not None:
            existing.kind, existing.subject_id = kind, subject_id
            existing.payload = payload or {}
            existing.due_at, existing.status = due_at, TimerStatus.PENDING
            existing.attempts, existing.last_error, existing.done_at = 0, None, None
            uow.session.add(existing)
            await uow.session.flush()
            uow.after_commit_wake(TIMERS)
            return existing
    timer = Timer(
        kind=kind,
        subject_id=subject_id,
        dedupe_key=dedupe_key,
        payload=payload or {},
        due_at=due_at,
        created_at=clock.now(),
    )
    uow.session.add(timer)
    await uow.session.flush()
    uow.after_commit_wake(TIMERS)
    return timer


async def cancel(
    uow: UnitOfWork, *, kind: str, subject_id: int | None = None, dedupe_key: str | None = None
) -> int:
    """Cancel pending timers of ``kind`` for ``subject_id`` (or the one with ``dedupe_key``)."""
    statement = update(Timer).where(
        col(Timer.kind) == kind, col(Timer.status) == TimerStatus.PENDING
    )
    if subject_id is not None:
        statement = statement.where(col(Timer.subject_id) == subject_id)
    if dedupe_key is not None:
        statement = statement.where(col(Timer.dedupe_key) == dedupe_key)
    result = await uow.session.execute(statement.values(status=TimerStatus.CANCELLED))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
