"""The dispatcher's ordering, references (edits, threads), leases, concurrency and feedback."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from sqlalchemy import update
from sqlmodel import col, select

from core.clock import ManualClock
from core.db import Database
from core.models import ConsultingSession, Outbound, OutboundStatus, Request
from core.outbox import (
    Address,
    Delivery,
    OutboundMessage,
    OutboxDispatcher,
    PermanentDeliveryError,
    TransientDeliveryError,
    send,
)
from tests.builders import ended_session, party
from tests.fakes.recording import RecordingSender
from tests.integration.test_outbox import CHANNEL, CHAT, OTHER_CHAT, dispatcher, drain, row, write


async def test_a_later_message_to_the_same_chat_waits_for_the_earlier_ones_retry(
    db: Database, clock: ManualClock
) -> None:
    telegram = RecordingSender("telegram")
    telegram.fail_next = [TransientDeliveryError("502")]
    await write(db, clock, CHAT, "primeira")
    await write(db, clock, CHAT, "segunda")
    await write(db, clock, OTHER_CHAT, "outro chat")
    d = dispatcher(db, clock, telegram)

    await drain(d)
    assert telegram.texts_to(CHAT) == []
    assert telegram.texts_to(OTHER_CHAT) == ["outro chat"]

    clock.advance(timedelta(seconds=2))
    await drain(d)
    assert telegram.texts_to(CHAT) == ["primeira", "segunda"]


async def test_messages_to_one_chat_keep_their_order_after_a_permanent_failure(
    db: Database, clock: ManualClock
) -> None:
    telegram = RecordingSender("telegram")
    telegram.fail_next = [PermanentDeliveryError("Bad Request")]
    await write(db, clock, CHAT, "um")
    await write(db, clock, CHAT, "dois")
    await write(db, clock, CHAT, "três")

    await drain(dispatcher(db, clock, telegram))

    assert telegram.texts_to(CHAT) == ["dois", "três"]


async def test_an_edit_waits_for_its_original_and_gets_its_platform_reference(
    db: Database, clock: ManualClock
) -> None:
    slack = RecordingSender("slack")
    slack.fail_next = [TransientDeliveryError("rate limited", retry_after=10)]
    card = await write(db, clock, CHANNEL, "card", purpose="note")
    # the edit goes to another address record on purpose: only the reference holds it back
    edit = await write(db, clock, Address("slack", "C_OTHER"), "card editado", edit_of=card)
    d = dispatcher(db, clock, slack)

    await drain(d)
    assert slack.delivered == []
    clock.advance(timedelta(seconds=10))
    await drain(d)

    assert [x.message.text for x in slack.delivered] == ["card", "card editado"]
    original_ref = (await row(db, card)).platform_ref
    assert slack.delivered[1].edit_ref == original_ref
    assert (await row(db, edit)).platform_ref == original_ref


async def test_an_edit_of_a_message_that_failed_for_good_fails_with_a_clear_reason(
    db: Database, clock: ManualClock
) -> None:
    slack = RecordingSender("slack")
    slack.fail_next = [PermanentDeliveryError("channel_not_found")]
    card = await write(db, clock, CHANNEL, "card")
    edit = await write(db, clock, CHANNEL, "card editado", edit_of=card)

    await drain(dispatcher(db, clock, slack))

    stored = await row(db, edit)
    assert stored.status == OutboundStatus.FAILED
    assert stored.last_error == (
        f"edits outbox row {card}, which was never delivered: channel_not_found"
    )
    assert slack.delivered == []


async def test_a_thread_reply_is_posted_in_the_thread_of_its_card(
    db: Database, clock: ManualClock
) -> None:
    slack = RecordingSender("slack")
    card = await write(db, clock, CHANNEL, "card")
    await write(db, clock, CHANNEL, "no fio", thread_of=card)

    await drain(dispatcher(db, clock, slack))

    card_ts = (await row(db, card)).platform_ref
    assert card_ts is not None
    assert slack.texts_to(CHANNEL.in_thread(card_ts)) == ["no fio"]


async def test_a_row_claimed_by_a_crashed_worker_is_taken_again_after_its_lease(
    db: Database, clock: ManualClock
) -> None:
    row_id = await write(db, clock, CHAT, "Olá")
    async with db.uow() as uow:  # a worker claimed it, then died before recording anything
        await uow.session.execute(
            update(Outbound)
            .where(col(Outbound.id) == row_id)
            .values(
                status=OutboundStatus.SENDING,
                claimed_by="dead-worker",
                claimed_until=clock.now() + timedelta(seconds=60),
            )
        )
        await uow.commit()
    telegram = RecordingSender("telegram")
    d = dispatcher(db, clock, telegram, worker="survivor")

    assert await d.run_once() == 0
    clock.advance(timedelta(seconds=60))
    assert await d.run_once() == 1

    assert telegram.texts_to(CHAT) == ["Olá"]
    assert (await row(db, row_id)).status == OutboundStatus.SENT


class Logging:
    """A sender appending (worker, delivery) to a log shared by two dispatchers."""

    def __init__(self, worker: str, log: list[tuple[str, Delivery]]) -> None:
        self.worker, self.log = worker, log

    async def deliver(self, delivery: Delivery) -> str:
        """Log, yield to the other dispatcher, answer with a reference."""
        self.log.append((self.worker, delivery))
        await asyncio.sleep(0)
        return f"ref-{delivery.outbound_id}"


async def test_two_dispatchers_deliver_every_row_exactly_once(
    db: Database, clock: ManualClock
) -> None:
    async with db.uow() as uow:
        for n in range(200):
            to = Address("telegram", str(n % 40))
            await send(uow, clock, to, OutboundMessage(f"msg {n}"))
        await uow.commit()
    log: list[tuple[str, Delivery]] = []  # one shared log, in the order of delivery
    one = OutboxDispatcher(db, clock, {"telegram": Logging("one", log)}, worker="one", batch=7)
    two = OutboxDispatcher(db, clock, {"telegram": Logging("two", log)}, worker="two", batch=7)

    await asyncio.gather(drain(one), drain(two), drain(one), drain(two))

    assert sorted(d.message.text for _, d in log) == sorted(f"msg {n}" for n in range(200))
    assert {worker for worker, _ in log} == {"one", "two"}
    for chat in range(40):  # per chat, in the order written, whichever worker sent it
        ids = [d.outbound_id for _, d in log if d.to == Address("telegram", str(chat))]
        assert ids == sorted(ids) and len(ids) == 5
    async with db.uow() as uow:
        statuses = (await uow.session.exec(select(Outbound.status))).all()
    assert set(statuses) == {OutboundStatus.SENT}


async def test_rows_of_a_channel_without_sender_stay_pending_and_are_logged_once(
    db: Database, clock: ManualClock, caplog: pytest.LogCaptureFixture
) -> None:
    web = await write(db, clock, Address("web", "conv-1"), "Olá")
    telegram = RecordingSender("telegram")
    await write(db, clock, CHAT, "Olá")
    d = dispatcher(db, clock, telegram)

    assert await drain(d) == 1
    assert await drain(d) == 0

    assert (await row(db, web)).status == OutboundStatus.PENDING
    warnings = [r.getMessage() for r in caplog.records if "no sender" in r.getMessage()]
    assert warnings == ["outbox rows for channel 'web' wait: no sender configured"]


async def test_a_delivered_request_card_gives_the_request_its_card_and_the_session_its_thread(
    db: Database, clock: ManualClock
) -> None:
    async with db.uow() as uow:  # storage-level test: request and session written directly
        p = await party(uow, clock.now())
        session = await ended_session(uow, p, clock.now(), 10)
        await uow.commit()
    slack, telegram = RecordingSender("slack"), RecordingSender("telegram")
    card = await write(
        db, clock, CHANNEL, "card", purpose="request_card", subject_id=session.request_id
    )
    queue = await write(
        db, clock, CHAT, "fila", purpose="queue_card", subject_id=session.request_id
    )
    await write(
        db,
        clock,
        CHANNEL,
        "editado",
        purpose="request_card",
        edit_of=card,
        subject_id=session.request_id,
    )

    await drain(dispatcher(db, clock, slack, telegram))

    card_ts = (await row(db, card)).platform_ref
    async with db.uow() as uow:
        request = await uow.session.get(Request, session.request_id)
        stored = await uow.session.get(ConsultingSession, session.id)
    assert request is not None and stored is not None
    assert (request.card_channel, request.card_ref) == ("C_REQUESTS", card_ts)
    assert request.client_card_ref == (await row(db, queue)).platform_ref
    assert (stored.thread_channel, stored.thread_ref) == ("C_REQUESTS", card_ts)


@dataclass
class Flaky(RecordingSender):
    """Yields to the other deliveries in flight; the first attempt of each of ``failing`` is
    rate limited (retry after 10 s). ``most_in_flight``: the most deliveries at one time."""

    failing: set[str] = field(default_factory=set)
    in_flight: int = 0
    most_in_flight: int = 0

    async def deliver(self, delivery: Delivery) -> str | None:
        """Fail or record ``delivery`` after letting the others run."""
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            for _ in range(3):
                await asyncio.sleep(0)
            if delivery.message.text in self.failing:
                self.failing.discard(delivery.message.text)
                self.calls += 1
                raise TransientDeliveryError("ratelimited", retry_after=10)
            return await super().deliver(delivery)
        finally:
            self.in_flight -= 1


THREAD_A, THREAD_B = CHANNEL.in_thread("1700000000.000100"), CHANNEL.in_thread("1700000000.000200")
BATCHES = pytest.mark.parametrize("batch", [100, 1], ids=["window", "heads"])
"""batch 1: a window of 4 rows, so a longer outbox is claimed through the heads query."""


def slack_dispatcher(
    db: Database, clock: ManualClock, slack: Flaky, batch: int
) -> OutboxDispatcher:
    """A dispatcher for ``slack`` claiming at most ``batch`` rows a round."""
    return OutboxDispatcher(db, clock, {"slack": slack}, worker="test", batch=batch)


@BATCHES
async def test_a_retry_in_one_slack_thread_holds_back_neither_other_threads_nor_the_channel(
    db: Database, clock: ManualClock, batch: int
) -> None:
    slack = Flaky("slack", failing={"A1"})
    await write(db, clock, THREAD_A, "A1")
    await write(db, clock, THREAD_B, "B1")
    await write(db, clock, THREAD_A, "A2")
    await write(db, clock, CHANNEL, "no canal")
    await write(db, clock, THREAD_B, "B2")
    d = slack_dispatcher(db, clock, slack, batch)

    await drain(d)
    assert slack.texts_to(THREAD_A) == []
    assert slack.texts_to(THREAD_B) == ["B1", "B2"]
    assert slack.texts_to(CHANNEL) == ["no canal"]

    clock.advance(timedelta(seconds=10))
    await drain(d)
    assert slack.texts_to(THREAD_A) == ["A1", "A2"]


async def test_threads_of_one_channel_are_delivered_at_the_same_time_its_top_level_posts_not(
    db: Database, clock: ManualClock
) -> None:
    threads = Flaky("slack")
    await write(db, clock, THREAD_A, "A1")
    await write(db, clock, THREAD_B, "B1")
    await drain(slack_dispatcher(db, clock, threads, 100))
    top_level = Flaky("slack")
    await write(db, clock, CHANNEL, "um")
    await write(db, clock, CHANNEL, "dois")
    await drain(slack_dispatcher(db, clock, top_level, 100))

    assert (threads.most_in_flight, top_level.most_in_flight) == (2, 1)
    assert top_level.texts_to(CHANNEL) == ["um", "dois"]


@BATCHES
async def test_posts_by_reference_and_by_ts_in_one_thread_keep_their_order(
    db: Database, clock: ManualClock, batch: int
) -> None:
    slack = Flaky("slack", failing={"primeira no fio"})
    d = slack_dispatcher(db, clock, slack, batch)
    card = await write(db, clock, CHANNEL, "card")
    await drain(d)
    card_ts = (await row(db, card)).platform_ref
    assert card_ts is not None
    # the session's thread was not known yet, then it was: one thread, one order
    await write(db, clock, CHANNEL, "primeira no fio", thread_of=card)
    await write(db, clock, CHANNEL.in_thread(card_ts), "segunda no fio")
    for n in range(4):
        await write(db, clock, THREAD_B, f"outro fio {n}")

    await drain(d)
    assert slack.texts_to(CHANNEL.in_thread(card_ts)) == []
    assert slack.texts_to(THREAD_B) == [f"outro fio {n}" for n in range(4)]

    clock.advance(timedelta(seconds=10))
    await drain(d)
    assert slack.texts_to(CHANNEL.in_thread(card_ts)) == ["primeira no fio", "segunda no fio"]


@BATCHES
async def test_a_card_edit_and_its_thread_posts_keep_the_order_of_their_own_conversation(
    db: Database, clock: ManualClock, batch: int
) -> None:
    slack = Flaky("slack", failing={"card editado"})
    card = await write(db, clock, CHANNEL, "card")
    await write(db, clock, CHANNEL, "fio 1", thread_of=card)
    edit = await write(db, clock, CHANNEL, "card editado", edit_of=card)
    await write(db, clock, CHANNEL, "fio 2", thread_of=card)
    await write(db, clock, CHANNEL, "aviso")
    d = slack_dispatcher(db, clock, slack, batch)

    await drain(d)
    card_ts = (await row(db, card)).platform_ref
    thread = CHANNEL.in_thread(card_ts)
    assert slack.texts_to(CHANNEL) == ["card"]  # the notice waits for the edit's retry
    assert slack.texts_to(thread) == ["fio 1", "fio 2"]  # the thread does not

    clock.advance(timedelta(seconds=10))
    await drain(d)
    assert slack.texts_to(CHANNEL) == ["card", "card editado", "aviso"]
    assert slack.texts_to(thread) == ["fio 1", "fio 2"]
    assert (await row(db, edit)).platform_ref == card_ts


async def test_two_dispatchers_keep_each_slack_thread_in_order(
    db: Database, clock: ManualClock
) -> None:
    async with db.uow() as uow:
        for n in range(120):
            to = CHANNEL.in_thread(f"17000.{n % 6}") if n % 7 else CHANNEL
            await send(uow, clock, to, OutboundMessage(f"msg {n}"))
        await uow.commit()
    log: list[tuple[str, Delivery]] = []
    one = OutboxDispatcher(db, clock, {"slack": Logging("one", log)}, worker="one", batch=5)
    two = OutboxDispatcher(db, clock, {"slack": Logging("two", log)}, worker="two", batch=5)

    await asyncio.gather(drain(one), drain(two), drain(one), drain(two))

    assert sorted(d.message.text for _, d in log) == sorted(f"msg {n}" for n in range(120))
    for thread in [None, *(f"17000.{n}" for n in range(6))]:
        ids = [d.outbound_id for _, d in log if d.to == CHANNEL.in_thread(thread)]
        assert ids == sorted(ids) and len(ids) in (17, 18)
