"""Signed webhooks end to end: facts of the real core -> outbox rows in the same transaction ->
the real dispatcher and HTTP sender -> a receiver on 127.0.0.1, through its outages."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from core import intake
from core.booking import Actor, BookingOrder, book, cancel_booking, reschedule
from core.clock import ManualClock
from core.contacts import find_contact
from core.db import Database
from core.privacy import erase_contact, export_contact
from core.sessions import end_session, rate_session
from core.support import begin_support, convert_to_consulting
from core.webhooks import EVENT_TYPES, recent_deliveries, redeliver, rotate_secret
from tests.fakes.webhook_receiver import Answer, WebhookReceiver
from tests.scenario import World
from tests.scenarios.sessions_helpers import (
    ANA,
    ATTENDANT,
    BETO,
    BRUNO,
    SECRETARY,
    claimed,
    given_cast,
    open_session_of,
    queued,
)
from tests.webhook_helpers import Hooks, event_of, readme_verifier, types_of

verify = readme_verifier()


@pytest.fixture
async def receiver() -> AsyncIterator[WebhookReceiver]:
    """A receiver listening on loopback for the test."""
    server = WebhookReceiver()
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


@pytest.fixture
async def hooks(
    db: Database, clock: ManualClock, receiver: WebhookReceiver
) -> AsyncIterator[Hooks]:
    """A world on ``db`` whose webhook rows go to ``receiver``."""
    made = Hooks.build(World.build(db, clock), receiver)
    try:
        yield made
    finally:
        await made.sender.close()


async def test_every_fact_reaches_its_subscribers_signed_and_nobody_else(
    hooks: Hooks, receiver: WebhookReceiver
) -> None:
    world = hooks.world
    cast = await given_cast(world)
    everything, secret = await hooks.add(list(EVENT_TYPES))
    billing_only, billing_secret = await hooks.add(
        ["billing.recorded"], url=receiver.url_at("/erp/billing")
    )
    switched_off, _ = await hooks.add(list(EVENT_TYPES), url=receiver.url_at("/off"))
    await hooks.disable(switched_off)

    request_id = await queued(world, cast, ANA)
    session_id = await claimed(world, request_id, BRUNO)
    world.advance(minutes=45)
    await end_session(world.core, session_id, by=BRUNO)
    await rate_session(world.core, ANA, session_id, 5)
    async with world.core.db.uow() as uow:
        ana = await find_contact(uow, ANA)
    assert ana is not None and ana.id is not None
    tomorrow = world.clock.now() + timedelta(days=1)
    order = BookingOrder(
        company_id=cast.company_id,
        contact_id=ana.id,
        area="Custos",
        consultant_id=None,
        starts_at=tomorrow.replace(hour=13, minute=0),
        duration=timedelta(minutes=30),
        medium="Telefone",
    )
    booking_id = await book(world.core, order, by=Actor.staff(SECRETARY))
    later = tomorrow.replace(hour=14, minute=0)
    await reschedule(world.core, booking_id, by=Actor.staff(SECRETARY), starts_at=later)
    await cancel_booking(world.core, booking_id, by=Actor.staff(SECRETARY))
    await hooks.deliver()

    main = receiver.at(receiver.path)
    assert types_of(main) == [
        "consent.recorded",
        "request.created",
        "session.started",
        "session.ended",
        "billing.recorded",
        "rating.recorded",
        "booking.created",
        "booking.changed",
        "booking.cancelled",
    ]
    now = world.clock.now().timestamp()
    for received in main:
        event = event_of(received)
        assert received.headers["X-Consultoria-Event-Id"] == event["id"]
        assert received.headers["X-Consultoria-Event"] == event["type"]
        assert received.headers["Content-Type"] == "application/json"
        assert verify(received.headers["X-Consultoria-Signature"], received.body, secret, now=now)
        assert not verify(received.headers["X-Consultoria-Signature"], received.body, "x", now=now)
        assert b"Como fechar o custo" not in received.body  # no message contents
    assert len({event_of(r)["id"] for r in main}) == len(main)

    billed = [event_of(r) for r in receiver.at("/erp/billing")]
    assert [e["type"] for e in billed] == ["billing.recorded"]
    data = billed[0]["data"]
    assert data["session_id"] == session_id
    assert (data["minutes"], data["periods"], data["amount_cents"]) == (45, 2, 18000)
    assert data["currency"] == "BRL"
    assert data["company"] == {"id": cast.company_id, "name": "Metalúrgica Exemplo", "cnpj": None}
    assert data["contact"] == {"id": ana.id, "name": "Ana Cliente"}
    signature = receiver.at("/erp/billing")[0].headers["X-Consultoria-Signature"]
    assert verify(signature, receiver.at("/erp/billing")[0].body, billing_secret, now=now)
    assert receiver.at("/off") == []
    changed = event_of(main[7])["data"]
    assert changed["id"] == booking_id and changed["previous_starts_at"] is not None
    rating = event_of(main[5])["data"]
    assert (rating["session_id"], rating["stars"]) == (session_id, 5)
    assert {r.status for r in await hooks.rows(everything)} == {"sent"}
    assert len(await hooks.rows(billing_only)) == 1


async def _waits_until_delivered(hooks: Hooks, endpoint_id: int) -> list[float]:
    """Deliver, moving the clock to each retry of the endpoint's first row; the waits."""
    waits: list[float] = []
    for _ in range(10):
        await hooks.deliver()
        head = (await hooks.rows(endpoint_id))[0]
        if head.status != "pending":
            return waits
        wait = (head.next_attempt_at - hooks.world.clock.now()).total_seconds()
        waits.append(wait)
        hooks.world.clock.advance(timedelta(seconds=wait))
        if len(waits) == 2:
            await hooks.receiver.stop()  # down: connections refused
        if len(waits) == 3:
            await hooks.receiver.start()
    raise AssertionError("never delivered")


