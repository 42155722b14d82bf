"""Joining the queue writes the request, its cards and its reminder together (one statement on
PostgreSQL): what the client and the team see is the same as when they were written one by one."""

from __future__ import annotations

import pytest
from sqlmodel import col, select

from core import intake
from core.cards import QUEUE_CARD, REQUEST_CARD, UNANSWERED
from core.clock import ManualClock
from core.db import Database
from core.errors import BusinessError
from core.models import Outbound, RequestStatus, Timer, TimerStatus
from tests.scenario import World
from tests.scenarios.intake_helpers import (
    CLIENT,
    consents,
    given_company,
    linked_client,
    load_request,
    to_terms_card,
)


async def test_an_accepted_request_waits_with_its_cards_and_reminder_and_terms_used_up(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    company = await given_company(world, rate_cents=18000)
    await linked_client(world, company)
    request_id = await to_terms_card(world)

    await intake.accept_terms(world.core, CLIENT, request_id, inbound=("telegram", "901"))

    request = await load_request(world, request_id)
    assert request.status == RequestStatus.QUEUED
    assert (request.queued_at, request.notified_position) == (world.clock.now(), 1)
    assert (request.terms_version_id, request.terms_rate_cents, request.terms_sha256) == (
        None,
        None,
        None,
    )
    [consent] = await consents(world, request_id)
    assert consent.accepted and consent.rate_cents_shown == 18000
    async with world.core.db.uow() as uow:
        rows = (
            await uow.session.exec(
                select(Outbound)
                .where(col(Outbound.subject_id) == request_id)
                .order_by(col(Outbound.id))
            )
        ).all()
        timers = (await uow.session.exec(select(Timer).where(Timer.subject_id == request_id))).all()
    assert [row.purpose for row in rows if row.purpose in (REQUEST_CARD, QUEUE_CARD)] == [
        REQUEST_CARD,
        QUEUE_CARD,
    ]
    assert [(t.kind, t.status) for t in timers] == [(UNANSWERED, TimerStatus.PENDING)]
    assert timers[0].due_at == world.clock.now() + world.core.config.unanswered_after

    before = len(await world.outbox())
    with pytest.raises(BusinessError) as again:
        await intake.accept_terms(world.core, CLIENT, request_id, inbound=("telegram", "902"))
    assert again.value.key == "intake.expired"
    assert len(await consents(world, request_id)) == 1
    assert len(await world.outbox()) == before
