"""SPEC 9 race-free: many consultants (and two bot processes) click *Aceitar* at once, one wins."""

from __future__ import annotations

import asyncio

from sqlmodel import col, select

from core.clock import ManualClock
from core.consultants import add_consultant
from core.db import Database
from core.models import ConsultingSession, Outbound, SessionParticipant
from core.queue import ClaimResult, claim_request
from tests.scenario import REQUESTS, World
from tests.scenarios.queue_helpers import given_company, queued_client, slack_user

CLAIMANTS = 50


async def _consultants(world: World, count: int) -> list[str]:
    async with world.core.db.uow() as uow:
        for number in range(1, count + 1):
            await add_consultant(
                uow,
                world.clock,
                staff_key=slack_user(number),
                name=f"Consultor {number}",
                areas=["Custos"],
                known_areas=list(world.core.config.areas),
            )
        await uow.commit()
    return [slack_user(number) for number in range(1, count + 1)]


async def test_fifty_simultaneous_claims_of_one_request_open_exactly_one_session(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    company = await given_company(world)
    users = await _consultants(world, CLAIMANTS)
    request_id = await queued_client(world, company, 1)
    # A second bot process: its own engine and connection pool on the same database.
    other_db = Database(db.url)
    other = World.build(other_db, clock)
    try:
        results: list[ClaimResult] = await asyncio.gather(
            *(
                claim_request(
                    (world if n % 2 else other).core,
                    request_id,
                    user,
                    inbound=("slack", f"action-{n}"),
                )
                for n, user in enumerate(users)
            )
        )
    finally:
        await other_db.dispose()

    winners = [r for r in results if r.won]
    assert len(winners) == 1
    [winner] = winners
    losers = [r for r in results if not r.won]
    assert len(losers) == CLAIMANTS - 1
    assert {r.taken_by_name for r in losers} == {winner.taken_by_name}

    async with world.core.db.uow() as uow:
        sessions = (await uow.session.exec(select(ConsultingSession))).all()
        participants = (await uow.session.exec(select(SessionParticipant))).all()
        answers = (
            await uow.session.exec(
                select(Outbound)
                .where(Outbound.address == REQUESTS.id)
                .where(col(Outbound.payload)["ephemeral_to"].as_string().is_not(None))
            )
        ).all()
    assert len(sessions) == 1
    assert sessions[0].id == winner.session_id
    assert len(participants) == 1
    texts = [row.payload["text"] for row in answers]
    assert len(texts) == CLAIMANTS - 1
    assert all(f"já foi aceito por {winner.taken_by_name}" in text for text in texts)
    told = {row.payload["ephemeral_to"] for row in answers}
    assert len(told) == CLAIMANTS - 1
    assert participants[0].staff_key not in told
