"""Bot processes for the SIGKILL tests, and a load balancer that redelivers like the platforms.

Both channels run over HTTP here (Telegram webhook, Slack events), so several processes can share
the traffic. ``Balancer`` sends each Telegram update / Slack event to a live process, round
robin; a delivery that fails (refused, reset, 5xx, timeout) is kept and redelivered later, as
Telegram and Slack do (Slack with ``X-Slack-Retry-Num`` and the same ``event_id``).
"""

from __future__ import annotations

import asyncio
import itertools
import os
import signal
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

from tests.fakes import slack_signing as signing

REPO = Path(__file__).resolve().parents[2]
WEBHOOK_SECRET = "e2e-webhook-secret"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


def process_env(values: dict[str, Any], **extra: str) -> dict[str, str]:
    """The environment of a bot process: ``CONSULTORIA_*`` from ``values``, nothing inherited."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONSULTORIA_")}
    env.update({f"CONSULTORIA_{k.upper()}": str(v) for k, v in values.items()})
    env.update(PYTHONPATH=str(REPO), PTB_TIMEDELTA="1", **extra)
    return env


@dataclass
class BotProcess:
    """One ``python -m tests.e2e.bot_process``."""

    name: str
    env: dict[str, str]
    cwd: Path
    process: asyncio.subprocess.Process | None = None
    port: int = 0

    async def start(self, limit: float = 30.0) -> None:
        """Spawn it and wait for ``READY <port>``."""
        log = open(self.cwd / f"{self.name}.log", "ab")  # noqa: SIM115, ASYNC230 - the child owns it
        self.process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "tests.e2e.bot_process",
            cwd=self.cwd,
            env=self.env,
            stdout=asyncio.subprocess.PIPE,
            stderr=log,
        )
        assert self.process.stdout is not None
        async with asyncio.timeout(limit):
            while True:
                line = (await self.process.stdout.readline()).decode()
                assert line, f"{self.name} exited: see {self.cwd / self.name}.log"
                if line.startswith("READY "):
                    self.port = int(line.split()[1])
                    return

    @property
    def alive(self) -> bool:
        """Running and serving."""
        return self.process is not None and self.process.returncode is None and self.port > 0

    def kill(self) -> None:
        """SIGKILL: no clean-up at all."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.port = 0

    async def terminate(self, limit: float = 20.0) -> int:
        """SIGTERM and wait; the exit status."""
        if self.process is None:
            return 0
        if self.process.returncode is not None:
            return self.process.returncode
        self.process.send_signal(signal.SIGTERM)
        async with asyncio.timeout(limit):
            return await self.process.wait()


@dataclass
class Balancer:
    """Delivers platform requests to live processes; keeps failed ones for redelivery."""

    processes: list[BotProcess]
    http: aiohttp.ClientSession
    failed: list[tuple[str, Any, int]] = field(default_factory=list)
    attempts: int = 0
    refused: int = 0
    _turn: itertools.count[int] = field(default_factory=itertools.count)

    def _target(self) -> BotProcess | None:
        live = [p for p in self.processes if p.alive]
        return live[next(self._turn) % len(live)] if live else None

    async def _post(self, path: str, body: bytes, headers: dict[str, str]) -> bool:
        target = self._target()
        self.attempts += 1
        if target is None:
            return False
        url = f"http://127.0.0.1:{target.port}{path}"
        try:
            async with self.http.post(
                url, data=body, headers=headers, timeout=aiohttp.ClientTimeout(total=5)
            ) as r:
                await r.read()
                return r.status == 200
        except (aiohttp.ClientError, TimeoutError, OSError):
            return False

    async def update(self, update: dict[str, Any], tries: int = 0) -> None:
        """Telegram POSTs an update to the webhook."""
        import json

        headers = {"Content-Type": "application/json", SECRET_HEADER: WEBHOOK_SECRET}
        if not await self._post("/telegram/webhook", json.dumps(update).encode(), headers):
            self.refused += 1
            self.failed.append(("update", update, tries + 1))

    async def event(
        self, secret: str, inner: dict[str, Any], event_id: str, tries: int = 0
    ) -> None:
        """Slack POSTs an event (a retry carries ``X-Slack-Retry-Num``)."""
        body, headers = signing.event(secret, inner, event_id=event_id, retry_num=tries or None)
        if not await self._post("/slack/events", body.encode(), headers):
            self.refused += 1
            self.failed.append(("event", (secret, inner, event_id), tries + 1))

    async def interactive(self, secret: str, payload: dict[str, Any]) -> bool:
        """A button click (not retried by Slack: the person clicks again)."""
        body, headers = signing.interactive(secret, payload)
        return await self._post("/slack/events", body.encode(), headers)

    async def redeliver(self) -> None:
        """Deliver again what failed so far."""
        waiting, self.failed = self.failed, []
        for kind, item, tries in waiting:
            if kind == "update":
                await self.update(item, tries)
            else:
                secret, inner, event_id = item
                await self.event(secret, inner, event_id, tries)
