"""The Runtime against the fake platforms: a client's /start answered, stop flushes, bad tokens."""

from __future__ import annotations

import pytest

from bot.checks import StartupError
from bot.runtime import Runtime
from core.bot_settings import stored_telegram_username
from core.clock import ManualClock
from core.db import Database
from core.outbox import Address
from tests.fakes.slack_server import FakeSlack, Fault
from tests.fakes.telegram_server import FakeTelegram
from tests.runtime.conftest import (
    command_update,
    enqueue,
    settings_for,
    unfinished,
    until,
)
from tests.scenario import World
from tests.scenarios.queue_helpers import given_company

CHAT = 7301


async def test_a_client_start_is_answered_through_polling_and_the_dispatcher(
    db: Database, clock: ManualClock, fake_telegram: FakeTelegram, fake_slack: FakeSlack
) -> None:
    runtime = Runtime(settings_for(fake_telegram, fake_slack, db.url), clock=clock, idle=30)
    await runtime.start()
    try:
        company = await given_company(World(runtime.core, clock), "Fundição Aurora")
        fake_telegram.queue_update(command_update(CHAT, f"/start {company.access_code}"))
        await until(lambda: bool(fake_telegram.texts_to(CHAT)), "the client's welcome")
        assert "Fundição Aurora" in "\n".join(fake_telegram.texts_to(CHAT))
        assert runtime.http_port, "Slack in HTTP mode: the web server listens"
        async with runtime.core.db.read() as uow:
            username = await stored_telegram_username(uow)
        assert username == "consultoria_test_bot", "getMe's username kept for t.me links"
    finally:
        await runtime.stop(flush_timeout=5)


async def test_stop_flushes_the_outbox_rows_still_waiting(
    db: Database, clock: ManualClock, fake_telegram: FakeTelegram, fake_slack: FakeSlack
) -> None:
    runtime = Runtime(settings_for(fake_telegram, fake_slack, db.url), clock=clock, idle=60)
    await runtime.start()
    await (
        runtime.wait_idle()
    )  # the first rounds (the retention timer's commit wakes the dispatcher)
    elsewhere = Database(db.url)  # another process's commit: this Runtime is not woken by it
    try:
        await enqueue(elsewhere, clock, Address("slack", "C_REQUESTS"), "um", "dois", "três")
        await enqueue(elsewhere, clock, Address("telegram", str(CHAT)), "olá")
    finally:
        await elsewhere.dispose()
    assert [call.args.get("text") for call in fake_slack.posted("C_REQUESTS")] == []
    await runtime.stop(flush_timeout=5)
    assert [call.args.get("text") for call in fake_slack.posted("C_REQUESTS")] == [
        "um",
        "dois",
        "três",
    ]
    assert fake_telegram.texts_to(CHAT) == ["olá"]
    assert await unfinished(db) == 0


async def test_slack_socket_mode_connects_and_stop_closes_the_socket(
    db: Database, clock: ManualClock, fake_slack: FakeSlack
) -> None:
    settings = settings_for(None, fake_slack, db.url, slack_mode="socket")
    runtime = Runtime(settings, clock=clock)
    await runtime.start()
    try:
        assert runtime.http_port is None, "socket mode needs no web server"
        await until(lambda: bool(fake_slack.sockets), "the Socket Mode connection")
    finally:
        await runtime.stop(flush_timeout=2)
    await fake_slack.wait_disconnected()


async def test_a_token_telegram_refuses_names_the_setting(
    db: Database, clock: ManualClock, fake_telegram: FakeTelegram
) -> None:
    settings = settings_for(fake_telegram, None, db.url, telegram_token="999:" + "x" * 30)
    with pytest.raises(StartupError) as raised:
        await Runtime(settings, clock=clock).start()
    assert raised.value.setting == "CONSULTORIA_TELEGRAM_TOKEN"
    assert "x" * 30 not in raised.value.render("en")


