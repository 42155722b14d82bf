"""The client's booking in the chat (SPEC 5 step 6): days, free times, duration, medium, confirm."""

from __future__ import annotations

from core.booking import (
    ask_cancel_booking,
    choose_booking_day,
    choose_booking_duration,
    choose_booking_medium,
    choose_booking_slot,
    confirm_booking,
    confirm_cancel_booking,
    drop_booking_draft,
    my_bookings,
    new_booking,
    parse_day_arg,
    parse_slot_arg,
    start_moving_booking,
)
from core.clock import ManualClock
from core.db import Database
from core.intake import handle_text
from core.models import BookingStatus, RequestStatus
from core.outbox import OutboundMessage
from tests.scenario import World
from tests.scenarios.booking_helpers import (
    BRUNO_DM,
    CLIENT,
    TUESDAY,
    WEDNESDAY,
    actions,
    at,
    bookings,
    given_cast,
    last,
    load_booking,
    secretary_books,
)
from tests.scenarios.intake_helpers import load_request, to_terms_card


async def test_a_client_books_from_the_menu_step_by_step(db: Database, clock: ManualClock) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    await my_bookings(world.core, CLIENT)
    listing = await last(world, CLIENT)
    assert listing.text == "Seus agendamentos:\nNenhum agendamento."
    assert actions(listing) == ["bnew"]
    await new_booking(world.core, CLIENT)
    days = await last(world, CLIENT)
    assert days.text == "Escolha o dia da sua Consultoria Online:"
    assert actions(days)[:3] == ["bday:20261123", "bday:20261124", "bday:20261125"]
    assert "bday:20261128" not in actions(days)  # a Saturday
    assert len(actions(days)) == 9  # the weekdays of the next 10 days
    await choose_booking_day(world.core, CLIENT, parse_day_arg("20261124"))
    slots = await last(world, CLIENT)
    assert "Horários livres em terça-feira, 24/11/2026" in slots.text
    assert actions(slots)[0] == "bslot:202611240800"
    assert "bslot:202611241200" not in actions(slots)
    assert actions(slots)[-1] == "bdays"
    await choose_booking_slot(world.core, CLIENT, parse_slot_arg(world.core, "202611241100"))
    assert actions(await last(world, CLIENT)) == ["bdur:30", "bdur:60"]  # lunch at 12:00
    await choose_booking_slot(world.core, CLIENT, at(TUESDAY, "14:00"))
    durations = await last(world, CLIENT)
    assert actions(durations) == ["bdur:30", "bdur:60", "bdur:90", "bdur:120"]
    assert [choice.label for choice in durations.choices][-1] == "2 h"
    await choose_booking_duration(world.core, CLIENT, 90)
    media = await last(world, CLIENT)
    assert [choice.label for choice in media.choices] == [
        "Telefone",
        "TeamViewer",
        "Terminal Service com acesso remoto",
        "Outro",
    ]
    await choose_booking_medium(world.core, CLIENT, 2)
    asked = await last(world, CLIENT)
    assert asked.text.startswith("Qual o servidor do Terminal Service (nome ou IP)?")
    assert "Nunca envie senhas aqui" in asked.text
    await handle_text(world.core, CLIENT, "ts.exemplo.com.br")
    summary = await last(world, CLIENT)
    assert summary.text == (
        "Confira o agendamento:\nData: 24/11/2026 (terça-feira)\nHorário: 14:00 às 15:30\n"
        "Duração: 1 h 30 min\nMeio: Terminal Service com acesso remoto — ts.exemplo.com.br\n"
        "Área: qualquer área"
    )
    assert actions(summary) == ["bok", "bno"]
    await confirm_booking(world.core, CLIENT)
    [booking] = await bookings(world)
    assert booking.contact_id == cast.contact_id
    assert booking.starts_at == at(TUESDAY, "14:00")
    assert booking.created_by_kind == "client"
    messages = await world.outbox(CLIENT)
    assert f"Agendamento confirmado! Consultoria Online nº {booking.id}" in messages[-2].text
    assert actions(messages[-1])[0] == f"bterms_ok:{booking.request_id}"
    assert "Agendado por: Ana Cliente (cliente)" in (await last(world, BRUNO_DM)).text


