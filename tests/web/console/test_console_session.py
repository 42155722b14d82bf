"""A consultant without Slack works a request in the console: accept, relay, notes, specialist,
end; two consultants accepting at once make one session."""

from __future__ import annotations

import asyncio
import re
from datetime import timedelta

from sqlmodel import col, select

from core.intake import handle_text
from core.models import BillingRecord, ConsultingSession, SessionNote, SessionParticipant
from tests.web.conftest import WebWorld
from tests.web.console.helpers import (
    count,
    given_account,
    given_company,
    given_consultant,
    queued_client,
    staff_browser,
    texts_at,
)
from tests.web.helpers import only_session


async def test_a_consultant_accepts_relays_calls_a_specialist_and_ends(web: WebWorld) -> None:
    company = await given_company(web)
    await given_consultant(web, "bruna", "Bruna Consultora")
    await given_consultant(web, "carlos", "Carlos Especialista", areas=("Custos",))
    client, request_id = await queued_client(web, company, 1, description="Fechamento do mês")
    bruna = await staff_browser(web)
    assert await bruna.sign_in("bruna") == 200
    status, page = await bruna.get("/console")
    assert status == 200
    assert "Metalúrgica Exemplo" in page and "Cliente 1" in page and "Fechamento do mês" in page
    assert "23/11/2026 10:00" in page

    status, page = await bruna.post("/console/action", {"action": f"claim:{request_id}"})
    assert status == 200
    session = await only_session(web)
    assert bruna.last_url.endswith(f"/console/session/{session.id}")
    await web.deliver()

    status, _ = await bruna.get(f"/console/session/{session.id}")
    status, page = await bruna.post(
        f"/console/session/{session.id}/send", {"text": "Bom dia! Vamos ver o fechamento."}
    )
    assert status == 200
    await web.deliver()
    assert any(
        "Bruna Consultora" in text and "Bom dia! Vamos ver o fechamento." in text
        for text in await texts_at(web, client.id)
    )

    await bruna.get(f"/console/session/{session.id}")
    await bruna.post(
        f"/console/session/{session.id}/send", {"text": "// cliente parece com pressa"}
    )
    await web.deliver()
    assert not any("com pressa" in text for text in await texts_at(web, client.id))
    assert await count(web, SessionNote, col(SessionNote.session_id) == session.id) == 1

    await handle_text(web.core, client, "Obrigado, aguardo.")
    await web.deliver()
    _, page = await bruna.get(f"/console/session/{session.id}")
    assert "Obrigado, aguardo." in page
    assert "cliente parece com pressa" in page and "Nota interna" in page

    status, page = await bruna.post(f"/console/session/{session.id}/specialist", {"area": "Custos"})
    assert status == 200, page
    async with web.core.db.uow() as uow:
        joined = (
            await uow.session.exec(
                select(SessionParticipant).where(SessionParticipant.role == "specialist")
            )
        ).all()
    assert len(joined) == 1
    await web.deliver()
    assert any("Carlos Especialista" in text for text in await texts_at(web, client.id))

    await bruna.get(f"/console/session/{session.id}")
    status, page = await bruna.post(f"/console/session/{session.id}/onsite", {"reason": ""})
    assert status == 422
    assert 'class="field-error"' in page

    web.clock.advance(timedelta(minutes=40))
    await bruna.get(f"/console/session/{session.id}")
    status, page = await bruna.post("/console/action", {"action": f"end:{session.id}"})
    assert status == 200
    ended = await only_session(web)
    assert ended.status == "ended"
    assert await count(web, BillingRecord, col(BillingRecord.session_id) == session.id) == 1
    await web.deliver()
    client_texts = await texts_at(web, client.id)
    assert any("R$" in text for text in client_texts), client_texts
    _, page = await bruna.get(f"/console/session/{session.id}")
    assert "Este atendimento foi encerrado." in page
    assert f'action="/console/session/{session.id}/send"' not in page


async def test_two_consultants_accept_at_once_and_one_session_opens(web: WebWorld) -> None:
    company = await given_company(web)
    await given_consultant(web, "bruna", "Bruna Consultora")
    await given_consultant(web, "carlos", "Carlos Consultor")
    _, request_id = await queued_client(web, company, 1)
    bruna, carlos = await staff_browser(web), await staff_browser(web)
    for browser, login in ((bruna, "bruna"), (carlos, "carlos")):
        assert await browser.sign_in(login) == 200
        await browser.get("/console")
    results = await asyncio.gather(
        bruna.post("/console/action", {"action": f"claim:{request_id}"}),
        carlos.post("/console/action", {"action": f"claim:{request_id}"}),
    )
    assert [status for status, _ in results] == [200, 200]
    assert await count(web, ConsultingSession) == 1
    session = await only_session(web)
    winner, loser = (
        (bruna, carlos) if bruna.last_url.endswith(f"/{session.id}") else (carlos, bruna)
    )
    assert winner.last_url.endswith(f"/console/session/{session.id}")
    assert f"taken={request_id}" in loser.last_url
    page = results[0][1] if loser is bruna else results[1][1]
    assert re.search(rf"O pedido nº {request_id} foi aceito por (Bruna|Carlos)", page)


async def test_a_secretary_sees_the_queue_but_cannot_accept(web: WebWorld) -> None:
    company = await given_company(web)
    _, request_id = await queued_client(web, company, 1)
    await given_account(web, "sara", roles=("secretary",))
    sara = await staff_browser(web)
    await sara.sign_in("sara")
    _, page = await sara.get("/console")
    assert "Cliente 1" in page
    assert f'value="claim:{request_id}"' not in page
    status, page = await sara.post("/console/action", {"action": f"claim:{request_id}"})
    assert status == 404
    assert await count(web, ConsultingSession) == 0
    status, _ = await sara.post("/console/action", {"action": "drop table"})
    assert status == 400


async def test_a_session_page_is_read_only_by_its_people_secretaries_and_managers(
    web: WebWorld,
) -> None:
    company = await given_company(web)
    await given_consultant(web, "bruna", "Bruna Consultora")
    await given_consultant(web, "carlos", "Carlos Consultor")
    await given_account(web, "sara", roles=("secretary",))
    await given_account(web, "gerente", roles=("manager",))
    client, request_id = await queued_client(web, company, 1, description="Custo do mês")
    bruna = await staff_browser(web)
    await bruna.sign_in("bruna")
    await bruna.post("/console/action", {"action": f"claim:{request_id}"})
    session = await only_session(web)
    await handle_text(web.core, client, "Minha senha do banco é segredo")
    await web.deliver()
    page_path = f"/console/session/{session.id}"

    carlos = await staff_browser(web)
    await carlos.sign_in("carlos")
    for path in (page_path, page_path + "?part=1"):
        status, page = await carlos.get(path)
        assert status == 403, path
        assert "Este atendimento é de outra pessoa" in page
        assert "segredo" not in page
    assert (await carlos.get_raw(page_path + "/events")).status == 403

    for login, browser in (("bruna", bruna), ("sara", None), ("gerente", None)):
        if browser is None:
            browser = await staff_browser(web)
            await browser.sign_in(login)
        status, page = await browser.get(page_path)
        assert status == 200, login
        assert "segredo" in page, login
