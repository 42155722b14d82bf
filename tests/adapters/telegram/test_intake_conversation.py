"""Telegram: typed answers where buttons are shown, greetings before linking, /start with codes."""

from __future__ import annotations

from sqlmodel import select

from core.models import Contact, LinkRequest
from tests.adapters.telegram.conftest import Harness
from tests.scenario import LINKS
from tests.scenarios.intake_helpers import given_company, requests_of

CHAT = "4301"
MENU = ["menu:consult", "menu:support", "menu:bookings", "menu:help"]


def _data(tg: Harness) -> list[str]:
    return [data for _, data in tg.buttons(CHAT)]


async def _company_of(tg: Harness) -> int | None:
    async with tg.world.core.db.uow() as uow:
        statement = select(Contact).where(Contact.external_id == CHAT)
        return (await uow.session.exec(statement)).one().company_id


async def _link_count(tg: Harness) -> int:
    async with tg.world.core.db.uow() as uow:
        return len((await uow.session.exec(select(LinkRequest))).all())


async def test_typing_the_area_where_the_area_buttons_are_picks_it(tg: Harness) -> None:
    await tg.start_linked(CHAT)
    await tg.press(CHAT, "menu:consult")
    await tg.deliver()
    await tg.text(CHAT, "custos")
    await tg.deliver()
    assert tg.last_text(CHAT).startswith("Área: Custos.")
    await tg.text(CHAT, "Como fechar o custo do mês?")
    await tg.deliver()
    [request] = await requests_of(tg.world)
    assert (request.area, request.description) == ("Custos", "Como fechar o custo do mês?")
    assert request.status == "awaiting_terms"


async def test_a_greeting_is_not_a_company_name_and_no_code_leads_to_one(tg: Harness) -> None:
    await given_company(tg.world, name="Indústria Fictícia Ltda")
    await tg.command(CHAT, "/start")
    await tg.deliver()
    assert "código de acesso" in tg.last_text(CHAT)
    assert tg.buttons(CHAT) == [("Não tenho código", "nocode")]
    await tg.text(CHAT, "oi, boa noite, preciso de ajuda")
    await tg.deliver()
    assert "Não reconheci um código de acesso" in tg.last_text(CHAT)
    assert await _link_count(tg) == 0

    await tg.press(CHAT, "nocode")
    await tg.deliver()
    assert "nome ou o CNPJ" in tg.last_text(CHAT)
    await tg.text(CHAT, "Industria Ficticia")
    await tg.deliver()
    assert "Pedi a uma secretária que confirme" in tg.last_text(CHAT)
    assert await _link_count(tg) == 1
    [card] = await tg.world.outbox(LINKS)
    assert '"Industria Ficticia"' in card.text


async def test_a_linked_client_with_an_old_code_stays_linked_with_the_menu(tg: Harness) -> None:
    await tg.start_linked(CHAT)
    linked_to = await _company_of(tg)
    await tg.command(CHAT, "/start ABCD1234")
    await tg.deliver()
    texts = tg.fake.texts_to(CHAT)
    assert "Não reconheci o código ABCD1234" in texts[-2]
    assert _data(tg) == MENU
    assert await _company_of(tg) == linked_to
    assert await _link_count(tg) == 0


async def test_another_companys_code_switches_only_when_confirmed(tg: Harness) -> None:
    await tg.start_linked(CHAT)
    first = await _company_of(tg)
    other = await given_company(tg.world, name="Padaria Central")
    await tg.command(CHAT, f"/start {other.access_code}")
    await tg.deliver()
    assert "Quer trocar para Padaria Central?" in tg.last_text(CHAT)
    switch_ok, switch_no = _data(tg)
    assert switch_ok.startswith("switch_ok:") and switch_no.startswith("switch_no:")
    assert await _company_of(tg) == first

    await tg.press(CHAT, switch_no)
    await tg.deliver()
    assert "continua com a empresa Metalúrgica Exemplo" in tg.fake.texts_to(CHAT)[-2]
    assert await _company_of(tg) == first

    await tg.command(CHAT, f"/start {other.access_code}")
    await tg.deliver()
    switch_ok, _ = _data(tg)
    await tg.press(CHAT, switch_ok)
    await tg.deliver()
    assert "Padaria Central" in tg.fake.texts_to(CHAT)[-2]
    assert _data(tg) == MENU
    assert await _company_of(tg) == other.id
