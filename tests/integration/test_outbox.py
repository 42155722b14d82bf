"""The outbox dispatcher on SQLite and PostgreSQL, delivering into recording senders."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import event
from sqlmodel import select

from core.clock import ManualClock
from core.db import Database
from core.models import Channel, Contact, Outbound, OutboundStatus
from core.outbox import (
    Address,
    Delivery,
    OutboundMessage,
    OutboxDispatcher,
    PermanentDeliveryError,
    TransientDeliveryError,
    send,
)
from tests.fakes.recording import RecordingSender

CHAT = Address("telegram", "42")
OTHER_CHAT = Address("telegram", "77")
CHANNEL = Address("slack", "C_REQUESTS")


def dispatcher(
    db: Database,
    clock: ManualClock,
    *senders: RecordingSender,
    worker: str = "test",
    max_attempts: int = 12,
    backoff_cap: timedelta = timedelta(minutes=5),
) -> OutboxDispatcher:
    """A dispatcher delivering into ``senders`` (one per channel)."""
    return OutboxDispatcher(
        db,
        clock,
        {s.channel: s for s in senders},
        worker=worker,
        max_attempts=max_attempts,
        backoff_cap=backoff_cap,
    )


async def write(
    db: Database,
    clock: ManualClock,
    to: Address,
    text: str,
    *,
    purpose: str | None = None,
    subject_id: int | None = None,
    edit_of: int | None = None,
    thread_of: int | None = None,
) -> int:
    """Write one message to the outbox in its own transaction; return the row id."""
    async with db.uow() as uow:
        row = await send(
            uow,
            clock,
            to,
            OutboundMessage(text),
            purpose=purpose,
            subject_id=subject_id,
            edit_of=edit_of,
            thread_of=thread_of,
        )
        await uow.commit()
    assert row.id is not None
    return row.id


async def row(db: Database, row_id: int) -> Outbound:
    """The stored outbox row ``row_id``."""
    async with db.uow() as uow:
        found = await uow.session.get(Outbound, row_id)
    assert found is not None
    return found


async def drain(d: OutboxDispatcher) -> int:
    """Run ``d`` until nothing is due."""
    total = 0
    while handled := await d.run_once():
        total += handled
    return total


async def test_a_message_is_delivered_once_and_marked_sent(
    db: Database, clock: ManualClock
) -> None:
    telegram = RecordingSender("telegram")
    row_id = await write(db, clock, CHAT, "Olá")

    assert await drain(dispatcher(db, clock, telegram)) == 1
    assert await drain(dispatcher(db, clock, telegram)) == 0

    assert telegram.texts_to(CHAT) == ["Olá"]
    stored = await row(db, row_id)
    assert stored.status == OutboundStatus.SENT
    assert stored.platform_ref == "telegram-1000"
    assert stored.sent_at == clock.now()


async def test_a_transient_failure_is_retried_after_the_backoff_and_delivered_once(
    db: Database, clock: ManualClock
) -> None:
    telegram = RecordingSender("telegram")
    telegram.fail_next = [TransientDeliveryError("502"), TransientDeliveryError("timeout")]
    row_id = await write(db, clock, CHAT, "Olá")
    d = dispatcher(db, clock, telegram)

    assert await d.run_once() == 1  # attempt 1 fails: next in 2 s
    assert (await row(db, row_id)).last_error == "502"
    clock.advance(timedelta(seconds=1))
    assert await d.run_once() == 0  # not due yet
    clock.advance(timedelta(seconds=1))
    assert await d.run_once() == 1  # attempt 2 fails: next in 4 s
    clock.advance(timedelta(seconds=3))
    assert await d.run_once() == 0
    clock.advance(timedelta(seconds=1))
    assert await d.run_once() == 1  # attempt 3 succeeds

    assert telegram.texts_to(CHAT) == ["Olá"]
    assert telegram.calls == 3
    stored = await row(db, row_id)
    assert (stored.status, stored.attempts) == (OutboundStatus.SENT, 3)


async def test_retry_after_from_the_platform_is_honoured(db: Database, clock: ManualClock) -> None:
    telegram = RecordingSender("telegram")
    telegram.fail_next = [TransientDeliveryError("429 Too Many Requests", retry_after=30)]
    await write(db, clock, CHAT, "Olá")
    d = dispatcher(db, clock, telegram)

    assert await d.run_once() == 1
    clock.advance(timedelta(seconds=29))
    assert await d.run_once() == 0
    clock.advance(timedelta(seconds=1))
    assert await d.run_once() == 1
    assert telegram.texts_to(CHAT) == ["Olá"]


async def test_a_permanent_failure_is_recorded_not_retried_and_marks_the_contact_unreachable(
    db: Database, clock: ManualClock
) -> None:
    async with db.uow() as uow:  # storage-level test: the contact is written directly
        uow.session.add(Contact(channel=Channel.TELEGRAM, external_id="42", created_at=clock.now()))
        await uow.commit()
    telegram = RecordingSender("telegram")
    telegram.fail_next = [PermanentDeliveryError("Forbidden: bot was blocked", unreachable=True)]
    row_id = await write(db, clock, CHAT, "Olá")
    d = dispatcher(db, clock, telegram)

    assert await d.run_once() == 1
    clock.advance(timedelta(hours=1))
    assert await d.run_once() == 0

    stored = await row(db, row_id)
    assert (stored.status, stored.last_error) == (
        OutboundStatus.FAILED,
        "Forbidden: bot was blocked",
    )
    assert telegram.calls == 1
    async with db.uow() as uow:
        contact = (await uow.session.exec(select(Contact))).one()
    assert contact.unreachable_since == clock.now() - timedelta(hours=1)


async def test_a_permanent_failure_without_unreachable_leaves_the_contact_alone(
    db: Database, clock: ManualClock
) -> None:
    async with db.uow() as uow:
        uow.session.add(Contact(channel=Channel.TELEGRAM, external_id="42", created_at=clock.now()))
        await uow.commit()
    telegram = RecordingSender("telegram")
    telegram.fail_next = [PermanentDeliveryError("Bad Request: message is too long")]
    await write(db, clock, CHAT, "Olá")

    await drain(dispatcher(db, clock, telegram))

    async with db.uow() as uow:
        contact = (await uow.session.exec(select(Contact))).one()
    assert contact.unreachable_since is None


async def test_after_max_attempts_the_row_fails_with_the_last_reason(
    db: Database, clock: ManualClock
) -> None:
    telegram = RecordingSender("telegram")
    telegram.fail_next = [TransientDeliveryError(f"502 #{n}") for n in range(1, 4)]
    row_id = await write(db, clock, CHAT, "Olá")
    d = dispatcher(db, clock, telegram, max_attempts=3)

    for _ in range(5):
        await d.run_once()
        clock.advance(timedelta(minutes=10))

    stored = await row(db, row_id)
    assert stored.status == OutboundStatus.FAILED
    assert stored.last_error == "gave up after 3 attempts: 502 #3"
    assert telegram.calls == 3
    assert telegram.delivered == []


async def test_the_backoff_is_capped(db: Database, clock: ManualClock) -> None:
    telegram = RecordingSender("telegram")
    telegram.fail_next = [TransientDeliveryError("502") for _ in range(10)]
    row_id = await write(db, clock, CHAT, "Olá")
    d = dispatcher(db, clock, telegram, backoff_cap=timedelta(seconds=60))

    for _ in range(10):
        clock.advance(timedelta(minutes=10))
        await d.run_once()

    stored = await row(db, row_id)
    assert stored.next_attempt_at == clock.now() + timedelta(seconds=60)


async def test_a_crashing_sender_counts_as_a_transient_failure(
    db: Database, clock: ManualClock
) -> None:
    class Crashing(RecordingSender):
        async def deliver(self, delivery: Delivery) -> str | None:
            self.calls += 1
            raise RuntimeError("connection reset")

    crashing = Crashing("telegram")
    row_id = await write(db, clock, CHAT, "Olá")

    assert await dispatcher(db, clock, crashing).run_once() == 1

    stored = await row(db, row_id)
    assert (stored.status, stored.attempts) == (OutboundStatus.PENDING, 1)
    assert stored.last_error == "RuntimeError: connection reset"


async def _delivered(sender: RecordingSender, count: int) -> None:
    """Wait (short real waits, at most 5 s) until ``sender`` delivered ``count`` messages."""
    for _ in range(250):
        if len(sender.delivered) >= count:
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"{len(sender.delivered)} of {count} delivered")


@contextlib.asynccontextmanager
async def running(d: OutboxDispatcher, idle: float) -> AsyncIterator[None]:
    """``d.run_forever`` in a task while the block runs (stopped and awaited after it)."""
    stop = asyncio.Event()
    task = asyncio.create_task(d.run_forever(stop, idle=idle))
    await asyncio.sleep(0.05)
    try:
        yield
    finally:
        stop.set()
        await asyncio.wait_for(task, 5)


async def test_a_committed_message_wakes_the_running_dispatcher(
    db: Database, clock: ManualClock
) -> None:
    telegram = RecordingSender("telegram")
    d = dispatcher(db, clock, telegram)
    async with running(d, idle=30):
        await write(db, clock, CHAT, "Olá")
        await _delivered(telegram, 1)

    assert telegram.texts_to(CHAT) == ["Olá"]
    assert d.wake not in db.wakers


async def test_pending_count_and_lag_measure_the_backlog(db: Database, clock: ManualClock) -> None:
    d = dispatcher(db, clock, RecordingSender("telegram"))
    assert (await d.pending_count(), await d.lag()) == (0, timedelta(0))

    await write(db, clock, CHAT, "Olá")
    clock.advance(timedelta(seconds=90))

    assert (await d.pending_count(), await d.lag()) == (1, timedelta(seconds=90))
    await drain(d)
    assert await d.pending_count() == 0


class _EditsWhileDelivering(RecordingSender):
    """While a card is being delivered, another transaction writes an edit of it and stays open.

    That is what a claim does when a request card is delivered at the same moment: it locks the
    request, then queues an edit of the card (a row referring to the card's row).
    """

    def __init__(self, db: Database, clock: ManualClock) -> None:
        super().__init__("slack")
        self.db, self.clock = db, clock
        self.open: contextlib.AsyncExitStack | None = None

    async def deliver(self, delivery: Delivery) -> str | None:
        ref = await super().deliver(delivery)
        if self.open is None:
            self.open = contextlib.AsyncExitStack()
            uow = await self.open.enter_async_context(self.db.uow())
            await send(uow, self.clock, CHANNEL, OutboundMessage("editado"), edit_of=1)
            await uow.session.flush()
        return ref


@pytest.mark.postgres
async def test_a_card_is_recorded_while_another_transaction_writes_an_edit_of_it(
    postgres_db: Database, clock: ManualClock
) -> None:
    """Recording a delivery never waits for (or deadlocks with) a writer of an edit of the row."""
    card = await write(postgres_db, clock, CHANNEL, "Pedido #1", purpose="request_card")
    assert card == 1
    slack = _EditsWhileDelivering(postgres_db, clock)

    handled = await asyncio.wait_for(dispatcher(postgres_db, clock, slack).run_once(), 20)

    assert handled == 1
    assert (await row(postgres_db, card)).status == OutboundStatus.SENT
    assert slack.open is not None
    await slack.open.aclose()


@contextlib.contextmanager
def outbox_reads(db: Database) -> Iterator[list[str]]:
    """The SELECTs on the outbox table run while the block is open (the dispatcher's rounds)."""
    seen: list[str] = []

    def listener(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT") and "FROM outbound" in statement:
            seen.append(statement)

    event.listen(db.engine.sync_engine, "before_cursor_execute", listener)
    try:
        yield seen
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", listener)


async def test_after_delivering_everything_due_the_dispatcher_sleeps_until_woken(
    db: Database, clock: ManualClock
) -> None:
    """A round that left nothing due is not followed by an empty round (one claim a message)."""
    telegram = RecordingSender("telegram")
    d = dispatcher(db, clock, telegram)
    async with running(d, idle=30):
        with outbox_reads(db) as reads:
            for n in range(3):
                await write(db, clock, CHAT, f"mensagem {n}")
                await _delivered(telegram, n + 1)
                await asyncio.sleep(0.1)  # time for a round that should not happen
    assert telegram.texts_to(CHAT) == ["mensagem 0", "mensagem 1", "mensagem 2"]
    assert len(reads) == 3, reads


async def test_rows_left_by_a_round_go_out_without_waiting_for_the_idle_time(
    db: Database, clock: ManualClock
) -> None:
    """More rows than a batch, and an edit waiting for its original, are all delivered at once
    by a dispatcher whose idle time is a minute."""
    telegram, slack = RecordingSender("telegram"), RecordingSender("slack")
    d = OutboxDispatcher(db, clock, {"telegram": telegram, "slack": slack}, batch=2)
    async with db.uow() as uow:
        for n in range(5):
            await send(uow, clock, Address("telegram", str(100 + n)), OutboundMessage(f"oi {n}"))
        card = await send(uow, clock, CHANNEL, OutboundMessage("card"))
        await send(uow, clock, CHANNEL, OutboundMessage("card editado"), edit_of=card.id)
        await uow.commit()
    async with running(d, idle=60):
        await _delivered(telegram, 5)
        await _delivered(slack, 2)
    assert sorted(d.message.text for d in telegram.delivered) == [f"oi {n}" for n in range(5)]
    assert slack.texts_to(CHANNEL) == ["card", "card editado"]
