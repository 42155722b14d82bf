"""Per-call cost of the platform clients: ``python -m bench clients`` (``--calls``).

Against the loopback fakes (``tests.fakes``), wall and CPU ms per call of:
- slack_sdk's ``AsyncWebClient.chat_postMessage`` without a session (what a client built by
  ``adapters.slack.app.build_client`` does unless someone gives it one: a new aiohttp session,
  so a new connection, per call), with one kept session (``SlackSender.open``), and a bare
  aiohttp POST on that session (the floor);
- PTB's ``Bot.send_message`` through the bot's ``HTTPXRequest`` (one pool per Application; its
  ``AIORateLimiter`` paces ~30/s overall), the same without the limiter, and a bare httpx POST
  on one client (the floor).
The difference to the floor is the library's own per-call work.
"""

from __future__ import annotations

import argparse
import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import aiohttp
import httpx
from telegram import Bot
from telegram.request import HTTPXRequest

from adapters.slack.app import SlackConfig, build_client
from adapters.telegram.app import build_application
from adapters.telegram.config import TelegramConfig
from bench.common import make_core, migrated_database
from tests.fakes.slack_server import FakeSlack
from tests.fakes.telegram_server import TOKEN, FakeTelegram


@dataclass(frozen=True)
class PerCall:
    """Milliseconds per call, wall and this process's CPU (the fake's included)."""

    name: str
    wall_ms: float
    cpu_ms: float


async def _time(name: str, calls: int, call: Callable[[int], Awaitable[object]]) -> PerCall:
    for i in range(min(20, calls)):  # warm-up: connections, caches
        await call(i)
    wall, cpu = time.perf_counter(), time.process_time()
    for i in range(calls):
        await call(i)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return PerCall(name, wall * 1000 / calls, cpu * 1000 / calls)


async def slack_calls(calls: int) -> list[PerCall]:
    """slack_sdk per call: no session, a kept session, and a bare aiohttp POST."""
    fake = FakeSlack()
    await fake.start()
    try:
        client = build_client(SlackConfig(bot_token=fake.token, api_base_url=fake.base_url))

        async def post(i: int) -> object:
            fake.calls.clear()
            return await client.chat_postMessage(channel="C_REQUESTS", text=f"bench {i}")

        found = [await _time("slack_sdk chat.postMessage, no session (new per call)", calls, post)]
        async with aiohttp.ClientSession() as session:
            client.session = session
            found.append(await _time("slack_sdk chat.postMessage, one kept session", calls, post))
            client.session = None
            url, headers = (
                f"{fake.base_url}chat.postMessage",
                {"Authorization": f"Bearer {fake.token}"},
            )

            async def bare(i: int) -> object:
                fake.calls.clear()
                payload = {"channel": "C_REQUESTS", "text": f"bench {i}"}
                async with session.post(url, json=payload, headers=headers) as response:
                    return await response.json()

            found.append(await _time("bare aiohttp POST, kept session (floor)", calls, bare))
        return found
    finally:
        await fake.close()


async def telegram_calls(calls: int) -> list[PerCall]:
    """PTB per call through the bot's HTTPXRequest, and a bare httpx POST (one client)."""
    fake = FakeTelegram()
    await fake.start()
    try:
        async with migrated_database("sqlite") as db:
            config = TelegramConfig(
                token=TOKEN, base_url=fake.base_url, base_file_url=fake.base_file_url
            )
            application = build_application(config, make_core(db))
            async with application:
                bot = application.bot

                async def send(i: int) -> object:
                    return await bot.send_message(4242, f"bench {i}")

                found = [
                    await _time("PTB Bot.send_message, the bot's (AIORateLimiter)", calls, send)
                ]
            plain = Bot(TOKEN, base_url=fake.base_url, request=HTTPXRequest(16))
            async with plain:

                async def send_plain(i: int) -> object:
                    return await plain.send_message(4242, f"bench {i}")

                name = "PTB Bot.send_message, no rate limiter (HTTPXRequest, one pool)"
                found.append(await _time(name, calls, send_plain))
            async with httpx.AsyncClient() as http:
                url = f"{fake.base_url}{TOKEN}/sendMessage"

                async def bare(i: int) -> object:
                    response = await http.post(url, json={"chat_id": 4242, "text": f"bench {i}"})
                    return response.json()

                found.append(await _time("bare httpx POST, one client (floor)", calls, bare))
            return found
    finally:
        await fake.stop()


def main(argv: list[str] | None = None) -> int:
    """Measure and print."""
    parser = argparse.ArgumentParser(prog="python -m bench clients", description=__doc__)
    parser.add_argument("--calls", type=int, default=500)
    options = parser.parse_args(argv)

    async def both() -> list[PerCall]:
        return [*await slack_calls(options.calls), *await telegram_calls(options.calls)]

    lines = ["| call | wall ms/call | CPU ms/call (client + fake) |", "|---|---|---|"]
    lines += [f"| {p.name} | {p.wall_ms:.2f} | {p.cpu_ms:.2f} |" for p in asyncio.run(both())]
    print("\n".join(lines))
    return 0
