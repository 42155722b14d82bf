"""Recording what happened to an outbox row after its sender was called (used by the dispatcher)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from core import feedback
from core.clock import Clock
from core.db import Database, UnitOfWork
from core.models import Outbound, OutboundStatus
from core.outbox import PermanentDeliveryError

logger = logging.getLogger(__name__)

SENT = OutboundStatus.SENT.value
FAILED = OutboundStatus.FAILED.value
SENDING = OutboundStatus.SENDING.value
PENDING = OutboundStatus.PENDING.value


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how patiently a transient failure is retried."""

    max_attempts: int = 12
    backoff_cap: timedelta = timedelta(minutes=5)

    def backoff(self, attempts: int) -> timedelta:
        """The wait after ``attempts`` failed attempts: 2^attempts seconds, capped."""
        return min(timedelta(seconds=2 ** min(attempts, 30)), self.backoff_cap)


@dataclass(frozen=True)
class Outcome:
    """The result of one delivery attempt."""

    platform_ref: str | None = None
    error: PermanentDeliveryError | None = None
    transient: str | None = None
    retry_after: float | None = None

    @staticmethod
    def sent(platform_ref: str | None) -> Outcome:
        """Delivered; the platform answered with ``platform_ref``."""
        return Outcome(platform_ref=platform_ref)

    @staticmethod
    def failed(error: PermanentDeliveryError) -> Outcome:
        """Never deliverable."""
        return Outcome(error=error)

    @staticmethod
    def retry(reason: str, retry_after: float | None) -> Outcome:
        """Failed for now; try again later."""
        return Outcome(transient=reason, retry_after=retry_after)


def unmet_dependency(ref_id: int, reference: Outbound | None, relation: str) -> str:
    """The platform reference of the sent row ``ref_id``, or PermanentDeliveryError explaining."""
    if reference is None:
        raise PermanentDeliveryError(f"{relation} outbox row {ref_id}, which does not exist")
    if reference.status == FAILED:
        raise PermanentDeliveryError(
            f"{relation} outbox row {ref_id}, which was never delivered: {reference.last_error}"
        )
    if reference.platform_ref is None:
        raise PermanentDeliveryError(
            f"{relation} outbox row {ref_id}, which has no platform reference"
        )
    return reference.platform_ref


async def record_outcome(
    db: Database, clock: Clock, worker: str, policy: RetryPolicy, row_id: int, outcome: Outcome
) -> None:
    """Store ``outcome`` of row ``row_id`` in a new transaction, with the feedback it causes."""
    now = clock.now()
    async with db.uow() as uow:
        row = await uow.session.get(Outbound, row_id, with_for_update=True)
        if row is None:
            return
        if row.status in (SENT, FAILED):
            logger.warning(
                "outbox row %s already %s; outcome of %s dropped", row_id, row.status, worker
            )
            return
        if outcome.transient is not None and (row.status != SENDING or row.claimed_by != worker):
            logger.warning(
                "outbox row %s was taken over by %s; retry left to it", row_id, row.claimed_by
            )
            return
        row.claimed_by, row.claimed_until = None, None
        if outcome.error is None and outcome.transient is None:
            row.status, row.sent_at, row.platform_ref = SENT, now, outcome.platform_ref
            row.attempts += 1
            uow.session.add(row)
            await uow.session.flush()
            await feedback.on_delivered(uow, row)
        elif outcome.error is not None:
            await _fail(uow, row, outcome.error, now)
        else:
            row.attempts += 1
            if row.attempts >= policy.max_attempts:
                reason = f"gave up after {row.attempts} attempts: {outcome.transient}"
                logger.error("outbox row %s: %s", row_id, reason)
                await _fail(uow, row, PermanentDeliveryError(reason), now)
            else:
                wait = policy.backoff(row.attempts)
                if outcome.retry_after is not None:
                    wait = max(wait, timedelta(seconds=outcome.retry_after))
                row.status, row.next_attempt_at = PENDING, now + wait
                row.last_error = outcome.transient
                uow.session.add(row)
        await uow.commit()


async def _fail(
    uow: UnitOfWork, row: Outbound, error: PermanentDeliveryError, now: datetime
) -> None:
    row.status, row.last_error = FAILED, error.reason
    uow.session.add(row)
    await uow.session.flush()
    await feedback.on_failed(uow, row, error, now)
