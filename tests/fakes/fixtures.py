"""Fixtures starting the fake platform servers on 127.0.0.1 (shared by runtime/ and e2e/ tests)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.fakes.slack_server import FakeSlack
from tests.fakes.telegram_server import FakeTelegram


@pytest.fixture
async def fake_telegram() -> AsyncIterator[FakeTelegram]:
    """The fake Bot API on 127.0.0.1."""
    server = FakeTelegram()
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


@pytest.fixture
async def fake_slack() -> AsyncIterator[FakeSlack]:
    """The fake Slack Web API and Socket Mode endpoint on 127.0.0.1."""
    server = FakeSlack()
    await server.start()
    try:
        yield server
    finally:
        await server.close()
