"""Cancelling, moving and listing bookings (SPEC 7): the client's cut-off, what cannot change."""

from __future__ import annotations

from datetime import timedelta

import pytest

from core.booking import (
    Actor,
    BookingOrder,
    book,
    cancel_booking,
    list_bookings,
    render_booking_list,
    reschedule,
)
from core.clock import ManualClock
from core.db import Database
from core.errors import BusinessError
from core.models import BookingStatus
from tests.scenario import World
from tests.scenarios.booking_helpers import (
    BRUNO,
    BRUNO_DM,
    CLIENT,
    SECRETARY_ACTOR,
    TUESDAY,
    WEDNESDAY,
    at,
    given_cast,
    last,
    load_booking,
    pending_timers,
    secretary_books,
)


async def test_a_client_cannot_cancel_inside_the_cutoff_but_a_secretary_can(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    monday = clock.now().date()
    booking_id = await secretary_books(world, cast, at(monday, "11:30"), minutes=30)
    with pytest.raises(BusinessError) as refused:
        await cancel_booking(world.core, booking_id, by=cast.client)
    assert refused.value.render("pt-BR") == (
        f"Não é mais possível cancelar ou remarcar o agendamento nº {booking_id} "
        "(23/11/2026 11:30) por aqui: faltam menos de 2 h para o início. Fale com a nossa equipe."
    )
    with pytest.raises(BusinessError):
        await reschedule(world.core, booking_id, by=cast.client, starts_at=at(TUESDAY, "10:00"))
    assert (await load_booking(world, booking_id)).status == BookingStatus.SCHEDULED
    await cancel_booking(world.core, booking_id, by=SECRETARY_ACTOR)
    assert (await load_booking(world, booking_id)).status == BookingStatus.CANCELLED


async def test_a_client_cancels_their_booking_before_the_cutoff_and_the_consultant_is_told(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    booking_id = await secretary_books(
        world, cast, at(TUESDAY, "10:00"), consultant_id=cast.bruno_id
    )
    await cancel_booking(world.core, booking_id, by=cast.client)
    assert (
        f"Agendamento nº {booking_id} cancelado pelo cliente" in (await last(world, BRUNO_DM)).text
    )
    assert "foi cancelado" in (await last(world, CLIENT)).text


async def test_a_cancelled_or_started_booking_cannot_be_changed(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    cancelled = await secretary_books(world, cast, at(TUESDAY, "10:00"))
    await cancel_booking(world.core, cancelled, by=SECRETARY_ACTOR)
    with pytest.raises(BusinessError) as again:
        await cancel_booking(world.core, cancelled, by=SECRETARY_ACTOR)
    assert "já foi cancelado e não pode ser alterado" in again.value.render("pt-BR")
    with pytest.raises(BusinessError):
        await reschedule(world.core, cancelled, by=SECRETARY_ACTOR, starts_at=at(TUESDAY, "15:00"))
    past = await secretary_books(world, cast, at(TUESDAY, "14:00"))
    clock.set(at(TUESDAY, "14:10"))
    with pytest.raises(BusinessError) as late:
        await cancel_booking(world.core, past, by=SECRETARY_ACTOR)
    assert "já começou ou já passou" in late.value.render("pt-BR")


async def test_a_moved_booking_keeps_its_consultant_or_the_move_is_refused(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    mine = await secretary_books(world, cast, at(TUESDAY, "10:00"), consultant_id=cast.bruno_id)
    await secretary_books(world, cast, at(TUESDAY, "15:00"), consultant_id=cast.bruno_id)
    with pytest.raises(BusinessError) as busy:
        await reschedule(world.core, mine, by=cast.client, starts_at=at(TUESDAY, "15:30"))
    assert "Bruno Consultor já tem o agendamento" in busy.value.render("pt-BR")
    await reschedule(world.core, mine, by=cast.client, starts_at=at(WEDNESDAY, "08:30"))
    moved = await load_booking(world, mine)
    assert moved.consultant_id == cast.bruno_id
    assert moved.starts_at == at(WEDNESDAY, "08:30")
    assert moved.ends_at == at(WEDNESDAY, "09:30")
    assert ("booking.reminder", at(TUESDAY, "08:30")) in await pending_timers(world, mine)
    with pytest.raises(BusinessError) as outside:
        await reschedule(world.core, mine, by=cast.client, starts_at=at(WEDNESDAY, "20:00"))
    assert "fora do horário" in outside.value.render("pt-BR")


async def test_a_consultant_cannot_cancel_a_colleagues_booking(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    booking_id = await secretary_books(
        world, cast, at(TUESDAY, "10:00"), consultant_id=cast.carla_id
    )
    with pytest.raises(BusinessError) as refused:
        await cancel_booking(world.core, booking_id, by=Actor.staff(BRUNO))
    assert "é de outro consultor" in refused.value.render("pt-BR")


async def test_bookings_are_listed_by_day_and_consultant(db: Database, clock: ManualClock) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    first = await secretary_books(world, cast, at(TUESDAY, "14:00"), consultant_id=cast.bruno_id)
    await secretary_books(world, cast, at(WEDNESDAY, "09:00"), consultant_id=cast.bruno_id)
    dropped = await book(
        world.core,
        BookingOrder(
            company_id=cast.other_company_id,
            consultant_id=cast.carla_id,
            starts_at=at(TUESDAY, "07:30"),
            duration=timedelta(minutes=30),
            medium="Outro",
            alternative_hours=True,
        ),
        by=SECRETARY_ACTOR,
    )
    await cancel_booking(world.core, dropped, by=SECRETARY_ACTOR)
    async with world.core.db.uow() as uow:
        tuesday = await list_bookings(uow, world.core, day=TUESDAY)
        with_cancelled = await list_bookings(uow, world.core, day=TUESDAY, include_cancelled=True)
        brunos = await list_bookings(uow, world.core, consultant_id=cast.bruno_id)
        nothing = await list_bookings(
            uow,
            world.core,
            contact_id=cast.contact_id,
            day=at(TUESDAY, "00:00").date() + timedelta(days=7),
        )
    assert [view.booking.id for view in tuesday] == [first]
    assert len(with_cancelled) == 2
    assert len(brunos) == 2
    text = render_booking_list(world.core, tuesday, "pt-BR", title="Agendamentos de 24/11/2026")
    assert text == (
        "Agendamentos de 24/11/2026\n"
        f"nº {first} · 24/11/2026 14:00–15:00 · 1 h · Metalúrgica Exemplo · Ana Cliente · "
        "Bruno Consultor · Telefone"
    )
    cancelled_line = render_booking_list(world.core, with_cancelled[:1], "pt-BR")
    assert cancelled_line.endswith("Outro · horário alternativo · cancelado")
    assert render_booking_list(world.core, nothing, "pt-BR") == "Nenhum agendamento."
