"""The end-to-end driver: a running bot, the fake platforms, and the people who use them.

A client acts through the fake Bot API's ``getUpdates`` queue (the real PTB Updater polls it);
staff act through signed HTTP requests to the bot's ``/slack/events`` (the real bolt app checks
the signatures). What people *received* is read at the fakes: successful ``sendMessage`` /
``sendPhoto`` calls (the fake's chat log) and successful ``chat.postMessage`` calls.
"""

from __future__ import annotations

import asyncio
import itertools
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import aiohttp
from sqlmodel import col, select

from bot.settings import Settings
from core.clock import ManualClock
from core.models import Outbound
from tests.e2e.pieces import wake
from tests.fakes import slack_signing as signing
from tests.fakes.slack_server import Call, FakeSlack
from tests.fakes.telegram_server import BOT_USER, FakeTelegram
from tests.scenario import World

SECRET = "e2e-signing-secret"
CHANNELS = {
    "requests": "C_REQUESTS",
    "support": "C_SUPPORT",
    "billing": "C_BILLING",
    "onsite": "C_ONSITE",
    "links": "C_LINKS",
}
_LISTENER_TASK = "run_ack_function_asynchronously"


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def settings_values(telegram: FakeTelegram, slack: FakeSlack, database_url: str) -> dict[str, Any]:
    """Every setting the bot needs to run against the fakes (Slack in HTTP mode)."""
    values: dict[str, Any] = {
        "database_url": database_url,
        "telegram_token": telegram.token,
        "telegram_mode": "polling",
        "telegram_api_base_url": telegram.base_url,
        "telegram_file_base_url": telegram.base_file_url,
        "slack_bot_token": slack.token,
        "slack_signing_secret": SECRET,
        "slack_mode": "http",
        "slack_api_base_url": slack.base_url,
        "http_host": "127.0.0.1",
        "http_port": free_port(),
    }
    values.update({f"slack_{name}_channel": value for name, value in CHANNELS.items()})
    if "telegram_chat_interval_seconds" in Settings.model_fields:
        values["telegram_chat_interval_seconds"] = 0  # no 1 s per-chat pacing in tests
    return values


def settings_for(telegram: FakeTelegram, slack: FakeSlack, database_url: str) -> Settings:
    """The settings object for an in-process bot."""
    return Settings(**settings_values(telegram, slack, database_url))


