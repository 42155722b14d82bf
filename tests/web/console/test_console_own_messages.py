"""A consultant sees what they wrote in the session's conversation in the console: their text
and files in order with the client's, live on the page's event stream, marked as theirs (and by
name for the other participants), once for a repeated form, never for a refusal or a note; with
Slack as the staff side nothing extra goes to Slack. The participants' roles are in the staff
member's language."""

from __future__ import annotations

import asyncio
import html
import json
import re
from typing import Any

from sqlmodel import col, select

from core.intake import handle_text
from core.models import ConsultingSession, Outbound, SessionStatus, WebMessage
from core.outbox import Address
from core.queue import claim_request
from core.sessions import call_specialist, relay_from_staff
from tests.fakes.recording import RecordingSender
from tests.scenario import REQUESTS
from tests.web.client.files_helpers import PNG
from tests.web.conftest import WebWorld
from tests.web.console.helpers import (
    StaffBrowser,
    given_account,
    given_company,
    given_consultant,
    queued_client,
    staff_browser,
    texts_at,
)
from tests.web.console.test_console_upload import send_file

_ARTICLE = re.compile(r'<article class="msg (\w+)"[^>]*>(.*?)</article>', re.S)


def thread_of(page: str) -> list[tuple[str, str]]:
    """The conversation's messages as ``(kind, visible text)``, in page order."""
    found = []
    for kind, inner in _ARTICLE.findall(page):
        text = html.unescape(re.sub(r"<[^>]+>", " ", inner))
        found.append((kind, " ".join(text.split())))
    return found


async def own_echoes(web: WebWorld) -> list[WebMessage]:
    """The staff members' own messages shown in threads."""
    async with web.core.db.uow() as uow:
        rows = (await uow.session.exec(select(WebMessage).order_by(col(WebMessage.id)))).all()
    return [row for row in rows if row.payload.get("purpose") == "staff_echo"]


async def stream_events(
    staff: StaffBrowser, path: str, after: int, *, seconds: float = 5.0
) -> list[dict[str, Any]]:
    """The page's SSE events after ``after``: the first one (or none within ``seconds``)."""
    headers = {"Accept": "text/event-stream", "Last-Event-ID": str(after)}
    async with staff.http.get(staff.base_url + path, headers=headers) as response:
        assert response.status == 200
        while True:
            try:
                raw = await asyncio.wait_for(response.content.readline(), seconds)
            except TimeoutError:
                return []
            line = raw.decode().rstrip("\n")
            if line.startswith("data: "):
                return [json.loads(line[6:])]


async def _accepted(web: WebWorld) -> tuple[Address, StaffBrowser, int, str]:
    """Cliente 1 queued; Bruna accepts in the console: (client, her browser, session, her key)."""
    company = await given_company(web)
    key = await given_consultant(web, "bruna", "Bruna Consultora")
    client, request_id = await queued_client(web, company, 1)
    bruna = await staff_browser(web)
    assert await bruna.sign_in("bruna") == 200
    await bruna.get("/console")
    await bruna.post("/console/action", {"action": f"claim:{request_id}"})
    async with web.core.db.uow() as uow:
        session = (await uow.session.exec(select(ConsultingSession))).one()
    assert session.id is not None
    await web.deliver()
    return client, bruna, session.id, key


async def test_the_consultants_own_messages_show_in_the_thread_live_in_order_and_once(
    web: WebWorld,
) -> None:
    client, bruna, session_id, _ = await _accepted(web)
    page_path = f"/console/session/{session_id}"
    await handle_text(web.core, client, "Bom dia, o custo não fecha.")
    await web.deliver()
    _, page = await bruna.get(page_path)
    newest = max(int(i) for i in re.findall(r'data-id="(\d+)"', page))
    nonce = bruna.nonce

    listening = asyncio.create_task(stream_events(bruna, page_path + "/events", newest))
    await asyncio.sleep(0.2)
    status, page = await bruna.post(
        page_path + "/send", {"text": "Bom dia!\nVamos ver o fechamento."}
    )
    assert status == 200
    [event] = await listening  # live, before any delivery to the client
    assert event["text"] == "Bom dia!\nVamos ver o fechamento."
    assert event["title"] == "Bruna Consultora"

    status, _ = await bruna.post(page_path + "/send", {"text": "Bom dia!", "nonce": nonce})
    assert status == 200  # the same form again (a double click): acted on once
    await bruna.post(page_path + "/send", {"text": "// cliente com pressa"})
    await web.deliver()
    await handle_text(web.core, client, "Obrigado!")
    await web.deliver()

    _, page = await bruna.get(page_path)
    shown = [(kind, text) for kind, text in thread_of(page) if kind != "private"]
    assert [kind for kind, _ in shown[-4:]] == ["client", "mine", "client", "note"]
    # the client's name is the sender, not a "Nome:" inside the text
    assert "Cliente 1 cliente" in shown[-4][1] and shown[-4][1].endswith(
        " Bom dia, o custo não fecha."
    )
    assert "Cliente 1:" not in page
    assert "Você" in shown[-3][1] and "Bom dia! Vamos ver o fechamento." in shown[-3][1]
    assert "Bom dia!\nVamos ver o fechamento." in page  # the line break is kept for the page
    assert shown[-2][1].endswith(" Obrigado!") and "Cliente 1" in shown[-2][1]
    assert "cliente com pressa" in shown[-1][1]
    assert [row.payload["text"] for row in await own_echoes(web)] == [
        "Bom dia!\nVamos ver o fechamento."
    ]
    told = [text for text in await texts_at(web, client.id) if "Bruna Consultora" in text]
    assert sum("Vamos ver o fechamento." in text for text in told) == 1

    status, _ = await bruna.post(page_path + "/send", {"text": "Bom dia!\nVamos ver o fechamento."})
    assert status == 200  # the same words again on purpose: a second message
    assert len(await own_echoes(web)) == 2


