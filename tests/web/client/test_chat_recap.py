"""The session recap in the web chat: the button under the summary, then a download of the PDF
rendered from the recap (what the client wrote shown as text, never as markup)."""

from __future__ import annotations

import io
from datetime import timedelta

from pypdf import PdfReader

from adapters.documents import RecapSource
from bot.bootstrap import timer_handlers
from core.outbox import Address, Attachment
from core.privacy import ensure_retention_timer
from core.recaps import RECAP_DOCUMENT
from core.sessions import relay_from_staff
from core.timers import TimerLoop
from tests.web.client.files_helpers import download, in_session
from tests.web.client.helpers import CONSULTANT, choice, press, say
from tests.web.conftest import WebWorld


async def test_the_client_downloads_the_conversation(web: WebWorld) -> None:
    web.file_sources[RECAP_DOCUMENT] = RecapSource(web.core.db, web.clock, web.core.config)
    ana = await web.browser()
    session_id, ref = await in_session(web, ana)
    await say(ana, "<script>alert('oi')</script> Onde fica o custo médio?")
    thread = Address("web", "staff:requests", ref)
    await relay_from_staff(web.core, thread, CONSULTANT, "Em Custos > Médio <b>mensal</b>.")
    await relay_from_staff(web.core, thread, CONSULTANT, "// nota só da equipe")
    await web.deliver()
    web.clock.advance(timedelta(minutes=25))
    await press(ana, f"client_end:{session_id}")
    await web.deliver()
    seen = await ana.events(at_least=2)
    action, message_ref = choice(seen, "recap:")
    assert action == f"recap:{session_id}"
    summary = next(e for e in seen if e["ref"] == message_ref)
    assert summary["receipt"] is not None, "the button is under the billing summary"

    await press(ana, action, message_ref)
    await web.deliver()
    seen = await ana.events(at_least=2)
    closed = [e for e in seen if e["replaces"] == message_ref]
    assert closed and closed[-1]["choices"] == [], "the used button left"
    assert "Conversa enviada" in closed[-1]["receipt"]["notes"], "what was chosen shows"
    name = f"conversa-{session_id}.pdf"
    [file] = [a for e in seen for a in e["attachments"] if a["name"] == name]
    assert file["url"] is not None
    got = await download(ana.http, web.base_url, file["url"])
    assert got.status == 200 and got.body.startswith(b"%PDF")
    pages = PdfReader(io.BytesIO(got.body)).pages
    text = "\n".join(page.extract_text() for page in pages).replace("\xa0", " ")
    assert "<script>alert('oi')</script> Onde fica o custo médio?" in text
    assert "Em Custos > Médio <b>mensal</b>." in text
    assert "Bruna Consultora" in text and "R$ 90,00" in text
    assert "nota só da equipe" not in text

    source = web.file_sources[RECAP_DOCUMENT]
    page = await source.fetch(Attachment("document", RECAP_DOCUMENT, f"{session_id}:html"))
    html = page.data.decode()
    assert page.mime_type == "text/html"
    assert "<script>" not in html and "<b>mensal" not in html
    assert "&lt;script&gt;alert(&#39;oi&#39;)&lt;/script&gt;" in html
    assert "Em Custos &gt; Médio &lt;b&gt;mensal&lt;/b&gt;." in html

    again = await press(ana, action, message_ref)
    await web.deliver()
    assert "já foi enviada" in str(again)
    files = [a for e in await ana.history() for a in e["attachments"]]
    assert len([a for a in files if a["name"] == name]) == 1


async def test_a_recap_asked_before_the_purge_downloads_after_it(web: WebWorld) -> None:
    web.file_sources[RECAP_DOCUMENT] = RecapSource(web.core.db, web.clock, web.core.config)
    ana = await web.browser()
    session_id, ref = await in_session(web, ana)
    thread = Address("web", "staff:requests", ref)
    await relay_from_staff(web.core, thread, CONSULTANT, "Confira o relatório de divergências.")
    await web.deliver()
    web.clock.advance(timedelta(minutes=10))
    await press(ana, f"client_end:{session_id}")
    await web.deliver()
    action, message_ref = choice(await ana.events(at_least=2), "recap:")
    await press(ana, action, message_ref)  # asked now, delivered after the purge

    web.clock.advance(timedelta(hours=73))
    await ensure_retention_timer(web.core)
    loop = TimerLoop(web.core, timer_handlers())
    while await loop.run_once():
        pass
    assert all("Confira o relatório" not in m["text"] for m in await ana.history()), (
        "the conversation was purged"
    )
    await web.deliver()
    name = f"conversa-{session_id}.pdf"
    [file] = [a for m in await ana.history() for a in m["attachments"] if a["name"] == name]
    got = await download(ana.http, web.base_url, file["url"])
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(got.body)).pages)
    assert "Confira o relatório de divergências." in text
