"""The console's other session actions over HTTP: transfer to another consultant, recommend an
on-site visit, convert a support conversation into consulting (billed only from acceptance)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import col, select

from core import intake, support
from core.consultants import consultant_by_staff_key
from core.models import BillingRecord, ConsultingSession, Request, WebMessage
from tests.web.conftest import WebWorld
from tests.web.console.helpers import (
    StaffBrowser,
    client_address,
    count,
    given_account,
    given_company,
    given_consultant,
    queued_client,
    staff_browser,
    texts_at,
)
from tests.web.helpers import only_session


async def _consultant_id(web: WebWorld, key: str) -> int:
    async with web.core.db.uow() as uow:
        consultant = await consultant_by_staff_key(uow, key)
    assert consultant is not None and consultant.id is not None
    return consultant.id


async def _signed_in(web: WebWorld, login: str) -> StaffBrowser:
    browser = await staff_browser(web)
    assert await browser.sign_in(login) == 200
    return browser


async def _accepted_by_bruna(web: WebWorld) -> tuple[StaffBrowser, int]:
    """Bruna accepts a queued web client's request in the console: (her browser, session id)."""
    company = await given_company(web)
    await given_consultant(web, "bruna", "Bruna Consultora")
    _, request_id = await queued_client(web, company, 1, description="Custo do mês")
    bruna = await _signed_in(web, "bruna")
    await bruna.get("/console")
    status, _ = await bruna.post("/console/action", {"action": f"claim:{request_id}"})
    assert status == 200
    await web.deliver()
    session = await only_session(web)
    assert session.id is not None
    return bruna, session.id


async def test_a_transfer_hands_the_session_on_and_billing_runs_from_the_start(
    web: WebWorld,
) -> None:
    bruna, session_id = await _accepted_by_bruna(web)
    carlos_key = await given_consultant(web, "carlos", "Carlos Consultor")
    carlos_id = await _consultant_id(web, carlos_key)
    client = client_address(1)
    started = (await only_session(web)).billing_started_at
    assert started is not None

    _, page = await bruna.get(f"/console/session/{session_id}")
    assert f'<option value="{carlos_id}">Carlos Consultor' in page
    status, page = await bruna.post(f"/console/session/{session_id}/transfer", {"consultant": ""})
    assert status == 404 and 'class="field-error"' in page  # nobody chosen: nothing changes
    assert (await only_session(web)).consultant_id != carlos_id

    web.clock.advance(timedelta(minutes=10))
    await bruna.get(f"/console/session/{session_id}")
    form = {"consultant": str(carlos_id)}
    status, page = await bruna.post(f"/console/session/{session_id}/transfer", form)
    assert status == 200, page
    assert (await only_session(web)).consultant_id == carlos_id
    await web.deliver()
    assert "Carlos Consultor continua o atendimento." in await texts_at(web, client.id)

    carlos = await _signed_in(web, "carlos")
    _, page = await carlos.get("/console")
    assert f'href="/console/session/{session_id}"' in page  # among his sessions
    await intake.handle_text(web.core, client, "Alguém ainda está aí?")
    await web.deliver()
    _, page = await carlos.get(f"/console/session/{session_id}")
    assert "Alguém ainda está aí?" in page
    status, _ = await carlos.post(f"/console/session/{session_id}/send", {"text": "Sim, sou eu."})
    assert status == 200
    await web.deliver()
    assert any(
        "Carlos Consultor" in text and "Sim, sou eu." in text
        for text in await texts_at(web, client.id)
    )

    await bruna.get(f"/console/session/{session_id}")  # no longer the lead: refused, unchanged
    status, page = await bruna.post(f"/console/session/{session_id}/transfer", form)
    assert status == 403 and 'class="field-error"' in page
    assert (await only_session(web)).consultant_id == carlos_id

    web.clock.advance(timedelta(minutes=35))
    await carlos.get(f"/console/session/{session_id}")
    status, _ = await carlos.post("/console/action", {"action": f"end:{session_id}"})
    assert status == 200
    async with web.core.db.uow() as uow:
        [record] = (await uow.session.exec(select(BillingRecord))).all()
    assert record.started_at == started
    assert (record.minutes, record.periods, record.amount_cents) == (45, 2, 18000)
    assert record.consultant_id == carlos_id


async def test_an_on_site_visit_goes_to_the_on_site_room_and_the_client_is_told(
    web: WebWorld,
) -> None:
    bruna, session_id = await _accepted_by_bruna(web)
    client = client_address(1)
    status, page = await bruna.post(
        f"/console/session/{session_id}/onsite", {"reason": "Medir a linha de produção"}
    )
    assert status == 200, page
    await web.deliver()
    async with web.core.db.uow() as uow:
        [card] = (
            await uow.session.exec(select(WebMessage).where(WebMessage.address == "staff:onsite"))
        ).all()
    assert card.payload["title"] == "Pedido de visita presencial"
    values = [field["value"] for field in card.payload["fields"]]
    assert "Metalúrgica Exemplo" in values and "Medir a linha de produção" in values
    assert any(
        "visita presencial" in text and "Medir a linha de produção" in text
        for text in await texts_at(web, client.id)
    )

    await given_account(web, "sara", roles=("secretary",))
    sara = await _signed_in(web, "sara")
    status, page = await sara.get("/console/onsite")
    assert status == 200
    assert "Pedido de visita presencial" in page and "Medir a linha de produção" in page
    assert (await bruna.get("/console/onsite"))[0] == 403  # the on-site team's room

    await bruna.get(f"/console/session/{session_id}")
    status, page = await bruna.post(f"/console/session/{session_id}/onsite", {"reason": "De novo"})
    assert status == 409 and 'class="field-error"' in page  # recommended once only
    assert await count(web, WebMessage, col(WebMessage.address) == "staff:onsite") == 1
    assert (await only_session(web)).status == "open"  # the session goes on (and is billed)


