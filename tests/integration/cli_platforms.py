"""Helpers of the setup and doctor CLI tests: the CLI run in a thread while the fake platform
servers serve on this test's event loop (127.0.0.1), and the settings pointing at them."""

from __future__ import annotations

import asyncio
import re

import pytest
from typer.testing import CliRunner, Result

from bot.cli import app
from tests.fakes.slack_server import FakeSlack
from tests.fakes.telegram_server import FakeTelegram

runner = CliRunner()

WEBHOOK_URL = "https://bot.example.com/telegram/webhook"
WEBHOOK_SECRET = "webhook-secret-7f3a9c"
CHANNELS = {"REQUESTS": "C0REQ", "SUPPORT": "C0SUP", "BILLING": "C0BIL", "ONSITE": "C0ONS"}


async def invoke(*args: str, input: str | None = None) -> Result:
    """``consultoria ARGS`` in a worker thread (it runs its own event loop there)."""
    return await asyncio.to_thread(runner.invoke, app, list(args), input=input)


def point_at_telegram(
    monkeypatch: pytest.MonkeyPatch, fake: FakeTelegram, *, token: bool = True
) -> None:
    """The Bot API of the settings is the fake (and its token is configured, unless not)."""
    monkeypatch.setenv("CONSULTORIA_TELEGRAM_API_BASE_URL", fake.base_url)
    monkeypatch.setenv("CONSULTORIA_TELEGRAM_FILE_BASE_URL", fake.base_file_url)
    if token:
        monkeypatch.setenv("CONSULTORIA_TELEGRAM_TOKEN", fake.token)


def webhook_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    """Telegram in webhook mode with its URL and secret."""
    monkeypatch.setenv("CONSULTORIA_TELEGRAM_MODE", "webhook")
    monkeypatch.setenv("CONSULTORIA_TELEGRAM_WEBHOOK_URL", WEBHOOK_URL)
    monkeypatch.setenv("CONSULTORIA_TELEGRAM_WEBHOOK_SECRET", WEBHOOK_SECRET)


def point_at_slack(monkeypatch: pytest.MonkeyPatch, fake: FakeSlack) -> None:
    """Slack (Socket Mode) on the fake, with its tokens and the four staff channels."""
    monkeypatch.setenv("CONSULTORIA_SLACK_API_BASE_URL", fake.base_url)
    monkeypatch.setenv("CONSULTORIA_SLACK_BOT_TOKEN", fake.token)
    monkeypatch.setenv("CONSULTORIA_SLACK_APP_TOKEN", fake.app_token)
    for name, channel in CHANNELS.items():
        monkeypatch.setenv(f"CONSULTORIA_SLACK_{name}_CHANNEL", channel)


def lines_of(output: str, status: str) -> list[str]:
    """The lines of ``status`` (``ok``, ``FALHA``…) in a doctor-style output."""
    return [line for line in output.splitlines() if re.match(rf"{status}\s", line)]
