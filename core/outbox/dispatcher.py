"""The outbox dispatcher: claims due outbox rows, hands them to the channels' senders, records.

Guarantees:
- rows of one *conversation* go out in id order: a row waits while an earlier row of the same
  conversation is pending or being sent (a retry holds back what follows it). A conversation is
  ``(channel, address, thread)``: the top-level posts to an address (``thread`` NULL, no
  ``thread_of``) are one conversation, each thread of it another (a Slack thread: rows with
  ``thread`` = its ts, and rows posted by reference with ``payload["thread_of"]`` = the row that
  started it, once that row is out with that ts; before, they are the conversation "thread of
  row N"). Different conversations are not ordered among themselves: a retry in one Slack thread
  holds back neither the channel's other threads nor its top-level posts;
- a row that edits another (``edit_of_id``) or is posted in its thread (``payload["thread_of"]``)
  waits until that row is sent, then gets its platform reference; if that row failed for good,
  this one fails too;
- a claim is a lease (``claimed_until``): a crashed worker's rows are taken again once it expires;
- two dispatchers never take the same row (PostgreSQL: ``FOR NO KEY UPDATE SKIP LOCKED``;
  SQLite: the write lock taken at BEGIN serialises claims). Delivery is at least once across
  crashes. The lock is ``NO KEY``: a transaction writing a row that refers to a locked one (an
  edit of a card a claim queues while the card's delivery is recorded) neither waits for it nor
  makes it wait, so the two cannot deadlock.

A round: one transaction claims, per conversation, the first unfinished row (the *head*,
claimable only when nothing earlier in its conversation is unfinished) and the due rows right
behind it (a *run*: it stops at a row that is not due or that refers to another row); the
conversations' runs are delivered concurrently, each run in order (a transient failure releases
the rest of its run); one transaction records every outcome of the round.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Collection, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    String,
    and_,
    bindparam,
    cast,
    exists,
    func,
    literal,
    literal_column,
    or_,
    update,
)
from sqlalchemy import select as select_columns
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col, select

from core.background import Wakeable, default_worker_name
from core.clock import Clock
from core.db import Database, UnitOfWork
from core.models import Outbound, OutboundStatus
from core.outbox.claimed import CLAIMED_COLUMNS, Claimed
from core.outbox.feedback import Unreachable
from core.outbox.message import Address, OutboundMessage
from core.outbox.records import Outcome, RetryPolicy, record_outcomes, unmet_dependency
from core.outbox.sender import Delivery, PermanentDeliveryError, Sender, TransientDeliveryError
from core.unit_of_work import OUTBOX, outbox_of

logger = logging.getLogger(__name__)

PENDING = OutboundStatus.PENDING
SENDING = OutboundStatus.SENDING
UNFINISHED = (PENDING, SENDING)
WARN_EVERY = timedelta(minutes=1)
"""How often rows waiting for a channel without a sender are looked for."""

ConversationKey = tuple[str, str, str]
"""``(channel, address, conversation)``; conversation ``""``: the address's top-level posts."""


def _unfinished(table: Any) -> ColumnElement[bool]:
    """SQL: ``table``'s row is pending or being sent — in the words of the partial indexes on
    unfinished rows (``ix_outbound_unfinished``, ``ix_outbound_conversation``; migration 0022):
    a query uses them only when it states their predicate with these literals (neither engine
    can prove that a bound parameter implies it)."""
    return col(table.status).in_([literal_column(f"'{s.value}'") for s in UNFINISHED])


_DUE = or_(
    and_(col(Outbound.status) == PENDING, col(Outbound.next_attempt_at) <= bindparam("now")),
    and_(col(Outbound.status) == SENDING, col(Outbound.claimed_until) <= bindparam("now")),
)
"""Claimable now: pending and due, or being sent under a lease that ran out."""


def _conversation(table: Any) -> ColumnElement[str]:
    """SQL: the conversation of ``table``'s row within its address (see the module docstring).

    Its thread; else, posted by reference, the referenced row's platform reference (the thread's
    ts) or ``#N`` while that row has none; else ``""`` (top-level).
    """
    thread_of = col(table.payload)["thread_of"].as_integer()
    reference = aliased(Outbound)
    started_by = (
        select_columns(col(reference.platform_ref))
        .where(col(reference.id) == thread_of)
        .correlate(table)
        .scalar_subquery()
    )
    by_reference = literal("#") + cast(thread_of, String)
    return func.coalesce(col(table.thread), started_by, by_reference, literal(""))


