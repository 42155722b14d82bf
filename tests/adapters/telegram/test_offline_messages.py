"""Telegram, closed: *Deixar recado* beside booking; the next text is kept for the team."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import select

from core.models import OfflineMessage
from core.offline import assign_offline_message, resolve_offline_message
from tests.adapters.telegram.conftest import Harness
from tests.scenario import REQUESTS, SAO_PAULO
from tests.scenarios.common_helpers import actions
from tests.scenarios.sessions_helpers import BRUNO

CHAT = "4201"
SATURDAY = datetime(2026, 11, 28, 10, 0, tzinfo=SAO_PAULO)


async def _closed_answer(tg: Harness) -> int:
    """Saturday: consulting, Custos, a description; the closed notice's request id."""
    tg.world.clock.set(SATURDAY)
    await tg.start_linked(CHAT)
    await tg.press(CHAT, "menu:consult")
    await tg.deliver()
    request_id = int(tg.data_starting(CHAT, "area:")[0].split(":")[1])
    await tg.press(CHAT, f"area:{request_id}:3")
    await tg.text(CHAT, "Como fechar o custo do mês?")
    await tg.deliver()
    return request_id


async def _offline_messages(tg: Harness) -> list[OfflineMessage]:
    async with tg.world.core.db.uow() as uow:
        return list((await uow.session.exec(select(OfflineMessage))).all())


async def test_a_client_leaves_a_message_beside_booking_and_hears_when_the_team_sees_it(
    tg: Harness,
) -> None:
    request_id = await _closed_answer(tg)
    notice = tg.message_with(CHAT, f"offline:{request_id}")
    assert "Abrimos segunda-feira, 30/11/2026 às 08:00" in notice["text"]
    assert "deixar um recado" in notice["text"]
    assert tg.data_starting(CHAT, "bday:"), "booking is still offered"

    await tg.press(CHAT, f"offline:{request_id}")
    await tg.deliver()
    assert "Escreva o seu recado" in tg.last_text(CHAT)
    await tg.text(CHAT, "Preciso fechar o custo até segunda. Podem me ligar?")
    await tg.deliver()

    said = tg.last_text(CHAT)
    assert said.startswith("Recado guardado.")
    assert "segunda-feira, 30/11/2026 às 08:00" in said
    [kept] = await _offline_messages(tg)
    assert (kept.status, kept.area) == ("open", "Custos")
    assert kept.text == "Preciso fechar o custo até segunda. Podem me ligar?"
    assert kept.created_at == SATURDAY
    [card] = await tg.world.outbox(REQUESTS)
    assert card.title == f"Recado #{kept.id}"
    assert ("Recado", kept.text) in [(f.label, f.value) for f in card.fields]
    assert ("Deixado em", "28/11/2026 10:00") in [(f.label, f.value) for f in card.fields]
    assert actions(card) == [f"offline_take:{kept.id}", f"offline_done:{kept.id}"]


async def test_the_client_hears_when_someone_takes_the_message(tg: Harness) -> None:
    request_id = await _closed_answer(tg)
    await tg.press(CHAT, f"offline:{request_id}")
    await tg.text(CHAT, "Podem me ligar na segunda?")
    await tg.deliver()
    [kept] = await _offline_messages(tg)
    assert kept.id is not None

    await assign_offline_message(tg.world.core, kept.id, by_staff_key=BRUNO)
    await tg.deliver()
    assert tg.last_text(CHAT).startswith("Bruno")
    assert "viu o seu recado e vai responder em breve" in tg.last_text(CHAT)
    await resolve_offline_message(tg.world.core, kept.id, by_staff_key=BRUNO)
    [kept] = await _offline_messages(tg)
    assert kept.status == "resolved"


async def test_cancelar_abandons_the_message_and_nothing_reaches_the_team(tg: Harness) -> None:
    request_id = await _closed_answer(tg)
    await tg.press(CHAT, f"offline:{request_id}")
    await tg.deliver()
    await tg.command(CHAT, "/cancelar")
    await tg.deliver()
    assert tg.last_text(CHAT) == "Recado cancelado. Nada foi enviado à equipe."
    await tg.text(CHAT, "Isto não é um recado")
    await tg.deliver()
    [dropped] = await _offline_messages(tg)
    assert (dropped.status, dropped.text) == ("dropped", None)
    assert await tg.world.outbox(REQUESTS) == []


async def test_the_menu_abandons_the_message(tg: Harness) -> None:
    request_id = await _closed_answer(tg)
    await tg.press(CHAT, f"offline:{request_id}")
    await tg.command(CHAT, "/start")
    await tg.deliver()
    await tg.text(CHAT, "oi")
    await tg.deliver()
    assert [m.status for m in await _offline_messages(tg)] == ["dropped"]
    assert await tg.world.outbox(REQUESTS) == []


async def test_files_alone_and_overlong_texts_are_asked_again(tg: Harness) -> None:
    request_id = await _closed_answer(tg)
    await tg.press(CHAT, f"offline:{request_id}")
    document = {"file_id": "DOC1", "file_unique_id": "uDOC1", "file_name": "custos.xlsx"}
    await tg.feed(tg.message(CHAT, document=document))
    await tg.deliver()
    assert "só texto" in tg.last_text(CHAT)
    await tg.text(CHAT, "x" * 1501)
    await tg.deliver()
    assert "1.501 caracteres; o limite é 1.500" in tg.last_text(CHAT)
    await tg.text(CHAT, "Agora curto.")
    await tg.deliver()
    [kept] = await _offline_messages(tg)
    assert (kept.status, kept.text) == ("open", "Agora curto.")


async def test_an_old_leave_a_message_button_expires(tg: Harness) -> None:
    request_id = await _closed_answer(tg)
    await tg.command(CHAT, "/cancelar")  # the request itself is cancelled
    await tg.deliver()
    await tg.press(CHAT, f"offline:{request_id}")
    await tg.deliver()
    assert "expirou" in tg.all_text(CHAT)
    assert await _offline_messages(tg) == []
