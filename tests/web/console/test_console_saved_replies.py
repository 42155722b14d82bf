"""The console composer's saved replies: the ``/`` picker's endpoint (own sessions only, the
client's language first, rendered for the client) and the chosen text sent as the consultant's
message."""

from __future__ import annotations

import json
import re

from sqlmodel import select

from core.models import Contact
from core.replies import ReplyDraft, create_reply
from tests.web.conftest import WebWorld
from tests.web.console.helpers import (
    given_company,
    given_consultant,
    queued_client,
    staff_browser,
    texts_at,
)
from tests.web.helpers import only_session


async def _replies(web: WebWorld) -> None:
    core = web.core
    drafts = (
        ReplyDraft(
            "Fechamento do mês",
            "Olá, {cliente}! Sou {consultor}; vamos ao fechamento da {empresa}.",
            "pt-BR",
        ),
        ReplyDraft("Boas-vindas", "Bem-vindo(a)! Já olho o FECHAMENTO.", "pt-BR"),
        ReplyDraft("Month closing", "Hi {client_first_name}, {consultant} here.", "en"),
        ReplyDraft("Despedida", "Até logo, {primeiro_nome}.", "pt-BR"),
    )
    for draft in drafts:
        await create_reply(core, draft, by="web:gerente")


async def test_the_picker_offers_replies_rendered_for_the_client_and_the_choice_is_sent(
    web: WebWorld,
) -> None:
    company = await given_company(web)
    await given_consultant(web, "bruna", "Bruna Consultora")
    await given_consultant(web, "carlos", "Carlos Consultor")
    client, request_id = await queued_client(web, company, 1)
    await _replies(web)
    bruna = await staff_browser(web)
    assert await bruna.sign_in("bruna") == 200
    await bruna.post("/console/action", {"action": f"claim:{request_id}"})
    session = await only_session(web)
    await web.deliver()

    status, page = await bruna.get(f"/console/session/{session.id}")
    assert status == 200
    assert f'data-replies="/console/session/{session.id}/replies"' in page
    assert "replies.js" in page and 'id="reply-picker"' in page

    status, body = await bruna.get(f"/console/session/{session.id}/replies?q=fechamento")
    assert status == 200
    found = json.loads(body)["replies"]
    assert [r["title"] for r in found] == ["Fechamento do mês", "Boas-vindas"]
    text = found[0]["text"]
    assert text == (
        "Olá, Cliente! Sou Bruna Consultora; vamos ao fechamento da Metalúrgica Exemplo."
    )
    status, body = await bruna.get(f"/console/session/{session.id}/replies?q=m%C3%8AS")
    assert [r["title"] for r in json.loads(body)["replies"]] == ["Fechamento do mês"]

    async with web.core.db.uow() as uow:  # the client switches the chat to English
        contact = (await uow.session.exec(select(Contact))).one()
        contact.language = "en"
        uow.session.add(contact)
        await uow.commit()
    status, body = await bruna.get(f"/console/session/{session.id}/replies?q=")
    found = json.loads(body)["replies"]
    assert found[0] == {
        "id": found[0]["id"],
        "title": "Month closing",
        "language": "en",
        "text": "Hi Cliente, Bruna Consultora here.",
    }
    assert [r["title"] for r in found[1:]] == ["Boas-vindas", "Despedida", "Fechamento do mês"]

    await bruna.get(f"/console/session/{session.id}")
    status, _ = await bruna.post(f"/console/session/{session.id}/send", {"text": text})
    assert status == 200
    await web.deliver()
    assert any(
        "Bruna Consultora" in line and text in line for line in await texts_at(web, client.id)
    )


async def test_only_the_sessions_own_staff_get_its_replies(web: WebWorld) -> None:
    company = await given_company(web)
    await given_consultant(web, "bruna", "Bruna Consultora")
    await given_consultant(web, "carlos", "Carlos Consultor")
    _, request_id = await queued_client(web, company, 1)
    await _replies(web)
    bruna = await staff_browser(web)
    await bruna.sign_in("bruna")
    await bruna.post("/console/action", {"action": f"claim:{request_id}"})
    session = await only_session(web)

    carlos = await staff_browser(web)
    await carlos.sign_in("carlos")
    status, body = await carlos.get(f"/console/session/{session.id}/replies?q=")
    assert status == 403
    assert "Fechamento" not in body and "Só quem participa da sessão" in json.loads(body)["error"]
    for missing in ("999999", "99999999999999", "abc"):
        response = await bruna.get_raw(f"/console/session/{missing}/replies?q=")
        assert response.status == 404, missing
    stranger = await staff_browser(web)
    response = await stranger.get_raw(f"/console/session/{session.id}/replies?q=")
    assert response.status == 303 and "/login" in response.headers["Location"]


async def test_without_javascript_the_replies_come_as_forms_that_send_the_edited_text(
    web: WebWorld,
) -> None:
    company = await given_company(web)
    await given_consultant(web, "bruna", "Bruna Consultora")
    await given_consultant(web, "carlos", "Carlos Consultor")
    client, request_id = await queued_client(web, company, 1)
    await _replies(web)
    bruna = await staff_browser(web)
    await bruna.sign_in("bruna")
    await bruna.post("/console/action", {"action": f"claim:{request_id}"})
    session = await only_session(web)
    await web.deliver()
    _, page = await bruna.get(f"/console/session/{session.id}")
    assert f"/console/session/{session.id}/replies?format=html" in page

    status, page = await bruna.get(f"/console/session/{session.id}/replies?format=html&q=despe")
    assert status == 200
    assert page.count('class="form composer saved-reply"') == 1
    assert "Até logo, Cliente.</textarea>" in page
    nonce = re.search(r'name="nonce" value="([^"]+)"', page)
    assert nonce is not None
    status, _ = await bruna.post(
        f"/console/session/{session.id}/send",
        {"text": "Até logo, Cliente. Bom fim de semana!", "nonce": nonce.group(1)},
        nonce=False,
    )
    assert status == 200
    await web.deliver()
    assert any(
        "Bruna Consultora" in line and "Até logo, Cliente. Bom fim de semana!" in line
        for line in await texts_at(web, client.id)
    )

    carlos = await staff_browser(web)
    await carlos.sign_in("carlos")
    status, page = await carlos.get(f"/console/session/{session.id}/replies?format=html")
    assert status == 403 and "Até logo" not in page
