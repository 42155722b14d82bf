"""Files in the web chat, both ways, through real HTTP on both engines.

A client attaches a photo or a document (``POST /chat/upload``): it shows in their chat, reaches
the session's thread in the console, and only the people allowed can open it (``/files/<id>``).
A consultant's file reaches the client the same way. Refusals are clear, in the client's language,
and keep nothing. Retention deletes the files of purged messages.
"""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import func, select
from yarl import URL

from adapters.web.client.identity import WebClient
from bot.bootstrap import timer_handlers
from core.models import WebMessage
from core.outbox import Address
from core.privacy import ensure_retention_timer
from core.sessions import relay_from_staff
from core.timers import TimerLoop
from tests.web.client.files_helpers import (
    PDF,
    PNG,
    asking,
    attachments_at,
    download,
    in_session,
    stored_files,
    upload,
)
from tests.web.client.helpers import CONSULTANT, given_company, message_id, staff_room
from tests.web.conftest import Browser, WebWorld
from tests.web.console.helpers import given_account, staff_browser


async def test_a_clients_photo_reaches_the_console_and_a_consultants_document_comes_back(
    web: WebWorld,
) -> None:
    ana = await web.browser()
    _, card_ref = await in_session(web, ana)

    status, answer = await upload(ana, "tela do erro.png", PNG, caption="Veja a tela")
    assert (status, answer["ok"]) == (200, True), answer
    await web.deliver()
    mine = [e for e in await ana.events() if e["mine"]]
    assert mine[-1]["text"] == "Veja a tela"
    [photo] = mine[-1]["attachments"]
    assert photo["kind"] == "photo" and photo["name"] == "tela do erro.png"
    assert photo["url"].startswith("/files/")

    got = await download(ana.http, web.base_url, photo["url"])
    assert got.status == 200 and got.body == PNG
    assert got.headers["Content-Type"] == "image/png"
    assert got.headers["Content-Disposition"].startswith('inline; filename="tela do erro.png"')
    assert got.headers["X-Content-Type-Options"] == "nosniff"

    assert any("Veja a tela" in text for text in await staff_room(web, "staff:requests", card_ref))
    [in_thread] = await attachments_at(web, "staff:requests")
    assert in_thread["channel"] == "web" and "/files/" + in_thread["ref"] == photo["url"]

    assert web.files is not None  # what a console upload keeps
    manual = await web.files.save(PDF, "Manual de custos.pdf", "application/pdf", "document")
    thread = Address("web", "staff:requests", card_ref)
    await relay_from_staff(web.core, thread, CONSULTANT, "Segue o manual", [manual.attachment()])
    await web.deliver()
    theirs = [e for e in await ana.events() if e["attachments"]]
    assert "Segue o manual" in theirs[-1]["text"]
    [document] = theirs[-1]["attachments"]
    assert document["name"] == "Manual de custos.pdf" and document["kind"] == "document"
    got = await download(ana.http, web.base_url, document["url"])
    assert got.status == 200 and got.body == PDF
    assert got.headers["Content-Type"] == "application/pdf"
    disposition = got.headers["Content-Disposition"]
    assert disposition.startswith('attachment; filename="Manual de custos.pdf"')
    assert "filename*=UTF-8''Manual%20de%20custos.pdf" in disposition


async def test_only_the_client_concerned_and_signed_in_staff_open_a_file(web: WebWorld) -> None:
    ana = await web.browser()
    session_id, _ = await in_session(web, ana)
    await upload(ana, "nota.pdf", PDF)
    await web.deliver()
    [file] = [a for e in await ana.events() for a in e["attachments"]]
    url = file["url"]

    bob = await web.browser()
    assert (await download(bob.http, web.base_url, url)).status == 404, "another browser"
    staff = await staff_browser(web)
    assert (await download(staff.http, web.base_url, url)).status == 404, "not signed in"
    await given_account(web, "bruna", key=CONSULTANT)
    assert await staff.sign_in("bruna") == 200
    got = await download(staff.http, web.base_url, url)
    assert (got.status, got.body) == (200, PDF), "signed-in staff open it"
    status, page = await staff.get(f"/console/session/{session_id}")
    assert status == 200 and f'href="{url}"' in page and "nota.pdf" in page, "linked in the console"
    for wrong in ("/files/" + "A" * 24, "/files/..%2F..%2Fetc%2Fpasswd", "/files/x"):
        assert (await download(ana.http, web.base_url, wrong)).status == 404, wrong


async def test_refused_files_are_explained_in_the_clients_language_and_nothing_is_kept(
    web: WebWorld,
) -> None:
    ana = await web.browser()
    await in_session(web, ana)
    before = await _web_messages(web)

    status, answer = await upload(ana, "grande.pdf", b"%PDF-" + b"x" * (10 * 1024 * 1024))
    assert (status, answer["notice"]) == (413, "Arquivo grande demais (o máximo é 10 MB).")
    status, answer = await upload(ana, "programa.exe", b"MZ\x90\x00")
    assert status == 415 and answer["notice"].startswith(
        "Tipo de arquivo não aceito: programa.exe."
    )
    status, answer = await upload(ana, "foto.png", b"<html><script>alert(1)</script>")
    assert status == 415, "a PNG name on bytes that are not a PNG"
    status, answer = await upload(ana, "vazio.txt", b"")
    assert (status, answer["notice"]) == (400, "O arquivo está vazio.")
    status, answer = await upload(ana, "nota.pdf", PDF, csrf="forged")
    assert status == 403 and "sessão expirou" in answer["notice"]

    assert stored_files(web) == []
    assert await _web_messages(web) == before

    english = await web.browser(language="en")
    await asking(web, english)
    status, answer = await upload(english, "programa.exe", b"MZ", language="en")
    assert status == 415 and answer["notice"].startswith("File type not accepted: programa.exe.")
    status, answer = await upload(english, "grande.png", PNG + b"x" * 11_000_000, language="en")
    assert (status, answer["notice"]) == (413, "File too large (at most 10 MB).")


