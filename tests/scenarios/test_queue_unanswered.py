"""SPEC 6: a request nobody accepts within a few minutes is raised again; the client is informed."""

from __future__ import annotations

from datetime import datetime, timedelta

from core.cards import REQUEST_CARD, REQUEST_OFFER, UNANSWERED
from core.clock import ManualClock
from core.db import Database
from core.queue import claim_request, set_status
from tests.scenario import SAO_PAULO, World
from tests.scenarios.queue_helpers import (
    client,
    given_company,
    given_consultant,
    load_request,
    pending_timers,
    queued_client,
    rows,
    run_timers,
    slack_user,
)


async def test_an_unanswered_request_is_raised_again_and_the_client_kept_informed(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock, unanswered_after=timedelta(minutes=3))
    company = await given_company(world)
    await given_consultant(world, 1, "Bruno", ["Custos"], status="ocupado")
    await queued_client(world, company, 1)
    request_id = await queued_client(world, company, 2)
    world.advance(minutes=2, seconds=59)
    await run_timers(world)
    assert (await load_request(world, request_id)).raised_count == 0

    await set_status(world.core, slack_user(1), "disponivel")  # Bruno is free again
    world.advance(seconds=1)
    await run_timers(world)

    request = await load_request(world, request_id)
    assert (request.raised_count, request.last_raised_at) == (1, clock.now())
    [card, *_] = await rows(world, REQUEST_CARD, request_id)
    [raised] = await rows(world, "request_raised", request_id)
    assert raised.payload["thread_of"] == card.id
    assert raised.payload["text"] == (
        "Ainda sem consultor: aguardando há 3 min (aviso 1). Quem puder, toque em Aceitar."
    )
    assert raised.payload["extra"]["mention"] == "here"
    told = (await world.outbox(client(2)))[-1]
    assert told.text.startswith("Você continua na fila (posição 2).")
    # Offered again to the consultants now free (Bruno became available meanwhile).
    offers = await rows(world, REQUEST_OFFER, request_id)
    assert [row.address for row in offers][-1] == slack_user(1)
    [timer] = await pending_timers(world, UNANSWERED, request_id)
    assert timer.due_at == clock.now() + timedelta(minutes=3)

    world.advance(minutes=3)
    await run_timers(world)
    assert (await load_request(world, request_id)).raised_count == 2


async def test_a_taken_request_is_not_raised(db: Database, clock: ManualClock) -> None:
    world = World.build(db, clock)
    company = await given_company(world)
    await given_consultant(world, 1, "Bruno", ["Custos"])
    request_id = await queued_client(world, company, 1)
    await claim_request(world.core, request_id, slack_user(1))
    world.advance(minutes=10)
    await run_timers(world)
    assert (await load_request(world, request_id)).raised_count == 0
    assert await rows(world, "request_raised", request_id) == []


async def test_outside_opening_hours_the_reminder_waits_for_the_next_opening(
    db: Database, clock: ManualClock
) -> None:
    clock.set(datetime(2026, 11, 23, 17, 58, tzinfo=SAO_PAULO))
    world = World.build(db, clock)
    company = await given_company(world)
    request_id = await queued_client(world, company, 1)
    world.advance(minutes=5)  # 18:03: closed
    await run_timers(world)
    assert (await load_request(world, request_id)).raised_count == 0
    [timer] = await pending_timers(world, UNANSWERED, request_id)
    assert timer.due_at == datetime(2026, 11, 24, 8, 0, tzinfo=SAO_PAULO)
