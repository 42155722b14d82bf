"""Console pages open on the same room share one read of it per message: a message to the
requests room reaches every open queue page through one read of the room, and a message to one
person's own address reaches only that person's pages."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event
from sqlmodel import col, func, select

from core.models import WebMessage
from core.outbox import Address, OutboundMessage, send
from tests.web.conftest import WebWorld
from tests.web.console.helpers import StaffBrowser, given_consultant, staff_browser

PAGES = ("ana", "bruna", "carla")


@contextmanager
def reads_of_messages(web: WebWorld) -> Iterator[list[str]]:
    """The statements reading ``web_message`` run while inside."""
    seen: list[str] = []

    def listener(*args: Any) -> None:
        statement = str(args[2])
        if statement.lstrip().upper().startswith("SELECT") and "FROM web_message" in statement:
            seen.append(statement)

    db = web.core.db
    engines = [e.sync_engine for e in (db.engine, db.read_engine) if e is not None]
    for engine in engines:
        event.listen(engine, "before_cursor_execute", listener)
    try:
        yield seen
    finally:
        for engine in engines:
            event.remove(engine, "before_cursor_execute", listener)


async def listen(staff: StaffBrowser, after: int, into: list[str]) -> None:
    """Add the texts of the console's SSE events after ``after`` to ``into``, until cancelled."""
    headers = {"Accept": "text/event-stream", "Last-Event-ID": str(after)}
    async with staff.http.get(staff.base_url + "/console/events", headers=headers) as response:
        assert response.status == 200
        async for raw in response.content:
            line = raw.decode().rstrip("\n")
            if line.startswith("data: "):
                into.append(json.loads(line[6:])["text"])


async def until(heard: list[list[str]], count: int, *, seconds: float = 5.0) -> None:
    """Wait until every page heard ``count`` events (or ``seconds`` passed)."""
    for _ in range(int(seconds / 0.05)):
        if all(len(texts) >= count for texts in heard):
            return
        await asyncio.sleep(0.05)


async def newest_message(web: WebWorld) -> int:
    """The newest ``web_message`` id (0: none)."""
    async with web.core.db.uow() as uow:
        found = (await uow.session.exec(select(func.max(col(WebMessage.id))))).one()
    return int(found or 0)


async def post_to(web: WebWorld, address: Address, text: str) -> None:
    """A message for ``address``, delivered by the real dispatcher."""
    async with web.core.db.uow() as uow:
        await send(uow, web.clock, address, OutboundMessage(text))
        await uow.commit()
    await web.deliver()


async def signed_in(web: WebWorld) -> dict[str, tuple[StaffBrowser, str]]:
    """Each of ``PAGES`` signed in to the console: their browser and staff key."""
    found = {}
    for login in PAGES:
        key = await given_consultant(web, login, login.title())
        browser = await staff_browser(web)
        assert await browser.sign_in(login) == 200
        found[login] = (browser, key)
    await web.deliver()
    return found


async def test_one_message_to_the_room_is_read_once_for_every_open_page(web: WebWorld) -> None:
    staff = await signed_in(web)
    after = await newest_message(web)
    heard: list[list[str]] = [[] for _ in PAGES]
    pages = [
        asyncio.create_task(listen(b, after, h))
        for (b, _), h in zip(staff.values(), heard, strict=True)
    ]
    await post_to(web, web.core.config.staff.requests, "Bom dia")
    await until(heard, 1)  # every page is open, has read and waits
    with reads_of_messages(web) as reads:
        await post_to(web, web.core.config.staff.requests, "Novo pedido na fila")
        await until(heard, 2)
    for task in pages:
        task.cancel()
    assert heard == [["Bom dia", "Novo pedido na fila"]] * len(PAGES)
    assert len(reads) == 1, reads


async def test_a_message_to_one_person_reaches_only_their_page(web: WebWorld) -> None:
    staff = await signed_in(web)
    after = await newest_message(web)
    heard: dict[str, list[str]] = {login: [] for login in PAGES}
    pages = [asyncio.create_task(listen(b, after, heard[login])) for login, (b, _) in staff.items()]
    await post_to(web, web.core.config.staff.requests, "Bom dia")
    await until(list(heard.values()), 1)
    await post_to(web, Address("web", staff["bruna"][1]), "Só para a Bruna")
    await post_to(web, web.core.config.staff.requests, "Para todos")
    await until(list(heard.values()), 2)
    await until([heard["bruna"]], 3)
    for task in pages:
        task.cancel()
    assert heard["bruna"] == ["Bom dia", "Só para a Bruna", "Para todos"]
    assert heard["ana"] == heard["carla"] == ["Bom dia", "Para todos"]
