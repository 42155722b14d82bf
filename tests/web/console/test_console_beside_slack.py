"""With Slack configured the console is read-only for the rooms' work: it shows the queue and the
sessions from the database, says to use Slack, and refuses Slack's actions storing nothing;
bookings and the consultant's status still work."""

from __future__ import annotations

from sqlmodel import select

from core import intake
from core.consultants import consultant_by_staff_key
from core.models import (
    Booking,
    ConsultingSession,
    LinkRequest,
    Outbound,
    SessionNote,
    WebMessage,
)
from core.queue import claim_request
from tests.fakes.recording import RecordingSender
from tests.scenario import REQUESTS
from tests.web.conftest import WebWorld
from tests.web.console.helpers import (
    client_address,
    count,
    given_account,
    given_company,
    given_consultant,
    queued_client,
    staff_browser,
)

NOTICE = "A equipe atende pelo Slack"


async def _stored(web: WebWorld) -> tuple[int, ...]:
    """Counts of what a console action would store."""
    return (
        await count(web, ConsultingSession),
        await count(web, Outbound),
        await count(web, WebMessage),
        await count(web, SessionNote),
    )


async def test_the_queue_is_shown_read_only_and_accepting_is_refused(
    slack_web: WebWorld, slack: RecordingSender
) -> None:
    web = slack_web
    company = await given_company(web)
    await given_consultant(web, "bruna", "Bruna Consultora")
    _, request_id = await queued_client(web, company, 1, description="Custo do mês")
    assert slack.to(REQUESTS), "the request card went to Slack"
    bruna = await staff_browser(web)
    assert await bruna.sign_in("bruna") == 200
    status, page = await bruna.get("/console")
    assert status == 200
    assert NOTICE in page
    assert "Cliente 1" in page and "Custo do mês" in page
    assert f'value="claim:{request_id}"' not in page
    before = await _stored(web)
    status, page = await bruna.post("/console/action", {"action": f"claim:{request_id}"})
    assert status == 409 and NOTICE in page
    assert await _stored(web) == before
    status, _ = await bruna.post("/console/status", {"status": "ausente"})
    assert status == 200  # the status is the consultant's, wherever they work


async def test_a_session_worked_in_slack_is_shown_and_the_console_refuses_its_actions(
    slack_web: WebWorld,
) -> None:
    web = slack_web
    company = await given_company(web)
    bruna_key = await given_consultant(web, "bruna", "Bruna Consultora")
    carlos_key = await given_consultant(web, "carlos", "Carlos Consultor")
    _, request_id = await queued_client(web, company, 1)
    result = await claim_request(web.core, request_id, bruna_key)  # as Slack's *Aceitar* does
    assert result.won and result.session_id is not None
    session_id = result.session_id
    await web.deliver()
    bruna = await staff_browser(web)
    assert await bruna.sign_in("bruna") == 200
    status, page = await bruna.get(f"/console/session/{session_id}")
    assert status == 200 and NOTICE in page and "Metalúrgica Exemplo" in page
    for action in ("send", "specialist", "transfer", "onsite"):
        assert f'action="/console/session/{session_id}/{action}"' not in page
    assert f'value="end:{session_id}"' not in page

    async with web.core.db.uow() as uow:
        lead = (
            await uow.session.exec(
                select(ConsultingSession.consultant_id).where(ConsultingSession.id == session_id)
            )
        ).one()
        carlos = await consultant_by_staff_key(uow, carlos_key)
    assert carlos is not None
    before = await _stored(web)
    attempts = {
        "send": {"text": "Olá pelo console"},
        "specialist": {"area": "Custos"},
        "transfer": {"consultant": str(carlos.id)},
        "onsite": {"reason": "Visita"},
    }
    for action, form in attempts.items():
        status, page = await bruna.post(f"/console/session/{session_id}/{action}", form)
        assert status == 409, action
        assert NOTICE in page
    status, page = await bruna.post("/console/action", {"action": f"end:{session_id}"})
    assert status == 409
    assert await _stored(web) == before
    async with web.core.db.uow() as uow:
        session = await uow.session.get(ConsultingSession, session_id)
    assert session is not None and session.status == "open" and session.consultant_id == lead


async def test_links_are_decided_in_slack_but_bookings_work_in_the_console(
    slack_web: WebWorld,
) -> None:
    web = slack_web
    company = await given_company(web)
    await given_consultant(web, "bruna", "Bruna Consultora")
    address = client_address(5)
    await intake.start(web.core, address, name="Ana Nova")
    await intake.request_link(web.core, address, company.name)
    await web.deliver()
    await given_account(web, "sara", roles=("secretary",))
    sara = await staff_browser(web)
    assert await sara.sign_in("sara") == 200
    _, page = await sara.get("/console/links")
    assert NOTICE in page and "Ana Nova" in page
    async with web.core.db.uow() as uow:
        link = (await uow.session.exec(select(LinkRequest))).one()
    assert f'action="/console/links/{link.id}"' not in page
    form = {"decision": "approve", "company": str(company.id)}
    status, page = await sara.post(f"/console/links/{link.id}", form)
    assert status == 409 and NOTICE in page
    async with web.core.db.uow() as uow:
        still = await uow.session.get(LinkRequest, link.id)
    assert still is not None and still.status == "pending"

    await sara.get("/console/agendar")
    booking = {
        "company": str(company.id),
        "date": "24/11/2026",
        "time": "14:00",
        "duration": "60",
        "medium": "Telefone",
    }
    status, page = await sara.post("/console/agendar", booking)
    assert status == 200, page
    assert await count(web, Booking) == 1
