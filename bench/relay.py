"""Relay throughput: client text in session, Telegram update -> core -> consultant's Slack post.

Both platforms' transports are replaced in-process (``bench.transports``); everything between
is real: PTB's Application from ``build_application`` (its update queue and handlers), the core's
relay, the outbox dispatcher's ``run_forever`` woken by ``db.wakers``, and the real
``SlackSender``. The baseline is the bare PTB echo bot on the same in-process transport.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from unittest import mock

from telegram import Update
from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters

from adapters.slack.sender import SlackSender
from adapters.telegram.app import build_application
from adapters.telegram.config import TelegramConfig
from adapters.telegram.handlers.common import TelegramApplication
from adapters.telegram.sender import TelegramSender
from bench.cast import sessions_in_progress
from bench.common import as_started, make_core, migrated_database
from bench.session_fill import SessionSetup
from bench.transports import LocalSlackClient, LocalTelegramRequest
from bot import heap
from core.outbox import Address, OutboxDispatcher, Sender

TOKEN = "123456:BENCH-token"  # noqa: S105 - a fake token
_update_ids = itertools.count(1_000_000)


def update_payload(chat: str, text: str) -> dict[str, Any]:
    """A private-chat text message update from ``chat``'s user, as the Bot API sends it."""
    return {
        "update_id": next(_update_ids),
        "message": {
            "message_id": next(_update_ids),
            "date": int(time.time()),
            "chat": {"id": int(chat), "type": "private", "first_name": "Cliente"},
            "from": {
                "id": int(chat),
                "is_bot": False,
                "first_name": "Cliente",
                "language_code": "pt-br",
            },
            "text": text,
        },
    }


def text_update(bot: Any, chat: str, text: str) -> Update:
    """A private-chat text message update from ``chat``'s user."""
    return Update.de_json(update_payload(chat, text), bot)


class Counter:
    """Counts arrivals; ``reached`` fires when ``target`` is met."""

    def __init__(self) -> None:
        self.count = 0
        self.target = 0
        self.reached = asyncio.Event()

    def expect(self, target: int) -> None:
        """Wait for ``target`` more arrivals from now."""
        self.count, self.target = 0, target
        self.reached.clear()

    def arrived(self, *_: object) -> None:
        """One more arrival."""
        self.count += 1
        if self.count >= self.target:
            self.reached.set()


async def push_and_time(
    application: TelegramApplication, updates: list[Update], counter: Counter, limit: float
) -> float:
    """Put ``updates`` on the Application's queue; seconds until ``counter`` saw them all."""
    counter.expect(len(updates))
    started = time.perf_counter()
    for update in updates:
        application.update_queue.put_nowait(update)
    await asyncio.wait_for(counter.reached.wait(), limit)
    return time.perf_counter() - started


@contextmanager
def local_ptb_transport() -> Iterator[LocalTelegramRequest]:
    """``build_application`` builds its Application on the in-process Bot API transport."""
    transport = LocalTelegramRequest()
    with mock.patch("adapters.telegram.app._request", return_value=transport):
        yield transport


async def echo_rate(messages: int, warmup: int) -> float:
    """Updates/s of the bare PTB echo bot on the in-process transport."""
    transport = LocalTelegramRequest()
    counter = Counter()
    application = (
        ApplicationBuilder()
        .token(TOKEN)
        .request(transport)
        .get_updates_request(LocalTelegramRequest())
        .build()
    )

    async def echo(update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None and update.message.text is not None
        await update.message.reply_text(update.message.text)
        counter.arrived()

    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    async with application:
        await application.start()
        try:
            bot = application.bot
            await push_and_time(application, [text_update(bot, "42", "w")] * warmup, counter, 60)
            updates = [text_update(bot, str(1000 + i % 10), f"echo {i}") for i in range(messages)]
            heap.settle()  # as for the relay below
            seconds = await push_and_time(application, updates, counter, 120)
        finally:
            await application.stop()
    return messages / seconds


@dataclass
class RelayResult:
    """Relay throughput and the PTB echo baseline measured in the same run."""

    engine: str
    messages: int
    relay_per_s: float
    echo_per_s: float
    cpu_ms_per_msg: float = float("nan")
    """This process's CPU time (``time.process_time``) per relayed message."""

    @property
    def ratio(self) -> float:
        """Relay throughput over the echo baseline."""
        return self.relay_per_s / self.echo_per_s


async def relay_rate(engine: str, messages: int, sessions: int, warmup: int) -> float:
    """Client messages/s relayed from a Telegram update to the consultant's Slack post."""
    return (await relay_run(engine, messages, sessions, warmup)).per_s


@dataclass(frozen=True)
class RelayRun:
    """One relay run: messages/s and CPU ms per message (``time.process_time``)."""

    per_s: float
    cpu_ms_per_msg: float


async def relay_run(
    engine: str,
    messages: int,
    sessions: int,
    warmup: int,
    setup: SessionSetup = sessions_in_progress,
) -> RelayRun:
    """The relay flat out; ``setup`` puts ``sessions`` clients in open sessions."""
    counter = Counter()
    slack = LocalSlackClient(on_post=lambda text: counter.arrived() if "bench" in text else None)
    async with migrated_database(engine) as db:
        core = make_core(db)
        with local_ptb_transport():
            application = build_application(TelegramConfig(token=TOKEN), core)
        senders: dict[str, Sender] = {
            "telegram": TelegramSender(application.bot, {}, chat_interval=0.0),
            "slack": SlackSender(slack),
        }
        clients = await setup(core, sessions, senders)
        dispatcher = OutboxDispatcher(db, core.clock, senders)
        await as_started(db)
        stop = asyncio.Event()
        async with application:
            await application.start()
            loop_task = asyncio.create_task(dispatcher.run_forever(stop, idle=1.0))
            try:
                bot = application.bot
                make = _maker(bot, clients)
                await push_and_time(application, [make(i) for i in range(warmup)], counter, 60)
                updates = [make(i) for i in range(messages)]
                cpu = time.process_time()
                seconds = await push_and_time(application, updates, counter, 300)
                cpu = time.process_time() - cpu
            finally:
                stop.set()
                await loop_task
                await application.stop()
    return RelayRun(messages / seconds, cpu * 1000 / messages)


def _maker(bot: Any, clients: list[Address]) -> Callable[[int], Update]:
    def make(i: int) -> Update:
        return text_update(bot, clients[i % len(clients)].id, f"bench message {i}")

    return make


async def measure(engine: str, messages: int, sessions: int = 10, warmup: int = 50) -> RelayResult:
    """The relay and the echo baseline, one after the other in this run."""
    echo = await echo_rate(messages, warmup)
    relay = await relay_run(engine, messages, sessions, warmup)
    return RelayResult(engine, messages, relay.per_s, echo, relay.cpu_ms_per_msg)
