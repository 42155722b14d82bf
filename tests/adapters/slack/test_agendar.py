"""``/agendar`` by text through the real bolt app: book, refuse outsiders, list, cancel, move."""

from __future__ import annotations

from datetime import date

import pytest

from core.booking import list_bookings
from core.models import BookingStatus
from tests.adapters.slack.agendar_helpers import agendar, stored
from tests.adapters.slack.harness import SlackHarness
from tests.scenarios.booking_helpers import (
    BRUNO,
    CARLA,
    CLIENT,
    OUTSIDER,
    SECRETARY,
    TUESDAY,
    WEDNESDAY,
    at,
    given_cast,
    secretary_books,
)

MONDAY = date(2026, 11, 23)


async def test_a_secretary_books_by_text_and_both_sides_are_told(slack: SlackHarness) -> None:
    await given_cast(slack.world)
    answer = await agendar(slack, "Metalúrgica 24/11 14:00 60 teamviewer", SECRETARY)
    assert answer.startswith("Agendado: nº 1 · 24/11/2026 14:00–15:00")
    assert "Metalúrgica Exemplo" in answer and "TeamViewer" in answer
    assert "Ana Cliente" in answer
    (booking,) = await stored(slack)
    assert booking[1] == BookingStatus.SCHEDULED
    assert booking[2] == at(TUESDAY, "14:00")
    client_notices = await slack.world.outbox(CLIENT)
    assert any("24/11/2026" in m.text for m in client_notices)
    await slack.deliver()
    assert any("24/11/2026" in text for text in slack.world.telegram.texts_to(CLIENT))
    consultant_dms = slack.fake.posted(BRUNO) + slack.fake.posted(CARLA)
    assert len(consultant_dms) == 1
    assert "24/11/2026" in str(consultant_dms[0].args.get("text"))


async def test_a_full_booking_with_quoted_name_mention_area_and_alternative_hours(
    slack: SlackHarness,
) -> None:
    await given_cast(slack.world)
    text = '"Metalúrgica Exemplo" 24/11 19:00 1h30 "Terminal Service" <@U0CARLA|carla> custos alt'
    answer = await agendar(slack, text, SECRETARY)
    assert "Agendado" in answer and "Carla Consultora" in answer
    assert "horário alternativo" in answer
    core = slack.world.core
    async with core.db.uow() as uow:
        (view,) = await list_bookings(uow, core)
    assert view.booking.medium == "Terminal Service com acesso remoto"
    assert view.booking.area == "Custos" and view.booking.alternative_hours
    assert view.booking.ends_at == at(TUESDAY, "20:30")
    assert view.consultant_name == "Carla Consultora"


WHO_MAY_NOT_BOOK = [
    pytest.param(
        "Metalúrgica 24/11 14:00 60 telefone",
        OUTSIDER,
        "Somente secretárias (ou consultores, para si mesmos) podem agendar para clientes.",
        id="not staff",
    ),
    pytest.param(
        "Metalúrgica 24/11 14:00 <@U0CARLA|carla>",
        BRUNO,
        "Consultores só podem agendar sessões com eles mesmos. Para agendar com outro "
        "consultor, peça a uma secretária.",
        id="a consultant for a colleague",
    ),
]


@pytest.mark.parametrize(("text", "user", "refusal"), WHO_MAY_NOT_BOOK)
async def test_who_may_not_book_is_refused_and_nothing_is_stored(
    slack: SlackHarness, text: str, user: str, refusal: str
) -> None:
    await given_cast(slack.world)
    before = len(await slack.world.outbox())
    assert await agendar(slack, text, user) == refusal
    assert await stored(slack) == []
    assert len(await slack.world.outbox()) == before


async def test_a_repeated_command_delivery_books_once(slack: SlackHarness) -> None:
    from tests.adapters.slack.harness import SECRET
    from tests.fakes import slack_signing as signing

    await given_cast(slack.world)
    signed = signing.command(
        SECRET,
        "/agendar",
        "Metalúrgica 24/11 14:00",
        user_id=SECRETARY,
        trigger_id="trigger.same",
        response_url=slack.fake.response_url,
    )
    assert await slack.post(signed) == 200
    assert await slack.post(signed) == 200
    assert len(await stored(slack)) == 1
    assert "já foi recebido" in slack.fake.responses[-1]["text"]


async def test_lista_shows_today_tomorrow_and_a_given_day(slack: SlackHarness) -> None:
    cast = await given_cast(slack.world)
    today = await secretary_books(slack.world, cast, at(MONDAY, "11:00"))
    tuesday = await secretary_books(slack.world, cast, at(TUESDAY, "14:00"))
    wednesday = await secretary_books(slack.world, cast, at(WEDNESDAY, "10:00"))
    hoje = await agendar(slack, "lista hoje", SECRETARY)
    assert hoje.startswith("*Agendamentos de 23/11/2026 (segunda-feira)*")
    assert f"nº {today} ·" in hoje and f"nº {tuesday} ·" not in hoje
    assert await agendar(slack, "lista", SECRETARY) == hoje
    amanha = await agendar(slack, "lista amanhã", SECRETARY)
    assert "24/11/2026 (terça-feira)" in amanha and f"nº {tuesday} · 24/11/2026 14:00" in amanha
    quarta = await agendar(slack, "lista 25/11", SECRETARY)
    assert f"nº {wednesday} · 25/11/2026 10:00" in quarta and f"nº {tuesday} " not in quarta
    vazio = await agendar(slack, "lista 26/11", SECRETARY)
    assert "Nenhum agendamento." in vazio
    assert "Somente secretárias" in await agendar(slack, "lista", OUTSIDER)


async def test_cancelar_cancels_and_tells_both(slack: SlackHarness) -> None:
    cast = await given_cast(slack.world)
    booking_id = await secretary_books(slack.world, cast, at(TUESDAY, "14:00"))
    before = len(await slack.world.outbox(CLIENT))
    answer = await agendar(slack, f"cancelar {booking_id} cliente pediu", SECRETARY)
    assert (
        answer == f"Agendamento nº {booking_id} cancelado. O cliente e o consultor foram avisados."
    )
    assert (await stored(slack))[0][1] == BookingStatus.CANCELLED
    assert len(await slack.world.outbox(CLIENT)) == before + 1
    again = await agendar(slack, f"cancelar {booking_id}", SECRETARY)
    assert "já foi cancelado" in again


async def test_remarcar_moves_the_booking(slack: SlackHarness) -> None:
    cast = await given_cast(slack.world)
    booking_id = await secretary_books(slack.world, cast, at(TUESDAY, "14:00"))
    answer = await agendar(slack, f"remarcar {booking_id} 25/11 15:00", SECRETARY)
    assert answer.startswith(f"Agendamento nº {booking_id} remarcado: nº {booking_id} · 25/11/2026")
    assert (await stored(slack))[0][2] == at(WEDNESDAY, "15:00")
    client_texts = [m.text for m in await slack.world.outbox(CLIENT)]
    assert any("remarcado (era 24/11/2026 14:00)" in text for text in client_texts)


async def test_ajuda_explains_every_form(slack: SlackHarness) -> None:
    answer = await agendar(slack, "ajuda", SECRETARY)
    for fragment in ("/agendar lista", "/agendar cancelar", "/agendar remarcar", "1h30"):
        assert fragment in answer
    assert "&lt;empresa&gt;" in answer
