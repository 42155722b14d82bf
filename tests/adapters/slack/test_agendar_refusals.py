"""``/agendar`` with malformed or impossible input: a specific reason each, and nothing stored."""

from __future__ import annotations

import pytest

from core.companies import add_company
from tests.adapters.slack.agendar_helpers import agendar, stored
from tests.adapters.slack.harness import SlackHarness
from tests.scenarios.booking_helpers import SECRETARY, WEDNESDAY, at, given_cast, secretary_books

M = '"Metalúrgica Exemplo"'
"""The company, quoted: "Metalúrgica" alone is ambiguous in this module."""

CASES = [
    # dates
    (f"{M} 31/02 14:00", "Data inválida: “31/02”"),
    (f"{M} 24/13 14:00", "Data inválida: “24/13”"),
    ("Metalúrgica Exemplo 2411 14:00", "Data inválida: “2411”"),
    (f"{M} ontem 14:00", "Data inválida: “ontem”"),
    (f"{M} 14:00", "Falta a data"),
    (f"{M}", "Falta a data"),
    (f"{M} 24/11", "Falta o horário"),
    # times
    (f"{M} 24/11 25:00", "Horário inválido: “25:00”"),
    (f"{M} 24/11 14:61", "Horário inválido: “14:61”"),
    (f"{M} 24/11 tarde", "Horário inválido: “tarde”"),
    (f"{M} 20/11 14:00", "já passou"),
    (f"{M} hoje 09:00", "já passou"),
    (f"{M} 24/11/2025 14:00", "já passou"),
    # opening hours
    (f"{M} 29/11 14:00", "Não há atendimento em 29/11/2026"),
    (f"{M} 28/11 10:00", "Não há atendimento em 28/11/2026"),
    (f"{M} 25/12 14:00", "Não há atendimento em 25/12/2026: Natal"),
    (f"{M} 24/11 12:30", "fora do horário de atendimento"),
    (f"{M} 24/11 19:00", "fora do horário de atendimento"),
    (f"{M} 24/11 17:30 60", "fora do horário de atendimento"),
    # company and consultant
    ("Inexistente 24/11 14:00", "Empresa não encontrada: “Inexistente”"),
    ("Metalúrgica 24/11 14:00", "corresponde a 2 empresas"),
    (f"{M} 24/11 14:00 <@U0NOBODY|nobody>", "Consultor não encontrado: <@U0NOBODY>"),
    (f"{M} 24/11 14:00 @zezinho", "Consultor não encontrado: @zezinho"),
    (f"{M} 25/11 14:00 <@U0BRUNO|bruno>", "Bruno Consultor já tem o agendamento nº 1"),
    (f"{M} 24/11 14:00 <@U0BRUNO|bruno> financeiro", "Bruno Consultor não atende a área"),
    # durations and media
    (f"{M} 24/11 14:00 0", "Duração inválida: 0 min"),
    (f"{M} 24/11 14:00 45", "Duração inválida: 45 min"),
    (f"{M} 24/11 14:00 999", "Duração inválida: 999 min"),
    (f"{M} 24/11 08:00 13h", "Duração inválida: 780 min"),
    (f"{M} 24/11 14:00 1h75", "Duração inválida: “1h75”"),
    (f"{M} 24/11 14:00 60 pombo", "“pombo” não é um meio nem uma área"),
    (f"{M} 24/11 14:00 telefone tv", "Informado duas vezes: “telefone” e “tv”"),
    (f"{M} 24/11 14:00 60 90", "Informado duas vezes: “60” e “90”"),
    # extra words, quotes
    (f"{M} 24/11 14:00 60 telefone sobrando", "“sobrando” não é uma área"),
    ('"Metalúrgica Exemplo 24/11 14:00', "aspas sem fechar"),
    ("ajuda agora", "`/agendar ajuda` não leva complemento (sobrou “agora”)"),
    # cancelar / remarcar / lista
    ("cancelar", "Falta o número do agendamento"),
    ("cancelar abc", "Número de agendamento inválido: “abc”"),
    ("cancelar 999", "Agendamento nº 999 não encontrado"),
    ("remarcar x 25/11 15:00", "Número de agendamento inválido: “x”"),
    ("remarcar 999 25/11 15:00", "Agendamento nº 999 não encontrado"),
    ("remarcar 1", "Falta a nova data"),
    ("remarcar 1 26/11", "Falta o novo horário"),
    ("remarcar 1 31/11 15:00", "Data inválida: “31/11”"),
    ("remarcar 1 25/11 14:00", "já está marcado para 25/11/2026 14:00"),
    ("remarcar 1 26/11 19:00", "fora do horário de atendimento"),
    ("remarcar 1 26/11 15:00 @Ana", "o consultor continua o mesmo (“@Ana” não é aceito aqui)"),
    ("remarcar 1 26/11 15:00 2h", "Ao remarcar, depois da data e do horário só cabe"),
    (f"{M} 24/11 14:00 Manufatura", "Nenhum consultor atende a área Manufatura"),
    ("lista ontem", "Dia inválido: “ontem”"),
    ("lista 31/02", "Dia inválido: “31/02”"),
    ("lista hoje amanhã", "Não entendi “amanhã”"),
]


@pytest.mark.parametrize(("text", "reason"), CASES, ids=[c[0] for c in CASES])
async def test_a_bad_agendar_is_refused_with_its_reason(
    slack: SlackHarness, text: str, reason: str
) -> None:
    cast = await given_cast(slack.world)
    async with slack.world.core.db.uow() as uow:
        await add_company(
            uow,
            slack.world.clock,
            name="Metalúrgica Irmãos",
            cnpj=None,
            product_line="industrial",
            hourly_rate_cents=15000,
            lines=slack.world.core.config.product_lines,
        )
        await uow.commit()
    assert await secretary_books(slack.world, cast, at(WEDNESDAY, "14:00")) == 1
    before = await stored(slack)
    outbox_before = len(await slack.world.outbox())
    answer = await agendar(slack, text, SECRETARY)
    assert reason in answer
    assert "Agendado" not in answer
    assert await stored(slack) == before
    assert len(await slack.world.outbox()) == outbox_before


def test_there_are_at_least_thirty_refusals() -> None:
    assert len(CASES) >= 30
