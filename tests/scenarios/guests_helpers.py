"""Helpers for the session-guest scenarios: a session with a client, invitations, colleagues."""

from __future__ import annotations

import re

from sqlmodel import col, select

from core import intake, sessions
from core.models import SessionGuest, SessionInvitation
from core.outbox import Address
from tests.scenario import World
from tests.scenarios.sessions_helpers import (
    ANA,
    BRUNO,
    claimed,
    given_cast,
    last,
    queued,
    thread_of,
)

CODE = re.compile(r"\*\*([A-Z0-9]{10})\*\*")
DORA = Address("telegram", "5301")
"""A colleague of Ana's company who has never used the bot."""
EDU = Address("telegram", "5302")
WEB_COLLEAGUE = Address("web", "c:" + "b" * 40)


async def session_with_client(world: World) -> tuple[int, Address, str]:
    """Ana in a session with Bruno: the session id, its thread and the company's access code."""
    cast = await given_cast(world)
    session_id = await claimed(world, await queued(world, cast, ANA), BRUNO)
    return session_id, await thread_of(world, session_id), cast.access_code


async def invitation_code(world: World, client: Address = ANA) -> str:
    """The client asks for an invitation (``/convidar``); the code it shows them."""
    await sessions.invite_colleague(world.core, client)
    found = CODE.search((await last(world, client)).text)
    assert found is not None, "the invitation shows its code in bold"
    return found.group(1)


async def joins(world: World, who: Address, code: str, name: str, language: str = "pt-BR") -> None:
    """A colleague opens the invitation's Telegram link (``/start <code>``)."""
    await intake.start(world.core, who, code=code, name=name, language=language)


async def invitations(world: World) -> list[SessionInvitation]:
    """Every invitation stored, oldest first."""
    async with world.core.db.uow() as uow:
        statement = select(SessionInvitation).order_by(col(SessionInvitation.id))
        return list((await uow.session.exec(statement)).all())


async def guests(world: World) -> list[SessionGuest]:
    """Every colleague's time in a session, oldest first."""
    async with world.core.db.uow() as uow:
        statement = select(SessionGuest).order_by(col(SessionGuest.id))
        return list((await uow.session.exec(statement)).all())
