"""Inbound deduplication: a platform delivery acts once, in the same transaction as its effect."""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlmodel import col

from core.clock import Clock
from core.db import UnitOfWork
from core.models import InboundKey

logger = logging.getLogger(__name__)


async def first_delivery(uow: UnitOfWork, clock: Clock, source: str, key: str) -> bool:
    """Record ``(source, key)``; False when it was already recorded (a repeated delivery).

    The insert runs in a savepoint, so a duplicate leaves the caller's transaction usable; if the
    caller's transaction rolls back, the key goes with it and a retry is acted on.
    """
    try:
        async with uow.session.begin_nested():
            uow.session.add(InboundKey(source=source, key=key, received_at=clock.now()))
    except IntegrityError:
        logger.info("repeated delivery %s:%s ignored", source, key)
        return False
    return True


async def forget_inbound_before(uow: UnitOfWork, before: datetime) -> int:
    """Delete keys received before ``before`` (platforms stop retrying after minutes or days)."""
    result = await uow.session.execute(
        delete(InboundKey).where(col(InboundKey.received_at) < before)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
