"""``/agendar``, ``/consultor`` and the booking modal say what is actually wrong (or done).

Inputs are quoted back cut short; each refusal names its real cause; answers say who was told;
the type-ahead offers only companies that may book; ``alternativo`` inside the opening hours is
dropped with a note; ``/consultor`` answers where it was typed.
"""

from __future__ import annotations

import json

import pytest

from adapters.slack.agendar import links, modal
from core.booking import list_bookings
from core.models import BookingStatus
from tests.adapters.slack.agendar_helpers import agendar, select, stored, suggest
from tests.adapters.slack.harness import SlackHarness
from tests.adapters.slack.test_agendar_modal import submission
from tests.scenarios.booking_helpers import (
    CLIENT,
    OUTSIDER,
    SECRETARY,
    TUESDAY,
    at,
    given_cast,
    secretary_books,
)
from tests.scenarios.common_helpers import given_company
from tests.scenarios.queue_helpers import given_consultant, queued_client, slack_user

M = '"Metalúrgica Exemplo"'
LONG = "X" * 6000

LONG_INPUTS = [
    pytest.param(f"{LONG} 24/11 14:00", id="unknown company"),
    pytest.param(LONG, id="company without a date"),
    pytest.param(f'"{LONG}', id="unclosed quote"),
    pytest.param(f"{M} {'1' * 6000} 14:00", id="date"),
    pytest.param(f"{M} 24/11 {'1' * 6000}", id="time"),
    pytest.param(f"{M} 24/11 14:00 {'z' * 6000}", id="word"),
    pytest.param(f"{M} 24/11 14:00 telefone {'9' * 6000}", id="phone"),
    pytest.param(f"{M} 24/11 14:00 @{'a' * 6000}", id="consultant"),
    pytest.param(f"cancelar {LONG}", id="booking number"),
    pytest.param(f"lista {LONG}", id="list day"),
]


@pytest.mark.parametrize("text", LONG_INPUTS)
async def test_a_long_input_is_quoted_back_cut(slack: SlackHarness, text: str) -> None:
    await given_cast(slack.world)
    answer = await agendar(slack, text, SECRETARY)
    assert len(answer) < 800, answer[:200]
    assert "…" in answer


async def test_a_long_consultor_word_and_modal_detail_are_cut(slack: SlackHarness) -> None:
    cast = await given_cast(slack.world)
    await slack.command("/consultor", "z" * 6000, slack_user(9))
    assert len(slack.fake.responses[-1]["text"]) < 300
    detail = {"type": "plain_text_input", "value": "9" * 6000}
    _, answer = await slack.submit(
        submission(cast, {modal.MEDIUM: select("Telefone"), modal.CONNECTION: detail})
    )
    error = answer["errors"][modal.CONNECTION]
    assert len(error) < 400 and "…" in error


async def test_ajuda_with_more_words_says_help_takes_none(slack: SlackHarness) -> None:
    answer = await agendar(slack, "ajuda agora", SECRETARY)
    assert "`/agendar ajuda`" in answer and "“agora”" in answer
    assert "Depois de data e hora" not in answer


async def test_an_unknown_word_is_said_to_be_neither_medium_nor_area(slack: SlackHarness) -> None:
    await given_cast(slack.world)
    answer = await agendar(slack, f"{M} 24/11 14:00 Jardinagem", SECRETARY)
    assert "“Jardinagem” não é um meio nem uma área" in answer
    assert "Custos" in answer and "Telefone" in answer
    assert "Meio desconhecido" not in answer
    after_medium = await agendar(slack, f"{M} 24/11 14:00 telefone Jardinagem", SECRETARY)
    assert "“Jardinagem” não é uma área" in after_medium and "Custos" in after_medium
    assert await stored(slack) == []


async def test_an_area_nobody_serves_is_said_so(slack: SlackHarness) -> None:
    cast = await given_cast(slack.world)
    answer = await agendar(slack, f"{M} 24/11 14:00 Manufatura", SECRETARY)
    assert "Nenhum consultor atende a área Manufatura" in answer
    assert "horário" not in answer
    _, refused = await slack.submit(
        submission(cast, {modal.AREA: select("Manufatura"), modal.CONSULTANT: {}})
    )
    assert "Nenhum consultor atende a área Manufatura" in refused["errors"][modal.AREA]
    assert await stored(slack) == []


async def test_remarcar_with_a_consultant_says_a_move_keeps_the_consultant(
    slack: SlackHarness,
) -> None:
    cast = await given_cast(slack.world)
    booking_id = await secretary_books(slack.world, cast, at(TUESDAY, "14:00"))
    answer = await agendar(slack, f"remarcar {booking_id} 25/11 15:00 @Ana", SECRETARY)
    assert "“@Ana”" in answer and "cancele" in answer
    assert "@consultor" not in answer
    assert (await stored(slack))[0][2] == at(TUESDAY, "14:00")


