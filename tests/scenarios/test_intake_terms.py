"""SPEC 5, steps 2-5: a consulting request, the terms with the company's numbers, the consent."""

from __future__ import annotations

import pytest

from core import intake
from core.clock import ManualClock
from core.companies import update_company
from core.db import Database
from core.errors import BusinessError, InvalidInput
from core.models import RequestStatus
from core.terms import current_terms, shipped_template, terms_text_sha256
from tests.scenario import World
from tests.scenarios.intake_helpers import (
    CLIENT,
    OTHER_CLIENT,
    actions,
    ask_consulting,
    consents,
    given_company,
    labels,
    last_message,
    linked_client,
    load_request,
    requests_of,
    to_terms_card,
)


async def test_the_client_reaches_the_terms_with_the_companys_own_rate(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    company = await given_company(world, rate_cents=18000)
    await linked_client(world, company)
    request_id = await ask_consulting(world)
    question = await last_message(world, CLIENT)
    assert question.text == "Em qual área é a sua dúvida?"
    assert labels(question) == [*world.core.config.areas, "Não sei"]
    assert actions(question)[0] == f"area:{request_id}:0"
    assert actions(question)[-1] == f"area:{request_id}:x"

    await intake.choose_area(world.core, CLIENT, request_id, 3)
    assert "Área: Custos." in (await last_message(world, CLIENT)).text
    await intake.handle_text(world.core, CLIENT, "  Como   fechar o custo do mês?  ")

    card = await last_message(world, CLIENT)
    assert "**R$\xa0180,00 por hora**" in card.text
    assert "períodos de 30 minutos; cada período custa R$\xa090,00" in card.text
    assert "A cobrança mínima é de 30 minutos" in card.text
    assert "45 minutos são 2 períodos, ou seja, R$\xa0180,00" in card.text
    assert labels(card) == ["Aceito", "Não aceito"]
    assert actions(card) == [f"terms_ok:{request_id}", f"terms_no:{request_id}"]
    request = await load_request(world, request_id)
    assert request.status == RequestStatus.AWAITING_TERMS
    assert (request.area, request.description) == ("Custos", "Como fechar o custo do mês?")


async def test_acceptance_records_the_consent_with_the_text_and_rate_shown(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    company = await given_company(world, rate_cents=18000)
    await linked_client(world, company)
    request_id = await to_terms_card(world)
    card = await last_message(world, CLIENT)
    async with world.core.db.uow() as uow:
        await update_company(uow, world.clock, company.id or 0, hourly_rate_cents=24000)
        terms = await current_terms(uow, "pt-BR")
        await uow.commit()
    world.advance(minutes=2)

    await intake.accept_terms(world.core, CLIENT, request_id, message_ref="5001:77")

    [consent] = await consents(world, request_id)
    assert consent.accepted
    assert consent.rate_cents_shown == 18000
    assert consent.text_sha256 == terms_text_sha256(card.text)
    assert terms is not None and consent.terms_version_id == terms.id
    assert (consent.contact_id, consent.company_id) == (
        (await load_request(world, request_id)).contact_id,
        company.id,
    )
    assert (consent.channel, consent.message_ref) == ("telegram", "5001:77")
    assert consent.created_at == world.clock.now()
    texts = [m.text for m in await world.outbox(CLIENT)]
    assert any("Aceite registrado em 23/11/2026 10:02" in text for text in texts)


async def test_a_client_who_declines_is_recorded_and_offered_free_support(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    company = await given_company(world)
    await linked_client(world, company)
    request_id = await to_terms_card(world)
    await intake.refuse_terms(world.core, CLIENT, request_id)

    [consent] = await consents(world, request_id)
    assert not consent.accepted and consent.rate_cents_shown == 18000
    assert (await load_request(world, request_id)).status == RequestStatus.REFUSED
    reply = await last_message(world, CLIENT)
    assert "nada será cobrado" in reply.text
    assert actions(reply) == ["menu:support"]


async def test_an_unserved_product_line_is_refused_politely_with_nothing_queued(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    company = await given_company(world, name="Loja Exemplo", product_line="Varejo")
    await linked_client(world, company)
    await intake.begin_consulting(world.core, CLIENT)
    reply = await last_message(world, CLIENT)
    assert "ainda não está disponível para a linha de produto Varejo" in reply.text
    assert actions(reply) == ["menu:support"]
    assert await requests_of(world) == []


async def test_an_inactive_company_is_refused(db: Database, clock: ManualClock) -> None:
    world = World.build(db, clock)
    company = await given_company(world)
    await linked_client(world, company)
    async with world.core.db.uow() as uow:
        await update_company(uow, world.clock, company.id or 0, active=False)
        await uow.commit()
    await intake.begin_consulting(world.core, CLIENT)
    assert "não está ativo" in (await last_message(world, CLIENT)).text
    assert await requests_of(world) == []


async def test_an_unlinked_person_is_asked_to_link_before_consulting(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    await intake.begin_consulting(world.core, CLIENT)
    assert "código de acesso" in (await last_message(world, CLIENT)).text
    assert await requests_of(world) == []


async def test_a_repeated_delivery_acts_once(db: Database, clock: ManualClock) -> None:
    world = World.build(db, clock)
    company = await given_company(world)
    await linked_client(world, company)
    request_id = await to_terms_card(world)
    before = len(await world.outbox(CLIENT))
    for _ in range(2):
        await intake.refuse_terms(world.core, CLIENT, request_id, inbound=("telegram", "900"))
    assert len(await consents(world, request_id)) == 1
    assert len(await world.outbox(CLIENT)) == before + 2  # the card's edit and the reply


async def test_a_stale_terms_button_says_it_expired(db: Database, clock: ManualClock) -> None:
    world = World.build(db, clock)
    company = await given_company(world)
    await linked_client(world, company)
    await linked_client(world, company, OTHER_CLIENT)
    request_id = await to_terms_card(world)
    with pytest.raises(BusinessError) as foreign:
        await intake.accept_terms(world.core, OTHER_CLIENT, request_id)
    assert foreign.value.render("pt-BR") == "Esta opção expirou. Envie /start para ver o menu."
    await intake.refuse_terms(world.core, CLIENT, request_id)
    before = await world.outbox()
    with pytest.raises(BusinessError) as stale:
        await intake.accept_terms(world.core, CLIENT, request_id)
    assert stale.value.key == "intake.expired"
    assert len(await consents(world, request_id)) == 1
    assert await world.outbox() == before


async def test_the_description_is_required_and_capped(db: Database, clock: ManualClock) -> None:
    world = World.build(db, clock)
    company = await given_company(world)
    await linked_client(world, company)
    request_id = await ask_consulting(world)
    with pytest.raises(InvalidInput) as empty:
        await intake.describe(world.core, CLIENT, "   ")
    assert empty.value.render("pt-BR") == "Escreva em uma frase o que você quer aprender."
    with pytest.raises(InvalidInput) as long:
        await intake.handle_text(world.core, CLIENT, "x" * 1001)
    assert "1001 caracteres; o limite é 1000" in long.value.render("pt-BR")
    assert (await load_request(world, request_id)).status == RequestStatus.DRAFT


async def test_text_while_the_terms_wait_asks_for_an_answer(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    company = await given_company(world)
    await linked_client(world, company)
    await to_terms_card(world)
    await intake.handle_text(world.core, CLIENT, "e então?")
    assert "responda aos termos acima" in (await last_message(world, CLIENT)).text


async def test_cancel_drops_a_request_awaiting_the_terms(db: Database, clock: ManualClock) -> None:
    world = World.build(db, clock)
    company = await given_company(world)
    await linked_client(world, company)
    request_id = await to_terms_card(world)
    await intake.cancel_current(world.core, CLIENT)
    assert "Pedido cancelado" in (await last_message(world, CLIENT)).text
    assert (await load_request(world, request_id)).status == RequestStatus.CANCELLED
    with pytest.raises(BusinessError):
        await intake.accept_terms(world.core, CLIENT, request_id)
    await intake.cancel_current(world.core, CLIENT)
    assert "nenhum pedido em andamento" in (await last_message(world, CLIENT)).text


async def test_asking_again_replaces_an_unfinished_request(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    company = await given_company(world)
    await linked_client(world, company)
    first = await ask_consulting(world)
    second = await ask_consulting(world)
    assert (await load_request(world, first)).status == RequestStatus.CANCELLED
    assert (await load_request(world, second)).status == RequestStatus.DRAFT
    with pytest.raises(BusinessError):
        await intake.choose_area(world.core, CLIENT, first, 0)


async def test_a_linked_client_writing_anything_gets_the_menu(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    company = await given_company(world)
    await linked_client(world, company)
    await intake.handle_text(world.core, CLIENT, "bom dia")
    assert actions(await last_message(world, CLIENT))[0] == "menu:consult"
    await intake.show_help(world.core, CLIENT)
    assert "períodos de 30 minutos" in (await last_message(world, CLIENT)).text


async def test_the_help_names_the_opening_hours_and_where_to_learn_more(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock, more_info="Telefone (47) 3333-0000 · exemplo.com.br/consultoria")
    company = await given_company(world)
    await linked_client(world, company)
    await intake.show_help(world.core, CLIENT)
    help_text = (await last_message(world, CLIENT)).text
    assert (
        "**Horário de atendimento**: segunda-feira a sexta-feira: 08:00–12:00, 13:30–18:00 "
        "(exceto feriados)"
    ) in help_text
    assert help_text.endswith(
        "**Mais informações**: Telefone (47) 3333-0000 · exemplo.com.br/consultoria"
    )

    plain = World.build(db, clock)
    await intake.show_help(plain.core, CLIENT)
    assert "Mais informações" not in (await last_message(plain, CLIENT)).text


def test_the_shipped_terms_state_hours_alternative_hours_and_what_is_not_included() -> None:
    text = shipped_template("pt-BR")
    for condition in (
        "Fora dele, só em horário alternativo combinado com o consultor",
        "valem só para a Consultoria Online a distância",
        "visita presencial, ela é contratada à parte",
        "remarcados ou cancelados em **Meus agendamentos**",
    ):
        assert condition in text, condition
