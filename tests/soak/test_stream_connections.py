"""Issue 13: open session pages in a busy room take no database connection while they wait.

A session page's stream reads its own thread of the staff room. It used to wait for rows newer
than the last one it sent, so while the room's newest row was another session's, the wait
returned at once, for ever: every open page re-read in a loop (about 300 reads a second with six
pages), each read holding a pooled connection in a transaction, until the pool was exhausted and
the dispatcher, the timer loop and the sign-in waited 30 s for a connection.
"""

from __future__ import annotations

import asyncio
from typing import Any

import aiohttp
from sqlalchemy import event
from sqlmodel import select

from core.models import ConsultingSession
from tests.soak.test_soak import _in_transaction, _pools_idle
from tests.web.conftest import WebWorld
from tests.web.console.helpers import given_company, given_consultant, queued_client, staff_browser
from tests.web.helpers import given_account

PAGES = 4


async def test_open_session_pages_hold_no_connection_while_the_room_is_busy(
    web: WebWorld,
) -> None:
    company = await given_company(web)
    for number in range(PAGES):
        await given_consultant(web, f"consultor{number}", f"Consultor {number}")
        consultant = await staff_browser(web)
        assert await consultant.sign_in(f"consultor{number}") == 200
        _, request_id = await queued_client(web, company, number + 1)
        await consultant.get("/console")
        status, _ = await consultant.post("/console/action", {"action": f"claim:{request_id}"})
        assert status == 200
        await web.deliver()
    async with web.core.db.read() as uow:
        sessions = [s.id for s in (await uow.session.exec(select(ConsultingSession))).all()]
    await given_account(web, "gerente", roles=("admin",))
    manager = await staff_browser(web)
    assert await manager.sign_in("gerente") == 200

    db = web.core.db
    engine = db.read_engine if db.read_engine is not None else db.engine
    checkouts: list[Any] = []
    event.listen(engine.sync_engine.pool, "checkout", lambda *args: checkouts.append(args))
    streams: list[aiohttp.ClientResponse] = []
    try:
        for session_id in sessions:
            url = f"{web.base_url}/console/session/{session_id}/events"
            response = await manager.http.get(url, headers={"Accept": "text/event-stream"})
            assert response.status == 200
            streams.append(response)
        await asyncio.sleep(0.5)  # each page has read its history and waits
        checkouts.clear()
        await asyncio.sleep(1.0)
        assert len(checkouts) == 0, f"{len(checkouts)} reads in a second by pages with no news"
        assert await _pools_idle(db), "a waiting page holds a pooled connection"
        assert await _in_transaction(db) == 0, "a connection idles in a transaction"
    finally:
        for response in streams:
            response.close()