_UNFINISHED_ROWS = select_columns(
    col(Outbound.id),
    col(Outbound.channel),
    col(Outbound.address),
    col(Outbound.status),
    col(Outbound.next_attempt_at),
    col(Outbound.claimed_until),
    col(Outbound.edit_of_id),
    col(Outbound.payload)["thread_of"].as_integer(),
    _conversation(Outbound),
).where(_unfinished(Outbound))
"""What the claim needs of each unfinished row: order, state, references, conversation."""

_FOLLOWERS = (
    _UNFINISHED_ROWS.where(col(Outbound.address).in_(bindparam("addresses", expanding=True)))
    .where(col(Outbound.id) > bindparam("after"))
    .order_by(col(Outbound.id))
)
"""Unfinished rows after ``after`` to ``addresses`` (the candidates for the heads' runs)."""

_WINDOW = _UNFINISHED_ROWS.where(
    col(Outbound.channel).in_(bindparam("channels", expanding=True))
).order_by(col(Outbound.id))
"""The oldest unfinished rows of the channels with a sender (the look of a short outbox)."""

_REFERENCES = select_columns(*CLAIMED_COLUMNS).where(
    col(Outbound.id).in_(bindparam("ids", expanding=True))
)
"""The rows claimed ones refer to (edited, or whose thread they are posted in)."""

_UNFINISHED_AMONG = select(Outbound.id).where(
    col(Outbound.id).in_(bindparam("ids", expanding=True)), _unfinished(Outbound)
)

