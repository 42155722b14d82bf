"""SPEC 9 restart-safe: rebuilding everything from the database changes no position, no session
and no pending outbound message; the new process carries on where the old one stopped."""

from __future__ import annotations

from sqlmodel import col, select

from core.cards import QUEUE_CARD
from core.clock import ManualClock
from core.db import Database
from core.models import ConsultingSession, Outbound, OutboundStatus, RequestStatus, SessionStatus
from core.queue import QueueStanding, claim_request, leave_queue
from tests.scenario import World
from tests.scenarios.queue_helpers import (
    client,
    given_company,
    given_consultant,
    latest,
    load_request,
    queued_client,
    slack_user,
    standing,
)

Snapshot = tuple[list[QueueStanding], list[tuple[object, ...]], list[tuple[object, ...]]]


async def _snapshot(world: World, waiting: list[int]) -> Snapshot:
    positions = [await standing(world, request_id) for request_id in waiting]
    async with world.core.db.uow() as uow:
        sessions = (
            await uow.session.exec(
                select(ConsultingSession).where(ConsultingSession.status == SessionStatus.OPEN)
            )
        ).all()
        pending = (
            await uow.session.exec(
                select(Outbound.id, Outbound.address, Outbound.payload)
                .where(Outbound.status == OutboundStatus.PENDING)
                .order_by(col(Outbound.id))
            )
        ).all()
    open_sessions: list[tuple[object, ...]] = [
        (s.id, s.request_id, s.consultant_id, s.billing_started_at) for s in sessions
    ]
    return positions, open_sessions, [tuple(row) for row in pending]


async def test_a_restart_mid_queue_and_mid_session_changes_nothing(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    company = await given_company(world)
    await given_consultant(world, 1, "Bruno", ["Custos"])
    taken = await queued_client(world, company, 1)
    waiting = [
        await queued_client(world, company, n, area=a) for n, a in ((2, "Custos"), (3, None))
    ]
    await world.deliver()  # some messages out already...
    await claim_request(world.core, taken, slack_user(1))  # ...and some still pending
    world.advance(minutes=2)
    before = await _snapshot(world, waiting)
    assert before[1] and before[2]  # one open session, pending messages

    # The process dies; a new one builds everything again from the same database.
    restarted_db = Database(db.url)
    try:
        again = World.build(restarted_db, clock)
        assert await _snapshot(again, waiting) == before

        # It carries on: pending messages go out once, the queue keeps moving.
        sent = await again.deliver()
        assert sent == len(before[2])
        assert await again.deliver() == 0
        await leave_queue(again.core, client(2), waiting[0])
        assert (await standing(again, waiting[1])).position == 1
        assert "Posição: 1" in (await latest(again, QUEUE_CARD, waiting[1])).text
        assert (await load_request(again, taken)).status == RequestStatus.IN_SESSION
    finally:
        await restarted_db.dispose()