async def test_a_receiver_down_for_a_while_gets_each_event_once_in_order_after_backoff(
    hooks: Hooks, receiver: WebhookReceiver
) -> None:
    world = hooks.world
    hooks.sender.timeout = 0.3
    cast = await given_cast(world)
    endpoint, secret = await hooks.add(["request.created"])
    receiver.answer(
        Answer(503),
        Answer(429, headers={"Retry-After": "30"}),
        Answer(200, delay=1.0),  # answered after the sender gave up waiting: a timeout
    )
    await queued(world, cast, ANA)
    await queued(world, cast, BETO)  # waits behind Ana's event

    waits = await _waits_until_delivered(hooks, endpoint)
    await hooks.deliver()

    assert waits == [2.0, 30.0, 8.0, 16.0]  # backoff 2^n s, Retry-After honoured
    first, second = await hooks.rows(endpoint)
    assert (first.status, first.attempts, first.platform_ref) == ("sent", 5, "200")
    assert (second.status, second.attempts) == ("sent", 1)
    ids = [r.headers["X-Consultoria-Event-Id"] for r in receiver.requests]
    first_id = first.payload["extra"]["event"]["id"]
    assert ids[:4] == [first_id] * 4  # 503, 429, the timeout, then 200 (the refused one: none)
    assert [r.status for r in receiver.requests] == [503, 429, 200, 200, 200]
    delivered = receiver.accepted()
    assert [event_of(r)["data"]["contact"]["name"] for r in delivered[-2:]] == [
        "Ana Cliente",
        "Beto Cliente",
    ]
    now = world.clock.now().timestamp()
    for received in receiver.requests:
        assert verify(received.headers["X-Consultoria-Signature"], received.body, secret, now=now)


async def test_a_gone_or_refusing_receiver_fails_at_once_and_the_log_says_why(
    hooks: Hooks, receiver: WebhookReceiver
) -> None:
    world = hooks.world
    cast = await given_cast(world)
    endpoint, _ = await hooks.add(["request.created"])
    receiver.answer(Answer(410), Answer(400))
    await queued(world, cast, ANA)
    await queued(world, cast, BETO)
    await hooks.deliver()
    world.advance(hours=1)
    await hooks.deliver()

    assert [r.status for r in receiver.requests] == [410, 400]  # never retried
    async with world.core.db.uow() as uow:
        log = await recent_deliveries(uow, endpoint_id=endpoint)
    assert [(d.status, d.attempts, d.last_error) for d in log] == [
        ("failed", 0, "HTTP 400"),
        ("failed", 0, "HTTP 410"),
    ]
    assert {d.event_type for d in log} == {"request.created"}


async def test_a_disabled_endpoint_gets_nothing_more_even_what_was_waiting(
    hooks: Hooks, receiver: WebhookReceiver
) -> None:
    world = hooks.world
    cast = await given_cast(world)
    endpoint, _ = await hooks.add(["request.created"])
    await queued(world, cast, ANA)
    await hooks.disable(endpoint)
    await queued(world, cast, BETO)
    await hooks.deliver()

    assert receiver.requests == []
    rows = await hooks.rows(endpoint)
    assert [(r.status, r.last_error) for r in rows] == [("failed", "endpoint removed or disabled")]


