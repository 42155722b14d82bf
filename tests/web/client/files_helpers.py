"""Helpers of the web files tests: a client in a session, uploads like chat.js, downloads."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import aiohttp
from sqlmodel import select

from core.models import Company, WebMessage
from core.queue import claim_request
from tests.web.client.helpers import (
    CONSULTANT,
    choice,
    consult,
    given_company,
    given_consultant,
    message_id,
    press,
)
from tests.web.conftest import Browser, WebWorld
from tests.web.helpers import only_session

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(64))
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@dataclass(frozen=True)
class Download:
    """What ``GET /files/<id>`` answered."""

    status: int
    body: bytes
    headers: dict[str, str]


async def upload(
    browser: Browser,
    name: str,
    data: bytes,
    *,
    caption: str = "",
    msg_id: str | None = None,
    csrf: str | None = None,
    content_type: str = "application/octet-stream",
    language: str | None = None,
) -> tuple[int, dict[str, Any]]:
    """POST a file to ``/chat/upload`` as chat.js does (multipart, the CSRF header)."""
    form = aiohttp.FormData(quote_fields=False)  # names as browsers send them
    form.add_field("message_id", msg_id or message_id())
    form.add_field("text", caption)
    form.add_field("file", data, filename=name, content_type=content_type)
    token = browser.csrf if csrf is None else csrf
    headers = {"Accept": "application/json"} | ({"X-CSRF-Token": token} if token else {})
    if language:
        headers["Accept-Language"] = language  # a browser sends it with every request
    async with browser.http.post(
        browser.base_url + "/chat/upload", data=form, headers=headers
    ) as response:
        return response.status, await response.json()


async def download(http: aiohttp.ClientSession, base_url: str, url: str) -> Download:
    """GET a file's URL with this browser's cookies."""
    async with http.get(base_url + url) as response:
        return Download(response.status, await response.read(), dict(response.headers))


async def in_session(web: WebWorld, browser: Browser) -> tuple[int, str]:
    """Link, ask for consulting, accept the terms, be claimed by the consultant: (session, ref).

    ``ref`` is the session's thread in the staff room (the request card's web message id).
    """
    company = await given_company(web)
    await given_consultant(web)
    await browser.post("/chat/start", {"code": company.access_code, "message_id": message_id()})
    await web.deliver()
    request_id = await consult(web, browser, 3, "Preciso de ajuda com o custo médio")
    await browser.events(at_least=2)
    result = await claim_request(web.core, request_id, CONSULTANT)
    assert result.won and result.session_id is not None
    await web.deliver()
    await browser.events(at_least=1)
    session = await only_session(web)
    assert session.thread_ref is not None
    return result.session_id, session.thread_ref


async def asking(web: WebWorld, browser: Browser) -> None:
    """Link to the (only) company and ask for consulting: a request being described."""
    async with web.core.db.uow() as uow:
        company = (await uow.session.exec(select(Company))).one()
    await browser.post("/chat/start", {"code": company.access_code, "message_id": message_id()})
    await web.deliver()
    await press(browser, *choice(await browser.events(at_least=2), "menu:consult"))
    await web.deliver()


async def attachments_at(web: WebWorld, address: str) -> list[dict[str, Any]]:
    """Every attachment stored in the web messages of ``address``, oldest first."""
    async with web.core.db.uow() as uow:
        rows = (
            await uow.session.exec(select(WebMessage).where(WebMessage.address == address))
        ).all()
    return [
        a
        for row in sorted(rows, key=lambda r: r.id or 0)
        for a in row.payload.get("attachments") or []
    ]


def stored_files(web: WebWorld) -> list[str]:
    """Names in the web files folder (bytes and descriptions)."""
    assert web.files is not None
    root = web.files.root
    return sorted(p.name for p in root.iterdir()) if root.exists() else []
