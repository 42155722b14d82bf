"""Recording what happened to an outbox row after its sender was called (used by the dispatcher)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import bindparam, or_, update
from sqlmodel import col, select

from core.clock import Clock
from core.db import Database
from core.models import Outbound, OutboundStatus
from core.outbox import feedback
from core.outbox.claimed import OUTBOUND, Claimed
from core.outbox.sender import PermanentDeliveryError

logger = logging.getLogger(__name__)

SENT = OutboundStatus.SENT
FAILED = OutboundStatus.FAILED
SENDING = OutboundStatus.SENDING
PENDING = OutboundStatus.PENDING


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


def unmet_dependency(ref_id: int, reference: Claimed | None, relation: str) -> str:
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


_MARK_SENT = (
    update(OUTBOUND)
    .where(
        OUTBOUND.c.id == bindparam("row_id"),
        or_(OUTBOUND.c.status == PENDING, OUTBOUND.c.status == SENDING),
    )
    .values(
        status=SENT,
        sent_at=bindparam("now"),
        platform_ref=bindparam("ref"),
        attempts=OUTBOUND.c.attempts + 1,
        claimed_by=None,
        claimed_until=None,
    )
)
"""A plain row delivered: one executemany for a round (a row already finished stays so)."""


async def record_outcomes(
    db: Database,
    clock: Clock,
    worker: str,
    policy: RetryPolicy,
    outcomes: Sequence[tuple[Claimed, Outcome]],
    *,
    released: Sequence[int] = (),
    on_unreachable: feedback.Unreachable | None = None,
) -> None:
    """Store the ``outcomes`` of a round (rows as claimed) in one transaction, with feedback.

    A delivered row whose delivery means nothing to the core (no purpose, or one without
    feedback such as a relayed message; see ``feedback.needs_feedback_on_delivery``) is marked
    sent in one statement for the round; the others are read locked (``NO KEY``: see the
    dispatcher) and changed one by one (:func:`_apply`).
    ``released``: rows claimed by ``worker`` but not attempted (behind a transient failure to
    their address); they go back to pending at once, their attempts untouched.
    """
    if not outcomes and not released:
        return
    now = clock.now()
    plain = [
        {"row_id": row.id, "ref": outcome.platform_ref, "now": now}
        for row, outcome in outcomes
        if outcome.error is None
        and outcome.transient is None
        and not feedback.needs_feedback_on_delivery(row, outcome.platform_ref)
    ]
    plain_ids = {entry["row_id"] for entry in plain}
    others = [(row.id, outcome) for row, outcome in outcomes if row.id not in plain_ids]
    async with db.uow() as uow:
        if plain:
            await uow.session.execute(_MARK_SENT, plain)
        changed: list[tuple[Outbound, Outcome]] = []
        if others:
            statement = (
                select(Outbound)
                .where(col(Outbound.id).in_([row_id for row_id, _ in others]))
                .order_by(col(Outbound.id))
                .with_for_update(key_share=True)
            )
            rows = {row.id: row for row in (await uow.session.exec(statement)).all()}
            for row_id, outcome in others:
                row = rows.get(row_id)
                if row is not None and _apply(row, outcome, worker, policy, now):
                    changed.append((row, outcome))
        if released:
            await uow.session.execute(
                update(Outbound)
                .where(col(Outbound.id).in_(released))
                .where(col(Outbound.status) == SENDING, col(Outbound.claimed_by) == worker)
                .values(status=PENDING, claimed_by=None, claimed_until=None)
                .execution_options(synchronize_session=False)
            )
        if changed:
            await uow.session.flush()
            for row, outcome in changed:
                if row.status == SENT:
                    await feedback.on_delivered(uow, row)
                elif row.status == FAILED:
                    error = outcome.error or PermanentDeliveryError(row.last_error or "")
                    await feedback.on_failed(uow, row, error, now, on_unreachable)
        await uow.commit()


def _apply(
    row: Outbound, outcome: Outcome, worker: str, policy: RetryPolicy, now: datetime
) -> bool:
    """Change ``row`` by ``outcome``; False when the outcome is dropped (see the warnings)."""
    if row.status in (SENT, FAILED):
        logger.warning(
            "outbox row %s already %s; outcome of %s dropped", row.id, row.status, worker
        )
        return False
    if outcome.transient is not None and (row.status != SENDING or row.claimed_by != worker):
        logger.warning(
            "outbox row %s was taken over by %s; retry left to it", row.id, row.claimed_by
        )
        return False
    row.claimed_by, row.claimed_until = None, None
    if outcome.error is None and outcome.transient is None:
        row.status, row.sent_at, row.platform_ref = SENT, now, outcome.platform_ref
        row.attempts += 1
        return True
    if outcome.error is not None:
        row.status, row.last_error = FAILED, outcome.error.reason
        return True
    row.attempts += 1
    if row.attempts >= policy.max_attempts:
        reason = f"gave up after {row.attempts} attempts: {outcome.transient}"
        logger.error("outbox row %s: %s", row.id, reason)
        row.status, row.last_error = FAILED, reason
        return True
    wait = policy.backoff(row.attempts)
    if outcome.retry_after is not None:
        wait = max(wait, timedelta(seconds=outcome.retry_after))
    row.status, row.next_attempt_at = PENDING, now + wait
    row.last_error = outcome.transient
    return True
