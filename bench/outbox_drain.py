"""Outbox backlog drain: ``rows`` pending rows delivered by the real dispatcher to the fake Slack.

Set-up in bulk: ``rows`` relayed lines as ``core.outbox.send`` writes them (pending, due now),
spread over ``threads`` Slack threads of the requests channel (one conversation each, so the
dispatcher may deliver them concurrently, each thread in order). Measured: the real
``OutboxDispatcher.run_forever`` (batch as the bot's Runtime builds it) with the real
``SlackSender`` and ``AsyncWebClient`` over loopback HTTP to ``tests.fakes.slack_server``, from
its start until the fake has received every ``chat.postMessage`` -- or, with ``sample``, the
first ``sample`` of them (the rate at that depth; the time to drain is then that rate's estimate).
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert

from adapters.slack.app import SlackConfig, build_client
from adapters.slack.sender import SlackSender
from bench.common import REQUESTS_CHANNEL, make_core, max_rss_mb, migrated_database
from bench.queue_fill import analyze
from core.models import Outbound
from core.outbox import OutboundMessage, OutboxDispatcher
from tests.fakes.slack_server import FakeSlack

_CHUNK = 5000


@dataclass(frozen=True)
class DrainResult:
    """How long a backlog took to drain."""

    engine: str
    rows: int
    threads: int
    fill_s: float
    delivered: int
    seconds: float
    rss_mb: float

    @property
    def rows_per_s(self) -> float:
        """Delivered rows per second."""
        return self.delivered / self.seconds if self.seconds > 0 else 0.0

    @property
    def complete(self) -> bool:
        """The whole backlog was drained (not a sample)."""
        return self.delivered >= self.rows

    @property
    def drain_s(self) -> float:
        """Seconds to drain the whole backlog (estimated from the rate when sampled)."""
        return self.seconds if self.complete else self.rows / self.rows_per_s


def _count_posts(fake: FakeSlack, arrived: list[int], done: asyncio.Event, target: int) -> None:
    """Count ``chat.postMessage`` at the fake (its call log is dropped: 100k calls add up)."""
    answer = fake._answer

    def counting(method: str, args: dict[str, Any]) -> dict[str, Any]:
        fake.calls.clear()
        if method == "chat.postMessage":
            arrived[0] += 1
            if arrived[0] >= target:
                done.set()
        return answer(method, args)

    fake._answer = counting  # type: ignore[method-assign]


async def measure(
    engine: str, rows: int, threads: int = 1000, sample: int | None = None, limit: float = 900.0
) -> DrainResult:
    """Fill ``rows`` pending rows over ``threads`` threads; time the dispatcher draining them
    (``sample``: only the first ``sample`` rows)."""
    target = min(rows, sample) if sample else rows
    slack = FakeSlack()
    await slack.start()
    arrived, done = [0], asyncio.Event()
    _count_posts(slack, arrived, done, target)
    try:
        async with migrated_database(engine) as db:
            core = make_core(db)
            started = time.perf_counter()
            await fill_backlog(core.db, core.clock.now(), rows, threads)
            await analyze(core)
            fill_s = time.perf_counter() - started
            client = build_client(SlackConfig(bot_token=slack.token, api_base_url=slack.base_url))
            dispatcher = OutboxDispatcher(db, core.clock, {"slack": SlackSender(client)})
            stop = asyncio.Event()
            started = time.perf_counter()
            task = asyncio.create_task(dispatcher.run_forever(stop, idle=1.0))
            try:
                await asyncio.wait_for(done.wait(), limit)
                drain_s = time.perf_counter() - started
            finally:
                stop.set()
                await task
    finally:
        await slack.close()
    return DrainResult(engine, rows, threads, fill_s, target, drain_s, max_rss_mb())


async def fill_backlog(db: Any, now: Any, rows: int, threads: int) -> None:
    """``rows`` pending relayed lines, round robin over ``threads`` threads, all due ``now``."""
    async with db.uow() as uow:
        for offset in range(0, rows, _CHUNK):
            batch = []
            for n in range(offset, min(rows, offset + _CHUNK)):
                message = OutboundMessage(f"*Cliente {n % threads}:* mensagem {n}")
                batch.append(
                    {
                        "channel": "slack",
                        "address": REQUESTS_CHANNEL,
                        "thread": f"1700000000.{800000 + n % threads:07d}",
                        "payload": message.to_payload(),
                        "purpose": "relay",
                        "status": "pending",
                        "attempts": 0,
                        "next_attempt_at": now,
                        "created_at": now,
                    }
                )
            await uow.session.execute(insert(Outbound), batch)
        await uow.commit()
