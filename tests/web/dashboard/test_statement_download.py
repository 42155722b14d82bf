"""A manager downloads a company's monthly statement (PDF) from the dashboard's billing page: the
same document ``consultoria billing statement`` writes, its total the CSV's to the cent."""

from __future__ import annotations

import io
import re
from datetime import timedelta

from pypdf import PdfReader

from core.sessions import end_session
from tests.scenario import World
from tests.scenarios.sessions_helpers import ANA, BRUNO, claimed, given_cast, queued
from tests.web.conftest import Browser, WebWorld
from tests.web.dashboard.helpers import get, signed_in


async def _download(browser: Browser, path: str) -> tuple[int, bytes, dict[str, str]]:
    async with browser.http.get(browser.base_url + path, allow_redirects=False) as response:
        return response.status, await response.read(), dict(response.headers)


def _text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


async def test_the_billing_page_links_each_company_to_its_statement_pdf(web: WebWorld) -> None:
    world = World(web.core, web.clock)
    cast = await given_cast(world)
    for minutes in (50, 1):  # R$ 180,00 (two periods) and R$ 90,00 (the minimum)
        session_id = await claimed(world, await queued(world, cast, ANA), BRUNO)
        web.clock.advance(timedelta(minutes=minutes))
        await end_session(web.core, session_id, by=BRUNO)
    manager = await signed_in(web, "gerente", roles=("manager",))

    _, html, _ = await get(manager, "/dashboard/billing?month=2026-11")
    link = f"/dashboard/billing/statement.pdf?month=2026-11&amp;company={cast.company_id}"
    assert link in html

    status, data, headers = await _download(manager, link.replace("&amp;", "&"))
    assert status == 200
    assert headers["Content-Type"] == "application/pdf"
    assert re.search(r'filename="extrato-2026-11-\d+\.pdf"', headers["Content-Disposition"])
    text = _text(data)
    assert "Metalúrgica Exemplo" in text
    assert "R$ 270,00" in text.replace("\xa0", " ")  # 180,00 + 90,00, as the CSV totals


async def test_bad_statement_links_get_clear_answers_and_only_managers_download(
    web: WebWorld,
) -> None:
    world = World(web.core, web.clock)
    cast = await given_cast(world)
    manager = await signed_in(web, "gerente", roles=("manager",))
    base = "/dashboard/billing/statement.pdf"
    for query in ("?month=2026-11", "?month=2026-11&company=abc", "?month=2026-11&company=0"):
        status, body, _ = await _download(manager, base + query)
        assert status == 400 and "Empresa inválida" in body.decode(), query
    status, body, _ = await _download(manager, f"{base}?month=nov&company={cast.company_id}")
    assert status == 400 and b"Traceback" not in body
    status, body, _ = await _download(manager, f"{base}?month=2026-11&company=99999")
    assert status == 404 and "Empresa inválida" in body.decode()

    consultant = await signed_in(web, "bruno", staff_key=BRUNO)
    status, body, _ = await _download(consultant, f"{base}?month=2026-11&company={cast.company_id}")
    assert status == 403 and not body.startswith(b"%PDF")