async def test_a_token_slack_refuses_names_the_setting(
    db: Database, clock: ManualClock, fake_slack: FakeSlack
) -> None:
    fake_slack.fail_next("auth.test", Fault("error", error="invalid_auth"))
    with pytest.raises(StartupError) as raised:
        await Runtime(settings_for(None, fake_slack, db.url), clock=clock).start()
    assert raised.value.setting == "CONSULTORIA_SLACK_BOT_TOKEN"
    assert "invalid_auth" in raised.value.problem


async def test_an_unreachable_database_names_the_setting(
    clock: ManualClock, fake_slack: FakeSlack
) -> None:
    settings = settings_for(None, fake_slack, "postgresql://nobody@127.0.0.1:1/nothing")
    with pytest.raises(StartupError) as raised:
        await Runtime(settings, clock=clock).start()
    assert raised.value.setting == "CONSULTORIA_DATABASE_URL"


async def test_a_missing_staff_channel_is_named(
    db: Database, clock: ManualClock, fake_slack: FakeSlack
) -> None:
    settings = settings_for(None, fake_slack, db.url, slack_billing_channel=None)
    with pytest.raises(StartupError) as raised:
        await Runtime(settings, clock=clock).start()
    assert raised.value.setting == "CONSULTORIA_SLACK_BILLING_CHANNEL"


async def test_telegram_without_any_staff_channel_refuses_to_start(
    db: Database, clock: ManualClock, fake_telegram: FakeTelegram
) -> None:
    settings = settings_for(fake_telegram, None, db.url, web_enabled="false")
    with pytest.raises(StartupError) as raised:
        await Runtime(settings, clock=clock).start()
    assert "CONSULTORIA_SLACK_BOT_TOKEN" in raised.value.setting
    assert "CONSULTORIA_WEB_ENABLED" in raised.value.setting
    assert "a equipe não teria onde atender" in raised.value.render("pt-BR")


async def test_telegram_without_slack_gives_the_staff_the_web_console(
    db: Database, clock: ManualClock, fake_telegram: FakeTelegram
) -> None:
    runtime = Runtime(settings_for(fake_telegram, None, db.url), clock=clock, idle=30)
    await runtime.start()
    try:
        assert runtime.web_address is not None
        assert runtime.core.config.staff.requests.channel == "web"
    finally:
        await runtime.stop(flush_timeout=2)


async def test_a_telegram_webhook_that_is_not_https_is_refused(
    db: Database, clock: ManualClock, fake_telegram: FakeTelegram
) -> None:
    settings = settings_for(
        fake_telegram,
        None,
        db.url,
        telegram_mode="webhook",
        telegram_webhook_url="http://bot.example.com/telegram/webhook",
        telegram_webhook_secret="s" * 32,
    )
    with pytest.raises(StartupError) as raised:
        await Runtime(settings, clock=clock).start()
    assert raised.value.setting == "CONSULTORIA_TELEGRAM_WEBHOOK_URL"
    assert "https://" in raised.value.render("en")


async def test_a_slack_channel_the_workspace_does_not_have_is_named(
    db: Database, clock: ManualClock, fake_slack: FakeSlack
) -> None:
    fake_slack.missing_channels.add("C_BILLING")
    with pytest.raises(StartupError) as raised:
        await Runtime(settings_for(None, fake_slack, db.url), clock=clock).start()
    assert raised.value.setting == "CONSULTORIA_SLACK_BILLING_CHANNEL"
    assert "channel_not_found" in raised.value.render("en")


async def test_a_slack_channel_without_the_bot_is_named(
    db: Database, clock: ManualClock, fake_slack: FakeSlack
) -> None:
    fake_slack.outside_channels.add("C_SUPPORT")
    with pytest.raises(StartupError) as raised:
        await Runtime(settings_for(None, fake_slack, db.url), clock=clock).start()
    assert raised.value.setting == "CONSULTORIA_SLACK_SUPPORT_CHANNEL"
    assert "/invite" in raised.value.render("pt-BR")
