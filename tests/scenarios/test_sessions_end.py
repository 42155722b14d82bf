"""SPEC 5 step 8 and SPEC 8: ending a session (once), unbilled and free ends, the rating."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

import pytest

from core import booking, intake, support
from core.booking import Actor
from core.clock import ManualClock
from core.contacts import find_contact
from core.db import Database
from core.errors import BusinessError, Conflict, Forbidden, InvalidInput, NotFound
from core.sessions import (
    SESSION_CLIENT_START,
    SESSION_CONTROLS,
    NoOpenSession,
    end_session,
    end_session_by_client,
    rate_session,
    relay_from_staff,
)
from tests.scenario import BILLING, SAO_PAULO, World
from tests.scenarios.intake_helpers import ATTENDANT as SUPPORT_ATTENDANT
from tests.scenarios.intake_helpers import support_chat
from tests.scenarios.sessions_helpers import (
    ANA,
    ATTENDANT,
    BETO,
    BRUNO,
    CARLA,
    SECRETARY,
    billing_records,
    claimed,
    given_cast,
    last,
    open_session_of,
    queued,
    rows,
    stored_session,
    texts,
    thread_of,
)


async def test_the_client_ends_the_session_and_gets_the_summary(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    session_id = await claimed(world, await queued(world, cast, ANA), BRUNO)
    thread = await thread_of(world, session_id)
    world.advance(minutes=50)
    await end_session_by_client(world.core, ANA)

    assert (await stored_session(world, session_id)).ended_by == "client"
    thread_summary = next(t for t in await texts(world, thread) if "Resumo da cobrança" in t)
    assert thread_summary.startswith("Sessão encerrada pelo cliente.")
    assert "Total: R$\xa0180,00" in thread_summary
    assert any("Total: R$\xa0180,00" in t for t in await texts(world, ANA))
    assert len(await world.outbox(BILLING)) == 1


async def test_a_second_end_is_refused_and_nothing_is_doubled(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    session_id = await claimed(world, await queued(world, cast, ANA), BRUNO)
    world.advance(minutes=45)
    await end_session(world.core, session_id, by=BRUNO)
    world.advance(minutes=5)
    written = len(await world.outbox())

    with pytest.raises(Conflict) as again:
        await end_session(world.core, session_id, by=BRUNO)
    assert again.value.render("pt-BR") == (
        f"A sessão {session_id} já foi encerrada em 23/11/2026 10:45; nada foi alterado."
    )
    with pytest.raises(Conflict):
        await end_session_by_client(world.core, ANA, session_id=session_id)
    with pytest.raises(NoOpenSession):
        await end_session_by_client(world.core, ANA)
    assert len(await world.outbox()) == written
    assert len(await billing_records(world)) == 1
    assert len(await rows(world, "rating_request", session_id)) == 1


async def test_a_repeated_delivery_of_the_end_button_acts_once(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    session_id = await claimed(world, await queued(world, cast, ANA), BRUNO)
    world.advance(minutes=20)
    for _ in range(2):
        await end_session(world.core, session_id, by=BRUNO, inbound=("slack", "action-77"))
    assert len(await world.outbox(BILLING)) == 1


async def test_the_consultant_and_the_client_ending_at_once_bill_once(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    session_id = await claimed(world, await queued(world, cast, ANA), BRUNO)
    world.advance(minutes=30)
    outcomes = await asyncio.gather(
        end_session(world.core, session_id, by=BRUNO),
        end_session_by_client(world.core, ANA, session_id=session_id),
        return_exceptions=True,
    )
    assert sorted(type(o).__name__ for o in outcomes) == ["Conflict", "NoneType"]
    assert len(await billing_records(world)) == 1
    assert len(await world.outbox(BILLING)) == 1


async def test_only_someone_in_the_session_ends_it(db: Database, clock: ManualClock) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    session_id = await claimed(world, await queued(world, cast, ANA), BRUNO)
    with pytest.raises(Forbidden):
        await end_session(world.core, session_id, by=CARLA)
    assert (await stored_session(world, session_id)).status == "open"


async def test_a_booked_session_without_accepted_terms_ends_unbilled(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    await intake.start(world.core, ANA, code=cast.access_code, name="Ana Cliente")
    async with world.core.db.uow() as uow:
        contact = await find_contact(uow, ANA)
    assert contact is not None and contact.id is not None
    two_pm = datetime(2026, 11, 23, 14, 0, tzinfo=SAO_PAULO)
    await booking.book(
        world.core,
        booking.BookingOrder(
            company_id=cast.company_id,
            contact_id=contact.id,
            consultant_id=cast.consultant_ids[BRUNO],
            starts_at=two_pm,
            duration=timedelta(minutes=60),
            medium="Telefone",
        ),
        by=Actor.staff(SECRETARY),
    )
    world.clock.set(two_pm)
    await world.run_timers(booking.TIMER_HANDLERS)
    session = await open_session_of(world, ANA)  # the client never accepted the terms
    assert session.id is not None and session.billing_started_at is None
    thread = await thread_of(world, session.id)
    world.advance(minutes=30)
    await end_session(world.core, session.id, by=BRUNO)

    assert await billing_records(world) == []
    assert await world.outbox(BILLING) == []
    assert (await texts(world, thread))[-1] == (
        f"Sessão encerrada por <@{BRUNO}> (duração: 30 min). Sem aceite dos termos: nada cobrado."
    )
    client_texts = await texts(world, ANA)
    assert "Atendimento encerrado. Nada foi cobrado por este atendimento." in client_texts
    assert client_texts[-1].startswith("Como você avalia este atendimento?")
    card = (await rows(world, "request_card", session.request_id))[-1]
    assert card.payload["text"] == "Encerrado — 30 min, sem cobrança (sem aceite dos termos)"


async def test_a_support_conversation_ends_free(db: Database, clock: ManualClock) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    await intake.start(world.core, ANA, code=cast.access_code, name="Ana Cliente")
    await support.begin_support(world.core, ANA)
    session = await open_session_of(world, ANA)
    assert session.id is not None
    thread = await thread_of(world, session.id)
    await relay_from_staff(world.core, thread, ATTENDANT, "Já verifico a nota fiscal.")
    world.advance(minutes=20)
    await end_session(world.core, session.id, by=ATTENDANT)

    assert (await texts(world, thread))[-1] == (
        f"Atendimento gratuito encerrado por <@{ATTENDANT}> (duração: 20 min)."
    )
    assert "Atendimento gratuito encerrado. Obrigado pelo contato!" in await texts(world, ANA)
    assert await world.outbox(BILLING) == []
    assert [c.action for c in (await last(world, ANA)).choices][-1] == f"rate:{session.id}:5"


async def test_an_english_speaking_client_reads_the_summary_in_english(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    await intake.start(world.core, BETO, code=cast.access_code, name="Beto", language="en")
    session_id = await claimed(world, await queued(world, cast, BETO), BRUNO)
    world.advance(minutes=45)
    await end_session(world.core, session_id, by=BRUNO)
    summary = next(t for t in await texts(world, BETO) if "Billing summary" in t)
    assert "Billed periods: 2" in summary and "Total: R$180.00" in summary
    assert (await last(world, BETO)).text.startswith("How would you rate this session?")


async def test_a_rating_is_1_to_5_once_and_only_after_the_end(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    session_id = await claimed(world, await queued(world, cast, ANA), BRUNO)
    with pytest.raises(BusinessError) as early:
        await rate_session(world.core, ANA, session_id, 5)
    assert early.value.key == "sessions.rating.not_ended"
    world.advance(minutes=15)
    await end_session(world.core, session_id, by=BRUNO)
    for stars in (0, 6):
        with pytest.raises(InvalidInput):
            await rate_session(world.core, ANA, session_id, stars)
    await intake.start(world.core, BETO, code=cast.access_code, name="Beto")
    with pytest.raises(NotFound):
        await rate_session(world.core, BETO, session_id, 1)

    await rate_session(world.core, ANA, session_id, 4)
    with pytest.raises(Conflict) as twice:
        await rate_session(world.core, ANA, session_id, 2)
    assert twice.value.render("pt-BR") == "Este atendimento já foi avaliado (4 de 5). Obrigado!"
    assert (await stored_session(world, session_id)).rating == 4
    [question, thanks] = await rows(world, "rating_request", session_id)
    assert thanks.edit_of_id == question.id
    assert thanks.payload["choices"] == []


async def test_at_the_end_the_session_start_messages_lose_their_buttons(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    session_id = await claimed(world, await queued(world, cast, ANA), BRUNO)
    [told] = await rows(world, SESSION_CLIENT_START, session_id)
    assert told.payload["choices"][0]["action"] == f"client_end:{session_id}"
    [controls] = await rows(world, SESSION_CONTROLS, session_id)
    assert controls.payload["choices"]
    world.advance(minutes=20)
    await end_session(world.core, session_id, by=BRUNO)

    for original in (told, controls):
        [_, edit] = await rows(world, original.purpose or "", session_id)
        assert edit.edit_of_id == original.id
        assert edit.payload["choices"] == []
        assert edit.payload["text"] == original.payload["text"]
        assert (edit.channel, edit.address) == (original.channel, original.address)
    with pytest.raises(Conflict) as stale:
        await end_session_by_client(world.core, ANA, session_id=session_id)
    assert stale.value.render("pt-BR") == "Este atendimento já foi encerrado."
    assert stale.value.render("en") == "This session has already ended."


async def test_at_the_end_of_a_support_chat_the_invite_button_goes(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    _, session_id = await support_chat(world)
    [started] = await rows(world, SESSION_CLIENT_START, session_id)
    assert [c["action"] for c in started.payload["choices"]] == [f"invite:{session_id}"]
    await end_session(world.core, session_id, by=SUPPORT_ATTENDANT)
    [_, edit] = await rows(world, SESSION_CLIENT_START, session_id)
    assert edit.edit_of_id == started.id and edit.payload["choices"] == []
