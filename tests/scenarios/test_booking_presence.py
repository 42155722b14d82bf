"""Booked sessions bill from the client's presence; a client who never comes is a no-show."""

from __future__ import annotations

from datetime import datetime

import pytest

from core import intake, sessions
from core.billing import BillingPolicy
from core.booking import accept_booking_terms
from core.clock import ManualClock
from core.db import Database
from core.errors import Conflict
from core.models import BookingStatus, SessionStatus
from tests.scenario import REQUESTS, World
from tests.scenarios.booking_helpers import (
    BRUNO,
    BRUNO_DM,
    CLIENT,
    TUESDAY,
    actions,
    at,
    given_cast,
    last,
    load_booking,
    run_booking_timers,
    secretary_books,
    texts,
)
from tests.scenarios.intake_helpers import session_of
from tests.scenarios.sessions_helpers import billing_records


async def _started(world: World, *, accepted: bool = True) -> tuple[int, int]:
    """Ana's 10:00 booking with Bruno, started: (booking id, request id)."""
    cast = await given_cast(world)
    booking_id = await secretary_books(
        world, cast, at(TUESDAY, "10:00"), consultant_id=cast.bruno_id
    )
    request_id = (await load_booking(world, booking_id)).request_id
    assert request_id is not None
    if accepted:
        await accept_booking_terms(world.core, CLIENT, request_id)
    world.clock.set(at(TUESDAY, "10:00"))
    await run_booking_timers(world)
    return booking_id, request_id


async def test_billing_starts_when_the_client_shows_up_and_the_delay_is_written(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    _, request_id = await _started(world)
    assert (await session_of(world, request_id)).billing_started_at is None

    clock.set(at(TUESDAY, "10:07"))
    await intake.handle_text(world.core, CLIENT, "Cheguei, desculpe o atraso.")
    session = await session_of(world, request_id)
    assert session.client_present_at == at(TUESDAY, "10:07")
    assert session.billing_started_at == at(TUESDAY, "10:07")
    assert any(
        "Cliente presente às 10:07, 7 min após o horário agendado. Cobrança a partir de 10:07."
        in text
        for text in await texts(world, REQUESTS)
    )
    clock.set(at(TUESDAY, "10:30"))
    await run_booking_timers(world)  # the no-show check finds the client present
    assert session.id is not None
    await sessions.end_session(world.core, session.id, by=BRUNO)
    [record] = await billing_records(world)
    assert (record.minutes, record.periods) == (23, 1)


async def test_a_present_client_without_terms_is_billed_from_the_acceptance_and_told_once(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    _, request_id = await _started(world, accepted=False)

    clock.set(at(TUESDAY, "10:03"))
    await intake.handle_text(world.core, CLIENT, "Bom dia, cheguei.")
    clock.set(at(TUESDAY, "10:04"))
    await intake.handle_text(world.core, CLIENT, "Podemos começar?")
    session = await session_of(world, request_id)
    assert session.client_present_at == at(TUESDAY, "10:03")
    assert session.billing_started_at is None, "nothing billed without accepted terms"

    clock.set(at(TUESDAY, "10:06"))
    await accept_booking_terms(world.core, CLIENT, request_id)
    clock.set(at(TUESDAY, "10:08"))
    await intake.handle_text(world.core, CLIENT, "Aceitei os termos.")
    session = await session_of(world, request_id)
    assert session.billing_started_at == at(TUESDAY, "10:06")
    thread = await texts(world, REQUESTS)
    assert sum("Cliente presente às" in text for text in thread) == 1
    relayed = [text for text in thread if "Podemos começar?" in text or "Aceitei" in text]
    assert len(relayed) == 2, "every message reaches the thread, the later ones as plain posts"


async def test_the_consultant_marks_a_client_on_the_phone_present(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    _, request_id = await _started(world)
    session = await session_of(world, request_id)
    assert session.id is not None
    card = [m for m in await world.outbox(REQUESTS) if m.choices]
    assert f"present:{session.id}" in actions(card[-1]), "the thread offers Cliente presente"

    clock.set(at(TUESDAY, "10:03"))
    await sessions.mark_client_present(world.core, session.id, by_staff_key=BRUNO)
    assert (await session_of(world, request_id)).billing_started_at == at(TUESDAY, "10:03")
    with pytest.raises(Conflict):
        await sessions.mark_client_present(world.core, session.id, by_staff_key=BRUNO)


async def test_a_client_who_never_comes_is_a_no_show_billed_nothing_and_offered_a_new_time(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    booking_id, request_id = await _started(world)

    clock.set(at(TUESDAY, "10:15"))
    await run_booking_timers(world)

    session = await session_of(world, request_id)
    assert session.status == SessionStatus.ENDED and session.ended_by == "no_show"
    assert await billing_records(world) == []
    assert (await load_booking(world, booking_id)).status == BookingStatus.NO_SHOW
    said = await texts(world, CLIENT)
    assert any("Você não entrou no atendimento agendado" in text for text in said)
    assert actions(await last(world, CLIENT))[0].startswith("bday:"), "a new time offered"
    assert not any("avalie" in text.lower() for text in said[-3:]), "no rating asked"
    assert any(
        "O cliente não apareceu em 15 min: sessão encerrada como ausência. Nada foi cobrado."
        in text
        for text in await texts(world, REQUESTS)
    )
    assert await texts(world, BRUNO_DM), "the consultant was told of the start"


async def test_with_the_minimum_policy_a_no_show_bills_the_minimum(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock, policy=BillingPolicy(no_show_billing="minimum"))
    await _started(world)

    clock.set(at(TUESDAY, "10:15"))
    await run_booking_timers(world)

    [record] = await billing_records(world)
    assert (record.minutes, record.periods) == (30, 1)
    assert record.ended_at == datetime.fromisoformat("2026-11-24T10:15:00-03:00")
