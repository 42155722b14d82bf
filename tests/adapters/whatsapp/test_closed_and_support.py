"""WhatsApp beyond the consulting queue: a Saturday's closed notice (leave a message for the team,
or book) and a free support chat relayed both ways — the same core paths Telegram takes."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import select

from core.models import OfflineMessage
from core.outbox import Address
from core.sessions import end_session, relay_from_staff
from tests.adapters.whatsapp.conftest import WaHarness
from tests.scenario import SAO_PAULO, SUPPORT
from tests.scenarios.common_helpers import actions
from tests.scenarios.sessions_helpers import (
    ATTENDANT,
    given_cast,
    open_session_of,
    stored_session,
    thread_of,
)

CLIENT = "5548988887777"
SATURDAY = datetime(2026, 11, 28, 10, 0, tzinfo=SAO_PAULO)


def _offered(wa: WaHarness) -> list[str]:
    """Every choice id offered to the client so far (each interactive message's)."""
    return [
        i for call in wa.fake.sent(CLIENT) if call.kind == "interactive" for i, _ in call.choices()
    ]


async def _linked(wa: WaHarness) -> None:
    cast = await given_cast(wa.world)
    assert await wa.text(CLIENT, f"CODIGO {cast.access_code}") == 200
    await wa.deliver()


async def test_on_a_saturday_the_client_leaves_a_message_for_the_team(wa: WaHarness) -> None:
    wa.world.clock.set(SATURDAY)
    await _linked(wa)
    await wa.press(CLIENT, "menu:consult")
    await wa.deliver()
    request_id = int(wa.ids_starting(CLIENT, "area:")[0].split(":")[1])
    await wa.press(CLIENT, f"area:{request_id}:3")
    await wa.deliver()
    await wa.text(CLIENT, "Como fechar o custo do mês?")
    await wa.deliver()

    said = wa.all_text(CLIENT)
    assert "Abrimos segunda-feira, 30/11/2026 às 08:00" in said
    assert f"offline:{request_id}" in _offered(wa)
    assert any(i.startswith("bday:") for i in _offered(wa)), "booking is still offered"

    await wa.press(CLIENT, f"offline:{request_id}")
    await wa.deliver()
    await wa.text(CLIENT, "Preciso fechar o custo até segunda. Podem me ligar?")
    await wa.deliver()
    assert "Recado guardado." in wa.all_text(CLIENT)
    async with wa.world.core.db.read() as uow:
        [kept] = (await uow.session.exec(select(OfflineMessage))).all()
    assert kept.text == "Preciso fechar o custo até segunda. Podem me ligar?"
    assert kept.area == "Custos"


async def test_a_support_chat_is_relayed_both_ways_and_ends_free(wa: WaHarness) -> None:
    await _linked(wa)
    await wa.press(CLIENT, "menu:support")
    await wa.deliver()
    card = (await wa.world.outbox(SUPPORT))[-1]
    assert actions(card)[0].startswith("convert:"), "the support room got the chat's card"
    session = await open_session_of(wa.world, Address("whatsapp", CLIENT))
    assert session.id is not None

    await wa.text(CLIENT, "O relatório de estoque não abre.")
    await wa.deliver()
    thread = await thread_of(wa.world, session.id)
    assert any("O relatório de estoque não abre." in m.text for m in await wa.world.outbox(thread))

    await relay_from_staff(wa.world.core, thread, ATTENDANT, "Limpe o cache e tente de novo.")
    await wa.deliver()
    assert "Limpe o cache e tente de novo." in wa.all_text(CLIENT)

    await end_session(wa.world.core, session.id, by=ATTENDANT)
    await wa.deliver()
    ended = await stored_session(wa.world, session.id)
    assert ended.ended_at is not None
    assert "R$" not in wa.all_text(CLIENT).split("Limpe o cache")[-1], "support is free"
