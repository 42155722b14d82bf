"""Helpers of the client chat tests: a company and a consultant by the admin services, clicks."""

from __future__ import annotations

from typing import Any

from sqlmodel import col, func, select

from core.consultants import add_consultant
from core.models import Contact, InboundKey, WebMessage
from core.queue import set_status
from tests.web.conftest import Browser, WebWorld
from tests.web.helpers import given_company as given_company

CONSULTANT = "W0BRUNA001"
"""A web-only staff key (the shape ``consultoria staff add`` generates)."""

_ids = iter(range(1, 1_000_000))


def message_id() -> str:
    """A new client-generated message id (what chat.js sends)."""
    return f"msg-{next(_ids):08d}"


async def given_consultant(web: WebWorld, key: str = CONSULTANT) -> None:
    """An available consultant of every area, known by a web staff key."""
    async with web.core.db.uow() as uow:
        areas = list(web.core.config.areas)
        await add_consultant(
            uow,
            web.clock,
            staff_key=key,
            name="Bruna Consultora",
            areas=areas,
            known_areas=areas,
        )
        await uow.commit()
    await set_status(web.core, key, "disponivel")


async def press(browser: Browser, action: str, ref: str | None = None) -> dict[str, Any]:
    """Press a button like chat.js does; the JSON answer (asserted 200)."""
    status, answer = await browser.post(
        "/chat/action", {"action": action, "ref": ref, "message_id": message_id()}
    )
    assert status == 200, answer
    return answer


async def say(browser: Browser, text: str) -> dict[str, Any]:
    """Type and send ``text``; the JSON answer (asserted 200)."""
    status, answer = await browser.post("/chat/send", {"text": text, "message_id": message_id()})
    assert status == 200, answer
    return answer


def choice(events: list[dict[str, Any]], prefix: str) -> tuple[str, str]:
    """The (action, message ref) of the newest button whose action starts with ``prefix``."""
    for event in reversed(events):
        for button in event["choices"]:
            if button["action"].startswith(prefix):
                return button["action"], event["ref"]
    raise AssertionError(f"no {prefix!r} button in {[e['text'][:60] for e in events]}")


def texts(events: list[dict[str, Any]]) -> str:
    """Every text, title and field of ``events``, one string."""
    parts: list[str] = []
    for event in events:
        parts += [event["title"] or "", event["text"]]
        parts += [f"{label}: {value}" for label, value in event["fields"]]
    return "\n".join(parts)


async def stored_counts(web: WebWorld) -> tuple[int, int, int]:
    """How many web messages, contacts and inbound keys are stored."""
    async with web.core.db.uow() as uow:
        counts = []
        for model in (WebMessage, Contact, InboundKey):
            statement = select(func.count()).select_from(model)
            counts.append(int((await uow.session.exec(statement)).one()))
    return counts[0], counts[1], counts[2]


async def staff_room(web: WebWorld, address: str, thread: str | None = None) -> list[str]:
    """Texts delivered to a staff room of the web console (and thread), oldest first."""
    async with web.core.db.uow() as uow:
        statement = select(WebMessage).where(WebMessage.address == address)
        if thread is not None:
            statement = statement.where(WebMessage.thread == thread)
        found = await uow.session.exec(statement.order_by(col(WebMessage.id)))
        return [str(row.payload.get("text", "")) for row in found.all()]


async def consult(web: WebWorld, browser: Browser, area: int, text: str) -> int:
    """The linked client asks for consulting in ``area``, describes it, accepts the terms.

    Starts with the menu among the newest events; returns the request id, once the answer to
    the terms is delivered (its events not read yet).
    """
    await press(browser, *choice(await browser.events(at_least=2), "menu:consult"))
    await web.deliver()
    asked, _ = choice(await browser.events(), "area:")
    request_id = int(asked.split(":")[1])
    await press(browser, f"area:{request_id}:{area}")
    await web.deliver()
    await browser.events()
    await say(browser, text)
    await web.deliver()
    await press(browser, *choice(await browser.events(at_least=2), "terms_ok:"))
    await web.deliver()
    return request_id
