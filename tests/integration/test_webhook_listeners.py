"""Which endpoints listen is kept in memory: an endpoint added in another process (the CLI beside
a running bot) starts receiving events once ``LISTENERS_TTL`` has passed on the clock, and one
added in this process at once."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import insert

from core.clock import ManualClock
from core.db import Database
from core.models import WebhookEndpoint
from core.webhooks.listeners import LISTENERS_TTL
from tests.fakes.webhook_receiver import WebhookReceiver
from tests.scenario import World
from tests.scenarios.sessions_helpers import ANA, BETO, given_cast, queued
from tests.webhook_helpers import Hooks, event_of, types_of


@pytest.fixture
async def receiver() -> AsyncIterator[WebhookReceiver]:
    """A receiver listening on loopback for the test."""
    server = WebhookReceiver()
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


@pytest.fixture
async def hooks(
    db: Database, clock: ManualClock, receiver: WebhookReceiver
) -> AsyncIterator[Hooks]:
    """A world on ``db`` whose webhook rows go to ``receiver``."""
    made = Hooks.build(World.build(db, clock), receiver)
    try:
        yield made
    finally:
        await made.sender.close()


async def _added_elsewhere(hooks: Hooks, url: str, events: list[str]) -> None:
    """An endpoint written as another process's CLI would: a row this process did not write."""
    row = {
        "url": url,
        "events": events,
        "secret": "whsec_" + "x" * 43,
        "active": True,
        "created_at": hooks.world.clock.now(),
    }
    async with hooks.world.core.db.uow() as uow:
        await uow.session.execute(insert(WebhookEndpoint), [row])
        await uow.commit()


async def test_an_endpoint_added_in_another_process_gets_events_after_the_listeners_ttl(
    hooks: Hooks, receiver: WebhookReceiver
) -> None:
    world = hooks.world
    cast = await given_cast(world)
    await hooks.add(["request.created"])  # this process: listened to at once
    await queued(world, cast, ANA)
    await _added_elsewhere(hooks, receiver.url_at("/elsewhere"), ["request.created"])

    world.clock.advance(LISTENERS_TTL)
    second = await queued(world, cast, BETO)
    await hooks.deliver()

    assert types_of(receiver.at(receiver.path)) == ["request.created", "request.created"]
    later = receiver.at("/elsewhere")
    assert types_of(later) == ["request.created"]
    assert event_of(later[0])["data"]["id"] == second


async def test_an_endpoint_added_in_this_process_gets_the_very_next_event(
    hooks: Hooks, receiver: WebhookReceiver
) -> None:
    world = hooks.world
    cast = await given_cast(world)
    await queued(world, cast, ANA)  # nobody listens yet: nothing sent, the view is read
    await hooks.add(["request.created"])
    second = await queued(world, cast, BETO)
    await hooks.deliver()

    received = receiver.at(receiver.path)
    assert types_of(received) == ["request.created"]
    assert event_of(received[0])["data"]["id"] == second