async def test_a_redelivery_sends_the_same_event_id_and_body(
    hooks: Hooks, receiver: WebhookReceiver
) -> None:
    world = hooks.world
    cast = await given_cast(world)
    endpoint, secret = await hooks.add(["request.created"])
    await queued(world, cast, ANA)
    await hooks.deliver()
    (row,) = await hooks.rows(endpoint)
    assert row.id is not None
    world.advance(minutes=10)
    async with world.core.db.uow() as uow:
        again = await redeliver(uow, world.clock, row.id)
        await uow.commit()
    await hooks.deliver()

    first, second = receiver.accepted()
    assert first.body == second.body
    assert first.headers["X-Consultoria-Event-Id"] == second.headers["X-Consultoria-Event-Id"]
    assert first.headers["X-Consultoria-Signature"] != second.headers["X-Consultoria-Signature"]
    now = world.clock.now().timestamp()
    assert verify(second.headers["X-Consultoria-Signature"], second.body, secret, now=now)
    assert [r.id for r in await hooks.rows(endpoint)] == [row.id, again.id]


async def test_after_a_rotation_both_secrets_sign_for_a_day_then_only_the_new_one(
    hooks: Hooks, receiver: WebhookReceiver
) -> None:
    world = hooks.world
    cast = await given_cast(world)
    endpoint, old = await hooks.add(["request.created"])
    async with world.core.db.uow() as uow:
        new = (await rotate_secret(uow, world.clock, endpoint)).secret
        await uow.commit()
    await queued(world, cast, ANA)
    await hooks.deliver()
    world.advance(hours=24, seconds=1)
    await queued(world, cast, BETO)
    await hooks.deliver()

    during, after = receiver.accepted()
    assert during.headers["X-Consultoria-Signature"].count("v1=") == 2
    assert after.headers["X-Consultoria-Signature"].count("v1=") == 1
    at_first = world.clock.now().timestamp() - 24 * 3600 - 1
    now = world.clock.now().timestamp()
    assert verify(during.headers["X-Consultoria-Signature"], during.body, new, now=at_first)
    assert verify(during.headers["X-Consultoria-Signature"], during.body, old, now=at_first)
    assert verify(after.headers["X-Consultoria-Signature"], after.body, new, now=now)
    assert not verify(after.headers["X-Consultoria-Signature"], after.body, old, now=now)
    # A replay later than the tolerance is refused by the documented check.
    assert not verify(during.headers["X-Consultoria-Signature"], during.body, new, now=now)


async def test_a_contact_s_export_lists_the_kept_events_and_erasure_leaves_no_name(
    hooks: Hooks, receiver: WebhookReceiver
) -> None:
    world = hooks.world
    cast = await given_cast(world)
    endpoint, _ = await hooks.add(["request.created", "session.ended"])
    receiver.answer(Answer(410))  # one kept as failed, one sent: both forget her
    session_id = await claimed(world, await queued(world, cast, ANA), BRUNO)
    await end_session(world.core, session_id, by=BRUNO)
    await hooks.deliver()
    async with world.core.db.uow() as uow:
        ana = await find_contact(uow, ANA)
        assert ana is not None and ana.id is not None
        exported = await export_contact(uow, ana.id)
        await erase_contact(uow, world.core, ana.id, by="test")
        await uow.commit()

    kept = exported["webhook_events"]
    assert [(e["event"]["type"], e["status"]) for e in kept] == [
        ("request.created", "failed"),
        ("session.ended", "sent"),
    ]
    assert {e["event"]["data"]["contact"]["name"] for e in kept} == {"Ana Cliente"}

    rows = await hooks.rows(endpoint)
    assert [r.status for r in rows] == ["failed", "sent"]
    for row in rows:
        contact = row.payload["extra"]["event"]["data"]["contact"]
        assert contact == {"id": ana.id, "name": None}


async def test_a_support_chat_is_a_request_too_and_its_handover_is_not_announced_twice(
    hooks: Hooks, receiver: WebhookReceiver
) -> None:
    world = hooks.world
    cast = await given_cast(world)
    await hooks.add(["request.created", "consent.recorded"])
    await intake.start(world.core, ANA, code=cast.access_code, name="Ana Cliente")
    await begin_support(world.core, ANA)
    await hooks.deliver()
    support_request = event_of(receiver.accepted()[0])["data"]
    session_id = (await open_session_of(world, ANA)).id
    assert session_id is not None
    await convert_to_consulting(world.core, session_id, by_staff_key=ATTENDANT, area="Custos")
    await intake.accept_terms(world.core, ANA, support_request["id"])
    await hooks.deliver()

    assert types_of(receiver.accepted()) == ["request.created", "consent.recorded"]
    assert (support_request["kind"], support_request["status"]) == ("support", "in_session")
