"""What the chat page needs to show who wrote each message and when, and the billing receipt.

Through real HTTP: the events a client's page reads name the author of a relayed message and
their side apart from the body (the other channels keep "Nome: texto"), carry an aware time,
and mark the billing summary as a receipt with its lines and total.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from core.outbox import Address
from core.queue import claim_request
from core.sessions import relay_from_staff
from tests.web.client.helpers import (
    CONSULTANT,
    consult,
    given_company,
    given_consultant,
    message_id,
    press,
    say,
    staff_room,
)
from tests.web.conftest import Browser, WebWorld
from tests.web.helpers import only_session


async def _in_a_session(web: WebWorld) -> tuple[Browser, int, Address]:
    """Ana linked (named), in a session with Bruna; her browser, the session id, its thread."""
    company = await given_company(web)
    await given_consultant(web)
    ana = await web.browser()
    body = {"code": company.access_code, "name": "Ana Souza", "message_id": message_id()}
    status, _ = await ana.post("/chat/start", body)
    assert status == 200
    await web.deliver()
    request_id = await consult(web, ana, 3, "Como fechar o custo do mês?")
    result = await claim_request(web.core, request_id, CONSULTANT)
    assert result.won and result.session_id is not None
    await web.deliver()
    await ana.events(at_least=2)
    session = await only_session(web)
    assert session.thread_channel is not None and session.thread_ref is not None
    thread = Address("web", session.thread_channel, session.thread_ref)
    return ana, result.session_id, thread


async def test_a_consultants_reply_names_them_apart_from_the_text(web: WebWorld) -> None:
    ana, _, thread = await _in_a_session(web)

    await relay_from_staff(web.core, thread, CONSULTANT, "Olá! Vamos ver o custo juntos.")
    await web.deliver()

    [reply] = [e for e in await ana.events() if e["author"]]
    assert reply["author"] == "Bruna Consultora"
    assert reply["side"] == "staff"
    assert reply["body"] == "Olá! Vamos ver o custo juntos."
    assert reply["text"] == "Bruna Consultora: Olá! Vamos ver o custo juntos."  # other channels
    sent_at = datetime.fromisoformat(reply["created_at"])
    assert sent_at.utcoffset() is not None, "an aware time: the page shows it in São Paulo"


async def test_the_services_own_messages_name_nobody(web: WebWorld) -> None:
    company = await given_company(web)
    ana = await web.browser()
    await ana.post("/chat/start", {"code": company.access_code, "message_id": message_id()})
    await web.deliver()

    seen = await ana.events(at_least=2)

    assert seen and all(e["author"] is None and e["side"] is None for e in seen)
    assert all(e["receipt"] is None for e in seen)


async def test_the_clients_message_reaches_the_thread_labelled_as_the_clients(
    web: WebWorld,
) -> None:
    ana, _, thread = await _in_a_session(web)

    await say(ana, "A tela de fechamento já está aberta.")
    await web.deliver()

    assert thread.thread is not None
    lines = await staff_room(web, thread.id, thread.thread)
    assert "Ana Souza: A tela de fechamento já está aberta." in lines
    [mine] = [e for e in await ana.events() if e["mine"]]
    assert mine["text"] == "A tela de fechamento já está aberta." and mine["author"] is None


async def test_the_billing_summary_arrives_as_a_receipt(web: WebWorld) -> None:
    ana, session_id, _ = await _in_a_session(web)
    web.clock.advance(timedelta(minutes=40))

    await press(ana, f"client_end:{session_id}")
    await web.deliver()

    [summary] = [e for e in await ana.events(at_least=2) if e["receipt"]]
    receipt = summary["receipt"]
    assert receipt["intro"] == "Atendimento encerrado. Obrigado!"
    assert receipt["title"] == "Resumo da cobrança"
    assert receipt["total"] == ["Total", "R$\xa0180,00"]  # 40 minutes: two periods at R$ 180,00/h
    labels = [label for label, _ in receipt["lines"]]
    assert labels == ["Início", "Fim", "Duração", "Períodos", "Valor da hora"]
    assert dict(receipt["lines"])["Períodos"] == "2"
    assert "Total: R$\xa0180,00" in summary["text"], "the text for other channels is unchanged"
