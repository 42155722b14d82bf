"""Two bot processes starting together both store what ``getMe`` said: neither fails.

Each process stores the Telegram bot's username at start (``bot.platforms``). Read-then-insert
let the second of two simultaneous starts fail on the key ("duplicate key value violates unique
constraint bot_setting_pkey") and exit; the value is now written in one statement.
"""

from __future__ import annotations

import asyncio

import pytest

from core.bot_settings import store_telegram_username, stored_telegram_username
from core.clock import ManualClock
from core.db import Database

pytestmark = pytest.mark.postgres


async def test_two_processes_storing_the_username_at_once_both_succeed(
    postgres_db: Database, clock: ManualClock
) -> None:
    other = Database(postgres_db.url)  # the second process's pools
    try:
        async with postgres_db.uow() as first:
            await store_telegram_username(first, clock, "consultoria_bot")  # not committed yet

            async def second() -> None:
                async with other.uow() as uow:
                    await store_telegram_username(uow, clock, "@consultoria_bot")
                    await uow.commit()

            waiting = asyncio.create_task(second())
            await asyncio.sleep(0.3)  # the second waits on the first's uncommitted row
            assert not waiting.done()
            await first.commit()
        await asyncio.wait_for(waiting, 10)
    finally:
        await other.dispose()

    async with postgres_db.read() as uow:
        assert await stored_telegram_username(uow) == "consultoria_bot"
