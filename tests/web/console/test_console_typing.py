"""Typing signals on a session's page: the consultant typing in the composer reaches the client's
web chat (``typing:client:<address>``), the client typing shows on the session page's event
stream as ``event: typing``; only someone who may act in the open session signals, with the
sign-in and the CSRF token, at most every few seconds."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from adapters.web.hub import Hub
from tests.web.conftest import WebWorld
from tests.web.console.helpers import (
    StaffBrowser,
    given_account,
    given_company,
    given_consultant,
    queued_client,
    staff_browser,
)
from tests.web.helpers import only_session


def _client_signals(hub: Hub, address: str) -> list[tuple[str, str]]:
    """``(label, side)`` of the live typing signals the client's chat page at ``address`` gets."""
    return [(s.label, s.side) for s in hub.typing_after([f"typing:client:{address}"], 0, "page")]


async def _typing(staff: StaffBrowser, session_id: int, csrf: str | None = None) -> tuple[int, Any]:
    """The composer's signal, as console.js sends it (no form, the X-CSRF-Token header)."""
    token = staff.csrf if csrf is None else csrf
    headers = {"Accept": "application/json"} | ({"X-CSRF-Token": token} if token else {})
    url = f"{staff.base_url}/console/session/{session_id}/typing"
    async with staff.http.post(url, headers=headers) as response:
        body = await response.text()
        try:
            return response.status, json.loads(body)
        except ValueError:
            return response.status, body


async def _accepted(web: WebWorld) -> tuple[str, StaffBrowser, int]:
    """Cliente 1 (web chat) queued; Bruna accepts: (client's address, her browser, session)."""
    company = await given_company(web)
    await given_consultant(web, "bruna", "Bruna Consultora")
    client, request_id = await queued_client(web, company, 1)
    bruna = await staff_browser(web)
    assert await bruna.sign_in("bruna") == 200
    await bruna.get("/console")
    await bruna.post("/console/action", {"action": f"claim:{request_id}"})
    session = await only_session(web)
    assert session.id is not None
    await web.deliver()
    await bruna.get(f"/console/session/{session.id}")
    return client.id, bruna, session.id


async def test_the_consultant_typing_reaches_the_clients_chat_once_every_few_seconds(
    web: WebWorld,
) -> None:
    address, bruna, session_id = await _accepted(web)
    status, answer = await _typing(bruna, session_id)
    assert (status, answer) == (200, {"ok": True, "sent": True})
    assert _client_signals(web.hub, address) == [("Bruna Consultora", "staff")]
    seq = web.hub.typing_seq()
    status, answer = await _typing(bruna, session_id)  # typing on: the page's next keystroke
    assert (status, answer) == (200, {"ok": True, "sent": False})
    assert web.hub.typing_seq() == seq, "a second signal right away is not sent"


async def test_typing_is_refused_without_the_token_to_others_and_after_the_end(
    web: WebWorld,
) -> None:
    address, bruna, session_id = await _accepted(web)
    await given_consultant(web, "carlos", "Carlos Consultor")
    await given_account(web, "sara", roles=("secretary",), name="Sara")
    carlos, sara = await staff_browser(web), await staff_browser(web)
    await carlos.sign_in("carlos")
    await sara.sign_in("sara")
    await carlos.get("/console")
    await sara.get("/console")

    status, _ = await _typing(bruna, session_id, csrf="")
    assert status == 403
    status, _ = await _typing(bruna, session_id, csrf="forged")
    assert status == 403
    status, answer = await _typing(carlos, session_id)
    assert status == 403 and "Este atendimento é de outra pessoa" in answer["notice"]
    status, answer = await _typing(sara, session_id)  # reads every session, is not in this one
    assert status == 403
    status, answer = await _typing(bruna, 999999)
    assert status == 404 and answer["notice"] == "Atendimento não encontrado."
    assert _client_signals(web.hub, address) == []

    await bruna.post("/console/action", {"action": f"end:{session_id}"})
    status, answer = await _typing(bruna, session_id)
    assert status == 409 and answer["notice"] == "Este atendimento foi encerrado."
    assert _client_signals(web.hub, address) == []

    anonymous = await staff_browser(web)
    url = f"{web.base_url}/console/session/{session_id}/typing"
    async with anonymous.http.post(url, allow_redirects=False) as response:
        assert response.status == 303 and response.headers["Location"].startswith("/login")


async def _typing_event(staff: StaffBrowser, path: str, signal: Any) -> dict[str, Any] | None:
    """Open the page's event stream, ``signal()`` once it is open, and return the first
    ``typing`` event's data (None when none comes within a few seconds)."""
    headers = {"Accept": "text/event-stream", "Last-Event-ID": "999999999"}
    async with staff.http.get(staff.base_url + path, headers=headers) as response:
        assert response.status == 200
        first = await asyncio.wait_for(response.content.readline(), 5)
        assert first.startswith(b"retry:")
        signal()
        event = None
        while True:
            try:
                raw = await asyncio.wait_for(response.content.readline(), 3)
            except TimeoutError:
                return None
            line = raw.decode().rstrip("\n")
            if line.startswith("event: "):
                event = line[7:]
            elif line.startswith("data: ") and event == "typing":
                found: dict[str, Any] = json.loads(line[6:])
                return found


async def test_the_client_typing_shows_on_the_session_pages_stream(web: WebWorld) -> None:
    _, bruna, session_id = await _accepted(web)
    events = f"/console/session/{session_id}/events"
    key = f"typing:session:{session_id}"

    def client_types() -> None:  # what the web chat's typing post signals
        web.hub.typing(key, "cookie:the-clients-browser", "Cliente 1", "client")

    data = await _typing_event(bruna, events, client_types)
    assert data == {"label": "Cliente 1", "side": "client", "seconds": 6.0}

    def another_session() -> None:
        web.hub.typing(f"typing:session:{session_id + 1}", "cookie:x", "Outra", "client")

    assert await _typing_event(bruna, events, another_session) is None

    _, page = await bruna.get(f"/console/session/{session_id}")
    assert 'id="typing"' in page and 'data-template="{name} está digitando…"' in page
    assert f'data-typing="/console/session/{session_id}/typing"' in page
