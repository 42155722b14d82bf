"""The console's calendar page: a consultant makes, replaces and revokes their own feed address
(shown once); forms without the CSRF token are refused; only consultants have one."""

from __future__ import annotations

import re
from dataclasses import replace

from sqlmodel import col, select

from core.calendar import token_hash
from core.models import CalendarFeed, Consultant
from tests.web.conftest import WebWorld
from tests.web.console.helpers import given_account, given_consultant, staff_browser

_URL = re.compile(r"/calendar/([A-Za-z0-9_\-]{43})\.ics")


async def _feeds(web: WebWorld, staff_key: str) -> list[CalendarFeed]:
    async with web.core.db.read() as uow:
        consultant = (
            await uow.session.exec(select(Consultant).where(Consultant.staff_key == staff_key))
        ).one()
        found = await uow.session.exec(
            select(CalendarFeed)
            .where(CalendarFeed.consultant_id == consultant.id)
            .order_by(col(CalendarFeed.id))
        )
        return list(found.all())


async def test_a_consultant_makes_replaces_and_revokes_their_feed(web: WebWorld) -> None:
    web.core.config = replace(web.core.config, calendar_feed_url=web.base_url + "/calendar")
    bruno = await given_consultant(web, "bruno", "Bruno Lima")
    carla = await given_consultant(web, "carla", "Carla Souza")
    browser = await staff_browser(web)
    await browser.sign_in("bruno")

    status, page = await browser.get("/console/calendar")
    assert status == 200 and "Nenhum endereço ativo." in page

    status, page = await browser.post("/console/calendar", {"do": "new"}, csrf="")
    assert status == 403 and await _feeds(web, bruno) == []

    status, page = await browser.post("/console/calendar", {"do": "new"})
    assert status == 200
    found = _URL.search(page)
    assert found is not None and f"{web.base_url}/calendar/{found[1]}.ics" in page
    first = found[1]
    [feed] = await _feeds(web, bruno)
    assert feed.token_sha256 == token_hash(first) and first not in feed.token_sha256
    status, page = await browser.get("/console/calendar")
    assert "Endereço ativo desde" in page and first not in page  # shown once

    status, page = await browser.post("/console/calendar", {"do": "new"})
    second = _URL.search(page)
    assert second is not None and second[1] != first
    feeds = await _feeds(web, bruno)
    assert [f.revoked_at is None for f in feeds] == [False, True]

    status, page = await browser.post("/console/calendar", {"do": "revoke"})
    assert status == 200 and "Endereço revogado" in page and "Nenhum endereço ativo." in page
    assert all(f.revoked_at is not None for f in await _feeds(web, bruno))

    other = await staff_browser(web)
    await other.sign_in("carla")
    status, page = await other.get("/console/calendar")
    assert status == 200 and "Nenhum endereço ativo." in page
    assert await _feeds(web, carla) == []


async def test_a_secretary_has_no_feed_page(web: WebWorld) -> None:
    await given_account(web, "sara", name="Sara Secretária", roles=("secretary",))
    browser = await staff_browser(web)
    await browser.sign_in("sara")
    status, _ = await browser.get("/console/calendar")
    assert status == 403
    status, _ = await browser.post("/console/calendar", {"do": "new"})
    assert status == 403
