"""The session medium in the console: shown on the session page, changed with its form (a bad
phone refused beside its field, nothing stored), the client told; the button leads there."""

from __future__ import annotations

from sqlmodel import col, select

from core.models import Booking, SessionMediumChange
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


async def test_a_consultant_changes_the_medium_to_phone_from_the_session_page(
    web: WebWorld,
) -> None:
    company = await given_company(web)
    await given_consultant(web, "bruna", "Bruna Consultora")
    client, request_id = await queued_client(web, company, 1)
    bruna = await staff_browser(web)
    assert await bruna.sign_in("bruna") == 200
    await bruna.get("/console")
    await bruna.post("/console/action", {"action": f"claim:{request_id}"})
    session = await only_session(web)
    await web.deliver()

    status, page = await bruna.get(f"/console/session/{session.id}")
    assert status == 200
    assert '<dd class="connection">Chat</dd>' in page
    assert f'action="/console/session/{session.id}/medium"' in page

    status, page = await bruna.post(
        f"/console/session/{session.id}/medium", {"medium": "Telefone", "detail": "(11) 12"}
    )
    assert status == 422
    assert "não é um telefone válido" in page and 'class="field-error"' in page
    assert (await only_session(web)).medium == "Chat"
    changes = col(SessionMediumChange.session_id) == session.id
    assert await count(web, SessionMediumChange, changes) == 0

    await bruna.get(f"/console/session/{session.id}")
    status, page = await bruna.post(
        f"/console/session/{session.id}/medium",
        {"medium": "Telefone", "detail": "+55 11 98765-4321"},
    )
    assert status == 200
    changed = await only_session(web)
    assert (changed.medium, changed.connection_detail) == ("Telefone", "+5511987654321")
    assert await count(web, SessionMediumChange, changes) == 1
    assert '<dd class="connection">Telefone — (11) 98765-4321</dd>' in page
    await web.deliver()
    assert any(
        "O atendimento agora é por Telefone — (11) 98765-4321." in text
        for text in await texts_at(web, client.id)
    )

    await bruna.get(f"/console/session/{session.id}")
    status, _ = await bruna.post("/console/action", {"action": f"medium:{session.id}"})
    assert status == 200 and bruna.last_url.endswith(f"/console/session/{session.id}")


async def test_a_secretary_books_in_the_console_with_the_terminal_service_host(
    web: WebWorld,
) -> None:
    company = await given_company(web)
    await given_consultant(web, "bruna", "Bruna Consultora")
    await given_account(web, "sara", roles=("secretary",), name="Sara")
    sara = await staff_browser(web)
    assert await sara.sign_in("sara") == 200
    await sara.get("/console/agendar")
    form = {
        "company": str(company.id),
        "date": "24/11/2026",
        "time": "14:00",
        "duration": "60",
        "medium": "Terminal Service com acesso remoto",
        "connection": "10.0.0.5:3389",
        "area": "Custos",
    }
    status, page = await sara.post("/console/agendar", form)
    assert status == 200, page
    async with web.core.db.uow() as uow:
        (booking,) = (await uow.session.exec(select(Booking))).all()
    assert booking.connection_detail == "10.0.0.5:3389"
    assert "Terminal Service com acesso remoto — 10.0.0.5:3389" in page
