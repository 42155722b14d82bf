"""HTTP mode: one server for the Telegram webhook, /slack/events, /healthz and /metrics."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import timedelta

import aiohttp
import pytest

from bot.runtime import Runtime
from core.clock import ManualClock
from core.db import Database
from tests.fakes import slack_signing as signing
from tests.fakes.slack_server import FakeSlack
from tests.fakes.telegram_server import FakeTelegram
from tests.runtime.conftest import SECRET, WEBHOOK_SECRET, command_update, settings_for, until
from tests.scenario import World
from tests.scenarios.queue_helpers import given_company, queued_client

CHAT = 7401
METRICS_TOKEN = "prometheus-token-0123456789"
SCRAPER = {"Authorization": f"Bearer {METRICS_TOKEN}"}


@pytest.fixture
async def runtime(
    db: Database, clock: ManualClock, fake_telegram: FakeTelegram, fake_slack: FakeSlack
) -> AsyncIterator[Runtime]:
    """A Runtime with Telegram by webhook and Slack by HTTP, on one port."""
    settings = settings_for(
        fake_telegram,
        fake_slack,
        db.url,
        telegram_mode="webhook",
        telegram_webhook_url="https://bot.example.com/telegram/webhook",
        telegram_webhook_secret=WEBHOOK_SECRET,
        metrics_token=METRICS_TOKEN,
    )
    bot = Runtime(settings, clock=clock, idle=30)
    await bot.start()
    try:
        yield bot
    finally:
        await bot.stop(flush_timeout=5)


def url(runtime: Runtime, path: str) -> str:
    """The URL of ``path`` on the runtime's web server."""
    return f"http://127.0.0.1:{runtime.http_port}{path}"


async def test_health_answers_while_the_database_does(runtime: Runtime) -> None:
    async with aiohttp.ClientSession() as http, http.get(url(runtime, "/healthz")) as answer:
        assert answer.status == 200


async def test_health_is_503_without_the_database(
    clock: ManualClock, fake_slack: FakeSlack, db: Database
) -> None:
    bot = Runtime(settings_for(None, fake_slack, db.url), clock=clock)
    await bot.start()
    assert bot.web is not None
    healthy_db, bot.web.db = bot.web.db, Database("postgresql://nobody@127.0.0.1:1/gone")
    try:
        async with aiohttp.ClientSession() as http, http.get(url(bot, "/healthz")) as answer:
            assert answer.status == 503
    finally:
        await bot.web.db.dispose()
        bot.web.db = healthy_db
        await bot.stop(flush_timeout=1)


async def test_metrics_show_the_queue_after_a_client_joins(
    runtime: Runtime, clock: ManualClock
) -> None:
    world = World(runtime.core, clock)
    await queued_client(world, await given_company(world), 1)
    clock.advance(timedelta(minutes=4))
    async with aiohttp.ClientSession() as http:
        for headers in ({}, {"Authorization": "Bearer wrong"}):
            async with http.get(url(runtime, "/metrics"), headers=headers) as refused:
                assert refused.status == 401, "the figures are not public"
        async with http.get(url(runtime, "/metrics"), headers=SCRAPER) as answer:
            assert answer.status == 200
            body = await answer.text()
    lines = dict(line.rsplit(" ", 1) for line in body.splitlines() if not line.startswith("#"))
    assert float(lines['consultoria_queue_length{kind="consulting"}']) == 1
    assert float(lines['consultoria_queue_oldest_wait_seconds{kind="consulting"}']) == 240
    assert float(lines["consultoria_sessions_open"]) == 0
    assert float(lines["consultoria_deliveries_failed_total"]) == 0
    assert "consultoria_outbox_lag_seconds" in lines
    assert "consultoria_outbox_pending" in lines


async def test_the_telegram_webhook_needs_the_secret(
    runtime: Runtime, clock: ManualClock, fake_telegram: FakeTelegram
) -> None:
    assert fake_telegram.calls_of("setWebhook")[-1].params["url"].endswith("/telegram/webhook")
    company = await given_company(World(runtime.core, clock), "Fundição Aurora")
    update = command_update(CHAT, f"/start {company.access_code}") | {"update_id": 5}
    body = json.dumps(update)
    async with aiohttp.ClientSession() as http:
        async with http.post(url(runtime, "/telegram/webhook"), data=body) as answer:
            assert answer.status == 403
        headers = {"X-Telegram-Bot-Api-Secret-Token": "wrong"}
        async with http.post(url(runtime, "/telegram/webhook"), data=body, headers=headers) as a:
            assert a.status == 403
        assert fake_telegram.texts_to(CHAT) == []
        headers = {"X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET}
        async with http.post(url(runtime, "/telegram/webhook"), data=body, headers=headers) as a:
            assert a.status == 200
    runtime.wake()
    await until(lambda: bool(fake_telegram.texts_to(CHAT)), "the welcome")
    assert "Fundição Aurora" in fake_telegram.texts_to(CHAT)[0]


async def test_slack_events_are_served_only_when_signed(
    runtime: Runtime, fake_slack: FakeSlack
) -> None:
    body, headers = signing.command(
        SECRET, "/consultor", "ajuda", user_id="U0STRANGER", response_url=fake_slack.response_url
    )
    async with aiohttp.ClientSession() as http:
        forged = dict(headers) | {"X-Slack-Signature": "v0=" + "0" * 64}
        async with http.post(url(runtime, "/slack/events"), data=body, headers=forged) as a:
            assert a.status == 401
        async with http.post(url(runtime, "/slack/events"), data=body, headers=headers) as a:
            assert a.status == 200
    await until(
        lambda: bool(fake_slack.responses or fake_slack.calls_to("chat.postEphemeral")),
        "bolt's answer to the command",
    )


async def test_without_a_metrics_token_there_are_no_public_metrics(
    db: Database, clock: ManualClock, fake_telegram: FakeTelegram
) -> None:
    settings = settings_for(fake_telegram, None, db.url, http_enabled=True, http_port=0)
    bot = Runtime(settings, clock=clock, idle=30)
    await bot.start()
    try:
        async with aiohttp.ClientSession() as http, http.get(url(bot, "/metrics")) as answer:
            assert answer.status == 404
    finally:
        await bot.stop(flush_timeout=5)
