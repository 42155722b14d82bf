"""A waiting client sees their queue position change live, without reloading the page.

Two clients wait in the web chat; the second keeps one event stream open (as the page's
EventSource does). When the consultant takes the first client, the real outbox dispatcher and
timer loop run (the manual clock moves on, in case the queue's refresh waits for a timer) and the
second client's queue card changes in place, on that same open stream, to position 1.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any

from bot.bootstrap import timer_handlers
from core.models import Company
from core.queue import claim_request
from core.timers import TimerLoop
from tests.web.client.helpers import (
    CONSULTANT,
    consult,
    given_company,
    given_consultant,
    message_id,
)
from tests.web.conftest import Browser, WebWorld, until


async def _queued(web: WebWorld, browser: Browser, company: Company) -> tuple[int, dict[str, Any]]:
    """Link, ask for consulting, accept the terms: (request id, the queue card event)."""
    await browser.post("/chat/start", {"code": company.access_code, "message_id": message_id()})
    await web.deliver()
    request_id = await consult(web, browser, 2, "O estoque não bate com o inventário")
    seen = await browser.events(at_least=2)
    return request_id, [e for e in seen if e["purpose"] == "queue_card"][-1]


@asynccontextmanager
async def open_stream(browser: Browser) -> AsyncIterator[list[dict[str, Any]]]:
    """One event stream kept open (after the events already seen); the list fills as they come."""
    received: list[dict[str, Any]] = []
    headers = {"Accept": "text/event-stream", "Last-Event-ID": str(browser.seen)}
    async with browser.http.get(browser.base_url + "/chat/events", headers=headers) as response:
        assert response.status == 200

        async def read() -> None:
            async for raw in response.content:
                line = raw.decode().rstrip("\n")
                if line.startswith("data: "):
                    received.append(json.loads(line[6:]))

        reader = asyncio.create_task(read())
        try:
            yield received
        finally:
            reader.cancel()


async def test_the_second_clients_position_updates_live_when_the_first_is_taken(
    web: WebWorld,
) -> None:
    company = await given_company(web)
    await given_consultant(web)
    ana, bia = await web.browser(), await web.browser()
    first, _ = await _queued(web, ana, company)
    _, card = await _queued(web, bia, company)
    assert "Posição: 2" in card["text"]

    async with open_stream(bia) as live:
        result = await claim_request(web.core, first, CONSULTANT)
        assert result.won
        timers = TimerLoop(web.core, timer_handlers())

        def moved() -> list[dict[str, Any]]:
            return [e for e in live if e["replaces"] == card["ref"] and "Posição: 1" in e["text"]]

        async def run_a_while() -> bool:
            await web.deliver()
            await timers.run_once()
            await web.deliver()
            if not moved():
                web.clock.advance(timedelta(seconds=15))
            await asyncio.sleep(0.05)  # the open stream's turn to read
            return bool(moved())

        await until(run_a_while, "bia's queue card to show position 1 on the open stream")

    [update] = moved()[-1:]
    assert [c["action"] for c in update["choices"]][:1] == [card["choices"][0]["action"]], (
        "still waiting: the card keeps its buttons"
    )
    assert "Posição: 2" not in update["text"]
