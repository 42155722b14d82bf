"""The Telegram harness: the real PTB Application and sender against the fake Bot API server."""

from __future__ import annotations

import itertools
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from telegram import Update

from adapters.telegram.app import build_application
from adapters.telegram.config import TelegramConfig
from adapters.telegram.files import TelegramFileSource
from adapters.telegram.handlers.common import TelegramApplication
from adapters.telegram.sender import TelegramSender
from bot.bootstrap import unreachable_hook
from core.clock import ManualClock
from core.db import Database
from core.files import FileContent, FileSource
from core.outbox import Attachment, OutboxDispatcher, Sender
from tests.fakes.telegram_server import BOT_USER, TOKEN, FakeTelegram
from tests.scenario import World
from tests.scenarios.sessions_helpers import given_cast


class SlackFiles:
    """A stand-in for the Slack adapter's FileSource: every file is the same small PNG."""

    data = b"\x89PNG\r\n\x1a\nslack-file"

    async def fetch(self, attachment: Attachment) -> FileContent:
        """The bytes of a Slack file."""
        return FileContent(self.data, attachment.name or "file.png", attachment.mime_type)


def config_for(fake: FakeTelegram, **overrides: Any) -> TelegramConfig:
    """The adapter's configuration pointed at ``fake``, with no per-chat pacing."""
    values: dict[str, Any] = {
        "token": TOKEN,
        "base_url": fake.base_url,
        "base_file_url": fake.base_file_url,
        "chat_interval": 0.0,
        "request_timeout": 1.0,
        "poll_timeout": 1.0,
    }
    values.update(overrides)
    return TelegramConfig(**values)


@dataclass
class Harness:
    """A real Application on the core, a real sender, the fake server, and update builders."""

    world: World
    fake: FakeTelegram
    application: TelegramApplication
    sender: TelegramSender
    _update_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1000))
    _message_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    async def deliver(self) -> int:
        """Run the real dispatcher with the real sender until nothing is due."""
        senders: dict[str, Sender] = {"telegram": self.sender, "slack": self.world.slack}
        dispatcher = OutboxDispatcher(
            self.world.core.db,
            self.world.clock,
            senders,
            on_unreachable=unreachable_hook(self.world.core),
        )
        total = 0
        while processed := await dispatcher.run_once():
            total += processed
        return total

    async def start_linked(self, chat: str) -> None:
        """The sessions cast set up, then ``/start <code>`` in ``chat``: its client is linked."""
        cast = await given_cast(self.world)
        await self.command(chat, f"/start {cast.access_code}")
        await self.deliver()

    async def feed(self, payload: dict[str, Any]) -> int:
        """Process one update payload through the Application; its update_id."""
        payload.setdefault("update_id", next(self._update_ids))
        await self.application.process_update(Update.de_json(payload, self.application.bot))
        return int(payload["update_id"])

    @staticmethod
    def user(chat: str, language: str = "pt-br") -> dict[str, Any]:
        """The Telegram user of a private chat."""
        return {
            "id": int(chat),
            "is_bot": False,
            "first_name": "Ana",
            "last_name": "Cliente",
            "language_code": language,
        }

    def message(self, chat: str, chat_type: str = "private", **content: Any) -> dict[str, Any]:
        """A message update from ``chat``'s user."""
        chat_data: dict[str, Any] = {"id": int(chat), "type": chat_type}
        if chat_type == "private":
            chat_data["first_name"] = "Ana"
        else:
            chat_data["title"] = "Grupo da empresa"
        language = content.pop("language", "pt-br")
        sender_id = content.pop("sender", chat if chat_type == "private" else "4299")
        return {
            "message": {
                "message_id": next(self._message_ids),
                "date": int(time.time()),
                "chat": chat_data,
                "from": self.user(sender_id, language),
                **content,
            }
        }

    async def text(self, chat: str, text: str, **options: Any) -> int:
        """The user writes ``text``."""
        return await self.feed(self.message(chat, text=text, **options))

    async def command(self, chat: str, line: str, **options: Any) -> int:
        """The user sends a command line such as ``/start CODE``."""
        length = len(line.split()[0])
        entities = [{"type": "bot_command", "offset": 0, "length": length}]
        return await self.feed(self.message(chat, text=line, entities=entities, **options))

    def message_with(self, chat: str, data: str) -> dict[str, Any]:
        """The newest message in the chat that shows a button ``data``."""
        for message in reversed(self.fake.chat_log(chat)):
            rows = message.get("reply_markup", {}).get("inline_keyboard", [])
            if any(b.get("callback_data") == data for row in rows for b in row):
                return dict(message)
        raise AssertionError(f"no message in chat {chat} has a button {data!r}")

    async def press(
        self,
        chat: str,
        data: str,
        *,
        message: dict[str, Any] | None = None,
        update_id: int | None = None,
    ) -> int:
        """The user presses the button ``data`` (on ``message``, or the newest showing it)."""
        shown = message or self.message_with(chat, data)
        payload: dict[str, Any] = {
            "callback_query": {
                "id": f"cq{next(self._message_ids)}",
                "from": self.user(chat),
                "chat_instance": f"ci{chat}",
                "data": data,
                "message": {
                    "message_id": shown["message_id"],
                    "date": shown["date"],
                    "chat": {"id": int(chat), "type": "private"},
                    "from": BOT_USER,
                    "text": shown.get("text", ""),
                },
            }
        }
        if update_id is not None:
            payload["update_id"] = update_id
        return await self.feed(payload)

    def buttons(self, chat: str) -> list[tuple[str, str]]:
        """(label, data) of the buttons of the newest message that has some."""
        for message in reversed(self.fake.chat_log(chat)):
            rows = message.get("reply_markup", {}).get("inline_keyboard", [])
            if rows:
                return [(b["text"], b["callback_data"]) for row in rows for b in row]
        return []

    def data_starting(self, chat: str, prefix: str) -> list[str]:
        """The buttons starting with ``prefix`` of the newest message that has some."""
        for message in reversed(self.fake.chat_log(chat)):
            rows = message.get("reply_markup", {}).get("inline_keyboard", [])
            found = [b["callback_data"] for row in rows for b in row]
            found = [data for data in found if data.startswith(prefix)]
            if found:
                return found
        return []

    def last_text(self, chat: str) -> str:
        """What the newest message of the chat says now."""
        log = [m for m in self.fake.chat_log(chat) if "text" in m]
        assert log, f"nothing in chat {chat}"
        return str(log[-1]["text"])

    def all_text(self, chat: str) -> str:
        """Everything the chat shows now, joined."""
        return "\n".join(str(m.get("text", "")) for m in self.fake.chat_log(chat))


@pytest.fixture
def fake(fake_telegram: FakeTelegram) -> FakeTelegram:
    """The fake Bot API server on 127.0.0.1 (``tests.fakes.fixtures``)."""
    return fake_telegram


def harness_for(
    world: World, fake: FakeTelegram, **overrides: Any
) -> tuple[TelegramApplication, TelegramSender]:
    """A built Application and a sender on its bot."""
    application = build_application(config_for(fake, **overrides), world.core)
    files: dict[str, FileSource] = {
        "telegram": TelegramFileSource(application.bot),
        "slack": SlackFiles(),
    }
    return application, TelegramSender(application.bot, files, chat_interval=0.0)


@pytest.fixture
async def tg(db: Database, clock: ManualClock, fake: FakeTelegram) -> AsyncIterator[Harness]:
    """The harness inside opening hours (Monday 10:00 in São Paulo)."""
    world = World.build(db, clock)
    application, sender = harness_for(world, fake)
    async with application:
        yield Harness(world, fake, application, sender)
