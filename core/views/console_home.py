"""The console's home page in one read: the queue, my sessions, my areas and my messages.

``console_home`` opens its own unit of work, so the page sees one consistent snapshot.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo

from sqlmodel import select

from core.consultants import consultant_areas
from core.db import Database, UnitOfWork
from core.models import Consultant, Request, WebMessage
from core.views.console import SessionLine, Waiting, my_sessions, waiting_requests
from core.views.people import my_consultant, people_names
from core.webchat import messages_at

HOME_MESSAGES = 30
"""How many of the person's own newest messages the home page shows."""


@dataclass(frozen=True)
class Taken:
    """A request someone else accepted first: its id and the accepting consultant's name."""

    request_id: int
    by: str | None


@dataclass(frozen=True)
class ConsoleHome:
    """What the home page shows to one staff member.

    ``areas``: the areas the person serves as a consultant (None when not a consultant);
    ``messages``: their own address's top-level messages, oldest first; ``names``: staff keys ->
    names, for the mentions in those messages.
    """

    consultant: Consultant | None
    areas: list[str] | None
    queue: list[Waiting]
    sessions: list[SessionLine]
    names: dict[str, str]
    messages: list[WebMessage]
    taken: Taken | None


async def taken_by(uow: UnitOfWork, request_id: int) -> Taken | None:
    """Who accepted the request ``request_id``; None when nobody has (or there is no such)."""
    request = await uow.session.get(Request, request_id)
    if request is None or request.taken_by_id is None:
        return None
    statement = select(Consultant.name).where(Consultant.id == request.taken_by_id)
    taker = await uow.session.exec(statement)
    assert request.id is not None
    return Taken(request.id, taker.first())


async def console_home(
    db: Database,
    tz: tzinfo,
    staff_key: str,
    *,
    sees_all: bool,
    taken_id: int | None = None,
) -> ConsoleHome:
    """The home page of ``staff_key``.

    The queue is filtered to the person's areas (and requests without an area) when they are
    a consultant, unless ``sees_all`` (secretaries, support); ``taken_id`` is a request the
    person tried to accept after someone else did.
    """
    async with db.read() as uow:
        consultant = await my_consultant(uow, staff_key)
        areas = None
        if consultant is not None and consultant.id:
            areas = sorted(await consultant_areas(uow, consultant.id))
        queue = await waiting_requests(uow, tz, None if sees_all or areas is None else areas)
        sessions = await my_sessions(
            uow, tz, staff_key, consultant.id if consultant is not None else None
        )
        names = await people_names(uow)
        messages = await messages_at(uow, [staff_key], None, limit=HOME_MESSAGES)
        taken = await taken_by(uow, taken_id) if taken_id is not None else None
    return ConsoleHome(consultant, areas, queue, sessions, names, messages, taken)
