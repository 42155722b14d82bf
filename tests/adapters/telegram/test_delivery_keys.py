"""Repeated-delivery keys of Telegram updates: one per bot, forgotten after a window.

Telegram numbers updates per bot and starts again after a week without updates; a key that named
only the update id would make a second bot on the same database, or the same bot a week later,
ignore a new person's ``/start``.
"""

from __future__ import annotations

from datetime import timedelta

from bot.bootstrap import timer_handlers
from core.privacy import ensure_retention_timer
from core.timers import TimerLoop
from tests.adapters.telegram.conftest import Harness, harness_for
from tests.fakes.telegram_server import FakeTelegram
from tests.scenarios.sessions_helpers import given_cast

OTHER_TOKEN = "654321:OTHER-BOT"


async def test_two_bots_on_one_database_each_answer_their_own_update_ids(tg: Harness) -> None:
    cast = await given_cast(tg.world)
    await tg.feed(tg.message("7001", text="oi") | {"update_id": 1})
    other_fake = FakeTelegram(token=OTHER_TOKEN)
    await other_fake.start()
    try:
        application, sender = harness_for(tg.world, other_fake, token=OTHER_TOKEN)
        async with application:
            other = Harness(tg.world, other_fake, application, sender)
            line = f"/start {cast.access_code}"
            entities = [{"type": "bot_command", "offset": 0, "length": 6}]
            await other.feed(other.message("7002", text=line, entities=entities) | {"update_id": 1})
            await other.deliver()
            assert "Metalúrgica Exemplo" in other.all_text("7002"), "the other bot's update 1"
    finally:
        await other_fake.stop()


async def test_keys_are_forgotten_so_restarted_update_ids_are_answered(tg: Harness) -> None:
    cast = await given_cast(tg.world)
    line = f"/start {cast.access_code}"
    entities = [{"type": "bot_command", "offset": 0, "length": 6}]
    await tg.feed(tg.message("7001", text=line, entities=entities) | {"update_id": 5})
    await tg.deliver()
    assert "Metalúrgica Exemplo" in tg.all_text("7001")

    tg.world.clock.advance(timedelta(days=8))  # a quiet week: Telegram starts counting again
    await ensure_retention_timer(tg.world.core)
    loop = TimerLoop(tg.world.core, timer_handlers())
    while await loop.run_once():
        pass
    await tg.feed(tg.message("7003", text=line, entities=entities) | {"update_id": 5})
    await tg.deliver()
    assert "Metalúrgica Exemplo" in tg.all_text("7003"), "a new person's /start is answered"
