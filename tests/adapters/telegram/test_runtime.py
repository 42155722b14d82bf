"""Polling and webhook modes through the real PTB machinery; commands; the base URL setting."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

import aiohttp

from adapters.telegram.app import TelegramChannel
from adapters.telegram.sender import TelegramSender
from adapters.telegram.webhook import SECRET_HEADER
from core.clock import ManualClock
from core.db import Database
from core.outbox import Address
from tests.adapters.telegram.conftest import Harness, config_for, harness_for
from tests.fakes.telegram_server import FakeTelegram
from tests.scenario import World
from tests.scenarios.sessions_helpers import given_cast

CHAT = "4201"
SECRET = "s3cret-token"


async def _until(condition: Callable[[], bool], seconds: float = 5.0) -> None:
    """Wait for work running in the background (the Updater), not for time to pass."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the update was not processed"
        await asyncio.sleep(0.02)


def _start_update(update_id: int, code: str) -> dict[str, object]:
    line = f"/start {code}"
    return {
        "update_id": update_id,
        "message": {
            "message_id": 1,
            "date": int(time.time()),
            "chat": {"id": int(CHAT), "type": "private", "first_name": "Ana"},
            "from": Harness.user(CHAT),
            "text": line,
            "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
        },
    }


async def test_polling_serves_queued_updates_and_confirms_them(
    db: Database, clock: ManualClock, fake: FakeTelegram
) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    application, sender = harness_for(world, fake)
    fake.queue_update(_start_update(501, cast.access_code))
    channel = TelegramChannel(application, config_for(fake))
    await channel.start()
    try:
        harness = Harness(world, fake, application, sender)
        await _until(lambda: len(fake.calls_of("getUpdates")) >= 2)
        await harness.deliver()
        assert "Metalúrgica Exemplo" in harness.all_text(CHAT)
    finally:
        await channel.stop()
    offsets = [int(c.params.get("offset") or 0) for c in fake.calls_of("getUpdates")]
    assert max(offsets) == 502  # the update was confirmed
    assert fake.calls_of("deleteWebhook")


async def test_webhook_refuses_a_missing_or_wrong_secret_and_acts_on_the_right_one(
    db: Database, clock: ManualClock, fake: FakeTelegram
) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    config = config_for(
        fake,
        mode="webhook",
        webhook_url="https://bot.example.com/telegram/webhook",
        webhook_secret=SECRET,
        webhook_port=0,
    )
    application, sender = harness_for(world, fake)
    channel = TelegramChannel(application, config)
    await channel.start()
    try:
        [set_webhook] = fake.calls_of("setWebhook")
        assert set_webhook.params["secret_token"] == SECRET
        url = f"http://127.0.0.1:{channel.port}/telegram/webhook"
        harness = Harness(world, fake, application, sender)
        async with aiohttp.ClientSession() as http:
            for headers in ({}, {SECRET_HEADER: "wrong"}):
                async with http.post(
                    url, json=_start_update(7, cast.access_code), headers=headers
                ) as r:
                    assert r.status == 403
            assert await world.outbox(Address("telegram", CHAT)) == []
            assert fake.texts_to(CHAT) == []
            right = {SECRET_HEADER: SECRET}
            async with http.post(url, json=_start_update(8, cast.access_code), headers=right) as r:
                assert r.status == 200
        await harness.deliver()
        assert "Metalúrgica Exemplo" in harness.all_text(CHAT)
    finally:
        await channel.stop()


async def test_commands_are_registered_in_portuguese_and_english(
    db: Database, clock: ManualClock, fake: FakeTelegram
) -> None:
    application, _ = harness_for(World.build(db, clock), fake)
    channel = TelegramChannel(application, config_for(fake))
    await channel.start()
    await channel.stop()
    by_language = {
        c.params.get("language_code"): [x["command"] for x in c.params["commands"]]
        for c in fake.calls_of("setMyCommands")
    }
    expected = ["start", "ajuda", "cancelar", "agendamentos", "suporte", "convidar", "sair"]
    assert by_language == {None: expected, "en": expected, "pt": expected}


async def test_the_base_url_points_every_call_at_the_configured_server(
    tg: Harness, fake: FakeTelegram
) -> None:
    assert tg.application.bot.base_url == f"{fake.base_url}{fake.token}"
    assert fake.calls_of("getMe")
    assert isinstance(tg.sender, TelegramSender)