async def _support_chat(web: WebWorld) -> tuple[StaffBrowser, int, int]:
    """A linked web client opens a support chat; support staff Ciro has the console open."""
    company = await given_company(web)
    client = client_address(2)
    await intake.start(web.core, client, code=company.access_code, name="Cliente Suporte")
    await support.begin_support(web.core, client)
    await web.deliver()
    await given_account(web, "ciro", roles=("support",), name="Ciro Suporte")
    ciro = await _signed_in(web, "ciro")
    session = await only_session(web)
    assert session.id is not None
    _, page = await ciro.get("/console/support")
    assert f'href="/console/session/{session.id}"' in page and "Cliente Suporte" in page
    _, page = await ciro.get(f"/console/session/{session.id}")
    assert f'value="convert_to:{session.id}:0"' in page  # who attends the client, once accepted
    assert "convert_keep:" not in page  # Ciro is no consultant
    return ciro, session.id, session.request_id


async def test_a_converted_support_chat_is_handed_to_a_consultant_and_billed_from_the_claim(
    web: WebWorld,
) -> None:
    ciro, session_id, request_id = await _support_chat(web)
    client = client_address(2)
    web.clock.advance(timedelta(minutes=20))
    status, _ = await ciro.post("/console/action", {"action": f"convert_to:{session_id}:0"})
    assert status == 200
    assert ciro.last_url.endswith(f"/console/session/{session_id}")
    await web.deliver()
    async with web.core.db.uow() as uow:
        rows = (
            await uow.session.exec(select(WebMessage).where(WebMessage.address == client.id))
        ).all()
    assert any(
        str(choice.get("action", "")).endswith(str(request_id))
        for row in rows
        for choice in row.payload.get("choices", ())
    ), "the client got the terms with their buttons"
    assert any("Consultoria Online" in text for text in await texts_at(web, client.id))
    assert (await only_session(web)).billing_started_at is None

    web.clock.advance(timedelta(minutes=3))
    await intake.accept_terms(web.core, client, request_id)
    await given_consultant(web, "bruna", "Bruna Consultora")
    bruna = await _signed_in(web, "bruna")
    _, queue = await bruna.get("/console")
    assert f'value="claim:{request_id}"' in queue, "the request waits for the consultants"
    web.clock.advance(timedelta(minutes=2))
    status, page = await bruna.post("/console/action", {"action": f"claim:{request_id}"})
    assert status == 200
    assert bruna.last_url.endswith(f"/console/session/{session_id}"), "the same conversation"
    assert 'id="specialist"' in page, "the full session controls"
    claimed_at = web.clock.now()
    web.clock.advance(timedelta(minutes=45))
    status, _ = await bruna.post("/console/action", {"action": f"end:{session_id}"})
    assert status == 200
    async with web.core.db.uow() as uow:
        [record] = (await uow.session.exec(select(BillingRecord))).all()
        request = await uow.session.get(Request, request_id)
    assert record.started_at == claimed_at
    assert (record.minutes, record.periods, record.amount_cents) == (45, 2, 18000)
    assert request is not None and request.kind == "consulting"


async def test_a_support_chat_whose_terms_were_not_accepted_is_not_billed(web: WebWorld) -> None:
    ciro, session_id, _ = await _support_chat(web)
    status, _ = await ciro.post("/console/action", {"action": f"convert_to:{session_id}:0"})
    assert status == 200
    web.clock.advance(timedelta(minutes=50))
    await ciro.get(f"/console/session/{session_id}")
    status, _ = await ciro.post("/console/action", {"action": f"end:{session_id}"})
    assert status == 200
    assert (await only_session(web)).status == "ended"
    assert await count(web, BillingRecord) == 0


async def test_after_closing_the_console_asks_to_confirm_agreed_alternative_hours(
    web: WebWorld,
) -> None:
    company = await given_company(web)
    await given_consultant(web, "bruna", "Bruna Consultora")
    _, request_id = await queued_client(web, company, 1, description="Custo do mês")
    web.clock.set(datetime(2026, 11, 23, 19, 0, tzinfo=ZoneInfo("America/Sao_Paulo")))
    bruna = await _signed_in(web, "bruna")
    await bruna.get("/console")

    status, page = await bruna.post("/console/action", {"action": f"claim:{request_id}"})
    assert status == 409
    assert "Estamos fora do horário de atendimento (abrimos terça-feira" in page
    assert f'value="claim_alt:{request_id}"' in page
    assert "Aceitar em horário alternativo acordado" in page
    assert await count(web, BillingRecord) == 0
    assert await count(web, ConsultingSession) == 0

    status, _ = await bruna.post("/console/action", {"action": f"claim_alt:{request_id}"})
    assert status == 200
    session = await only_session(web)
    assert session.alternative_hours is True


async def test_converting_after_hours_in_the_console_asks_to_confirm_an_agreed_time(
    web: WebWorld,
) -> None:
    web.clock.set(datetime(2026, 11, 28, 21, 0, tzinfo=ZoneInfo("America/Sao_Paulo")))
    ciro, session_id, _ = await _support_chat(web)  # opened on a Saturday night

    status, page = await ciro.post("/console/action", {"action": f"convert_to:{session_id}:0"})
    assert status == 409
    assert "abrimos segunda-feira, 30/11/2026 às 08:00" in page
    assert f'value="convert_to_alt:{session_id}:0"' in page
    assert "Converter em horário alternativo acordado" in page
    assert (await only_session(web)).alternative_hours is False

    status, _ = await ciro.post("/console/action", {"action": f"convert_to_alt:{session_id}:0"})
    assert status == 200
    assert (await only_session(web)).alternative_hours is True
