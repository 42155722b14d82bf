"""The console's offline messages: the team lists them and answers them; roles are checked."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel import col, select

from bot.wiring import WEB_STAFF_ROOMS
from core import intake, offline
from core.models import Company, OfflineMessage, Request
from tests.web.conftest import WebWorld
from tests.web.console.helpers import (
    client_address,
    given_account,
    given_company,
    given_consultant,
    staff_browser,
    texts_at,
)

SAO_PAULO = ZoneInfo("America/Sao_Paulo")
TEXT = "Preciso fechar o custo do mês. Podem me ligar amanhã?"


async def _left_message(web: WebWorld, company: Company, number: int, text: str = TEXT) -> int:
    """A web client, closed, asks for consulting and leaves ``text``; the offline message id."""
    web.clock.set(datetime(2026, 11, 23, 20, 0, tzinfo=SAO_PAULO))  # Monday evening
    core, address = web.core, client_address(number)
    await intake.start(core, address, code=company.access_code, name=f"Cliente {number}")
    await intake.begin_consulting(core, address)
    async with core.db.uow() as uow:
        statement = select(Request.id).order_by(col(Request.id).desc())
        request_id = (await uow.session.exec(statement)).first()
    assert request_id is not None
    await intake.choose_area(core, address, request_id, 3)
    await intake.handle_text(core, address, "Como fechar o custo do mês?")
    await offline.ask_offline_message(core, address, request_id)
    await intake.handle_text(core, address, text)
    await web.deliver()
    async with core.db.uow() as uow:
        statement = select(OfflineMessage.id).order_by(col(OfflineMessage.id).desc())
        found = (await uow.session.exec(statement)).first()
    assert found is not None
    return found


async def test_a_consultant_takes_then_resolves_a_message_and_the_client_hears(
    web: WebWorld,
) -> None:
    company = await given_company(web)
    offline_id = await _left_message(web, company, 1)
    await given_consultant(web, "bruno", "Bruno Lima")
    browser = await staff_browser(web)
    await browser.sign_in("bruno")

    status, page = await browser.get("/console/offline")
    assert status == 200
    assert TEXT in page and "Metalúrgica Exemplo" in page and "Cliente 1" in page
    assert "23/11/2026 20:00" in page and "Aguardando alguém da equipe" in page

    status, page = await browser.post(f"/console/offline/{offline_id}", {"do": "take"})
    assert status == 200 and browser.last_url.endswith("/console/offline")
    assert "Com Bruno Lima desde 23/11/2026 20:00" in page
    await web.deliver()
    told = await texts_at(web, client_address(1).id)
    assert told[-1] == "Bruno Lima, da nossa equipe, viu o seu recado e vai responder em breve."
    room = await texts_at(web, WEB_STAFF_ROOMS.requests.id)
    assert room[-1].endswith("vai responder ao recado de Cliente 1 (Metalúrgica Exemplo).")

    web.clock.set(datetime(2026, 11, 23, 20, 30, tzinfo=SAO_PAULO))
    status, page = await browser.post(f"/console/offline/{offline_id}", {"do": "done"})
    assert status == 200
    assert "Nenhum recado em aberto." in page
    assert "Resolvido por Bruno Lima em 23/11/2026 20:30" in page
    await web.deliver()
    room = await texts_at(web, WEB_STAFF_ROOMS.requests.id)
    assert "resolvido por" in room[-1] and "23/11/2026 20:30" in room[-1]


async def test_a_message_taken_by_someone_else_or_resolved_is_refused_with_the_reason(
    web: WebWorld,
) -> None:
    company = await given_company(web)
    offline_id = await _left_message(web, company, 1)
    await given_consultant(web, "bruno", "Bruno Lima")
    await given_account(web, "sara", roles=("secretary",), name="Sara Secretária")
    bruno, sara = await staff_browser(web), await staff_browser(web)
    await bruno.sign_in("bruno")
    await sara.sign_in("sara")
    await bruno.get("/console/offline")
    await bruno.post(f"/console/offline/{offline_id}", {"do": "take"})
    await sara.get("/console/offline")
    status, page = await sara.post(f"/console/offline/{offline_id}", {"do": "take"})
    assert status == 409
    assert f"O recado {offline_id} já está com Bruno Lima." in page
    status, page = await sara.post(f"/console/offline/{offline_id}", {"do": "done"})
    assert status == 200
    status, page = await bruno.post(f"/console/offline/{offline_id}", {"do": "done"})
    assert status == 409 and "já foi resolvido por Sara Secretária" in page


async def test_only_the_team_sees_and_handles_messages(web: WebWorld) -> None:
    company = await given_company(web)
    offline_id = await _left_message(web, company, 1)
    await given_account(web, "gerente", roles=("manager",))
    manager = await staff_browser(web)
    await manager.sign_in("gerente")
    status, page = await manager.get("/console/offline")
    assert status == 403 and TEXT not in page
    status, _ = await manager.post(f"/console/offline/{offline_id}", {"do": "done"})
    assert status == 403

    stranger = await staff_browser(web)
    response = await stranger.get_raw("/console/offline")
    assert response.status == 303 and response.headers["Location"].startswith("/login")

    await given_account(web, "saulo", roles=("support",))
    support = await staff_browser(web)
    await support.sign_in("saulo")
    status, page = await support.get("/console/offline")
    assert status == 200 and TEXT in page
    status, _ = await support.post(f"/console/offline/{offline_id}", {"do": "take"}, csrf="x")
    assert status == 403, "a forged form (wrong CSRF token) does nothing"
    status, page = await support.post(f"/console/offline/{offline_id}", {"do": "erase"})
    assert status == 400
    status, page = await support.post("/console/offline/99999", {"do": "take"})
    assert status == 404 and "O recado 99999 não existe." in page
    status, _ = await support.post("/console/offline/1e9", {"do": "take"})
    assert status == 404
    async with web.core.db.uow() as uow:
        [kept] = (await uow.session.exec(select(OfflineMessage))).all()
    assert kept.status == "open"


async def test_beside_slack_the_page_only_shows_the_messages(slack_web: WebWorld) -> None:
    company = await given_company(slack_web)
    offline_id = await _left_message(slack_web, company, 1)
    await given_consultant(slack_web, "bruno", "Bruno Lima")
    browser = await staff_browser(slack_web)
    await browser.sign_in("bruno")
    status, page = await browser.get("/console/offline")
    assert status == 200 and TEXT in page
    assert "Os recados são tratados no Slack" in page
    assert 'name="do"' not in page
    status, _ = await browser.post(f"/console/offline/{offline_id}", {"do": "take"})
    assert status == 409
