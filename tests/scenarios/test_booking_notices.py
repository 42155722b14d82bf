"""A secretary's booking (SPEC 7): both sides told, reminders, the session at the booked time."""

from __future__ import annotations

from datetime import timedelta

from core import intake
from core.booking import BookingOrder, accept_booking_terms, book, refuse_booking_terms
from core.clock import ManualClock
from core.db import Database
from core.models import BookingStatus, RequestStatus
from tests.scenario import REQUESTS, World
from tests.scenarios.booking_helpers import (
    BRUNO_DM,
    CLIENT,
    OTHER_CLIENT,
    SECRETARY_ACTOR,
    TUESDAY,
    WEDNESDAY,
    actions,
    at,
    given_cast,
    given_other_client,
    last,
    load_booking,
    pending_timers,
    run_booking_timers,
    secretary_books,
    texts,
)
from tests.scenarios.intake_helpers import consents, load_request, session_of


async def test_a_secretary_books_for_a_client_and_both_are_told(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    booking_id = await secretary_books(
        world, cast, at(TUESDAY, "14:00"), consultant_id=cast.bruno_id, medium="teamviewer"
    )
    client_messages = await world.outbox(CLIENT)
    notice, card = client_messages[-2], client_messages[-1]
    assert f"Agendamos uma Consultoria Online para você (nº {booking_id})" in notice.text
    for line in (
        "Data: 24/11/2026 (terça-feira)",
        "Horário: 14:00 às 15:00",
        "Duração: 1 h",
        "Meio: TeamViewer",
        "Consultor: Bruno Consultor",
        "aceite os termos",
    ):
        assert line in notice.text
    assert actions(notice) == [f"bmove:{booking_id}", f"bcancel:{booking_id}"]
    assert "R$\xa0180,00" in card.text
    booking = await load_booking(world, booking_id)
    assert actions(card) == [f"bterms_ok:{booking.request_id}", f"bterms_no:{booking.request_id}"]
    dm = await last(world, BRUNO_DM)
    assert f"Novo agendamento nº {booking_id} com você" in dm.text
    for line in ("Empresa: Metalúrgica Exemplo", "Contato: Ana Cliente", "<@U0SECRET>"):
        assert line in dm.text
    await world.deliver()
    assert any("Agendamos" in text for text in world.telegram.texts_to(CLIENT))
    assert any("Novo agendamento" in text for text in world.slack.texts_to(BRUNO_DM))


async def test_a_client_who_reads_english_is_told_in_english(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    other = await given_other_client(world, cast, language="en")
    booking_id = await book(
        world.core,
        BookingOrder(
            company_id=cast.other_company_id,
            contact_id=other,
            consultant_id=cast.carla_id,
            starts_at=at(TUESDAY, "13:30"),
            duration=timedelta(minutes=120),
            medium="fone",
        ),
        by=SECRETARY_ACTOR,
    )
    notice = (await world.outbox(OTHER_CLIENT))[-2].text
    assert f"We booked a Consultoria Online session for you (#{booking_id})" in notice
    for line in ("Date: 24/11/2026 (Tuesday)", "Time: 13:30 to 15:30", "Duration: 2 h"):
        assert line in notice
    assert "Medium: Phone" in notice


async def test_reminders_go_to_both_a_day_and_15_minutes_before(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    booking_id = await secretary_books(
        world, cast, at(WEDNESDAY, "14:00"), consultant_id=cast.bruno_id
    )
    assert await pending_timers(world, booking_id) == [
        ("booking.reminder", at(TUESDAY, "14:00")),
        ("booking.reminder", at(WEDNESDAY, "13:45")),
        ("booking.start", at(WEDNESDAY, "14:00")),
    ]
    clock.set(at(TUESDAY, "13:59"))
    assert await run_booking_timers(world) == 0
    clock.set(at(TUESDAY, "14:00"))
    assert await run_booking_timers(world) == 1
    day_before = await last(world, CLIENT)
    assert "começa daqui a 1 dia" in day_before.text
    assert actions(day_before) == [f"bmove:{booking_id}", f"bcancel:{booking_id}"]
    assert "começa daqui a 1 dia" in (await last(world, BRUNO_DM)).text
    clock.set(at(WEDNESDAY, "13:45"))
    assert await run_booking_timers(world) == 1
    reminder = await last(world, CLIENT)
    assert f"Lembrete: a sua Consultoria Online nº {booking_id} começa daqui a 15 min" in (
        reminder.text
    )
    assert "Horário: 14:00 às 15:00" in reminder.text
    assert actions(reminder) == []  # inside the cut-off: nothing left to move or cancel here
    assert (
        f"o agendamento nº {booking_id} começa daqui a 15 min" in (await last(world, BRUNO_DM)).text
    )


async def test_moving_a_booking_moves_its_reminders_and_cancelling_cancels_them(
    db: Database, clock: ManualClock
) -> None:
    from core.booking import cancel_booking, reschedule

    world = World.build(db, clock)
    cast = await given_cast(world)
    booking_id = await secretary_books(
        world, cast, at(WEDNESDAY, "14:00"), consultant_id=cast.bruno_id
    )
    await reschedule(world.core, booking_id, by=SECRETARY_ACTOR, starts_at=at(WEDNESDAY, "09:00"))
    assert await pending_timers(world, booking_id) == [
        ("booking.reminder", at(TUESDAY, "09:00")),
        ("booking.reminder", at(WEDNESDAY, "08:45")),
        ("booking.start", at(WEDNESDAY, "09:00")),
    ]
    moved = await last(world, CLIENT)
    assert "foi remarcado (era 25/11/2026 14:00)" in moved.text
    assert "Horário: 09:00 às 10:00" in moved.text
    assert "remarcado por <@U0SECRET>" in (await last(world, BRUNO_DM)).text
    await cancel_booking(world.core, booking_id, by=SECRETARY_ACTOR, reason="cliente viajou")
    assert await pending_timers(world, booking_id) == []
    cancelled = await last(world, CLIENT)
    assert f"O agendamento nº {booking_id} foi cancelado" in cancelled.text
    assert "Motivo: cliente viajou" in cancelled.text
    assert (await load_booking(world, booking_id)).status == BookingStatus.CANCELLED
    clock.set(at(WEDNESDAY, "09:00"))
    assert await run_booking_timers(world) == 0


async def test_at_the_booked_time_the_session_starts_and_both_are_told(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    booking_id = await secretary_books(
        world, cast, at(TUESDAY, "10:00"), consultant_id=cast.bruno_id
    )
    booking = await load_booking(world, booking_id)
    assert booking.request_id is not None
    await accept_booking_terms(world.core, CLIENT, booking.request_id)
    assert [c.accepted for c in await consents(world, booking.request_id)] == [True]
    clock.set(at(TUESDAY, "10:00"))
    await run_booking_timers(world)
    session = await session_of(world, booking.request_id)
    assert session.booking_id == booking_id
    assert session.consultant_id == cast.bruno_id
    assert session.billing_started_at is None, "billed from the client's presence, not the slot"
    assert "Bruno Consultor vai fazer o seu atendimento agora" in (await last(world, CLIENT)).text
    assert f"O agendamento nº {booking_id} começou agora" in (await last(world, BRUNO_DM)).text
    assert any("Bruno Consultor atende Ana Cliente" in t for t in await texts(world, REQUESTS))
    assert (await load_booking(world, booking_id)).status == BookingStatus.STARTED
    assert (await load_request(world, booking.request_id)).status == RequestStatus.IN_SESSION


async def test_without_accepted_terms_the_session_starts_unbilled_until_the_client_accepts(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    booking_id = await secretary_books(
        world, cast, at(TUESDAY, "10:00"), consultant_id=cast.bruno_id
    )
    request_id = (await load_booking(world, booking_id)).request_id
    assert request_id is not None
    clock.set(at(TUESDAY, "10:00"))
    await run_booking_timers(world)
    session = await session_of(world, request_id)
    assert session.billing_started_at is None
    warning = (await last(world, BRUNO_DM)).text
    assert "ainda não aceitou os termos — nada será cobrado até o aceite" in warning
    assert "aceite os termos acima" in (await last(world, CLIENT)).text
    world.advance(minutes=4)
    await accept_booking_terms(world.core, CLIENT, request_id)
    session = await session_of(world, request_id)
    assert session.billing_started_at == at(TUESDAY, "10:04")
    assert "a cobrança começa agora" in (await last(world, BRUNO_DM)).text


async def test_a_client_who_refuses_the_terms_of_a_booking_has_it_cancelled(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    booking_id = await secretary_books(
        world, cast, at(TUESDAY, "10:00"), consultant_id=cast.bruno_id
    )
    request_id = (await load_booking(world, booking_id)).request_id
    assert request_id is not None
    await refuse_booking_terms(world.core, CLIENT, request_id)
    assert (await load_booking(world, booking_id)).status == BookingStatus.CANCELLED
    assert [c.accepted for c in await consents(world, request_id)] == [False]
    refused = await last(world, CLIENT)
    assert "nada foi cobrado" in refused.text
    assert actions(refused) == ["menu:support"]
    assert "recusou os termos" in (await last(world, BRUNO_DM)).text
    assert await pending_timers(world, booking_id) == []


async def test_a_consultant_still_in_another_session_delays_the_start(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    other = await given_other_client(world, cast)
    await secretary_books(
        world, cast, at(TUESDAY, "10:00"), minutes=30, consultant_id=cast.bruno_id
    )
    second = await book(
        world.core,
        BookingOrder(
            company_id=cast.other_company_id,
            contact_id=other,
            consultant_id=cast.bruno_id,
            starts_at=at(TUESDAY, "10:30"),
            duration=timedelta(minutes=30),
            medium="Telefone",
        ),
        by=SECRETARY_ACTOR,
    )
    clock.set(at(TUESDAY, "10:00"))
    await run_booking_timers(world)
    clock.set(at(TUESDAY, "10:02"))
    await intake.handle_text(world.core, CLIENT, "Bom dia, estou aqui.")  # present: no no-show
    clock.set(at(TUESDAY, "10:30"))
    await run_booking_timers(world)
    assert (
        "Bruno Consultor ainda está em outro atendimento. Nova tentativa às 10:35"
        in (await last(world, BRUNO_DM)).text
    )
    assert "vai começar em instantes" in (await last(world, OTHER_CLIENT)).text
    assert (await load_booking(world, second)).status == BookingStatus.SCHEDULED
    assert ("booking.start", at(TUESDAY, "10:35")) in await pending_timers(world, second)


async def test_a_booking_of_a_company_without_contact_asks_the_consultant_to_reach_them(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    booking_id = await book(
        world.core,
        BookingOrder(
            company_id=cast.other_company_id,
            consultant_id=cast.bruno_id,
            starts_at=at(TUESDAY, "11:30"),
            duration=timedelta(minutes=30),
            medium="Telefone",
        ),
        by=SECRETARY_ACTOR,
    )
    clock.set(at(TUESDAY, "11:30"))
    await run_booking_timers(world)
    assert "Têxtil Modelo, que não tem contato no bot" in (await last(world, BRUNO_DM)).text
    assert (await load_booking(world, booking_id)).status == BookingStatus.DONE
