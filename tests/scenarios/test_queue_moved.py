"""SPEC 5 step 6 after a claim: the clients behind are told their new position by the timer loop.

A claim does not rewrite the cards behind it in its own transaction; it leaves one ``queue.moved``
timer, and the timer loop's round edits every moved card in place, at most once per interval.
"""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import col, select

from core.cards import QUEUE_CARD, QUEUE_MOVED
from core.clock import ManualClock
from core.db import Database
from core.models import Timer
from core.queue import claim_request
from tests.scenario import World
from tests.scenarios.queue_helpers import (
    given_company,
    given_consultant,
    latest,
    queued_client,
    rows,
    run_timers,
    slack_user,
)


async def _pending_moves(world: World) -> list[Timer]:
    async with world.core.db.uow() as uow:
        statement = (
            select(Timer)
            .where(Timer.kind == QUEUE_MOVED, Timer.status == "pending")
            .order_by(col(Timer.due_at))
        )
        return list((await uow.session.exec(statement)).all())


async def test_after_a_claim_the_clients_behind_see_their_new_position(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    company = await given_company(world)
    await given_consultant(world, 1, "Bruno", ["Custos"])
    first = await queued_client(world, company, 1)
    second = await queued_client(world, company, 2)
    third = await queued_client(world, company, 3)
    world.advance(minutes=2)

    await claim_request(world.core, first, slack_user(1))
    await run_timers(world)

    for request_id, position in ((second, 1), (third, 2)):
        [original, edit] = await rows(world, QUEUE_CARD, request_id)
        assert edit.edit_of_id == original.id  # edited in place
        assert f"Posição: {position}\n" in (await latest(world, QUEUE_CARD, request_id)).text
    first_card = await latest(world, QUEUE_CARD, first)
    assert first_card.text == "Atendimento iniciado às 10:02."
    assert await _pending_moves(world) == []


async def test_claims_in_a_row_are_told_in_one_edit_per_card(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    company = await given_company(world)
    await given_consultant(world, 1, "Bruno", ["Custos"])
    await given_consultant(world, 2, "Carla", ["Custos"])
    first = await queued_client(world, company, 1)
    second = await queued_client(world, company, 2)
    third = await queued_client(world, company, 3)
    fourth = await queued_client(world, company, 4)
    world.advance(minutes=2)

    await claim_request(world.core, first, slack_user(1))
    await claim_request(world.core, second, slack_user(2))
    assert len(await _pending_moves(world)) == 2
    await run_timers(world)

    for request_id, position in ((third, 1), (fourth, 2)):
        assert len(await rows(world, QUEUE_CARD, request_id)) == 2  # one edit, not two
        assert f"Posição: {position}\n" in (await latest(world, QUEUE_CARD, request_id)).text
    assert await _pending_moves(world) == []


async def test_after_a_claim_a_card_is_not_edited_more_often_than_the_interval(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock, position_update_interval=timedelta(seconds=60))
    company = await given_company(world)
    await given_consultant(world, 1, "Bruno", ["Custos"], max_sessions=2)
    first = await queued_client(world, company, 1)
    second = await queued_client(world, company, 2)
    third = await queued_client(world, company, 3)
    world.advance(minutes=2)
    await claim_request(world.core, first, slack_user(1))
    await run_timers(world)
    assert "Posição: 2" in (await latest(world, QUEUE_CARD, third)).text
    told_at = clock.now()
    world.advance(seconds=10)

    await claim_request(world.core, second, slack_user(1))
    await run_timers(world)

    # Too soon for a second edit: the next round comes when the interval has passed.
    assert len(await rows(world, QUEUE_CARD, third)) == 2
    [later] = await _pending_moves(world)
    assert later.due_at == told_at + timedelta(seconds=60)
    world.advance(seconds=49)
    await run_timers(world)
    assert len(await rows(world, QUEUE_CARD, third)) == 2
    world.advance(seconds=1)
    await run_timers(world)
    assert len(await rows(world, QUEUE_CARD, third)) == 3
    assert "Posição: 1" in (await latest(world, QUEUE_CARD, third)).text
    assert await _pending_moves(world) == []