@dataclass
class E2E:
    """One running bot and the fakes; helpers act as the people and read what they received."""

    telegram: FakeTelegram
    slack: FakeSlack
    bot: Any
    clock: ManualClock
    http: aiohttp.ClientSession
    _message_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _stamps: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    @property
    def world(self) -> World:
        """The bot's own core, for set-up by the admin services and for reading state."""
        return World(self.bot.core, self.clock)

    @property
    def url(self) -> str:
        """The bot's Slack request URL."""
        return f"http://127.0.0.1:{self.bot.http_port}/slack/events"

    # -- waiting -------------------------------------------------------------------------------

    advance: bool = False
    """Waits move the ManualClock to the next retry time when rows only wait for it (faults)."""

    async def until(self, condition: Callable[[], bool], what: str, seconds: float = 30.0) -> None:
        """Wait (briefly, for I/O) until ``condition`` holds; fail naming ``what``."""
        deadline = time.monotonic() + seconds
        while not condition():
            assert time.monotonic() < deadline, f"timed out waiting for: {what}"
            if self.advance:
                await self.nudge()
            await asyncio.sleep(0.02)

    async def nudge(self) -> None:
        """If outbox rows only wait for their retry time, move the clock there and wake the bot."""
        _pending, sending, first = await self.unfinished()
        if not sending and first is not None:
            self.clock.set(first)
            wake(self.bot)

    async def unfinished(self) -> tuple[int, int, datetime | None]:
        """Outbox rows pending, rows being sent, and the soonest retry time still ahead."""
        now = self.clock.now()
        async with self.bot.core.db.uow() as uow:
            statement = select(Outbound.status, Outbound.next_attempt_at).where(
                col(Outbound.status).in_(("pending", "sending"))
            )
            found = (await uow.session.exec(statement)).all()
        ahead = [_aware(when, now) for status, when in found if status == "pending" and when]
        ahead = [when for when in ahead if when > now]
        pending = sum(1 for status, _ in found if status == "pending")
        return pending, len(found) - pending, min(ahead, default=None)

    async def quiet(self, seconds: float = 60.0) -> None:
        """Wait until bolt's listeners are done and the outbox is empty (see ``advance``)."""
        deadline = time.monotonic() + seconds
        while True:
            await self.settle(max(0.1, deadline - time.monotonic()))
            pending, sending, _first = await self.unfinished()
            if not pending and not sending:
                return
            assert time.monotonic() < deadline, f"outbox not empty: {pending} + {sending}"
            if self.advance:
                await self.nudge()
            wake(self.bot)
            await asyncio.sleep(0.03)

    async def settle(self, limit: float = 10.0) -> None:
        """Wait until every bolt listener task started so far has finished."""
        deadline = time.monotonic() + limit
        while True:
            busy = [
                task
                for task in asyncio.all_tasks()
                if not task.done() and getattr(task.get_coro(), "__name__", "") == _LISTENER_TASK
            ]
            if not busy:
                return
            assert time.monotonic() < deadline, "bolt listeners still running"
            await asyncio.wait(busy, timeout=max(0.01, deadline - time.monotonic()))

    # -- the client on Telegram ----------------------------------------------------------------

    def update(self, chat: str, **content: Any) -> dict[str, Any]:
        """A message update from the private chat ``chat``."""
        person = {"id": int(chat), "is_bot": False, "first_name": "Ana", "last_name": "Cliente"}
        return {
            "message": {
                "message_id": next(self._message_ids),
                "date": int(time.time()),
                "chat": {"id": int(chat), "type": "private", "first_name": "Ana"},
                "from": person | {"language_code": "pt-br"},
                **content,
            }
        }

    def send(self, update: dict[str, Any]) -> int:
        """Queue ``update`` at the fake for the bot's polling; its update_id."""
        return self.telegram.queue_update(update)

    def command(self, chat: str, line: str) -> int:
        """The client sends a command such as ``/start CODE``."""
        entities = [{"type": "bot_command", "offset": 0, "length": len(line.split()[0])}]
        return self.send(self.update(chat, text=line, entities=entities))

    def text(self, chat: str, text: str) -> int:
        """The client writes ``text``."""
        return self.send(self.update(chat, text=text))

    def photo(self, chat: str, file_id: str, data: bytes, caption: str = "") -> int:
        """The client sends a photo (served by the fake's getFile)."""
        self.telegram.add_file(file_id, data, f"photos/{file_id}.jpg")
        sizes = [{"file_id": file_id, "file_unique_id": f"u{file_id}", "width": 800, "height": 600}]
        return self.send(self.update(chat, photo=sizes, caption=caption))

    def press(self, chat: str, data: str) -> int:
        """The client presses the button ``data`` on the newest message showing it."""
        shown = next(m for m in reversed(self.telegram.chat_log(chat)) if data in _buttons(m))
        person = {"id": int(chat), "is_bot": False, "first_name": "Ana"}
        query = {
            "id": f"cq{next(self._message_ids)}",
            "from": person,
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
        return self.send({"callback_query": query})

    def shown(self, chat: str) -> list[dict[str, Any]]:
        """What the client's chat shows (messages the bot sent successfully, as edited)."""
        return self.telegram.chat_log(chat)

    def texts(self, chat: str) -> list[str]:
        """The texts the client's chat shows."""
        return [str(m.get("text", "")) for m in self.shown(chat)]

    def has_button(self, chat: str, prefix: str) -> bool:
        """Whether some message of the chat shows a button starting with ``prefix``."""
        return any(d.startswith(prefix) for m in self.shown(chat) for d in _buttons(m))

    def buttons(self, chat: str, prefix: str) -> list[str]:
        """The buttons starting with ``prefix`` of the newest message that has some."""
        for message in reversed(self.shown(chat)):
            found = [d for d in _buttons(message) if d.startswith(prefix)]
            if found:
                return found
        return []

    # -- staff on Slack ------------------------------------------------------------------------

    async def post(self, signed: signing.Signed, *, settle: bool = True) -> int:
        """POST a signed request to the bot; the HTTP status (listeners awaited)."""
        body, headers = signed
        async with self.http.post(self.url, data=body.encode(), headers=headers) as response:
            await response.read()
        if settle:
            await self.settle()
        return response.status

    def stamp(self) -> str:
        """A fresh Slack timestamp."""
        return f"1700000500.{next(self._stamps):06d}"

    async def click(
        self, value: str, user: str, *, message_ts: str, thread_ts: str | None = None
    ) -> int:
        """A staff member clicks a button in the requests channel."""
        stamp = self.stamp()
        payload = signing.block_action(
            value,
            user_id=user,
            channel_id=CHANNELS["requests"],
            message_ts=message_ts,
            thread_ts=thread_ts,
            action_ts=stamp,
            trigger_id=f"trigger.{stamp}",
        )
        return await self.post(signing.interactive(SECRET, payload))

    async def submit(self, payload: dict[str, Any]) -> int:
        """A staff member submits a modal."""
        return await self.post(signing.interactive(SECRET, payload))

    def thread_reply(self, user: str, text: str, thread_ts: str, **extra: Any) -> dict[str, Any]:
        """A ``message`` event: a reply in a thread of the requests channel."""
        ts = self.stamp()
        return {
            "type": "message",
            "channel": CHANNELS["requests"],
            "channel_type": "channel",
            "user": user,
            "text": text,
            "ts": ts,
            "thread_ts": thread_ts,
            "event_ts": ts,
            **extra,
        }

    async def event(
        self, inner: dict[str, Any], event_id: str, retry_num: int | None = None
    ) -> int:
        """Slack delivers an Events API event."""
        return await self.post(signing.event(SECRET, inner, event_id=event_id, retry_num=retry_num))

    async def command_as(self, name: str, text: str, user: str) -> str:
        """A slash command; the ephemeral answer posted to its response_url."""
        before = len(self.slack.responses)
        stamp = self.stamp()
        signed = signing.command(
            SECRET,
            name,
            text,
            user_id=user,
            trigger_id=f"trigger.{stamp}",
            response_url=self.slack.response_url,
        )
        assert await self.post(signed) == 200
        await self.until(lambda: len(self.slack.responses) > before, f"answer to {name}")
        return str(self.slack.responses[before]["text"])

    def posted(self, channel: str, thread: str | None = None) -> list[Call]:
        """``chat.postMessage`` calls that succeeded (what people see), in order."""
        return [c for c in self.slack.posted(channel, thread) if c.result.get("ok")]

    def posted_texts(self, channel: str, thread: str | None = None) -> list[str]:
        """The texts of :meth:`posted`."""
        return [str(c.args.get("text", "")) for c in self.posted(channel, thread)]


def _aware(when: datetime, now: datetime) -> datetime:
    return when if when.tzinfo else when.replace(tzinfo=now.tzinfo)


def _buttons(message: dict[str, Any]) -> list[str]:
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return [str(b.get("callback_data", "")) for row in rows for b in row]