async def test_without_a_client_contact_only_the_consultant_is_said_told(
    slack: SlackHarness,
) -> None:
    await given_cast(slack.world)
    booked = await agendar(slack, "Têxtil 24/11 14:00", SECRETARY)
    assert "só o consultor foi avisado" in booked
    assert "contato a definir" in booked and "· a definir ·" not in booked
    moved = await agendar(slack, "remarcar 1 25/11 15:00", SECRETARY)
    assert "O cliente e o consultor foram avisados" not in moved
    assert "só o consultor foi avisado" in moved
    cancelled = await agendar(slack, "cancelar 1", SECRETARY)
    assert "O cliente e o consultor foram avisados" not in cancelled
    assert "só o consultor foi avisado" in cancelled
    listed = await agendar(slack, "lista 25/11", SECRETARY)
    assert "contato a definir" not in listed  # cancelled bookings are not listed
    await slack.deliver()
    (notice, *_) = [c.args["text"] for c in slack.fake.posted("U0BRUNO")] + [
        c.args["text"] for c in slack.fake.posted("U0CARLA")
    ]
    assert "Contato: a definir (a empresa não tem contato no bot" in notice


OTHERS_REFUSED = [
    pytest.param("lista", "ver os agendamentos", id="lista"),
    pytest.param("cancelar 1", "cancelar agendamentos", id="cancelar"),
    pytest.param("remarcar 1 25/11 15:00", "remarcar agendamentos", id="remarcar"),
]


@pytest.mark.parametrize(("text", "wording"), OTHERS_REFUSED)
async def test_an_outsider_is_refused_with_the_words_of_what_they_tried(
    slack: SlackHarness, text: str, wording: str
) -> None:
    cast = await given_cast(slack.world)
    await secretary_books(slack.world, cast, at(TUESDAY, "14:00"))
    answer = await agendar(slack, text, OUTSIDER)
    assert wording in answer
    assert "podem agendar para clientes" not in answer
    assert (await stored(slack))[0][1] == BookingStatus.SCHEDULED


async def test_the_type_ahead_leaves_out_companies_not_served_yet(slack: SlackHarness) -> None:
    cast = await given_cast(slack.world)
    shop = await given_company(slack.world, "Loja Varejista", product_line="varejo")
    everyone = [o["value"] for o in await suggest(slack, modal.COMPANY, "", SECRETARY)]
    assert str(shop.id) not in everyone and str(cast.company_id) in everyone
    assert await suggest(slack, modal.COMPANY, "Loja", SECRETARY) == []
    link_view = {"id": "V2", "type": "modal", "callback_id": links.LINK_VIEW, "state": {}}
    for_links = await suggest(slack, modal.COMPANY, "Loja", SECRETARY, link_view)
    assert [o["value"] for o in for_links] == [str(shop.id)]


async def test_alternativo_inside_opening_hours_is_dropped_with_a_note(
    slack: SlackHarness,
) -> None:
    cast = await given_cast(slack.world)
    answer = await agendar(slack, f"{M} 24/11 14:00 alternativo", SECRETARY)
    assert answer.startswith("Agendado: nº 1")
    assert "· horário alternativo" not in answer
    assert "dentro do horário de atendimento" in answer
    core = slack.world.core
    async with core.db.uow() as uow:
        (view,) = await list_bookings(uow, core)
    assert not view.booking.alternative_hours
    client_texts = [m.text for m in await slack.world.outbox(CLIENT)]
    assert not any("Horário alternativo" in text for text in client_texts)
    moved = await agendar(slack, "remarcar 1 25/11 15:00 alternativo", SECRETARY)
    assert "dentro do horário de atendimento" in moved
    checked = {"selected_options": [{"value": "yes"}]}
    status, closed = await slack.submit(
        submission(cast, {modal.ALTERNATIVE: checked, modal.TIME: {"selected_time": "10:00"}})
    )
    assert (status, closed) == (200, {})
    (confirmation,) = slack.ephemerals(SECRETARY)
    assert "dentro do horário de atendimento" in confirmation.args["text"]


async def test_the_offer_dm_has_no_doubled_punctuation(slack: SlackHarness) -> None:
    company = await given_company(slack.world)
    await given_consultant(slack.world, 1, "Bruno", ["Custos"], status="ausente")
    await queued_client(slack.world, company, 1, description="Como fechar o custo do mês?")
    assert await slack.command("/consultor", "disponivel", slack_user(1)) == 200
    await slack.deliver()
    offer = [c.args["text"] for c in slack.fake.posted(slack_user(1)) if "#" in c.args["text"]]
    assert offer, slack.fake.posted(slack_user(1))
    text = offer[-1]
    assert "Como fechar o custo do mês?" in text
    for doubled in ('?".', "..", "?.", '."'):
        assert doubled not in text, text


async def test_the_modal_date_error_speaks_of_the_date_picker(slack: SlackHarness) -> None:
    cast = await given_cast(slack.world)
    _, answer = await slack.submit(submission(cast, {modal.DATE: {"type": "datepicker"}}))
    error = answer["errors"][modal.DATE]
    assert "calendário" in error and "dd/mm" not in error
    _, answer = await slack.submit(submission(cast, {modal.TIME: {"type": "timepicker"}}))
    assert "hh:mm" not in answer["errors"][modal.TIME]


async def test_consultor_disponivel_answers_where_it_was_typed(slack: SlackHarness) -> None:
    await given_company(slack.world)
    await given_consultant(slack.world, 1, "Bruno", ["Custos"], status="ausente")
    assert await slack.command("/consultor", "disponivel", slack_user(1), "C_TEAM") == 200
    (answer,) = slack.fake.responses
    assert answer["response_type"] == "ephemeral"
    assert answer["text"] == "Seu status agora é: disponível."
    await slack.deliver()
    assert any("disponível" in c.args["text"] for c in slack.fake.posted(slack_user(1)))
    assert json.dumps(answer)  # plain JSON, nothing else
