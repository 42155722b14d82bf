"""A consultant sends a file to the client from the session page, over real HTTP.

The form works without JavaScript (the CSRF token in the multipart form, a redirect back) and as
``console.js`` sends it (the ``X-CSRF-Token`` header, a JSON answer with a fresh nonce); files
over the app's 1 MB form limit go through. The client sees the file in their chat and opens it at
``/files/<id>``. Refusals come in the staff member's language and keep nothing.
"""

from __future__ import annotations

import re
from typing import Any

import aiohttp
from sqlmodel import col, select

from adapters.web.files import MAX_UPLOAD_BYTES
from core.models import Outbound, WebMessage
from core.sessions import end_session
from tests.web.client.files_helpers import PDF, PNG, download, in_session, stored_files
from tests.web.client.helpers import CONSULTANT
from tests.web.conftest import Browser, WebWorld
from tests.web.console.helpers import StaffBrowser, given_account, given_consultant, staff_browser

BIG_PDF = PDF + b"%" + b"x" * (2 * 1024 * 1024)
"""A 2 MB document: more than the app's 1 MB limit on ordinary forms."""
_ERROR = re.compile(r'<p class="field-error" role="alert" data-upload-error>([^<]*)</p>')


async def send_file(
    staff: StaffBrowser,
    session_id: int,
    name: str,
    data: bytes,
    *,
    caption: str = "",
    javascript: bool = False,
    csrf: str | None = None,
    nonce: str | None = None,
) -> tuple[int, Any]:
    """POST the session page's file form: as a plain form (the page) or as console.js (JSON)."""
    token = staff.csrf if csrf is None else csrf
    form = aiohttp.FormData(quote_fields=False)
    if not javascript:
        form.add_field("csrf_token", token)
    form.add_field("nonce", staff.nonce if nonce is None else nonce)
    form.add_field("text", caption)
    form.add_field("file", data, filename=name, content_type="application/octet-stream")
    headers = {"Accept": "application/json", "X-CSRF-Token": token} if javascript else {}
    url = f"{staff.base_url}/console/session/{session_id}/upload"
    async with staff.http.post(url, data=form, headers=headers) as response:
        staff.last_url = str(response.url)
        if javascript:
            return response.status, await response.json()
        body = await response.text()
        staff._remember(body)
        return response.status, body


def field_error(page: str) -> str:
    """The refusal shown beside the file field ("" when none)."""
    found = _ERROR.search(page)
    return found.group(1) if found else ""


async def _attachments_of(web: WebWorld, address: str) -> list[dict[str, Any]]:
    async with web.core.db.uow() as uow:
        rows = (
            await uow.session.exec(select(WebMessage).where(WebMessage.address == address))
        ).all()
    return [a for row in rows for a in row.payload.get("attachments") or []]


async def _relayed_rows(web: WebWorld) -> int:
    async with web.core.db.uow() as uow:
        rows = await uow.session.exec(select(Outbound).where(col(Outbound.purpose) == "relay"))
        return len(rows.all())


async def _bruna_in_session(
    web: WebWorld, *, language: str | None = None
) -> tuple[Browser, StaffBrowser, int]:
    """Ana (a browser) in a session with Bruna (signed in to the console, on the session page)."""
    ana = await web.browser()
    session_id, _ = await in_session(web, ana)
    await given_account(web, "bruna", key=CONSULTANT, name="Bruna Consultora", language=language)
    bruna = await staff_browser(web)
    assert await bruna.sign_in("bruna") == 200
    status, page = await bruna.get(f"/console/session/{session_id}")
    assert status == 200
    assert f'action="/console/session/{session_id}/upload"' in page
    assert 'enctype="multipart/form-data"' in page
    return ana, bruna, session_id


async def test_a_consultants_file_reaches_the_clients_chat_with_and_without_javascript(
    web: WebWorld,
) -> None:
    ana, bruna, session_id = await _bruna_in_session(web)

    status, page = await send_file(
        bruna, session_id, "Manual de custos.pdf", BIG_PDF, caption="Segue o manual"
    )
    assert status == 200 and field_error(page) == ""
    assert bruna.last_url.endswith(f"/console/session/{session_id}")
    await web.deliver()
    theirs = [e for e in await ana.events() if e["attachments"]]
    assert "Bruna Consultora" in theirs[-1]["text"] and "Segue o manual" in theirs[-1]["text"]
    [document] = theirs[-1]["attachments"]
    assert (document["name"], document["kind"]) == ("Manual de custos.pdf", "document")
    got = await download(ana.http, web.base_url, document["url"])
    assert got.status == 200 and got.body == BIG_PDF
    assert got.headers["Content-Type"] == "application/pdf"
    stranger = await web.browser()
    assert (await download(stranger.http, web.base_url, document["url"])).status == 404

    await bruna.get(f"/console/session/{session_id}")
    first_nonce = bruna.nonce
    status, answer = await send_file(bruna, session_id, "tela.png", PNG, javascript=True)
    assert (status, answer["ok"]) == (200, True), answer
    assert answer["nonce"] and answer["nonce"] != first_nonce
    status, again = await send_file(bruna, session_id, "tela.png", PNG, javascript=True)
    assert (status, again["ok"]) == (200, True)  # the same form twice (a double click)
    await web.deliver()
    photos = [e for e in await ana.events() if e["attachments"]]
    assert len(photos) == 1
    assert photos[0]["text"] == "Bruna Consultora enviou uma foto."
    [photo] = photos[0]["attachments"]
    got = await download(ana.http, web.base_url, photo["url"])
    assert got.status == 200 and got.body == PNG
    assert len(stored_files(web)) == 4  # two files, each with its description

    status, answer = await send_file(
        bruna, session_id, "tela 2.png", PNG, javascript=True, nonce=answer["nonce"]
    )
    assert answer["ok"] is True
    await web.deliver()
    assert len([e for e in await ana.events() if e["attachments"]]) == 1
    assert len(stored_files(web)) == 6


