"""Fixtures: the fake platforms and settings that point a Runtime at them."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

from sqlmodel import col, func, select

from bot.settings import Settings
from core.clock import Clock
from core.db import Database
from core.models import Outbound
from core.outbox import Address, OutboundMessage, send
from tests.fakes.slack_server import FakeSlack
from tests.fakes.telegram_server import FakeTelegram

SECRET = "runtime-signing-secret"
WEBHOOK_SECRET = "runtime-webhook-secret"
CHANNELS = {
    "requests": "C_REQUESTS",
    "support": "C_SUPPORT",
    "billing": "C_BILLING",
    "onsite": "C_ONSITE",
}


def values_for(
    telegram: FakeTelegram | None,
    slack: FakeSlack | None,
    database_url: str,
    **overrides: Any,
) -> dict[str, Any]:
    """Settings values pointing at the fakes: Telegram polling, Slack in HTTP mode, port 0."""
    values: dict[str, Any] = {
        "database_url": database_url,
        "http_host": "127.0.0.1",
        "http_port": 0,
    }
    if telegram is not None:
        values |= {
            "telegram_token": telegram.token,
            "telegram_api_base_url": telegram.base_url,
            "telegram_file_base_url": telegram.base_file_url,
            "telegram_chat_interval_seconds": 0,
        }
    if slack is not None:
        values |= {
            "slack_bot_token": slack.token,
            "slack_app_token": slack.app_token,
            "slack_signing_secret": SECRET,
            "slack_mode": "http",
            "slack_api_base_url": slack.base_url,
        }
        values |= {f"slack_{name}_channel": value for name, value in CHANNELS.items()}
    values.update(overrides)
    return values


def settings_for(
    telegram: FakeTelegram | None, slack: FakeSlack | None, database_url: str, **overrides: Any
) -> Settings:
    """The Settings object of :func:`values_for`."""
    return Settings(**values_for(telegram, slack, database_url, **overrides))


def env_for(values: dict[str, Any]) -> dict[str, str]:
    """The same settings as ``CONSULTORIA_*`` environment variables."""
    return {f"CONSULTORIA_{name.upper()}": str(value) for name, value in values.items()}


def command_update(chat: int, line: str) -> dict[str, Any]:
    """A private-chat Telegram update carrying the command ``line`` (e.g. ``/start CODE``)."""
    user = {"id": chat, "is_bot": False, "first_name": "Ana", "language_code": "pt-br"}
    return {
        "message": {
            "message_id": 1,
            "date": int(time.time()),
            "chat": {"id": chat, "type": "private", "first_name": "Ana"},
            "from": user,
            "text": line,
            "entities": [{"type": "bot_command", "offset": 0, "length": len(line.split()[0])}],
        }
    }


async def until(condition: Callable[[], bool], what: str, seconds: float = 10.0) -> float:
    """Wait (short real waits, for I/O) until ``condition`` holds; the seconds it took."""
    started = time.monotonic()
    while not condition():
        assert time.monotonic() - started < seconds, f"timed out waiting for: {what}"
        await asyncio.sleep(0.02)
    return time.monotonic() - started


async def until_delivered(db: Database, seconds: float = 10.0) -> None:
    """Wait until no outbox row is pending or being sent: a post reaches the fake server a
    moment before its dispatcher records it sent."""
    started = time.monotonic()
    while (left := await unfinished(db)) != 0:
        assert time.monotonic() - started < seconds, f"{left} rows still unfinished"
        await asyncio.sleep(0.02)


async def enqueue(db: Database, clock: Clock, to: Address, *texts: str) -> None:
    """Write outbox rows in one commit on ``db`` (its wakers run; others' do not)."""
    async with db.uow() as uow:
        for text in texts:
            await send(uow, clock, to, OutboundMessage(text))
        await uow.commit()


async def unfinished(db: Database) -> int:
    """Outbox rows still pending or being sent."""
    async with db.uow() as uow:
        statement = select(func.count()).where(col(Outbound.status).in_(("pending", "sending")))
        return int((await uow.session.exec(statement)).one())
