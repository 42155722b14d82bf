"""Typing indicators on the client's side of the chat, through real HTTP.

``POST /chat/typing`` signals the staff page of the client's open session (CSRF-checked, at most
one signal every two seconds, nothing without an open session); the staff's signals for the
client's chat arrive on its event stream as ``typing`` events.
"""

from __future__ import annotations

import asyncio
import json
from datetime import timedelta
from typing import Any

from adapters.web.client.identity import CLIENT_COOKIE, WebClient
from core.queue import claim_request
from tests.web.client.helpers import (
    CONSULTANT,
    consult,
    given_company,
    given_consultant,
    message_id,
)
from tests.web.conftest import Browser, WebWorld, until

STAFF = "cookie:staff-page"
"""Who reads the session page's signals (anyone but the client's own browser)."""


def _signals(web: WebWorld, session_id: int) -> list[tuple[str, str]]:
    """The (label, side) of the live typing signals the session's staff page would be sent."""
    found = web.hub.typing_after([f"typing:session:{session_id}"], 0, STAFF)
    return [(signal.label, signal.side) for signal in found]


async def _linked(web: WebWorld) -> Browser:
    company = await given_company(web)
    await given_consultant(web)
    ana = await web.browser()
    body = {"code": company.access_code, "name": "Ana Souza", "message_id": message_id()}
    assert (await ana.post("/chat/start", body))[0] == 200
    await web.deliver()
    return ana


async def _in_a_session(web: WebWorld) -> tuple[Browser, int]:
    ana = await _linked(web)
    request_id = await consult(web, ana, 3, "Como fechar o custo do mês?")
    result = await claim_request(web.core, request_id, CONSULTANT)
    assert result.won and result.session_id is not None
    await web.deliver()
    return ana, result.session_id


async def test_typing_in_a_session_reaches_its_staff_page(web: WebWorld) -> None:
    ana, session_id = await _in_a_session(web)

    status, answer = await ana.post("/chat/typing", {})

    assert (status, answer) == (200, {"ok": True, "sent": True})
    assert _signals(web, session_id) == [("Ana Souza", "client")]


async def test_typing_signals_are_throttled(web: WebWorld) -> None:
    ana, session_id = await _in_a_session(web)
    assert (await ana.post("/chat/typing", {}))[1]["sent"] is True

    again = await ana.post("/chat/typing", {})
    web.clock.advance(timedelta(seconds=3))
    later = await ana.post("/chat/typing", {})

    assert again == (200, {"ok": True, "sent": False})
    assert later == (200, {"ok": True, "sent": True})
    assert len(web.hub.typing_after([f"typing:session:{session_id}"], 0, STAFF)) == 1


async def test_typing_without_an_open_session_signals_nothing(web: WebWorld) -> None:
    ana = await _linked(web)
    stranger = await web.browser()

    assert await ana.post("/chat/typing", {}) == (200, {"ok": True, "sent": False})
    assert await stranger.post("/chat/typing", {}) == (200, {"ok": True, "sent": False})
    assert web.hub.typing_seq() == 0


async def test_typing_without_the_pages_token_is_refused(web: WebWorld) -> None:
    ana, session_id = await _in_a_session(web)

    status, answer = await ana.post("/chat/typing", {}, csrf="forged")

    assert status == 403
    assert answer["ok"] is False and "Recarregue a página" in answer["notice"]
    assert _signals(web, session_id) == []


async def _typing_events(browser: Browser, web: WebWorld, signal: Any) -> list[dict[str, Any]]:
    """Open the chat's event stream, send ``signal()`` once it streams; the typing events."""
    found: list[dict[str, Any]] = []
    headers = {"Accept": "text/event-stream", "Last-Event-ID": "999999999"}
    async with browser.http.get(browser.base_url + "/chat/events", headers=headers) as response:
        assert response.status == 200
        await until(lambda: _streaming(web), "the chat's stream is open")
        signal()
        event = ""
        while not found:
            line = (await asyncio.wait_for(response.content.readline(), 5)).decode().strip()
            if line.startswith("event: "):
                event = line[7:]
            elif line.startswith("data: ") and event == "typing":
                found.append(json.loads(line[6:]))
    return found


async def _streaming(web: WebWorld) -> bool:
    return any(count > 0 for count in web.hub.streams.values())


async def test_staff_typing_shows_in_the_clients_chat(web: WebWorld) -> None:
    ana, _ = await _in_a_session(web)
    cookie = next(c for c in ana.http.cookie_jar if c.key == CLIENT_COOKIE)
    chat = WebClient(cookie.value).address.id

    events = await _typing_events(
        ana,
        web,
        lambda: web.hub.typing(f"typing:client:{chat}", STAFF, "Bruna Consultora", "staff"),
    )

    assert events == [{"label": "Bruna Consultora", "side": "staff", "seconds": 6.0}]
