"""Fixtures: a fake Slack Web API, the real bolt app over HTTP on 127.0.0.1, the real sender."""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiohttp import web

from adapters.slack.app import SlackConfig, build_app, build_client
from adapters.slack.files import SlackFileSource
from adapters.slack.sender import SlackSender
from core.clock import ManualClock
from core.db import Database
from tests.adapters.slack.harness import SECRET, SlackHarness
from tests.fakes.slack_server import FakeSlack
from tests.scenario import World


def slack_config(fake: FakeSlack) -> SlackConfig:
    """The adapter's configuration for the fake, in HTTP mode, with the test staff channels."""
    return SlackConfig(
        bot_token=fake.token,
        signing_secret=SECRET,
        mode="http",
        api_base_url=fake.base_url,
        requests_channel="C_REQUESTS",
        support_channel="C_SUPPORT",
        billing_channel="C_BILLING",
        onsite_channel="C_ONSITE",
        links_channel="C_LINKS",
        timeout=2,
    )


@pytest.fixture
async def slack(
    db: Database, clock: ManualClock, fake_slack: FakeSlack
) -> AsyncIterator[SlackHarness]:
    """The real bolt app served by aiohttp on 127.0.0.1; the sender waits out nothing itself."""
    world = World.build(db, clock)
    config = slack_config(fake_slack)
    app = build_app(world.core, config)
    runner = web.AppRunner(app.web_app())
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    server = site._server
    assert server is not None
    port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]
    sender_config = slack_config(fake_slack)
    sender_config.rate_limit_retries = 0  # a 429 goes back to the dispatcher (ManualClock)
    sender = SlackSender(build_client(sender_config), {"slack": SlackFileSource(fake_slack.token)})
    async with aiohttp.ClientSession() as http:
        harness = SlackHarness(
            world, fake_slack, app, sender, f"http://127.0.0.1:{port}/slack/events", http
        )
        try:
            yield harness
        finally:
            await harness.settle()
            await runner.cleanup()