_HAND_BACK = (
    update(Outbound)
    .where(col(Outbound.id).in_(bindparam("ids", expanding=True)))
    .values(status=PENDING, claimed_by=None, claimed_until=None)
    .execution_options(synchronize_session=False)
)


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
        batch: int = 100,
        lease: timedelta = timedelta(seconds=60),
        max_attempts: int = 12,
        backoff_cap: timedelta = timedelta(minutes=5),
        on_unreachable: Unreachable | None = None,
        elsewhere: Collection[str] = (),
    ) -> None:
        """``elsewhere``: channels another dispatcher of this process delivers (not warned of)."""
        super().__init__(db)
        self.on_unreachable = on_unreachable
        self.clock = clock
        self.senders = dict(senders)
        self.worker = (worker or default_worker_name())[:64]
        self.batch = batch
        self.lease = lease
        self.policy = RetryPolicy(max_attempts=max_attempts, backoff_cap=backoff_cap)
        self._warned_channels: set[str] = set()
        self._warned_at: datetime | None = None
        self._channels = sorted(self.senders)
        self._known = sorted(set(self._channels) | set(elsewhere))
        self._heads_statement = self._heads()
        self._followers_statement = _FOLLOWERS.limit(batch)
        self._window = 4 * batch
        self._window_statement = _WINDOW.limit(self._window)
        self._claim_statement = self._claiming()
        self._left_due = True

    def wants(self, written: frozenset[str]) -> bool:
        """Commits that wrote outbox rows of this dispatcher's channels (or of any channel)."""
        return OUTBOX in written or any(outbox_of(channel) in written for channel in self._channels)

    def more_due(self) -> bool:
        """Whether the last round left a due row unclaimed: past the batch, behind a row it
        delivered, handed back or released, or a backlog longer than the window."""
        return self._left_due

    async def run_once(self) -> int:
        """Claim due rows, deliver them (in order per conversation), record the results; count."""
        await self._warn_about_channels_without_sender()
        self._left_due = True
        runs, references = await self._claim()
        if not runs:
            return 0
        if len(runs) == 1:
            results = [await self._deliver_run(runs[0], references)]
        else:
            results = await asyncio.gather(*(self._deliver_run(run, references) for run in runs))
        outcomes = [outcome for done, _ in results for outcome in done]
        released = [row_id for _, rest in results for row_id in rest]
        self._left_due = self._left_due or bool(released)
        await record_outcomes(
            self.db,
            self.clock,
            self.worker,
            self.policy,
            outcomes,
            released=released,
            on_unreachable=self.on_unreachable,
        )
        return len(outcomes)

    async def run_forever(self, stop: asyncio.Event, idle: float = 1.0) -> None:
        """The loop (see ``Wakeable``); senders with ``open``/``close`` are open while it runs.

        (The Slack sender keeps its HTTP connections alive in between.)
        """
        opened = [s for s in self.senders.values() if hasattr(s, "open") and hasattr(s, "close")]
        for sender in opened:
            await sender.open()
        try:
            await super().run_forever(stop, idle)
        finally:
            for sender in opened:
                try:
                    await sender.close()
                except Exception:
                    logger.warning("closing the %s sender failed", type(sender).__name__)

    async def pending_count(self) -> int:
        """How many rows wait to be delivered (pending or being sent)."""
        async with self.db.uow() as uow:
            statement = select(func.count()).where(_unfinished(Outbound))
            return int((await uow.session.exec(statement)).one())

    async def lag(self) -> timedelta:
        """How long the oldest undelivered row has waited (zero when none waits)."""
        async with self.db.uow() as uow:
            statement = select(func.min(Outbound.created_at)).where(_unfinished(Outbound))
            oldest = (await uow.session.exec(statement)).one()
        if oldest is None:
            return timedelta(0)
        return max(self.clock.now() - oldest, timedelta(0))

    # -- claiming ------------------------------------------------------------------------------

    def _heads(self) -> Any:
        """Due rows with nothing unfinished before them in their conversation, no reference wait.

        Built once (parameters ``now`` and ``channels``): building it is costly per round.
        Its cost does not grow with the backlog (nor with the rows already sent): the rows are
        walked in id order on ``ix_outbound_unfinished`` (stopping at ``batch`` heads), and
        "anything unfinished earlier in this conversation" is two probes of
        ``ix_outbound_conversation`` — an earlier row in the same thread (``thread`` equal to
        this row's conversation), or an earlier row without a thread (top-level, or posted by
        reference) whose conversation is this row's. A row with a ``thread`` has that thread
        as its conversation, so the two cover every earlier row of the conversation.
        """
        earlier = aliased(Outbound)
        earlier_top = aliased(Outbound)
        reference = aliased(Outbound)
        thread_of = col(Outbound.payload)["thread_of"].as_integer()
        conversation = _conversation(Outbound)
        earlier_in_thread = exists().where(
            col(earlier.channel) == col(Outbound.channel),
            col(earlier.address) == col(Outbound.address),
            col(earlier.thread) == conversation,
            col(earlier.id) < col(Outbound.id),
            _unfinished(earlier),
        )
        earlier_without_thread = exists().where(
            col(earlier_top.channel) == col(Outbound.channel),
            col(earlier_top.address) == col(Outbound.address),
            col(earlier_top.thread).is_(None),
            col(earlier_top.id) < col(Outbound.id),
            _unfinished(earlier_top),
            _conversation(earlier_top) == conversation,
        )
        waits_for_reference = exists().where(
            or_(col(reference.id) == col(Outbound.edit_of_id), col(reference.id) == thread_of),
            _unfinished(reference),
        )
        heads = (
            select_columns(
                col(Outbound.id), col(Outbound.channel), col(Outbound.address), conversation
            )
            .where(_unfinished(Outbound), _DUE)
            .where(col(Outbound.channel).in_(bindparam("channels", expanding=True)))
            .where(~earlier_in_thread, ~earlier_without_thread, ~waits_for_reference)
            .order_by(col(Outbound.id))
            .limit(self.batch)
        )
        if self.db.dialect == "postgresql":
            heads = heads.with_for_update(skip_locked=True, of=Outbound, key_share=True)
        return heads

    async def _followers(
        self, uow: UnitOfWork, heads: Mapping[ConversationKey, int], now: datetime
    ) -> list[tuple[ConversationKey, int]]:
        """The due rows right behind each head, in id order, within the batch."""
        budget = self.batch - len(heads)
        if budget <= 0:
            return []
        params = {
            "addresses": sorted({address for _, address, _ in heads}),
            "after": min(heads.values()),
        }
        open_runs = set(heads)
        wanted: list[tuple[ConversationKey, int]] = []
        for row_id, channel, address, status, next_at, until, edit_of, thread, conv in (
            await uow.session.execute(self._followers_statement, params)
        ).all():
            key = (channel, address, conv)
            if key not in open_runs or row_id <= heads[key]:
                continue
            due = (status == PENDING and next_at <= now) or (
                status == SENDING and until is not None and until <= now
            )
            if not due or edit_of is not None or thread is not None:
                open_runs.discard(key)  # the run stops here; the rest waits for a later round
                continue
            wanted.append((key, row_id))
            if len(wanted) >= budget:
                break
        return wanted

    def _claiming(self) -> Any:
        """UPDATE the given rows that are still due to ours, RETURNING them (built once).

        On PostgreSQL the rows are locked with ``SKIP LOCKED`` first: a row another worker is
        claiming right now is left out (it breaks its run) instead of being waited for.
        """
        due = select(Outbound.id).where(
            col(Outbound.id).in_(bindparam("ids", expanding=True)), _DUE
        )
        if self.db.dialect == "postgresql":
            due = due.with_for_update(skip_locked=True, key_share=True)
        return (
            update(Outbound)
            .where(col(Outbound.id).in_(due.scalar_subquery()))
            .values(
                status=SENDING, claimed_by=bindparam("worker"), claimed_until=bindparam("until")
            )
            .returning(*CLAIMED_COLUMNS)
        )

    async def _claim(self) -> tuple[list[list[Claimed]], dict[int, Claimed]]:
        """Claim heads and their runs (at most ``batch`` rows): the runs and their references."""
        now = self.clock.now()
        async with self.db.uow() as uow:
            runs = await self._runs_in_window(uow, now)
            if runs is None:  # a long backlog: let the database find the heads
                runs = await self._runs_from_heads(uow, now)
            if not runs:
                return [], {}
            claim = {
                "ids": [i for ids in runs.values() for i in ids],
                "now": now,
                "worker": self.worker,
                "until": now + self.lease,
            }
            taken = {
                row.id: row
                for row in map(_claimed, await uow.execute(self._claim_statement, claim))
            }
            kept, handed_back = _unbroken(runs, set(taken))
            self._left_due = self._left_due or bool(handed_back)
            if handed_back:
                await uow.session.execute(_HAND_BACK, {"ids": handed_back})
            claimed = [[taken[row_id] for row_id in run] for run in kept]
            wanted_refs = sorted(
                {ref for run in claimed for row in run for ref in row.references()}
            )
            references: dict[int, Claimed] = {}
            if wanted_refs:
                found = await uow.execute(_REFERENCES, {"ids": wanted_refs})
                references = {row.id: row for row in map(_claimed, found)}
            await uow.commit()
        return claimed, references

    async def _runs_in_window(
        self, uow: UnitOfWork, now: datetime
    ) -> dict[ConversationKey, list[int]] | None:
        """Heads and runs from the oldest unfinished rows; None when they do not all fit.

        Seen in id order, a conversation's first unfinished row is its head: claimable when due and
        its references are finished (an unfinished reference is in the window, being older, or
        on a channel without a sender: looked up). None: more rows wait than the window holds.
        """
        params = {"channels": self._channels}
        window = (await uow.session.execute(self._window_statement, params)).all()
        if len(window) >= self._window:
            return None
        in_window = {row[0] for row in window}
        runs: dict[ConversationKey, list[int]] = {}
        seen: set[ConversationKey] = set()
        open_runs: set[ConversationKey] = set()
        outside: dict[int, list[ConversationKey]] = {}
        taken = 0
        left_due = False
        for row_id, channel, address, status, next_at, until, edit_of, thread, conv in window:
            if taken >= self.batch:
                left_due = True  # rows past the batch wait for the next round
                break
            key = (channel, address, conv)
            due = (status == PENDING and next_at <= now) or (
                status == SENDING and until is not None and until <= now
            )
            refs = [ref for ref in (edit_of, thread) if ref is not None]
            taken_before = taken
            if key not in seen:
                seen.add(key)
                if due and not any(ref in in_window for ref in refs):
                    runs[key] = [row_id]
                    open_runs.add(key)
                    for ref in refs:
                        outside.setdefault(ref, []).append(key)
                    taken += 1
            elif key in open_runs:
                if due and not refs:
                    runs[key].append(row_id)
                    taken += 1
                else:
                    open_runs.discard(key)  # the run stops here; the rest waits for a later round
            left_due = left_due or (due and taken == taken_before)
        if outside:  # references on channels without a sender here (rare): still unfinished?
            found = await uow.session.execute(_UNFINISHED_AMONG, {"ids": sorted(outside)})
            for (ref,) in found.all():
                for key in outside[ref]:
                    if runs.pop(key, None) is not None:
                        left_due = True  # its reference is being delivered elsewhere
        self._left_due = left_due
        return runs

    async def _runs_from_heads(
        self, uow: UnitOfWork, now: datetime
    ) -> dict[ConversationKey, list[int]]:
        """Heads found by the database (row-locked, skipping locked ones) and their runs."""
        params = {"now": now, "channels": self._channels}
        found = (await uow.session.execute(self._heads_statement, params)).all()
        heads = {(channel, address, conv): row_id for row_id, channel, address, conv in found}
        runs = {key: [row_id] for key, row_id in heads.items()}
        if heads:
            for key, row_id in await self._followers(uow, heads, now):
                runs[key].append(row_id)
        return runs

    # -- delivering ----------------------------------------------------------------------------

    async def _deliver_run(
        self, run: Sequence[Claimed], references: Mapping[int, Claimed]
    ) -> tuple[list[tuple[Claimed, Outcome]], list[int]]:
        """Deliver one conversation's rows in order: their outcomes, and the rows left unsent.

        A transient failure stops the run: the rows after it are released to wait for its retry.
        A lease that ran out stops it too (the rows are left for whoever claims them next).
        """
        done: list[tuple[Claimed, Outcome]] = []
        for index, row in enumerate(run):
            if row.claimed_until is not None and self.clock.now() >= row.claimed_until:
                logger.warning(
                    "outbox row %s: lease expired before sending; left for later", row.id
                )
                return done, []
            try:
                delivery = self._delivery(row, references)
            except PermanentDeliveryError as error:
                outcome = Outcome.failed(error)
            else:
                outcome = await self._send(row, delivery)
            done.append((row, outcome))
            if outcome.transient is not None:
                return done, [r.id for r in run[index + 1 :]]
        return done, []

    def _delivery(self, row: Claimed, references: Mapping[int, Claimed]) -> Delivery:
        """What the sender sees; PermanentDeliveryError when the row cannot be sent at all."""
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

    async def _send(self, row: Claimed, delivery: Delivery) -> Outcome:
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
        """Log once per channel that has rows waiting but no sender (looked for once a minute)."""
        now = self.clock.now()
        if self._warned_at is not None and now - self._warned_at < WARN_EVERY:
            return
        self._warned_at = now
        async with self.db.uow() as uow:
            statement = (
                select(Outbound.channel)
                .where(col(Outbound.status) == PENDING)
                .where(col(Outbound.channel).not_in(self._known))
                .distinct()
            )
            channels = set((await uow.session.exec(statement)).all())
        for channel in sorted(channels - self._warned_channels):
            logger.warning("outbox rows for channel %r wait: no sender configured", str(channel))
            self._warned_channels.add(channel)


def _unbroken(
    runs: Mapping[ConversationKey, list[int]], claimed: set[int]
) -> tuple[list[list[int]], list[int]]:
    """The claimed runs to deliver, and rows to hand back: a run stops at its first unclaimed row.

    (A row another worker changed between the look and the claim breaks its conversation's run.)
    """
    kept: list[list[int]] = []
    handed_back: list[int] = []
    for ids in runs.values():
        run: list[int] = []
        broken = False
        for row_id in ids:
            broken = broken or row_id not in claimed
            if row_id in claimed:
                (handed_back if broken else run).append(row_id)
        if run:
            kept.append(run)
    return kept, handed_back


def _claimed(row: Any) -> Claimed:
    return Claimed(*row)
