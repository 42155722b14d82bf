"""Latency of the relay at a steady offered load, over loopback HTTP fakes of both platforms.

The real PTB Application (``build_application``, real HTTPX transport) talks to the fake Bot API
server, the real ``SlackSender`` with the real ``AsyncWebClient`` (``build_client``) to the fake
Slack Web API server, both on 127.0.0.1 in this process. Updates are put on PTB's update queue
(as its Updater does) at a fixed rate; a message's latency runs from that moment until the fake
Slack server receives its ``chat.postMessage``. The dispatcher runs ``run_forever``, woken by
``db.wakers``.

The load starts right after the bot has started (pools warmed, heap settled) and runs
``warmup + seconds``: the percentiles are those of the messages offered after the first
``warmup`` seconds (the steady state of a running bot); the first second's own p99 is given
apart (``first_p99_ms``), as it is what a restart in a busy hour costs.
"""

from __future__ import annotations

import asyncio
import re
import time
from dataclasses import dataclass
from typing import Any

from adapters.slack.app import SlackConfig, build_client
from adapters.slack.sender import SlackSender
from adapters.telegram.app import build_application
from adapters.telegram.config import TelegramConfig
from adapters.telegram.sender import TelegramSender
from bench.cast import sessions_in_progress
from bench.common import as_started, make_core, migrated_database, timed
from bench.relay import text_update
from bench.session_fill import SessionSetup
from core.outbox import OutboxDispatcher, Sender
from tests.fakes.slack_server import FakeSlack
from tests.fakes.telegram_server import TOKEN, FakeTelegram

_NUMBER = re.compile(r"bench message (\d+)")


@dataclass
class LatencyResult:
    """Latency percentiles (ms) at an offered rate, and what was achieved."""

    engine: str
    offered_per_s: float
    achieved_per_s: float
    messages: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    lost: int
    cpu_ms_per_msg: float = float("nan")
    """This process's CPU time per message (the bot's share and the in-process fakes')."""
    first_p99_ms: float = float("nan")
    """p99 of the messages offered in the warm-up (the first seconds after the start)."""


def _record_posts(fake: FakeSlack, arrivals: dict[int, float]) -> None:
    """Note the arrival time of every relayed bench message at the fake Slack server."""
    answer = fake._answer

    def recording(method: str, args: dict[str, Any]) -> dict[str, Any]:
        if method == "chat.postMessage":
            found = _NUMBER.search(str(args.get("text", "")))
            if found:
                arrivals[int(found.group(1))] = time.perf_counter()
        return answer(method, args)

    fake._answer = recording  # type: ignore[method-assign]


async def measure(
    engine: str,
    rate: float,
    seconds: float,
    sessions: int = 10,
    drain: float = 30.0,
    setup: SessionSetup = sessions_in_progress,
    warmup: float = 1.0,
) -> LatencyResult:
    """Offer ``rate`` messages/s for ``warmup + seconds``; percentiles of feed -> Slack post of
    those offered after the warm-up, and the warm-up's own p99."""
    telegram, slack = FakeTelegram(), FakeSlack()
    await telegram.start()
    await slack.start()
    arrivals: dict[int, float] = {}
    _record_posts(slack, arrivals)
    try:
        async with migrated_database(engine) as db:
            core = make_core(db)
            config = TelegramConfig(
                token=TOKEN,
                base_url=telegram.base_url,
                base_file_url=telegram.base_file_url,
                chat_interval=0.0,
            )
            application = build_application(config, core)
            client = build_client(SlackConfig(bot_token=slack.token, api_base_url=slack.base_url))
            senders: dict[str, Sender] = {
                "telegram": TelegramSender(application.bot, {}, chat_interval=0.0),
                "slack": SlackSender(client),
            }
            clients = await setup(core, sessions, senders)
            dispatcher = OutboxDispatcher(db, core.clock, senders)
            await as_started(db)
            stop = asyncio.Event()
            async with application:
                await application.start()
                task = asyncio.create_task(dispatcher.run_forever(stop, idle=1.0))
                try:
                    cpu = time.process_time()
                    fed = await _offer(application, clients, rate, warmup + seconds)
                    deadline = time.perf_counter() + drain
                    while len(arrivals) < len(fed) and time.perf_counter() < deadline:  # noqa: ASYNC110 - a bounded drain
                        await asyncio.sleep(0.01)
                    cpu = time.process_time() - cpu
                finally:
                    stop.set()
                    await task
                    await application.stop()
    finally:
        await slack.close()
        await telegram.stop()
    split = timed(fed, arrivals, warmup)
    return LatencyResult(
        engine,
        rate,
        split.per_s,
        split.measured,
        *split.percentiles,
        split.lost,
        cpu * 1000 / max(1, len(fed)),
        split.first_p99,
    )


async def _offer(
    application: Any, clients: list[Any], rate: float, seconds: float
) -> dict[int, float]:
    """Put one update on PTB's queue every ``1/rate`` s; when each was fed."""
    fed: dict[int, float] = {}
    count = max(1, int(rate * seconds))
    started = time.perf_counter()
    for i in range(count):
        due = started + i / rate
        now = time.perf_counter()
        if due > now:
            await asyncio.sleep(due - now)
        update = text_update(application.bot, clients[i % len(clients)].id, f"bench message {i}")
        fed[i] = time.perf_counter()
        application.update_queue.put_nowait(update)
    return fed
