"""SPEC 4 and 8: nothing is billed without accepted terms; a conversion is billed from consent."""

from __future__ import annotations

from core import intake, sessions, support
from core.clock import ManualClock
from core.db import Database
from tests.scenario import SUPPORT, World
from tests.scenarios.intake_helpers import (
    ATTENDANT,
    CLIENT,
    CONSULTANT,
    last_message,
    support_chat,
)
from tests.scenarios.sessions_helpers import billing_records


async def test_the_clients_messages_in_support_reach_the_attendants_thread(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    await support_chat(world)
    await intake.handle_text(world.core, CLIENT, "A nota fiscal não sai")
    assert "A nota fiscal não sai" in (await last_message(world, SUPPORT)).text


async def test_a_support_chat_never_converted_is_never_billed(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    _, session_id = await support_chat(world)
    world.advance(minutes=40)
    await sessions.end_session(world.core, session_id, by=ATTENDANT)
    assert await billing_records(world) == []


async def test_a_support_chat_kept_by_its_consultant_is_billed_from_the_acceptance(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    request_id, session_id = await support_chat(world)
    world.advance(minutes=20)
    await support.convert_to_consulting(
        world.core, session_id, by_staff_key=CONSULTANT, area="Custos", keep=True
    )
    world.advance(minutes=3)
    await intake.accept_terms(world.core, CLIENT, request_id)
    accepted_at = world.clock.now()
    world.advance(minutes=45)
    await sessions.end_session(world.core, session_id, by=CONSULTANT)

    [record] = await billing_records(world)
    assert record.started_at == accepted_at
    assert (record.minutes, record.periods) == (45, 2)
    assert (record.rate_cents, record.amount_cents) == (18000, 18000)
    assert record.attended_by == CONSULTANT
