"""Inbound deduplication: a platform delivery acts once, in the same transaction as its effect."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from sqlalchemy import Table, bindparam, delete
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import col

from core.clock import Clock
from core.db import UnitOfWork
from core.models import InboundKey

logger = logging.getLogger(__name__)


_INBOUND_KEY: Table = InboundKey.__table__  # type: ignore[attr-defined]


def _first_delivery(insert: Any) -> Any:
    """``INSERT ... ON CONFLICT (source, key) DO NOTHING RETURNING id``, built once per dialect
    on the table (a Core statement: no ORM step on the hot path)."""
    return (
        insert(_INBOUND_KEY)
        .values(
            source=bindparam("source"),
            key=bindparam("key"),
            received_at=bindparam("received_at"),
        )
        .on_conflict_do_nothing(index_elements=["source", "key"])
        .returning(_INBOUND_KEY.c.id)
    )


_FIRST_DELIVERY = {
    "postgresql": _first_delivery(postgresql_insert),
    "sqlite": _first_delivery(sqlite_insert),
}


async def first_delivery(uow: UnitOfWork, clock: Clock, source: str, key: str) -> bool:
    """Record ``(source, key)``; False when it was already recorded (a repeated delivery).

    One ``INSERT ... ON CONFLICT DO NOTHING``: a duplicate leaves the caller's transaction
    usable (a concurrent delivery of the same key waits for the first one's commit, then finds
    it); if the caller's transaction rolls back, the key goes with it and a retry is acted on.
    """
    statement = _FIRST_DELIVERY[uow.session.get_bind().dialect.name]
    params = {"source": source, "key": key, "received_at": clock.now()}
    if (await uow.execute(statement, params)).first() is None:
        logger.info("repeated delivery %s:%s ignored", source, key)
        return False
    return True


async def forget_inbound_before(uow: UnitOfWork, before: datetime) -> int:
    """Delete keys received before ``before`` (platforms stop retrying after minutes or days)."""
    result = await uow.session.execute(
        delete(InboundKey).where(col(InboundKey.received_at) < before)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
