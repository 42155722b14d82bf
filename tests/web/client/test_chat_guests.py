"""A colleague invited into a session through the web chat: the button, the code form, relay.

The client presses *Convidar colega* in the chat and reads the code; a colleague's browser types
it in the access-code form with a name, joins, writes (both the client and the console's session
thread see it labelled), gets the consultant's reply, and leaves with ``/sair``.
"""

from __future__ import annotations

import re

from sqlmodel import select

from core.models import ConsultingSession
from core.outbox import Address
from core.queue import claim_request
from core.sessions import relay_from_staff
from tests.web.client.helpers import (
    CONSULTANT,
    choice,
    consult,
    given_company,
    given_consultant,
    message_id,
    press,
    say,
    staff_room,
    texts,
)
from tests.web.conftest import Browser, WebWorld
from tests.web.console.helpers import given_account, staff_browser

CODE = re.compile(r"\*\*([A-Z0-9]{10})\*\*")


async def _linked(web: WebWorld, code: str, name: str) -> Browser:
    browser = await web.browser()
    status, answer = await browser.post(
        "/chat/start", {"code": code, "name": name, "message_id": message_id()}
    )
    assert status == 200, answer
    await web.deliver()
    return browser


async def _thread_ref(web: WebWorld) -> str:
    async with web.core.db.uow() as uow:
        session = (await uow.session.exec(select(ConsultingSession))).one()
        assert session.thread_ref is not None
        return session.thread_ref


async def test_a_colleague_joins_with_the_code_in_the_web_chat(web: WebWorld) -> None:
    company = await given_company(web)
    await given_consultant(web)
    ana = await _linked(web, company.access_code, "Ana Cliente")
    request_id = await consult(web, ana, 3, "Como fechar o custo do mês?")
    result = await claim_request(web.core, request_id, CONSULTANT)
    assert result.won and result.session_id is not None
    await web.deliver()
    invite, ref = choice(await ana.events(at_least=2), "invite:")
    assert invite == f"invite:{result.session_id}"

    await press(ana, invite, ref)
    await web.deliver()
    found = CODE.search(texts(await ana.events()))
    assert found is not None

    dora = await _linked(web, found.group(1), "Dora Colega")
    seen = await dora.events(at_least=1)
    assert "Você entrou no atendimento de Ana Cliente" in texts(seen)
    assert choice(seen, "guest_leave:")[0] == f"guest_leave:{result.session_id}"
    assert "Dora Colega entrou na conversa." in texts(await ana.events())
    thread_ref = await _thread_ref(web)
    room = await staff_room(web, "staff:requests", thread_ref)
    assert "Dora Colega (colega de Ana Cliente) entrou na sessão." in room
    await given_account(web, "bruna", key=CONSULTANT, name="Bruna Consultora")
    bruna = await staff_browser(web)
    assert await bruna.sign_in("bruna") == 200
    _, page = await bruna.get(f"/console/session/{result.session_id}")
    assert "Bruna Consultora (responsável), Dora Colega (colega do cliente)" in page

    await say(dora, "Sou do estoque.")
    await web.deliver()
    assert "Dora Colega: Sou do estoque." in texts(await ana.events())
    assert "Dora Colega: Sou do estoque." in await staff_room(web, "staff:requests", thread_ref)
    thread = Address("web", "staff:requests", thread_ref)
    await relay_from_staff(web.core, thread, CONSULTANT, "Bem-vinda, Dora.")
    await web.deliver()
    assert "Bruna Consultora: Bem-vinda, Dora." in texts(await dora.events())
    assert "Bruna Consultora: Bem-vinda, Dora." in texts(await ana.events())

    await say(dora, "/sair")
    await web.deliver()
    assert "Você saiu do atendimento." in texts(await dora.events())
    assert "Dora Colega saiu da conversa." in texts(await ana.events())


async def test_a_used_code_in_the_web_chat_is_answered_clearly(web: WebWorld) -> None:
    company = await given_company(web)
    await given_consultant(web)
    ana = await _linked(web, company.access_code, "Ana Cliente")
    request_id = await consult(web, ana, 3, "Como fechar o custo do mês?")
    result = await claim_request(web.core, request_id, CONSULTANT)
    assert result.won
    await web.deliver()
    await ana.events(at_least=2)
    await say(ana, "/convidar")
    await web.deliver()
    found = CODE.search(texts(await ana.events(at_least=1)))
    assert found is not None
    await _linked(web, found.group(1), "Dora Colega")
    eve = await _linked(web, found.group(1), "Eva Colega")
    assert "Este convite já foi usado" in texts(await eve.events(at_least=1))