async def test_refusals_are_in_the_staff_members_language_and_keep_nothing(web: WebWorld) -> None:
    ana, bruna, session_id = await _bruna_in_session(web)
    before = await _relayed_rows(web)

    cases: list[tuple[str, bytes, str, int, str]] = [
        (
            "enorme.pdf",
            PDF + b"x" * MAX_UPLOAD_BYTES,
            "",
            413,
            "Arquivo grande demais (o máximo é 10 MB).",
        ),
        ("programa.exe", b"MZ\x90\x00", "", 415, "Tipo de arquivo não aceito: programa.exe."),
        ("falso.pdf", b"MZ\x90\x00 not a pdf", "", 415, "Tipo de arquivo não aceito: falso.pdf."),
        ("vazio.pdf", b"", "", 400, "O arquivo está vazio."),
        ("nota.pdf", PDF, "// guardar", 409, "Arquivos não ficam em notas internas"),
    ]
    for name, data, caption, status_wanted, text in cases:
        status, page = await send_file(bruna, session_id, name, data, caption=caption)
        assert status == status_wanted, (name, page[:300])
        assert field_error(page).startswith(text), (name, field_error(page))
        status, answer = await send_file(
            bruna, session_id, name, data, caption=caption, javascript=True
        )
        assert (status, answer["ok"]) == (status_wanted, False), (name, answer)
        assert answer["notice"].startswith(text)
    assert 'value="// guardar"' in page  # the caption typed is kept in the form

    status, page = await send_file(bruna, session_id, "a.pdf", PDF, csrf="forged")
    assert status == 403 and "O formulário expirou" in page
    status, answer = await send_file(bruna, session_id, "a.pdf", PDF, javascript=True, csrf="x")
    assert status == 403 and answer["ok"] is False

    await given_consultant(web, "carlos", "Carlos Consultor")
    carlos = await staff_browser(web)
    assert await carlos.sign_in("carlos") == 200
    status, _ = await carlos.get(f"/console/session/{session_id}")
    assert status == 403, "another consultant's session is not theirs to read"
    status, page = await send_file(carlos, session_id, "a.pdf", PDF)
    assert status == 403
    assert "Este atendimento é de outra pessoa" in page

    await end_session(web.core, session_id, by=CONSULTANT)
    status, answer = await send_file(bruna, session_id, "a.pdf", PDF, javascript=True)
    assert status == 409 and answer["notice"].startswith(f"A sessão {session_id} já foi encerrada")

    assert stored_files(web) == []
    assert await _relayed_rows(web) == before
    await web.deliver()
    assert not any(e["attachments"] for e in await ana.events(at_least=0, seconds=0.5))
    assert await _attachments_of(web, "staff:requests") == []


async def test_an_english_speaking_consultant_reads_refusals_in_english(web: WebWorld) -> None:
    _, bruna, session_id = await _bruna_in_session(web, language="en")
    _, page = await bruna.get(f"/console/session/{session_id}")
    assert "Send a file to the client" in page and "up to 10 MB" in page
    status, page = await send_file(bruna, session_id, "planilha.exe", b"MZ")
    assert status == 415
    assert field_error(page).startswith("File type not accepted: planilha.exe.")
    status, answer = await send_file(
        bruna, session_id, "big.png", PNG + b"0" * MAX_UPLOAD_BYTES, javascript=True
    )
    assert (status, answer["notice"]) == (413, "File too large (at most 10 MB).")
    assert stored_files(web) == []


async def test_only_signed_in_console_staff_may_send_files(web: WebWorld) -> None:
    _, _, session_id = await _bruna_in_session(web)
    outsider = await staff_browser(web)
    url = f"{web.base_url}/console/session/{session_id}/upload"
    form = aiohttp.FormData()
    form.add_field("file", PDF, filename="a.pdf")
    async with outsider.http.post(url, data=form, allow_redirects=False) as response:
        assert response.status == 303
        assert response.headers["Location"].startswith("/login?next=")
    await given_account(web, "marina", roles=("manager",))
    manager = await staff_browser(web)
    assert await manager.sign_in("marina") == 200
    await manager.get("/dashboard")
    status, _ = await send_file(manager, session_id, "a.pdf", PDF)
    assert status == 403
    assert stored_files(web) == []
