"""The web chat on the same core path as Telegram: the code first, areas typed, codes of a linked
browser."""

from __future__ import annotations

from sqlmodel import select

from core.models import LinkRequest, Request
from tests.web.client.helpers import choice, given_company, message_id, press, say, texts
from tests.web.conftest import WebWorld

MENU = ["menu:consult", "menu:support", "menu:bookings", "menu:help"]


async def _links(web: WebWorld) -> list[LinkRequest]:
    async with web.core.db.uow() as uow:
        return list((await uow.session.exec(select(LinkRequest))).all())


async def test_a_greeting_asks_for_the_code_and_no_code_leads_to_a_link_request(
    web: WebWorld,
) -> None:
    await given_company(web)
    ana = await web.browser()
    status, _ = await ana.post("/chat/start", {"message_id": message_id()})
    assert status == 200
    await web.deliver()
    seen = await ana.events()
    assert "código de acesso" in texts(seen)
    no_code, ref = choice(seen, "nocode")

    await say(ana, "oi, boa noite, preciso de ajuda")
    await web.deliver()
    assert "Não reconheci um código de acesso" in texts(await ana.events(at_least=2))
    assert await _links(web) == []

    await press(ana, no_code, ref)
    await web.deliver()
    assert "nome ou o CNPJ" in texts(await ana.events())
    await say(ana, "Metalúrgica Exemplo")
    await web.deliver()
    assert "Pedi a uma secretária" in texts(await ana.events(at_least=2))
    [link] = await _links(web)
    assert link.company_hint == "Metalúrgica Exemplo"


async def test_a_linked_browser_typing_an_area_or_an_unknown_code(web: WebWorld) -> None:
    company = await given_company(web)
    ana = await web.browser()
    await ana.post("/chat/start", {"code": company.access_code, "message_id": message_id()})
    await web.deliver()
    await press(ana, *choice(await ana.events(at_least=2), "menu:consult"))
    await web.deliver()
    await ana.events()
    await say(ana, "MANUFATURA")
    await web.deliver()
    assert "Área: Manufatura." in texts(await ana.events(at_least=2))
    async with web.core.db.uow() as uow:
        [request] = (await uow.session.exec(select(Request))).all()
    assert (request.area, request.description) == ("Manufatura", None)

    answer = await say(ana, "/start ABCD1234")
    assert answer["linked"] is True
    await web.deliver()
    seen = await ana.events(at_least=3)
    assert "Não reconheci o código ABCD1234" in texts(seen)
    assert [button["action"] for button in seen[-1]["choices"]] == MENU
