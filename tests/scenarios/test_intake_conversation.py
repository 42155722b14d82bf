"""SPEC 2 and 5: what a client types where buttons are shown is understood, never misread.

An area typed at the area question picks it; a greeting is not a company's name; a linked client
who sends an old or unknown code stays linked, and another company's code asks first.
"""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest
from sqlmodel import col, select

from core import intake
from core.client import Result, press
from core.clock import ManualClock
from core.db import Database
from core.models import Company, Contact, LinkRequest, LinkRequestStatus, RequestStatus
from core.outbox import Address
from tests.scenario import LINKS, World
from tests.scenarios.intake_helpers import (
    CLIENT,
    OTHER_CLIENT,
    actions,
    ask_consulting,
    given_company,
    labels,
    last_message,
    linked_client,
    load_request,
)

MENU = ["menu:consult", "menu:support", "menu:bookings", "menu:help"]
_keys = itertools.count(1)


async def _press(world: World, action: str, address: Address = CLIENT) -> Result:
    """The client presses the button ``action`` (through the client routes)."""
    inbound = ("test", f"press-{next(_keys)}")
    outcome = await press(world.core, address, action, language="pt-BR", inbound=inbound)
    return outcome.result


async def _company_of(world: World, address: Address = CLIENT) -> int | None:
    async with world.core.db.uow() as uow:
        statement = select(Contact).where(Contact.external_id == address.id)
        contact = (await uow.session.exec(statement)).one()
        return contact.company_id


async def _links(world: World) -> list[LinkRequest]:
    async with world.core.db.uow() as uow:
        statement = select(LinkRequest).order_by(col(LinkRequest.id))
        return list((await uow.session.exec(statement)).all())


# -- the area typed where the area buttons are ----------------------------------------------------


@pytest.mark.parametrize("typed", ["Custos", "custos", "CUSTOS", "  custos. "])
async def test_typing_an_area_name_picks_that_area(
    db: Database, clock: ManualClock, typed: str
) -> None:
    world = World.build(db, clock)
    await linked_client(world, await given_company(world))
    request_id = await ask_consulting(world)
    await intake.handle_text(world.core, CLIENT, typed)
    assert (await last_message(world, CLIENT)).text.startswith("Área: Custos.\nEm uma frase")
    request = await load_request(world, request_id)
    assert (request.area, request.description) == ("Custos", None)
    await intake.handle_text(world.core, CLIENT, "Como fechar o custo do mês?")
    request = await load_request(world, request_id)
    assert request.description == "Como fechar o custo do mês?"
    assert request.status == RequestStatus.AWAITING_TERMS


@pytest.mark.parametrize("typed", ["producao", "PRODUÇÃO", "Produçao"])
async def test_an_area_matches_without_its_accents(
    db: Database, clock: ManualClock, typed: str
) -> None:
    world = World.build(db, clock, areas=("Produção", "Custos"))
    await linked_client(world, await given_company(world))
    request_id = await ask_consulting(world)
    await intake.handle_text(world.core, CLIENT, typed)
    assert (await load_request(world, request_id)).area == "Produção"
    assert "Área: Produção." in (await last_message(world, CLIENT)).text


