"""Inbound deduplication: a platform delivery acts once, in the same transaction as its effect."""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import col

from core.clock import Clock
from core.db import UnitOfWork
from core.models import InboundKey

logger = logging.getLogger(__name__)


async def first_delivery(uow: UnitOfWork, clock: Clock, source: str, key: str) -> bool:
    """Record ``(source, key)``; False when it was already recorded (a repeated delivery).

    One ``INSERT ... ON CONFLICT DO NOTHING``: a duplicate leaves the caller's transaction
    usable (a concurrent delivery of the same key waits for the first one's commit, then finds
    it); if the caller's transaction rolls back, the key goes with it and a retry is acted on.
    """
    dialect = uow.session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    statement = (
        insert(InboundKey)
        .values(source=source, key=key, received_at=clock.now())
        .on_conflict_do_nothing(index_elements=["source", "key"])
        .returning(col(InboundKey.id))
    )
    if (await uow.session.execute(statement)).first() is None:
        logger.info("repeated delivery %s:%s ignored", source, key)
        return False
    return True


async def forget_inbound_before(uow: UnitOfWork, before: datetime) -> int:
    """Delete keys received before ``before`` (platforms stop retrying after minutes or days)."""
    result = await uow.session.execute(
        delete(InboundKey).where(col(InboundKey.received_at) < before)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
