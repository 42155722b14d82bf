"""The dispatcher's ordering, references (edits, threads), leases, concurrency and feedback."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import update
from sqlmodel import col, select

from core.clock import ManualClock
from core.db import Database
from core.dispatcher import OutboxDispatcher
from core.models import ConsultingSession, Outbound, OutboundStatus, Request
from core.outbound import Address, OutboundMessage, send
from core.outbox import Delivery, PermanentDeliveryError, TransientDeliveryError
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
                status=OutboundStatus.SENDING.value,
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
    assert set(statuses) == {OutboundStatus.SENT.value}


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