async def test_a_double_submitted_file_is_kept_and_relayed_once(web: WebWorld) -> None:
    ana = await web.browser()
    _, card_ref = await in_session(web, ana)
    same = message_id()
    for _ in range(2):
        status, answer = await upload(ana, "nota.pdf", PDF, msg_id=same)
        assert (status, answer["ok"]) == (200, True)
    await web.deliver()
    assert len(await attachments_at(web, "staff:requests")) == 1
    assert len([n for n in stored_files(web) if not n.endswith(".json")]) == 1
    assert len([a for e in await ana.events() for a in e["attachments"]]) == 1
    assert card_ref


async def test_retention_deletes_the_files_of_purged_messages(web: WebWorld) -> None:
    ana = await web.browser()
    await in_session(web, ana)
    await upload(ana, "antiga.png", PNG)
    await web.deliver()
    [old] = [a for e in await ana.events() for a in e["attachments"]]
    web.clock.advance(timedelta(hours=48))
    await upload(ana, "pendente.pdf", PDF)  # its relay is not delivered before the purge
    [pending] = [
        a for a in await attachments_at(web, ana_address(ana)) if a["name"] == "pendente.pdf"
    ]
    web.clock.advance(timedelta(hours=73))

    await _purge(web)
    assert (await download(ana.http, web.base_url, old["url"])).status == 404
    assert [n for n in stored_files(web) if not n.endswith(".json")] == [pending["ref"]], (
        "the purged message's file is gone; the one an undelivered message carries is kept"
    )

    await web.deliver()
    [relayed] = [
        a for a in await attachments_at(web, "staff:requests") if a["name"] == "pendente.pdf"
    ]
    assert relayed["ref"] == pending["ref"]
    web.clock.advance(timedelta(hours=73))
    await _purge(web)
    assert stored_files(web) == []


def ana_address(browser: Browser) -> str:
    """The chat address of a browser (from its cookie, as the server computes it)."""
    cookie = browser.http.cookie_jar.filter_cookies(URL(browser.base_url))["cw_client"].value
    return WebClient(cookie).address.id


async def _purge(web: WebWorld) -> None:
    await ensure_retention_timer(web.core)
    loop = TimerLoop(web.core, timer_handlers())
    while await loop.run_once():
        pass


async def _web_messages(web: WebWorld) -> int:
    async with web.core.db.uow() as uow:
        return int((await uow.session.exec(select(func.count()).select_from(WebMessage))).one())


async def test_a_malformed_upload_body_is_a_clear_refusal_not_an_error(web: WebWorld) -> None:
    ana = await web.browser()
    await in_session(web, ana)
    before = await _web_messages(web)
    headers = {
        "Accept": "application/json",
        "X-CSRF-Token": ana.csrf,
        "Content-Type": "multipart/form-data; boundary=XyZ",
    }
    bodies = {
        b"a" * 600_000: "Pedido inválido. Recarregue a página e tente de novo.",
        b"--XyZ\r\n" + b"b" * 600_000: "Pedido inválido. Recarregue a página e tente de novo.",
        b"--XyZ--\r\n": "Escolha um arquivo para enviar.",
    }
    for body, notice in bodies.items():
        async with ana.http.post(
            ana.base_url + "/chat/upload", data=body, headers=headers
        ) as response:
            answer = await response.json()
        assert (response.status, answer["notice"]) == (400, notice)
    assert stored_files(web) == []
    assert await _web_messages(web) == before


async def test_only_a_linked_client_with_a_request_may_send_files(web: WebWorld) -> None:
    company = await given_company(web)
    stranger = await web.browser()
    status, answer = await upload(stranger, "nota.pdf", PDF)
    assert (status, answer["notice"]) == (
        403,
        "Para enviar arquivos, informe antes o código de acesso da sua empresa.",
    )
    linked = await web.browser()
    await linked.post("/chat/start", {"code": company.access_code, "message_id": message_id()})
    await web.deliver()
    status, answer = await upload(linked, "nota.pdf", PDF)
    assert status == 403 and answer["notice"].startswith("Arquivos podem ser enviados durante")
    assert stored_files(web) == []

    await asking(web, linked)
    status, _ = await upload(linked, "nota.pdf", PDF)
    assert status == 200
    assert len(stored_files(web)) == 2, "the file and its description"


async def test_a_client_sending_too_many_files_is_slowed_down_and_capped(web: WebWorld) -> None:
    ana = await web.browser()
    await in_session(web, ana)
    for _ in range(20):
        status, _ = await upload(ana, "foto.png", PNG)
        assert status == 200
    status, answer = await upload(ana, "foto.png", PNG)
    assert (status, answer["notice"]) == (
        429,
        "Muitos arquivos em pouco tempo (no máximo 20 por hora). Tente de novo mais tarde.",
    )
    assert len(stored_files(web)) == 2 * 20
    web.clock.advance(timedelta(minutes=61))
    big = b"%PDF-" + b"x" * (9 * 1024 * 1024)
    sent = 0
    while (status := (await upload(ana, "grande.pdf", big))[0]) == 200:
        sent += 1
    assert status == 429 and sent == 5, "50 MB a day: five more files of 9 MB"
    web.clock.advance(timedelta(hours=24, minutes=1))
    status, _ = await upload(ana, "grande.pdf", big)
    assert status == 200
