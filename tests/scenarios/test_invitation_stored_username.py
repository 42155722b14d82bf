"""A session invitation's Telegram link uses the bot's username stored by
``consultoria setup telegram`` when no ``CONSULTORIA_TELEGRAM_BOT_USERNAME`` is set."""

from __future__ import annotations

from core.bot_settings import store_telegram_username
from core.clock import ManualClock
from core.db import Database
from tests.scenario import World
from tests.scenarios.guests_helpers import invitation_code, session_with_client
from tests.scenarios.sessions_helpers import ANA, last


async def test_the_invitation_links_the_stored_bot_username(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    async with db.uow() as uow:
        await store_telegram_username(uow, clock, "@consultoria_bot")
        await uow.commit()
    await session_with_client(world)
    code = await invitation_code(world)
    assert f"https://t.me/consultoria_bot?start={code}" in (await last(world, ANA)).text


async def test_the_configured_username_wins_over_the_stored_one(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock, telegram_bot_username="ConsultoriaBot")
    async with db.uow() as uow:
        await store_telegram_username(uow, clock, "old_name_bot")
        await uow.commit()
    await session_with_client(world)
    code = await invitation_code(world)
    text = (await last(world, ANA)).text
    assert f"https://t.me/ConsultoriaBot?start={code}" in text
    assert "old_name_bot" not in text
