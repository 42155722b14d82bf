"""Connection details: a booking's phone, TeamViewer ID or host, and a session's medium changed
while it runs (recorded, shown in the thread, the summary, the billing record and the export)."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from sqlmodel import col, select

from core import intake
from core.billing_records import billed_sessions, write_export_csv
from core.booking import (
    BookingOrder,
    book,
    choose_booking_day,
    choose_booking_duration,
    choose_booking_medium,
    choose_booking_slot,
    confirm_booking,
    new_booking,
)
from core.clock import ManualClock
from core.db import Database
from core.errors import Forbidden, InvalidInput
from core.models import BookingDraft, SessionMediumChange
from core.privacy import erase_contact
from core.sessions import change_session_medium, end_session
from tests.scenario import BILLING, SAO_PAULO, World
from tests.scenarios import booking_helpers as booked
from tests.scenarios.booking_helpers import BRUNO_DM, CLIENT, TUESDAY, at, bookings, last
from tests.scenarios.intake_helpers import session_of
from tests.scenarios.sessions_helpers import (
    ANA,
    BRUNO,
    CARLA,
    billing_records,
    claimed,
    field_values,
    given_cast,
    queued,
    stored_session,
    texts,
    thread_of,
)

NO_PASSWORDS = "Nunca envie senhas aqui"


async def _changes(world: World, session_id: int) -> list[SessionMediumChange]:
    async with world.core.db.uow() as uow:
        statement = (
            select(SessionMediumChange)
            .where(SessionMediumChange.session_id == session_id)
            .order_by(col(SessionMediumChange.id))
        )
        return list((await uow.session.exec(statement)).all())


async def _draft_detail(world: World, contact_id: int) -> str | None:
    async with world.core.db.uow() as uow:
        draft = await uow.session.get(BookingDraft, contact_id)
        assert draft is not None
        return draft.connection_detail


async def _up_to_the_medium(world: World, medium_index: int) -> None:
    await new_booking(world.core, CLIENT)
    await choose_booking_day(world.core, CLIENT, TUESDAY)
    await choose_booking_slot(world.core, CLIENT, at(TUESDAY, "14:00"))
    await choose_booking_duration(world.core, CLIENT, 60)
    await choose_booking_medium(world.core, CLIENT, medium_index)


async def test_a_phone_booking_asks_the_number_refuses_a_bad_one_and_stores_it_in_e164(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    cast = await booked.given_cast(world)
    await _up_to_the_medium(world, 0)  # Telefone
    asked = await last(world, CLIENT)
    assert asked.text.startswith("Qual o telefone para o consultor ligar?")
    assert NO_PASSWORDS in asked.text
    assert [c.action for c in asked.choices] == ["bno"]

    await intake.handle_text(world.core, CLIENT, "1234")
    refused = await last(world, CLIENT)
    assert refused.text.startswith("“1234” não é um telefone válido.")
    assert "Qual o telefone" in refused.text
    assert await _draft_detail(world, cast.contact_id) is None
    await confirm_booking(world.core, CLIENT)  # too early: the question again, nothing booked
    assert (await last(world, CLIENT)).text.startswith("Qual o telefone")
    assert await bookings(world) == []

    await intake.handle_text(world.core, CLIENT, "(11) 98765-4321")
    summary = await last(world, CLIENT)
    assert "Meio: Telefone — (11) 98765-4321" in summary.text
    assert [c.action for c in summary.choices] == ["bok", "bno"]
    await confirm_booking(world.core, CLIENT)
    [booking] = await bookings(world)
    assert (booking.medium, booking.connection_detail) == ("Telefone", "+5511987654321")
    assert "Meio: Telefone — (11) 98765-4321" in (await last(world, BRUNO_DM)).text


@pytest.mark.parametrize(
    ("index", "bad", "refusal", "good", "stored", "shown"),
    [
        (
            1,
            "12345",
            "“12345” não é um ID do TeamViewer válido",
            "123 456 789",
            "123456789",
            "TeamViewer — 123 456 789",
        ),
        (
            2,
            "servidor da empresa",
            "“servidor da empresa” não é um servidor válido",
            "TS.Empresa.com.br:3389",
            "ts.empresa.com.br:3389",
            "Terminal Service com acesso remoto — ts.empresa.com.br:3389",
        ),
    ],
)
async def test_a_remote_access_booking_takes_the_id_or_host_and_refuses_a_bad_one(
    db: Database,
    clock: ManualClock,
    index: int,
    bad: str,
    refusal: str,
    good: str,
    stored: str,
    shown: str,
) -> None:
    world = World.build(db, clock)
    cast = await booked.given_cast(world)
    await _up_to_the_medium(world, index)
    assert NO_PASSWORDS in (await last(world, CLIENT)).text
    await intake.handle_text(world.core, CLIENT, bad)
    assert (await last(world, CLIENT)).text.startswith(refusal)
    assert await _draft_detail(world, cast.contact_id) is None
    await intake.handle_text(world.core, CLIENT, good)
    assert f"Meio: {shown}" in (await last(world, CLIENT)).text
    await confirm_booking(world.core, CLIENT)
    [booking] = await bookings(world)
    assert booking.connection_detail == stored


async def test_other_needs_no_detail_and_a_staff_booking_refuses_a_bad_number(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    cast = await booked.given_cast(world)
    await _up_to_the_medium(world, 3)  # Outro
    assert (await last(world, CLIENT)).text.startswith("Confira o agendamento:")

    order = BookingOrder(
        company_id=cast.company_id,
        contact_id=cast.contact_id,
        starts_at=at(TUESDAY, "10:00"),
        duration=timedelta(minutes=60),
        medium="tv",
        connection_detail="12 34",
    )
    with pytest.raises(InvalidInput) as refused:
        await book(world.core, order, by=booked.SECRETARY_ACTOR)
    assert refused.value.key == "connection.bad_teamviewer"
    assert await bookings(world) == []


async def test_a_booked_session_starts_with_its_bookings_medium_shown_in_the_thread(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    cast = await booked.given_cast(world)
    booking_id = await book(
        world.core,
        BookingOrder(
            company_id=cast.company_id,
            contact_id=cast.contact_id,
            consultant_id=cast.bruno_id,
            starts_at=at(TUESDAY, "10:00"),
            duration=timedelta(minutes=60),
            medium="TeamViewer",
            connection_detail="1 234 567 890",
        ),
        by=booked.SECRETARY_ACTOR,
    )
    request_id = (await booked.load_booking(world, booking_id)).request_id
    assert request_id is not None
    clock.set(at(TUESDAY, "10:00"))
    await booked.run_booking_timers(world)
    session = await session_of(world, request_id)
    assert (session.medium, session.connection_detail) == ("TeamViewer", "1234567890")
    requests = world.core.config.staff.requests
    assert any("Meio: TeamViewer — 1 234 567 890" in text for text in await texts(world, requests))


async def test_the_consultant_switches_to_phone_the_client_sends_the_number_and_it_is_billed(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    session_id = await claimed(world, await queued(world, cast, ANA), BRUNO)
    assert (await stored_session(world, session_id)).medium == "Chat"
    thread = await thread_of(world, session_id)
    requests = world.core.config.staff.requests
    assert any("Meio: Chat" in text for text in await texts(world, requests))  # session started

    world.advance(minutes=5)
    await change_session_medium(world.core, session_id, by_staff_key=BRUNO, medium="Telefone")
    asked = (await texts(world, ANA))[-1]
    assert asked.startswith("O atendimento agora é por telefone. Qual o número")
    assert NO_PASSWORDS in asked
    assert (await texts(world, thread))[-1] == (
        f"Meio de atendimento alterado por <@{BRUNO}>: Telefone. "
        "O telefone do cliente foi pedido a ele."
    )

    world.advance(minutes=1)
    await intake.handle_text(world.core, ANA, "Pode ligar no (11) 98765-4321")
    session = await stored_session(world, session_id)
    assert (session.medium, session.connection_detail) == ("Telefone", "+5511987654321")
    thread_texts = await texts(world, thread)
    assert "Ana Cliente: Pode ligar no (11) 98765-4321" in thread_texts  # relayed as well
    assert thread_texts[-1] == "Telefone do cliente: (11) 98765-4321."
    changes = await _changes(world, session_id)
    assert [(c.medium, c.connection_detail, c.changed_by) for c in changes] == [
        ("Telefone", None, BRUNO),
        ("Telefone", "+5511987654321", "client"),
    ]
    assert changes[0].changed_at == clock.now() - timedelta(minutes=1)

    world.advance(minutes=30)
    await end_session(world.core, session_id, by=BRUNO)
    client_summary = next(t for t in await texts(world, ANA) if "Resumo da cobrança" in t)
    thread_summary = next(t for t in await texts(world, thread) if "Resumo da cobrança" in t)
    for summary in (client_summary, thread_summary):
        assert "Meio: Telefone — (11) 98765-4321" in summary
    [card] = await world.outbox(BILLING)
    assert field_values(card)["Meio"] == "Telefone — (11) 98765-4321"
    [record] = await billing_records(world)
    assert record.medium == "Telefone"
    async with world.core.db.uow() as uow:
        rows = await billed_sessions(uow, year=2026, month=11, tz=SAO_PAULO)
    out = io.StringIO()
    write_export_csv(rows, out, tz=SAO_PAULO, language="pt-BR")
    header, line, total = list(csv.reader(io.StringIO(out.getvalue())))
    assert header[-1] == "medium"
    assert line[-1] == "Telefone" and total[-1] == ""
    assert "98765" not in out.getvalue(), "the export carries no phone number"


async def test_a_bad_teamviewer_id_is_refused_storing_nothing_and_only_participants_change_it(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    session_id = await claimed(world, await queued(world, cast, ANA), BRUNO)
    told = len(await texts(world, ANA))
    with pytest.raises(InvalidInput) as refused:
        await change_session_medium(
            world.core, session_id, by_staff_key=BRUNO, medium="tv", detail="12345678901"
        )
    assert refused.value.key == "connection.bad_teamviewer"
    with pytest.raises(InvalidInput) as bad_host:
        await change_session_medium(
            world.core, session_id, by_staff_key=BRUNO, medium="ts", detail="host com espaço"
        )
    assert bad_host.value.key == "connection.bad_host"
    with pytest.raises(Forbidden):
        await change_session_medium(world.core, session_id, by_staff_key=CARLA, medium="Telefone")
    session = await stored_session(world, session_id)
    assert (session.medium, session.connection_detail) == ("Chat", None)
    assert await _changes(world, session_id) == []
    assert len(await texts(world, ANA)) == told

    await change_session_medium(
        world.core, session_id, by_staff_key=BRUNO, medium="tv", detail="123 456 789"
    )
    assert (await texts(world, ANA))[-1] == "O atendimento agora é por TeamViewer — 123 456 789."
    session = await stored_session(world, session_id)
    assert (session.medium, session.connection_detail) == ("TeamViewer", "123456789")
    await end_session(world.core, session_id, by=BRUNO)
    [record] = await billing_records(world)
    assert record.medium == "TeamViewer"


async def test_erasing_the_client_forgets_the_phone_of_their_sessions_and_bookings(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    session_id = await claimed(world, await queued(world, cast, ANA), BRUNO)
    await change_session_medium(
        world.core, session_id, by_staff_key=BRUNO, medium="fone", detail="11 98765-4321"
    )
    await end_session(world.core, session_id, by=BRUNO)
    session = await stored_session(world, session_id)
    async with world.core.db.uow() as uow:
        await erase_contact(uow, world.core, session.contact_id, by="admin")
        await uow.commit()
    session = await stored_session(world, session_id)
    assert (session.medium, session.connection_detail) == ("Telefone", None)
    [change] = await _changes(world, session_id)
    assert (change.medium, change.connection_detail) == ("Telefone", None)
