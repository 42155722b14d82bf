"""How long recaps are kept: deleted ``recap_retention`` after they were asked for, or with the
contact's erasure (LGPD), which also takes a colleague's lines out of the recaps of the sessions
they joined. The retention purge's timer calls :func:`delete_old_recaps`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete
from sqlmodel import col, select

from core.db import UnitOfWork
from core.models import SessionRecap

BATCH = 2000
"""Recaps deleted per run at most; the purge runs again at once when more remain."""


async def delete_old_recaps(uow: UnitOfWork, cutoff: datetime) -> int:
    """Delete the recaps asked for before ``cutoff``; how many."""
    old = select(SessionRecap.id).where(col(SessionRecap.requested_at) < cutoff).limit(BATCH)
    ids = [i for i in (await uow.session.exec(old)).all() if i is not None]
    if ids:
        await uow.session.execute(delete(SessionRecap).where(col(SessionRecap.id).in_(ids)))
    return len(ids)


async def recaps_of(uow: UnitOfWork, contact_id: int) -> list[SessionRecap]:
    """The recaps contact ``contact_id`` asked for, oldest first."""
    found = await uow.session.exec(
        select(SessionRecap)
        .where(SessionRecap.contact_id == contact_id)
        .order_by(col(SessionRecap.id))
    )
    return list(found.all())


async def delete_recaps_of(uow: UnitOfWork, contact_id: int) -> int:
    """Delete every recap of contact ``contact_id`` (their erasure); how many."""
    result = await uow.session.execute(
        delete(SessionRecap).where(col(SessionRecap.contact_id) == contact_id)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def forget_guest_lines(uow: UnitOfWork, session_ids: Sequence[int], author: str) -> int:
    """Take a colleague's lines (``guest`` side, written as ``author``) out of the recaps of
    the sessions they joined (their erasure); how many recaps changed."""
    if not session_ids:
        return 0
    found = await uow.session.exec(
        select(SessionRecap).where(col(SessionRecap.session_id).in_(session_ids))
    )
    changed = 0
    for recap in found.all():
        lines = recap.content.get("lines") or []
        kept = [
            line
            for line in lines
            if not (
                isinstance(line, dict)
                and line.get("side") == "guest"
                and line.get("author") == author
            )
        ]
        if len(kept) != len(lines):
            recap.content = {**recap.content, "lines": kept}
            uow.session.add(recap)
            changed += 1
    await uow.session.flush()
    return changed
