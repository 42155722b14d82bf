"""PostgreSQL with two bot processes in HTTP mode: the relay's latency and throughput.

Two child processes (``python -m bench.two_process --child``: the ``Runtime`` as
``consultoria run`` builds it, Telegram by webhook, Slack over HTTP) share one PostgreSQL
database and the loopback fakes of both platforms (``tests/fakes``), which run in this process.
Clients in open sessions (set up here through the real core) write; their updates are POSTed to
the two processes' webhooks in turn at a fixed rate, without waiting for the answers (as
Telegram does with several connections). A message's latency runs from its POST until the fake
Slack server receives its ``chat.postMessage``; the throughput is what reached it per second.
The first ``warmup`` seconds of the load are reported apart (as in ``bench.latency``).
The children's clock is shifted to the set-up's manual clock (inside opening hours).
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp

if __package__ in (None, ""):  # ``python bench/two_process.py``
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import REQUESTS_CHANNEL, make_core, migrated_database, timed

REPO = Path(__file__).resolve().parent.parent
WEBHOOK_PATH = "/telegram/webhook"
WEBHOOK_SECRET = "bench-webhook-secret"  # noqa: S105 - a bench value
SIGNING_SECRET = "bench-signing-secret"  # noqa: S105 - a bench value
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - a header name
PROCESSES = 2


@dataclass
class TwoProcessResult:
    """Latency percentiles (ms) and throughput at an offered rate, two processes."""

    processes: int
    offered_per_s: float
    achieved_per_s: float
    messages: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    lost: int
    refused: int
    first_p99_ms: float = float("nan")
    """p99 of the messages offered in the warm-up (the first second after the start)."""


class ShiftedClock:
    """The real clock moved by a fixed offset (the children's clock)."""

    def __init__(self, offset: float) -> None:
        self.offset = timedelta(seconds=offset)

    def now(self) -> datetime:
        """Now, shifted."""
        return datetime.now(UTC) + self.offset


async def child() -> None:
    """One bot process: the Runtime from the ``CONSULTORIA_*`` environment until SIGTERM."""
    from bot import heap
    from bot.runtime import Runtime
    from bot.wiring import load_settings

    clock = ShiftedClock(float(os.environ.get("BENCH_CLOCK_OFFSET", "0")))
    runtime = Runtime(load_settings(), clock=clock)
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    await runtime.start()
    heap.settle()  # as ``consultoria run`` does
    print(f"READY {runtime.http_port}", flush=True)
    await stop.wait()
    await runtime.stop(flush_timeout=5.0)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _child_env(values: dict[str, Any], offset: float) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONSULTORIA_")}
    env.update({f"CONSULTORIA_{k.upper()}": str(v) for k, v in values.items()})
    env.update(PYTHONPATH=str(REPO), PTB_TIMEDELTA="1", BENCH_CLOCK_OFFSET=str(offset))
    return env


def _settings(telegram: Any, slack: Any, database_url: str, index: int) -> dict[str, Any]:
    """What ``consultoria run`` needs against the fakes, HTTP mode on a free port."""
    channels = {
        "requests": REQUESTS_CHANNEL,
        "support": "C_SUPPORT",
        "billing": "C_BILLING",
        "onsite": "C_ONSITE",
        "links": "C_LINKS",
    }
    values: dict[str, Any] = {
        "database_url": database_url,
        "telegram_token": telegram.token,
        "telegram_mode": "webhook",
        "telegram_webhook_url": f"https://bot.example.com{WEBHOOK_PATH}",
        "telegram_webhook_secret": WEBHOOK_SECRET,
        "telegram_api_base_url": telegram.base_url,
        "telegram_file_base_url": telegram.base_file_url,
        "telegram_chat_interval_seconds": 0,
        "slack_bot_token": slack.token,
        "slack_signing_secret": SIGNING_SECRET,
        "slack_mode": "http",
        "slack_api_base_url": slack.base_url,
        "http_host": "127.0.0.1",
        "http_port": _free_port(),
        "worker_name": f"bench-proc-{index}",
        "log_level": "WARNING",
    }
    values.update({f"slack_{name}_channel": value for name, value in channels.items()})
    return values


class Child:
    """One ``python -m bench.two_process --child``."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.env, self.log = env, log
        self.process: asyncio.subprocess.Process | None = None
        self.port = 0

    async def start(self, limit: float = 60.0) -> None:
        """Spawn it and wait for ``READY <port>``."""
        with self.log.open("ab") as log:
            self.process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bench.two_process",
                "--child",
                cwd=REPO,
                env=self.env,
                stdout=asyncio.subprocess.PIPE,
                stderr=log,
            )
        assert self.process.stdout is not None
        async with asyncio.timeout(limit):
            while True:
                line = (await self.process.stdout.readline()).decode()
                if not line:
                    raise RuntimeError(f"bench bot process exited: see {self.log}")
                if line.startswith("READY "):
                    self.port = int(line.split()[1])
                    return

    async def stop(self, limit: float = 30.0) -> None:
        """SIGTERM and wait (SIGKILL if it does not stop)."""
        if self.process is None or self.process.returncode is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            async with asyncio.timeout(limit):
                await self.process.wait()
        except TimeoutError:
            self.process.kill()
            await self.process.wait()


async def _offer(
    http: aiohttp.ClientSession, ports: list[int], chats: list[str], rate: float, seconds: float
) -> tuple[dict[int, float], int]:
    """POST one update every ``1/rate`` s, round robin over ``ports``; when each was sent."""
    from bench.relay import update_payload

    fed: dict[int, float] = {}
    refused = 0
    headers = {"Content-Type": "application/json", SECRET_HEADER: WEBHOOK_SECRET}

    async def post(number: int, port: int, body: bytes) -> None:
        nonlocal refused
        url = f"http://127.0.0.1:{port}{WEBHOOK_PATH}"
        fed[number] = time.perf_counter()
        try:
            async with http.post(url, data=body, headers=headers) as response:
                await response.read()
                refused += response.status != 200
        except (aiohttp.ClientError, TimeoutError, OSError):
            refused += 1

    tasks: list[asyncio.Task[None]] = []
    count = max(1, int(rate * seconds))
    started = time.perf_counter()
    for i in range(count):
        due = started + i / rate
        now = time.perf_counter()
        if due > now:
            await asyncio.sleep(due - now)
        body = json.dumps(update_payload(chats[i % len(chats)], f"bench message {i}")).encode()
        tasks.append(asyncio.create_task(post(i, ports[i % len(ports)], body)))
    await asyncio.gather(*tasks)
    return fed, refused


async def measure(
    rate: float, seconds: float, sessions: int = 10, drain: float = 30.0, warmup: float = 1.0
) -> TwoProcessResult:
    """Offer ``rate`` messages/s for ``warmup + seconds`` to two processes; feed -> Slack post
    of those offered after the warm-up (as ``bench.latency``), and the warm-up's own p99."""
    from adapters.slack.app import SlackConfig, build_client
    from adapters.slack.sender import SlackSender
    from adapters.telegram.app import build_application
    from adapters.telegram.config import TelegramConfig
    from adapters.telegram.sender import TelegramSender
    from bench.cast import sessions_in_progress
    from bench.latency import _record_posts
    from core.outbox import Sender
    from tests.fakes.slack_server import FakeSlack
    from tests.fakes.telegram_server import TOKEN, FakeTelegram

    telegram, slack = FakeTelegram(), FakeSlack()
    await telegram.start()
    await slack.start()
    arrivals: dict[int, float] = {}
    _record_posts(slack, arrivals)
    children: list[Child] = []
    try:
        async with migrated_database("postgresql") as db:
            core = make_core(db)
            config = TelegramConfig(
                token=TOKEN,
                base_url=telegram.base_url,
                base_file_url=telegram.base_file_url,
                chat_interval=0.0,
            )
            application = build_application(config, core)
            client = build_client(SlackConfig(bot_token=slack.token, api_base_url=slack.base_url))
            async with application:
                senders: dict[str, Sender] = {
                    "telegram": TelegramSender(application.bot, {}, chat_interval=0.0),
                    "slack": SlackSender(client),
                }
                clients = await sessions_in_progress(core, sessions, senders)
            offset = core.clock.now().timestamp() - time.time()
            logs = Path(tempfile.gettempdir())
            for index in range(PROCESSES):
                env = _child_env(_settings(telegram, slack, db.url, index), offset)
                children.append(Child(env, logs / f"consultoria-bench-proc-{index}.log"))
            await asyncio.gather(*(c.start() for c in children))
            limits = aiohttp.TCPConnector(limit=0)
            async with aiohttp.ClientSession(connector=limits) as http:
                ports, chats = [c.port for c in children], [c.id for c in clients]
                fed, refused = await _offer(http, ports, chats, rate, warmup + seconds)
            deadline = time.perf_counter() + drain
            while len(arrivals) < len(fed) and time.perf_counter() < deadline:  # noqa: ASYNC110 - a bounded drain
                await asyncio.sleep(0.01)
            await asyncio.gather(*(c.stop() for c in children))
    finally:
        await asyncio.gather(*(c.stop() for c in children), return_exceptions=True)
        await slack.close()
        await telegram.stop()
    split = timed(fed, arrivals, warmup)
    return TwoProcessResult(
        PROCESSES,
        rate,
        split.per_s,
        split.measured,
        *split.percentiles,
        split.lost,
        refused,
        split.first_p99,
    )


def main(argv: list[str] | None = None) -> int:
    """``--child``: run one bot process; otherwise measure once and print the result."""
    args = sys.argv[1:] if argv is None else argv
    os.environ.setdefault("PTB_TIMEDELTA", "1")
    if args[:1] == ["--child"]:
        asyncio.run(child())
        return 0
    rate = float(args[0]) if args else 300.0
    seconds = float(args[1]) if len(args) > 1 else 5.0
    print(asyncio.run(measure(rate, seconds)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
