"""A web client gives their name (with the access code, or when the chat asks for it once they
are linked without one); the staff see it instead of "#1": on the request card and in the
console's queue and session page."""

from __future__ import annotations

import re

from sqlmodel import select

from core.models import Contact
from core.queue import claim_request
from tests.web.client.helpers import (
    CONSULTANT,
    consult,
    given_company,
    given_consultant,
    message_id,
    staff_room,
)
from tests.web.conftest import Browser, WebWorld
from tests.web.console.helpers import given_account, staff_browser

_NAME_FORM = re.compile(r'<form class="code-form name-form" id="name-form"\s*(hidden)?\s*>')


async def _names(web: WebWorld) -> list[str | None]:
    async with web.core.db.uow() as uow:
        return [c.name for c in (await uow.session.exec(select(Contact))).all()]


async def _queued(web: WebWorld, client: Browser) -> int:
    """The linked client asks for consulting in Custos, describes and accepts: the request."""
    await web.deliver()
    return await consult(web, client, 3, "Como fechar o custo do mês?")


async def test_a_client_named_with_the_access_code_is_shown_by_name_to_the_staff(
    web: WebWorld,
) -> None:
    company = await given_company(web)
    await given_consultant(web)
    ana = await web.browser()
    _, page = await ana.open("/chat")
    assert '<label for="name">Seu nome' in page and "(opcional)" in page

    status, answer = await ana.post(
        "/chat/start",
        {"code": company.access_code, "name": "  Ana \n  Souza ", "message_id": message_id()},
    )
    assert (status, answer) == (200, {"ok": True, "linked": True, "named": True})
    assert await _names(web) == ["Ana Souza"]
    request_id = await _queued(web, ana)

    card = await staff_room(web, "staff:requests")
    assert any("Ana Souza" in text for text in card), card
    assert not any("#1" in text for text in card)
    await given_account(web, "bruna", key=CONSULTANT, name="Bruna Consultora")
    bruna = await staff_browser(web)
    assert await bruna.sign_in("bruna") == 200
    _, queue = await bruna.get("/console")
    row = re.search(rf"<tr[^>]*>(?:(?!</tr>).)*claim:{request_id}(?:(?!</tr>).)*</tr>", queue, re.S)
    assert row is not None and "Ana Souza" in row.group(0)

    result = await claim_request(web.core, request_id, CONSULTANT)
    _, session = await bruna.get(f"/console/session/{result.session_id}")
    assert re.search(r"<dt>Contato</dt><dd>Ana Souza</dd>", session)


async def test_a_client_linked_without_a_name_is_asked_for_it(web: WebWorld) -> None:
    company = await given_company(web)
    ana = await web.browser()
    _, page = await ana.open("/chat?lang=en")  # the language cookie: English from now on
    assert '<label for="name">Your name' in page
    assert _NAME_FORM.search(page).group(1) == "hidden"  # type: ignore[union-attr]

    status, answer = await ana.post(
        "/chat/start", {"code": company.access_code, "message_id": message_id()}
    )
    assert (status, answer) == (200, {"ok": True, "linked": True, "named": False})
    _, page = await ana.open("/chat")
    assert _NAME_FORM.search(page).group(1) is None  # type: ignore[union-attr]
    assert "What should we call you?" in page

    status, answer = await ana.post("/chat/name", {"name": "   ", "message_id": message_id()})
    assert (status, answer["ok"], answer["notice"]) == (400, False, "Type your name.")
    status, answer = await ana.post("/chat/name", {"name": "Ana"}, csrf="")
    assert status == 403
    assert await _names(web) == [None]

    status, answer = await ana.post("/chat/name", {"name": "A" * 300, "message_id": message_id()})
    assert (status, answer) == (200, {"ok": True, "linked": True, "named": True})
    assert await _names(web) == ["A" * 80]
    _, page = await ana.open("/chat")
    assert _NAME_FORM.search(page).group(1) == "hidden"  # type: ignore[union-attr]
