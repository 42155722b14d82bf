"""SPEC 2 and 5.1: a person reaches the bot, is linked to a company, and gets the menu."""

from __future__ import annotations

import pytest
from sqlmodel import select

from core import intake
from core.clock import ManualClock
from core.db import Database
from core.errors import Conflict, Forbidden
from core.models import Contact, LinkRequest
from tests.scenario import LINKS, World
from tests.scenarios.intake_helpers import (
    CLIENT,
    SECRETARY,
    actions,
    given_company,
    given_staff,
    labels,
    last_message,
    linked_client,
)

MENU = ["menu:consult", "menu:support", "menu:bookings", "menu:help"]


async def _contact(world: World) -> Contact:
    async with world.core.db.uow() as uow:
        statement = select(Contact).where(Contact.external_id == CLIENT.id)
        contact = (await uow.session.exec(statement)).first()
        assert contact is not None
        return contact


async def test_a_deep_link_code_links_the_client_and_shows_the_menu(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    company = await given_company(world)
    await linked_client(world, company)
    texts = [m.text for m in await world.outbox(CLIENT)]
    assert "O seu acesso está vinculado à empresa Metalúrgica Exemplo" in texts[0]
    menu = await last_message(world, CLIENT)
    assert actions(menu) == MENU
    assert labels(menu) == [
        "Consultoria Online",
        "Suporte técnico",
        "Meus agendamentos",
        "Ajuda",
    ]
    contact = await _contact(world)
    assert (contact.company_id, contact.name) == (company.id, "Ana Cliente")


async def test_a_linked_client_is_greeted_by_name_with_the_menu(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    company = await given_company(world)
    await linked_client(world, company)
    await intake.start(world.core, CLIENT)
    greeting = await last_message(world, CLIENT)
    assert greeting.text.startswith("Olá, Ana Cliente!")
    assert actions(greeting) == MENU


async def test_an_unknown_person_is_asked_for_the_code_with_a_no_code_button(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    await intake.start(world.core, CLIENT, name="Ana")
    reply = await last_message(world, CLIENT)
    assert "código de acesso" in reply.text
    assert actions(reply) == ["nocode"]
    assert labels(reply) == ["Não tenho código"]
    await intake.no_code(world.core, CLIENT)
    assert "nome ou o CNPJ" in (await last_message(world, CLIENT)).text


async def test_an_unknown_code_is_refused_and_asked_again(db: Database, clock: ManualClock) -> None:
    world = World.build(db, clock)
    await given_company(world)
    await intake.start(world.core, CLIENT, code="ZZZZ2222")
    reply = await last_message(world, CLIENT)
    assert "Não encontrei uma empresa ativa com o código ZZZZ2222" in reply.text
    assert "envie de novo" in reply.text
    assert (await _contact(world)).company_id is None


async def test_the_code_of_an_inactive_company_does_not_link(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    company = await given_company(world, active=False)
    await intake.start(world.core, CLIENT, code=company.access_code)
    assert "Não encontrei uma empresa ativa" in (await last_message(world, CLIENT)).text
    assert (await _contact(world)).company_id is None


async def test_a_typed_code_links_the_client(db: Database, clock: ManualClock) -> None:
    world = World.build(db, clock)
    company = await given_company(world)
    await intake.start(world.core, CLIENT)
    code = company.access_code
    await intake.handle_text(world.core, CLIENT, f" {code[:4]}-{code[4:]} ")
    assert (await _contact(world)).company_id == company.id
    assert actions(await last_message(world, CLIENT)) == MENU


async def test_a_secretary_approves_a_link_request_and_the_client_gets_the_menu(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    company = await given_company(world, name="Indústria Fictícia Ltda")
    await given_staff(world)
    await intake.start(world.core, CLIENT, name="Ana")
    await intake.no_code(world.core, CLIENT)
    await intake.handle_text(world.core, CLIENT, "Industria Ficticia")
    assert "Pedi a uma secretária que confirme" in (await last_message(world, CLIENT)).text
    card = await last_message(world, LINKS)
    assert card.title == "Pedido de vínculo"
    assert 'Ana pede vínculo com a empresa "Industria Ficticia"' in card.text
    approve, refuse = card.choices
    assert approve.label == "Aprovar: Indústria Fictícia Ltda"
    assert refuse.label == "Recusar"
    link_id = int(approve.action.split(":")[1])
    assert (approve.action, refuse.action) == (f"link_ok:{link_id}", f"link_no:{link_id}")

    await intake.decide_link(world.core, link_id, by_staff_key=SECRETARY, approve=True)
    assert (await _contact(world)).company_id == company.id
    assert actions(await last_message(world, CLIENT)) == MENU
    updated = await last_message(world, LINKS)
    assert f"Vínculo aprovado por <@{SECRETARY}>" in updated.text
    assert updated.choices == ()


async def test_only_a_secretary_may_decide_a_link_request(db: Database, clock: ManualClock) -> None:
    world = World.build(db, clock)
    await given_company(world, name="Indústria Fictícia Ltda")
    await given_staff(world)
    await intake.start(world.core, CLIENT)
    await intake.request_link(world.core, CLIENT, "Indústria Fictícia")
    card = await last_message(world, LINKS)
    link_id = int(card.choices[0].action.split(":")[1])
    with pytest.raises(Forbidden) as refused:
        await intake.decide_link(world.core, link_id, by_staff_key="U0NOBODY", approve=True)
    assert refused.value.render("pt-BR") == "Somente secretárias podem aprovar ou recusar vínculos."
    assert (await _contact(world)).company_id is None

    await intake.decide_link(world.core, link_id, by_staff_key=SECRETARY, approve=False)
    assert "Não foi possível confirmar o seu vínculo" in (await last_message(world, CLIENT)).text
    with pytest.raises(Conflict) as again:
        await intake.decide_link(world.core, link_id, by_staff_key=SECRETARY, approve=True)
    assert f"já foi recusado por <@{SECRETARY}> em 23/11/2026 10:00" in again.value.render("pt-BR")
    assert (await _contact(world)).company_id is None


async def test_a_second_company_hint_does_not_open_a_second_link_request(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    await intake.start(world.core, CLIENT)
    await intake.no_code(world.core, CLIENT)
    await intake.handle_text(world.core, CLIENT, "Padaria do Zé")
    await intake.handle_text(world.core, CLIENT, "Padaria do Zé Ltda")
    assert "ainda aguarda a confirmação" in (await last_message(world, CLIENT)).text
    async with world.core.db.uow() as uow:
        assert len((await uow.session.exec(select(LinkRequest))).all()) == 1