async def test_a_restart_in_the_middle_of_the_booking_chat_loses_nothing(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    await given_cast(world)
    await new_booking(world.core, CLIENT)
    await choose_booking_day(world.core, CLIENT, WEDNESDAY)
    await choose_booking_slot(world.core, CLIENT, at(WEDNESDAY, "09:00"))
    restarted = World.build(db, clock)
    await choose_booking_duration(restarted.core, CLIENT, 60)
    await choose_booking_medium(restarted.core, CLIENT, 0)
    await handle_text(World.build(db, clock).core, CLIENT, "11987654321")
    await confirm_booking(restarted.core, CLIENT)
    [booking] = await bookings(restarted)
    assert (booking.starts_at, booking.ends_at) == (at(WEDNESDAY, "09:00"), at(WEDNESDAY, "10:00"))
    assert booking.medium == "Telefone"
    assert booking.connection_detail == "+5511987654321"


async def test_a_time_taken_meanwhile_is_explained_and_the_free_times_offered_again(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    await new_booking(world.core, CLIENT)
    await choose_booking_day(world.core, CLIENT, TUESDAY)
    await choose_booking_slot(world.core, CLIENT, at(TUESDAY, "14:00"))
    await choose_booking_duration(world.core, CLIENT, 30)
    await choose_booking_medium(world.core, CLIENT, 3)
    await secretary_books(world, cast, at(TUESDAY, "14:00"), consultant_id=cast.bruno_id)
    await secretary_books(world, cast, at(TUESDAY, "14:00"), consultant_id=cast.carla_id)
    await confirm_booking(world.core, CLIENT)
    again = await last(world, CLIENT)
    assert again.text.startswith(
        "Nenhum consultor está livre em 24/11/2026 14:00–14:30. Escolha outro horário.\n"
        "Horários livres em terça-feira, 24/11/2026:"
    )
    assert "bslot:202611241400" not in actions(again)
    assert "bslot:202611241500" in actions(again)
    assert len(await bookings(world)) == 2


async def test_a_client_outside_hours_hears_it_before_any_terms_and_books_that_request(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    await given_cast(world)
    clock.set(at(clock.now().date(), "19:00"))
    request_id = await to_terms_card(world, CLIENT)  # area and description; closed now
    said = [m.text for m in await world.outbox(CLIENT)]
    assert not any("termos" in text.lower() for text in said), "no paid terms while closed"
    assert any("Estamos fora do horário de atendimento agora" in text for text in said)
    assert actions(await last(world, CLIENT))[0] == "bday:20261124"  # today is over
    assert (await load_request(world, request_id)).status == RequestStatus.DRAFT
    await choose_booking_day(world.core, CLIENT, TUESDAY)
    await choose_booking_slot(world.core, CLIENT, at(TUESDAY, "08:00"))
    await choose_booking_duration(world.core, CLIENT, 30)
    await choose_booking_medium(world.core, CLIENT, 3)
    await confirm_booking(world.core, CLIENT)
    [booking] = await bookings(world)
    assert booking.request_id == request_id
    assert booking.area == "Custos"
    assert (await load_request(world, request_id)).status == RequestStatus.BOOKED
    messages = await world.outbox(CLIENT)
    assert "Agendamento confirmado!" in messages[-2].text
    assert actions(messages[-1])[0] == f"bterms_ok:{request_id}", "the terms come with the booking"


async def test_a_client_moves_and_cancels_a_booking_in_the_chat(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    booking_id = await secretary_books(
        world, cast, at(TUESDAY, "10:00"), consultant_id=cast.bruno_id
    )
    await my_bookings(world.core, CLIENT)
    listing = await last(world, CLIENT)
    assert f"nº {booking_id} · 24/11/2026 10:00–11:00" in listing.text
    assert actions(listing) == [f"bmove:{booking_id}", f"bcancel:{booking_id}", "bnew"]
    await start_moving_booking(world.core, CLIENT, booking_id)
    await choose_booking_day(world.core, CLIENT, WEDNESDAY)
    await choose_booking_slot(world.core, CLIENT, at(WEDNESDAY, "16:00"))
    summary = await last(world, CLIENT)
    assert summary.text.startswith("Remarcar para:\nData: 25/11/2026")
    assert "Horário: 16:00 às 17:00" in summary.text
    await confirm_booking(world.core, CLIENT)
    moved = await load_booking(world, booking_id)
    assert moved.starts_at == at(WEDNESDAY, "16:00")
    assert "remarcado pelo cliente" in (await last(world, BRUNO_DM)).text
    await ask_cancel_booking(world.core, CLIENT, booking_id)
    question = await last(world, CLIENT)
    assert question.text == f"Cancelar o agendamento nº {booking_id} (25/11/2026 16:00)?"
    assert actions(question) == [f"bcancelok:{booking_id}", f"bkeep:{booking_id}"]
    await confirm_cancel_booking(world.core, CLIENT, booking_id)
    assert (await load_booking(world, booking_id)).status == BookingStatus.CANCELLED
    assert "cancelado pelo cliente" in (await last(world, BRUNO_DM)).text


async def test_dropping_the_booking_chat_books_nothing(db: Database, clock: ManualClock) -> None:
    world = World.build(db, clock)
    await given_cast(world)
    await new_booking(world.core, CLIENT)
    await choose_booking_day(world.core, CLIENT, TUESDAY)
    await choose_booking_slot(world.core, CLIENT, at(TUESDAY, "09:00"))
    await drop_booking_draft(world.core, CLIENT)
    assert (await last(world, CLIENT)).text == "Tudo bem, nada foi agendado."
    assert await bookings(world) == []


async def test_each_step_answered_loses_its_buttons_and_shows_what_was_picked(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    await given_cast(world)
    before = len(await world.outbox(CLIENT))  # the menu that led here keeps its buttons
    await new_booking(world.core, CLIENT)
    days = await last(world, CLIENT)
    tuesday = next(c.label for c in days.choices if c.action == "bday:20261124")
    await choose_booking_day(world.core, CLIENT, parse_day_arg("20261124"))
    await choose_booking_slot(world.core, CLIENT, at(TUESDAY, "14:00"))
    await choose_booking_duration(world.core, CLIENT, 60)

    sent = (await world.outbox(CLIENT))[before:]
    with_buttons = [m.text.split("\n")[0] for m in sent if m.choices]
    answered = [m.text for m in sent if not m.choices and m.text.startswith(days.text)]
    assert answered and answered[-1].endswith(f"✅ {tuesday}"), answered
    assert any(m.text.endswith("✅ 14:00") for m in sent), [m.text for m in sent]
    assert any(m.text.endswith("✅ 1 h") for m in sent), [m.text for m in sent]
    # the media question is the only one with live buttons: each earlier step was edited
    latest: dict[str, OutboundMessage] = {}
    for message in sent:
        latest[message.text.split("\n")[0]] = message
    live = [title for title, m in latest.items() if m.choices]
    assert live == [with_buttons[-1]], live

    await choose_booking_medium(world.core, CLIENT, 0)  # Telefone: asks for the number
    await handle_text(world.core, CLIENT, "+55 11 98765-4321")
    await confirm_booking(world.core, CLIENT)
    sent = (await world.outbox(CLIENT))[before:]
    latest.clear()
    for message in sent:
        latest[message.text.split("\n")[0]] = message
    live = [title for title, m in latest.items() if m.choices]
    assert live == [  # move or cancel the booking; its terms to accept
        "Agendamento confirmado! Consultoria Online nº 1:",
        "**Termos da Consultoria Online** (versão 1)",
    ], live
    assert (await bookings(world))[-1].status == BookingStatus.SCHEDULED
