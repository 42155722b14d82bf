"""The web chat when closed: *Deixar recado* beside booking; the next text is kept for the team."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import select

from bot.wiring import WEB_STAFF_ROOMS
from core.models import OfflineMessage
from tests.web.client.helpers import (
    choice,
    given_company,
    given_consultant,
    message_id,
    press,
    say,
    staff_room,
    texts,
)
from tests.web.conftest import Browser, WebWorld

SAO_PAULO = ZoneInfo("America/Sao_Paulo")


async def _closed_answer(web: WebWorld) -> tuple[Browser, list[dict[str, Any]]]:
    """Monday 20:00: a client asks for consulting in Custos and describes it."""
    web.clock.set(datetime(2026, 11, 23, 20, 0, tzinfo=SAO_PAULO))
    company = await given_company(web)
    await given_consultant(web)
    ana = await web.browser()
    await ana.post("/chat/start", {"code": company.access_code, "message_id": message_id()})
    await web.deliver()
    await press(ana, *choice(await ana.events(at_least=2), "menu:consult"))
    await web.deliver()
    asked, _ = choice(await ana.events(), "area:")
    await press(ana, f"area:{asked.split(':')[1]}:3")
    await web.deliver()
    await ana.events()
    await say(ana, "Como fechar o custo do mês?")
    await web.deliver()
    return ana, await ana.events(at_least=2)


async def _kept(web: WebWorld) -> list[OfflineMessage]:
    async with web.core.db.uow() as uow:
        return list((await uow.session.exec(select(OfflineMessage))).all())


async def test_a_web_client_leaves_a_message_that_reaches_the_console_room(
    web: WebWorld,
) -> None:
    ana, events = await _closed_answer(web)
    shown = texts(events)
    assert "Abrimos terça-feira, 24/11/2026 às 08:00" in shown
    offered = [c["action"] for e in events for c in e["choices"]]
    assert any(a.startswith("bday:") for a in offered), "booking is still offered"

    await press(ana, *choice(events, "offline:"))
    await web.deliver()
    asked = texts(await ana.events())
    assert "Escreva o seu recado" in asked
    assert "toque em Menu" in asked and "/cancelar" not in asked, "the web chat's own words"
    await say(ana, "Podem me ligar amanhã cedo?")
    await web.deliver()

    said = texts(await ana.events())
    assert "Recado guardado. A equipe vai vê-lo terça-feira, 24/11/2026 às 08:00" in said
    [kept] = await _kept(web)
    assert (kept.status, kept.text, kept.area) == ("open", "Podem me ligar amanhã cedo?", "Custos")
    [card] = await staff_room(web, WEB_STAFF_ROOMS.requests.id)
    assert "(Metalúrgica Exemplo), deixado fora do horário." in card


async def test_going_to_the_menu_abandons_the_message(web: WebWorld) -> None:
    ana, events = await _closed_answer(web)
    await press(ana, *choice(events, "offline:"))
    await web.deliver()
    await ana.events()
    await say(ana, "/menu")
    await web.deliver()
    await say(ana, "Só queria ver o menu")
    await web.deliver()
    assert [m.status for m in await _kept(web)] == ["dropped"]
    assert await staff_room(web, WEB_STAFF_ROOMS.requests.id) == []