async def test_the_consultants_file_shows_in_the_thread_and_others_see_it_by_name(
    web: WebWorld,
) -> None:
    _, bruna, session_id, key = await _accepted(web)
    await given_consultant(web, "carlos", "Carlos Especialista", areas=("Custos",))
    await given_account(web, "sara", roles=("secretary",), name="Sara", language="en")
    await call_specialist(web.core, session_id, by_staff_key=key, area="Custos")
    await web.deliver()
    page_path = f"/console/session/{session_id}"
    await bruna.get(page_path)

    status, answer = await send_file(
        bruna, session_id, "tela.png", PNG, caption="Veja a tela", javascript=True
    )
    assert (status, answer["ok"]) == (200, True)
    _, page = await bruna.get(page_path)
    mine = [text for kind, text in thread_of(page) if kind == "mine"]
    assert len(mine) == 1 and "Veja a tela" in mine[0] and "tela.png" in mine[0]
    assert re.search(r'<a href="/files/[\w-]{24}"[^>]*>📎 tela.png</a>', page)
    assert "Bruna Consultora (responsável), Carlos Especialista (especialista)" in page

    carlos = await staff_browser(web)
    assert await carlos.sign_in("carlos") == 200
    _, page = await carlos.get(page_path)
    theirs = [text for kind, text in thread_of(page) if kind == "staff"]
    assert len(theirs) == 1 and "Bruna Consultora" in theirs[0]
    assert "Veja a tela" in theirs[0]
    assert not [kind for kind, _ in thread_of(page) if kind == "mine"]

    sara = await staff_browser(web)
    assert await sara.sign_in("sara") == 200
    _, page = await sara.get(page_path)
    assert "Bruna Consultora (in charge), Carlos Especialista (specialist)" in page


async def test_a_refused_message_is_not_shown_as_sent(web: WebWorld) -> None:
    client, bruna, session_id, _ = await _accepted(web)
    page_path = f"/console/session/{session_id}"
    await bruna.get(page_path)
    nonce = bruna.nonce
    async with web.core.db.uow() as uow:
        session = await uow.session.get(ConsultingSession, session_id)
        assert session is not None
        session.status = SessionStatus.ENDED
        uow.session.add(session)
        await uow.commit()
    status, _ = await bruna.post(page_path + "/send", {"text": "Ainda está aí?", "nonce": nonce})
    assert status == 200
    await web.deliver()
    assert await own_echoes(web) == []
    assert not any("Ainda está aí?" in text for text in await texts_at(web, client.id))


async def test_with_slack_as_the_staff_side_nothing_extra_goes_to_slack(
    slack_web: WebWorld, slack: RecordingSender
) -> None:
    web = slack_web
    company = await given_company(web)
    key = await given_consultant(web, "bruna", "Bruna Consultora")
    client, request_id = await queued_client(web, company, 1)
    result = await claim_request(web.core, request_id, key)
    assert result.session_id is not None
    await web.deliver()
    async with web.core.db.uow() as uow:
        session = await uow.session.get(ConsultingSession, result.session_id)
        assert session is not None and session.thread_ref is not None
    assert session.thread_channel == REQUESTS.id
    thread = Address("slack", session.thread_channel, session.thread_ref)
    to_slack = len(slack.delivered)

    bruna = await staff_browser(web)
    assert await bruna.sign_in("bruna") == 200
    await bruna.get(f"/console/session/{result.session_id}")
    status, _ = await bruna.post(f"/console/session/{result.session_id}/send", {"text": "Olá"})
    assert status == 409  # the console is read-only beside Slack
    await relay_from_staff(web.core, thread, key, "Olá pelo Slack")
    await web.deliver()
    assert len(slack.delivered) == to_slack
    assert any("Olá pelo Slack" in text for text in await texts_at(web, client.id))
    assert await own_echoes(web) == []
    async with web.core.db.uow() as uow:
        relays = (
            await uow.session.exec(select(Outbound).where(col(Outbound.purpose) == "relay"))
        ).all()
    assert [row.channel for row in relays] == ["web"]
