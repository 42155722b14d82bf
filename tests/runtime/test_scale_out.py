"""PostgreSQL, several processes: a commit in one wakes the others (NOTIFY); rows claimed once."""

from __future__ import annotations

from collections import Counter

from sqlmodel import col, select

from bot.runtime import Runtime
from core.clock import SystemClock
from core.models import Outbound
from core.outbox import Address
from tests.conftest import fresh_postgres_database
from tests.fakes.slack_server import FakeSlack
from tests.fakes.telegram_server import FakeTelegram
from tests.runtime.conftest import enqueue, settings_for, until, until_delivered

IDLE = 60.0
"""Seconds the loops would sleep: only a notification explains a prompt delivery."""


async def test_a_commit_in_one_process_wakes_the_dispatcher_of_another(
    fake_telegram: FakeTelegram, fake_slack: FakeSlack
) -> None:
    clock = SystemClock()
    async with fresh_postgres_database() as url:
        # A runs Telegram only: it has no Slack sender; B runs Slack only.
        a = Runtime(settings_for(fake_telegram, None, url), clock=clock, worker="a", idle=IDLE)
        b = Runtime(settings_for(None, fake_slack, url), clock=clock, worker="b", idle=IDLE)
        await a.start()
        await b.start()
        try:
            await enqueue(a.db, clock, Address("slack", "C_REQUESTS"), "acordou?")
            took = await until(lambda: bool(fake_slack.posted("C_REQUESTS")), "b delivers", 5)
            assert took < 2.0
            # Only B has a Slack sender, and its loops sleep for a minute: NOTIFY woke it.
            assert b.notifier is not None and b.notifier.received >= 1
        finally:
            await a.stop(flush_timeout=2)
            await b.stop(flush_timeout=2)


async def test_two_processes_deliver_every_row_once(fake_slack: FakeSlack) -> None:
    clock = SystemClock()
    async with fresh_postgres_database() as url:
        bots = [
            Runtime(settings_for(None, fake_slack, url), clock=clock, worker=f"w{n}", idle=0.05)
            for n in (1, 2)
        ]
        for bot in bots:
            await bot.start()
        try:
            texts = [f"m{n}" for n in range(60)]
            for n, text in enumerate(texts):
                channel = f"C{n % 12:02d}"
                await enqueue(bots[n % 2].db, clock, Address("slack", channel), text)
            await until(lambda: len(fake_slack.posted()) >= len(texts), "every row", 20)
            await until_delivered(bots[0].db, 10)
            counted = Counter(call.args.get("text") for call in fake_slack.posted())
            assert counted == Counter(texts), "each row delivered exactly once"
            async with bots[0].db.uow() as uow:
                rows = (await uow.session.exec(select(Outbound).order_by(col(Outbound.id)))).all()
            for channel in {row.address for row in rows}:
                sent = [r.sent_at for r in rows if r.address == channel and r.sent_at]
                assert sent == sorted(sent), "in order per address"
        finally:
            for bot in bots:
                await bot.stop(flush_timeout=2)
