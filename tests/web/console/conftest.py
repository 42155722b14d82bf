"""Fixtures of the console's tests beyond ``web``: the console beside Slack.

``slack_web``: the staff work in Slack (the core's staff rooms are Slack channels, delivered to
a recording sender at the network edge; ``WebConfig.staff_on_web`` false), so the console is
read-only.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from adapters.web.context import WebConfig
from core.clock import ManualClock
from core.db import Database
from tests.fakes.recording import RecordingSender
from tests.web.conftest import WebWorld
from tests.web.console.apps import running_app


@pytest.fixture
def slack() -> RecordingSender:
    """What the bot sent to Slack (the network edge)."""
    return RecordingSender("slack")


@pytest.fixture
async def slack_web(
    db: Database, clock: ManualClock, slack: RecordingSender
) -> AsyncIterator[WebWorld]:
    """The console beside Slack: the staff rooms are Slack channels; the console is read-only."""
    async with running_app(db, clock, WebConfig(staff_on_web=False), slack=slack) as world:
        yield world
