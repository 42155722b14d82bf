"""The Telegram adapter's own settings, filled by ``bot/`` from its Settings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class TelegramConfig:
    """Token, Bot API location, mode and pacing of the Telegram channel.

    ``base_url`` / ``base_file_url`` point PTB at the Bot API (the public one, a self-hosted Bot
    API server, or a test fake); the token is appended by PTB. ``chat_interval`` is the minimum
    gap in seconds between two messages to one chat (0 disables the per-chat pacing).
    """

    token: str
    mode: Literal["polling", "webhook"] = "polling"
    base_url: str = "https://api.telegram.org/bot"
    base_file_url: str = "https://api.telegram.org/file/bot"
    webhook_url: str | None = None
    webhook_secret: str | None = None
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8443
    webhook_path: str = "/telegram/webhook"
    bot_username: str = ""
    chat_interval: float = 1.0
    rate_limit: bool = True
    request_timeout: float = 10.0
    poll_timeout: float = 10.0
    poll_interval: float = 0.0

    def __post_init__(self) -> None:
        if self.mode == "webhook" and not (self.webhook_url and self.webhook_secret):
            raise ValueError("webhook mode needs webhook_url and webhook_secret")
