"""The outbox dispatcher: claims due outbox rows, hands them to the channels' senders, records.

Guarantees:
- rows to one ``(channel, address)`` go out in id order: a row waits while an earlier row to the
  same address is pending or being sent (a retry holds back what follows it);
- a row that edits another (``edit_of_id``) or is posted in its thread (``payload["thread_of"]``)
  waits until that row is sent, then gets its platform reference; if that row failed for good,
  this one fails too;
- a claim is a lease (``claimed_until``): a crashed worker's rows are taken again once it expires;
- two dispatchers never take the same row (PostgreSQL: ``FOR UPDATE SKIP LOCKED``; SQLite: the
  write lock taken at BEGIN serialises claims). Delivery is at least once across crashes.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, exists, func, or_, update
from sqlalchemy.orm import aliased
from sqlmodel import col, select

from core.background import Wakeable, default_worker_name
from core.clock import Clock
from core.db import Database
from core.models import Outbound, OutboundStatus
from core.outbound import Address, OutboundMessage
from core.outbox import Delivery, PermanentDeliveryError, Sender, TransientDeliveryError
from core.outbox_records import Outcome, RetryPolicy, record_outcome, unmet_dependency

logger = logging.getLogger(__name__)

PENDING = OutboundStatus.PENDING.value
SENDING = OutboundStatus.SENDING.value
UNFINISHED = (PENDING, SENDING)


class OutboxDispatcher(Wakeable):
    """Delivers outbox rows through ``senders`` (one per channel); see the module docstring."""

    name = "outbox dispatcher"

    def __init__(
        self,
        db: Database,
        clock: Clock,
        senders: Mapping[str, Sender],
        *,
        worker: str | None = None,
        batch: int = 50,
        lease: timedelta = timedelta(seconds=60),
        max_attempts: int = 12,
        backoff_cap: timedelta = timedelta(minutes=5),
    ) -> None:
        super().__init__(db)
        self.clock = clock
        self.senders = dict(senders)
        self.worker = (worker or default_worker_name())[:64]
        self.batch = batch
        self.lease = lease
        self.policy = RetryPolicy(max_attempts=max_attempts, backoff_cap=backoff_cap)
        self._warned_channels: set[str] = set()

    async def run_once(self) -> int:
        """Claim due rows, deliver them in order, record each result; return how many."""
        await self._warn_about_channels_without_sender()
        rows, references = await self._claim()
        handled = 0
        for row in rows:
            if await self._deliver(row, references):
                handled += 1
        return handled

    async def pending_count(self) -> int:
        """How many rows wait to be delivered (pending or being sent)."""
        async with self.db.uow() as uow:
            statement = select(func.count()).where(col(Outbound.status).in_(UNFINISHED))
            return int((await uow.session.exec(statement)).one())

    async def lag(self) -> timedelta:
        """How long the oldest undelivered row has waited (zero when none waits)."""
        async with self.db.uow() as uow:
            statement = select(func.min(Outbound.created_at)).where(
                col(Outbound.status).in_(UNFINISHED)
            )
            oldest = (await uow.session.exec(statement)).one()
        if oldest is None:
            return timedelta(0)
        return max(self.clock.now() - oldest, timedelta(0))

    # -- claiming ------------------------------------------------------------------------------

    def _due(self, now: datetime) -> ColumnElement[bool]:
        return or_(
            and_(col(Outbound.status) == PENDING, col(Outbound.next_attempt_at) <= now),
            and_(col(Outbound.status) == SENDING, col(Outbound.claimed_until) <= now),
        )

    async def _claim(self) -> tuple[list[Outbound], dict[int, Outbound]]:
        """Mark up to ``batch`` claimable rows as ours; return them and the rows they refer to."""
        now = self.clock.now()
        earlier = aliased(Outbound)
        reference = aliased(Outbound)
        thread_of = col(Outbound.payload)["thread_of"].as_integer()
        blocked_by_earlier = exists().where(
            col(earlier.channel) == col(Outbound.channel),
            col(earlier.address) == col(Outbound.address),
            col(earlier.id) < col(Outbound.id),
            col(earlier.status).in_(UNFINISHED),
        )
        waits_for_reference = exists().where(
            or_(col(reference.id) == col(Outbound.edit_of_id), col(reference.id) == thread_of),
            col(reference.status).in_(UNFINISHED),
        )
        due = self._due(now)
        candidates = (
            select(Outbound.id)
            .where(due, col(Outbound.channel).in_(sorted(self.senders)))
            .where(~blocked_by_earlier, ~waits_for_reference)
            .order_by(col(Outbound.id))
            .limit(self.batch)
        )
        if self.db.dialect == "postgresql":
            candidates = candidates.with_for_update(skip_locked=True, of=Outbound)
        async with self.db.uow() as uow:
            ids = list((await uow.session.exec(candidates)).all())
            claimed: list[int] = []
            for row_id in ids:
                result = await uow.session.execute(
                    update(Outbound)
                    .where(col(Outbound.id) == row_id, due)
                    .values(status=SENDING, claimed_by=self.worker, claimed_until=now + self.lease)
                )
                if result.rowcount:  # type: ignore[attr-defined]
                    assert row_id is not None
                    claimed.append(row_id)
            if not claimed:
                return [], {}
            statement = select(Outbound).where(col(Outbound.id).in_(claimed))
            rows = sorted((await uow.session.exec(statement)).all(), key=lambda r: r.id or 0)
            wanted = {ref for row in rows for ref in _references(row)}
            references: dict[int, Outbound] = {}
            if wanted:
                statement = select(Outbound).where(col(Outbound.id).in_(wanted))
                references = {r.id: r for r in (await uow.session.exec(statement)).all() if r.id}
            await uow.commit()
        return rows, references

    # -- delivering ----------------------------------------------------------------------------

    async def _deliver(self, row: Outbound, references: Mapping[int, Outbound]) -> bool:
        """Deliver one claimed row and record what happened; False if the lease ran out first."""
        assert row.id is not None
        if row.claimed_until is not None and self.clock.now() >= row.claimed_until:
            logger.warning("outbox row %s: lease expired before sending; left for later", row.id)
            return False
        try:
            delivery = self._delivery(row, references)
        except PermanentDeliveryError as error:
            outcome = Outcome.failed(error)
        else:
            outcome = await self._send(row, delivery)
        await record_outcome(self.db, self.clock, self.worker, self.policy, row.id, outcome)
        return True

    def _delivery(self, row: Outbound, references: Mapping[int, Outbound]) -> Delivery:
        """What the sender sees; PermanentDeliveryError when the row cannot be sent at all."""
        assert row.id is not None
        edit_ref: str | None = None
        thread = row.thread
        if row.edit_of_id is not None:
            edit_ref = unmet_dependency(row.edit_of_id, references.get(row.edit_of_id), "edits")
        thread_of = row.payload.get("thread_of")
        if isinstance(thread_of, int) and thread is None:
            thread = unmet_dependency(
                thread_of, references.get(thread_of), "replies in the thread of"
            )
        try:
            message = OutboundMessage.from_payload(row.payload)
        except (KeyError, TypeError, ValueError) as error:
            raise PermanentDeliveryError(f"unreadable outbox payload: {error!r}") from error
        return Delivery(
            outbound_id=row.id,
            to=Address(row.channel, row.address, thread),
            message=message,
            purpose=row.purpose,
            edit_ref=edit_ref,
            attempt=row.attempts + 1,
        )

    async def _send(self, row: Outbound, delivery: Delivery) -> Outcome:
        """Call the channel's sender; never raises (an unexpected error counts as transient)."""
        sender = self.senders[row.channel]
        try:
            return Outcome.sent(await sender.deliver(delivery))
        except TransientDeliveryError as error:
            logger.info("outbox row %s: transient failure: %s", row.id, error.reason)
            return Outcome.retry(error.reason, error.retry_after)
        except PermanentDeliveryError as error:
            logger.warning("outbox row %s: permanent failure: %s", row.id, error.reason)
            return Outcome.failed(error)
        except Exception as error:
            logger.exception("outbox row %s: the %s sender crashed", row.id, row.channel)
            return Outcome.retry(f"{type(error).__name__}: {error}", None)

    async def _warn_about_channels_without_sender(self) -> None:
        """Log once per channel that has rows waiting but no sender in this process."""
        async with self.db.uow() as uow:
            statement = (
                select(Outbound.channel)
                .where(col(Outbound.status) == PENDING)
                .where(col(Outbound.channel).not_in(sorted(self.senders)))
                .distinct()
            )
            channels = set((await uow.session.exec(statement)).all())
        for channel in sorted(channels - self._warned_channels):
            logger.warning("outbox rows for channel %r wait: no sender configured", channel)
            self._warned_channels.add(channel)


def _references(row: Outbound) -> list[int]:
    refs = [row.edit_of_id] if row.edit_of_id is not None else []
    thread_of = row.payload.get("thread_of")
    if isinstance(thread_of, int):
        refs.append(thread_of)
    return refs
