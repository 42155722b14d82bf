"""Fixtures: the fake platforms on 127.0.0.1 and one running bot on the test's database."""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest

from core.clock import ManualClock
from core.db import Database
from tests.e2e.faulty import FaultPlan, FaultySlack, FaultyTelegram
from tests.e2e.harness import E2E, settings_for
from tests.e2e.pieces import make_bot, shorten_timeouts
from tests.fakes.slack_server import FakeSlack
from tests.fakes.telegram_server import FakeTelegram


def pytest_configure(config: pytest.Config) -> None:
    """Register the ``slow`` mark (real bot processes; still run by ./test.sh)."""
    config.addinivalue_line("markers", "slow: starts real bot processes (10-30 s); runs in CI")


@pytest.fixture
async def e2e(
    db: Database, clock: ManualClock, fake_telegram: FakeTelegram, fake_slack: FakeSlack
) -> AsyncIterator[E2E]:
    """One bot running in this event loop on ``db`` (SQLite or PostgreSQL) and the fake clock."""
    settings = settings_for(fake_telegram, fake_slack, db.url)
    bot = make_bot(settings, clock=clock, worker="e2e-1")
    await bot.start()
    try:
        async with aiohttp.ClientSession() as http:
            yield E2E(fake_telegram, fake_slack, bot, clock, http)
    finally:
        await bot.stop(flush_timeout=5.0)


@pytest.fixture
def plan() -> FaultPlan:
    """The fault plan of a test (seeded)."""
    return FaultPlan()


@pytest.fixture
async def faulty(db: Database, clock: ManualClock, plan: FaultPlan) -> AsyncIterator[E2E]:
    """One bot on ``db`` against fakes that fail as ``plan`` says; waits move the fake clock."""
    telegram, slack = FaultyTelegram(plan), FaultySlack(plan)
    await telegram.start()
    await slack.start()
    bot = make_bot(settings_for(telegram, slack, db.url), clock=clock, worker="e2e-faults")
    try:
        await bot.start()
        shorten_timeouts(bot, 2.0)
        try:
            async with aiohttp.ClientSession() as http:
                yield E2E(telegram, slack, bot, clock, http, advance=True)
        finally:
            plan.on = False
            await bot.stop(flush_timeout=5.0)
    finally:
        await telegram.stop()
        await slack.close()