async def test_typing_nao_sei_leaves_the_area_to_be_defined(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    await linked_client(world, await given_company(world))
    request_id = await ask_consulting(world)
    await intake.handle_text(world.core, CLIENT, "nao sei")
    assert "Área: a definir." in (await last_message(world, CLIENT)).text
    request = await load_request(world, request_id)
    assert (request.area, request.description) == (None, None)


async def test_a_sentence_at_the_area_question_is_still_the_description(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    await linked_client(world, await given_company(world))
    request_id = await ask_consulting(world)
    await intake.handle_text(world.core, CLIENT, "Custos do mês não fecham")
    request = await load_request(world, request_id)
    assert (request.area, request.description) == (None, "Custos do mês não fecham")
    assert request.status == RequestStatus.AWAITING_TERMS


async def test_an_area_name_after_the_area_was_chosen_is_the_description(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    await linked_client(world, await given_company(world))
    request_id = await ask_consulting(world)
    await intake.choose_area(world.core, CLIENT, request_id, 2)  # Estoque
    await intake.handle_text(world.core, CLIENT, "Custos")
    request = await load_request(world, request_id)
    assert (request.area, request.description) == ("Estoque", "Custos")


# -- no access code: the code first, the name only after "Não tenho código" ------------------------


async def test_a_greeting_after_start_asks_for_the_code_and_opens_no_link_request(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    await given_company(world)
    await intake.start(world.core, CLIENT, name="Ana")
    await intake.handle_text(world.core, CLIENT, "oi, boa noite, preciso de ajuda")
    reply = await last_message(world, CLIENT)
    assert "Não reconheci um código de acesso" in reply.text
    assert actions(reply) == ["nocode"]
    assert await _links(world) == []
    assert await world.outbox(LINKS) == []
    assert await _company_of(world) is None


async def test_after_no_code_the_next_text_names_the_company(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    await given_company(world, name="Indústria Fictícia Ltda")
    await intake.start(world.core, CLIENT, name="Ana")
    assert await _press(world, "nocode") is Result.DONE
    assert "Qual é o **nome ou o CNPJ** da sua empresa?" in (await last_message(world, CLIENT)).text
    await intake.handle_text(world.core, CLIENT, "Indústria Fictícia")
    assert "Pedi a uma secretária que confirme" in (await last_message(world, CLIENT)).text
    [link] = await _links(world)
    assert (link.status, link.company_hint) == (LinkRequestStatus.PENDING, "Indústria Fictícia")
    card = await last_message(world, LINKS)
    assert actions(card)[0] == f"link_ok:{link.id}"


async def _with_code(world: World, company: Company, code: str | None) -> Company:
    """The company's access code replaced by ``code`` (None: keep the random one)."""
    if code is None:
        return company
    async with world.core.db.uow() as uow:
        stored = await uow.session.get(Company, company.id)
        assert stored is not None
        stored.access_code = code
        uow.session.add(stored)
        await uow.commit()
        return stored


# Codes are drawn at random: one of letters only reads like a word when typed in lower case.
_CODES = [pytest.param(None, id="random"), pytest.param("QWERTYUP", id="letters-only")]


@pytest.mark.parametrize("code", _CODES)
async def test_a_code_typed_after_no_code_is_still_tried_as_a_code(
    db: Database, clock: ManualClock, code: str | None
) -> None:
    world = World.build(db, clock)
    company = await _with_code(world, await given_company(world), code)
    await intake.start(world.core, CLIENT)
    await _press(world, "nocode")
    await intake.handle_text(world.core, CLIENT, "ZZZZ2222")
    assert (
        "Não encontrei uma empresa ativa com o código ZZZZ2222"
        in (await last_message(world, CLIENT)).text
    )
    await intake.handle_text(world.core, CLIENT, company.access_code.lower())
    assert await _company_of(world) == company.id
    assert actions(await last_message(world, CLIENT)) == MENU
    [draft] = await _links(world)
    assert draft.status == LinkRequestStatus.DROPPED
    assert await world.outbox(LINKS) == []


async def test_a_letters_only_code_typed_in_lower_case_links(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    company = await _with_code(world, await given_company(world), "QWERTYUP")
    await intake.start(world.core, CLIENT)
    await intake.handle_text(world.core, CLIENT, "qwerty-up")
    assert await _company_of(world) == company.id
    assert actions(await last_message(world, CLIENT)) == MENU


async def test_a_word_shaped_like_a_code_is_not_taken_for_one(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    await _with_code(world, await given_company(world), "QWERTYUP")
    await intake.start(world.core, CLIENT)
    await intake.handle_text(world.core, CLIENT, "quebrava")  # 8 letters of the code alphabet
    assert await _company_of(world) is None
    assert "Não reconheci um código de acesso" in (await last_message(world, CLIENT)).text


async def test_start_again_asks_for_the_code_again(db: Database, clock: ManualClock) -> None:
    world = World.build(db, clock)
    await intake.start(world.core, CLIENT)
    await _press(world, "nocode")
    await intake.start(world.core, CLIENT)
    await intake.handle_text(world.core, CLIENT, "bom dia, tudo bem?")
    assert "Não reconheci um código de acesso" in (await last_message(world, CLIENT)).text
    assert [link.status for link in await _links(world)] == [LinkRequestStatus.DROPPED]


async def test_no_code_while_a_link_request_waits_says_it_waits(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    await intake.start(world.core, CLIENT)
    await _press(world, "nocode")
    await intake.handle_text(world.core, CLIENT, "Padaria do Zé")
    await _press(world, "nocode")
    assert 'vínculo com "Padaria do Zé" ainda aguarda' in (await last_message(world, CLIENT)).text
    assert len(await _links(world)) == 1


async def test_no_code_pressed_by_a_linked_client_shows_the_menu(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    company = await given_company(world)
    await linked_client(world, company)
    await _press(world, "nocode")
    assert actions(await last_message(world, CLIENT)) == MENU
    assert await _links(world) == []


async def test_consulting_asked_before_linking_offers_the_no_code_button(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    await intake.start(world.core, CLIENT)
    await intake.begin_consulting(world.core, CLIENT)
    reply = await last_message(world, CLIENT)
    assert "preciso saber de qual empresa" in reply.text
    assert labels(reply) == ["Não tenho código"]


# -- a linked client's /start with a code ----------------------------------------------------------


async def test_a_linked_client_with_an_unknown_code_stays_linked_and_sees_the_menu(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    company = await given_company(world)
    await linked_client(world, company)
    await intake.start(world.core, CLIENT, code="ABCD1234")
    *_, said, menu = await world.outbox(CLIENT)
    assert said.text == (
        "Não reconheci o código ABCD1234. Este chat continua com a empresa Metalúrgica Exemplo."
    )
    assert actions(menu) == MENU
    assert await _company_of(world) == company.id
    assert await _links(world) == []


async def test_a_linked_client_with_their_own_code_sees_the_menu(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    company = await given_company(world)
    await linked_client(world, company)
    await intake.start(world.core, CLIENT, code=company.access_code)
    *_, said, menu = await world.outbox(CLIENT)
    assert said.text == "Este chat já está com a empresa Metalúrgica Exemplo."
    assert actions(menu) == MENU


async def test_another_companys_code_asks_before_switching(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    first = await given_company(world)
    second = await given_company(world, name="Padaria Central")
    await linked_client(world, first)
    await intake.start(world.core, CLIENT, code=second.access_code)
    question = await last_message(world, CLIENT)
    assert "O código enviado é da empresa Padaria Central" in question.text
    assert labels(question) == ["Trocar para Padaria Central", "Continuar com Metalúrgica Exemplo"]
    assert await _company_of(world) == first.id

    switch_ok, _ = actions(question)
    assert await _press(world, switch_ok) is Result.DONE
    assert await _company_of(world) == second.id
    *_, said, menu = await world.outbox(CLIENT)
    assert "Padaria Central" in said.text
    assert actions(menu) == MENU
    assert await _press(world, switch_ok) is Result.EXPIRED  # answered once


async def test_keeping_the_company_leaves_the_client_where_they_were(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    first = await given_company(world)
    second = await given_company(world, name="Padaria Central")
    await linked_client(world, first)
    await intake.start(world.core, CLIENT, code=second.access_code)
    switch_ok, switch_no = actions(await last_message(world, CLIENT))
    assert await _press(world, switch_no) is Result.DONE
    *_, said, menu = await world.outbox(CLIENT)
    assert said.text == "Certo: este chat continua com a empresa Metalúrgica Exemplo."
    assert actions(menu) == MENU
    assert await _press(world, switch_ok) is Result.EXPIRED
    assert await _company_of(world) == first.id


async def test_a_switch_is_refused_while_the_client_waits_in_the_queue(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    first = await given_company(world)
    second = await given_company(world, name="Padaria Central")
    await linked_client(world, first)
    request_id = await ask_consulting(world)
    await intake.choose_area(world.core, CLIENT, request_id, 3)
    await intake.handle_text(world.core, CLIENT, "Como fechar o custo do mês?")
    await intake.accept_terms(world.core, CLIENT, request_id)
    await intake.start(world.core, CLIENT, code=second.access_code)
    switch_ok, _ = actions(await last_message(world, CLIENT))
    assert await _press(world, switch_ok) is Result.REFUSED
    assert await _company_of(world) == first.id
    assert (await load_request(world, request_id)).status == RequestStatus.QUEUED


async def test_a_switch_drops_a_draft_request_of_the_old_company(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    first = await given_company(world)
    second = await given_company(world, name="Padaria Central")
    await linked_client(world, first)
    request_id = await ask_consulting(world)
    await intake.start(world.core, CLIENT, code=second.access_code)
    switch_ok, _ = actions(await last_message(world, CLIENT))
    await _press(world, switch_ok)
    assert (await load_request(world, request_id)).status == RequestStatus.CANCELLED
    assert await _company_of(world) == second.id


async def test_a_switch_question_expires_and_belongs_to_its_client(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    first = await given_company(world)
    second = await given_company(world, name="Padaria Central")
    await linked_client(world, first)
    await linked_client(world, first, OTHER_CLIENT)
    await intake.start(world.core, CLIENT, code=second.access_code)
    switch_ok, _ = actions(await last_message(world, CLIENT))
    assert await _press(world, switch_ok, OTHER_CLIENT) is Result.EXPIRED
    assert await _company_of(world, OTHER_CLIENT) == first.id
    world.clock.advance(timedelta(minutes=31))
    assert await _press(world, switch_ok) is Result.EXPIRED
    assert await _company_of(world) == first.id
