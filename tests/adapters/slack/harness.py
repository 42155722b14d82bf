"""The Slack test harness: the real bolt app served on 127.0.0.1, its Web API on a fake server.

Requests are signed like Slack signs them and POSTed to ``/slack/events``; bolt acknowledges and
runs the listener in a task, so :meth:`SlackHarness.settle` waits until those tasks are done.
Outbox rows are delivered by the real dispatcher: Slack rows by the real ``SlackSender`` (to the
fake), Telegram rows to the world's recording sender.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from slack_bolt.async_app import AsyncApp

from adapters.slack.sender import SlackSender
from core.outbox import OutboxDispatcher
from tests.fakes import slack_signing as signing
from tests.fakes.slack_server import Call, FakeSlack
from tests.scenario import World

SECRET = "test-signing-secret"
_LISTENER_TASK = "run_ack_function_asynchronously"


@dataclass
class SlackHarness:
    """Everything a Slack adapter test drives and inspects."""

    world: World
    fake: FakeSlack
    app: AsyncApp
    sender: SlackSender
    url: str
    http: aiohttp.ClientSession
    _stamps: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    async def post(self, signed: signing.Signed) -> int:
        """POST a signed request to bolt; wait for its listeners; the HTTP status."""
        body, headers = signed
        async with self.http.post(self.url, data=body.encode(), headers=headers) as response:
            await response.read()
            status = response.status
        await self.settle()
        return status

    async def settle(self, limit: float = 10.0) -> None:
        """Wait until every bolt listener task started so far has finished."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + limit
        while True:
            busy = [
                task
                for task in asyncio.all_tasks()
                if not task.done() and getattr(task.get_coro(), "__name__", "") == _LISTENER_TASK
            ]
            if not busy:
                return
            remaining = deadline - loop.time()
            assert remaining > 0, "bolt listeners still running"
            await asyncio.wait(busy, timeout=remaining)

    def stamp(self) -> str:
        """A fresh ``action_ts`` / trigger suffix."""
        return f"1700000500.{next(self._stamps):06d}"

    def click_request(
        self,
        value: str,
        user: str,
        *,
        channel: str,
        message_ts: str,
        action_ts: str | None = None,
        thread_ts: str | None = None,
    ) -> signing.Signed:
        """A signed button click on a message."""
        stamp = action_ts or self.stamp()
        payload = signing.block_action(
            value,
            user_id=user,
            channel_id=channel,
            message_ts=message_ts,
            thread_ts=thread_ts,
            action_ts=stamp,
            trigger_id=f"trigger.{stamp}",
        )
        return signing.interactive(SECRET, payload)

    async def click(self, value: str, user: str, **where: Any) -> int:
        """Click a button (see :meth:`click_request`)."""
        return await self.post(self.click_request(value, user, **where))

    async def command(self, name: str, text: str, user: str, channel: str = "C_GENERAL") -> int:
        """Run a slash command."""
        stamp = self.stamp()
        return await self.post(
            signing.command(
                SECRET,
                name,
                text,
                user_id=user,
                channel_id=channel,
                trigger_id=f"trigger.{stamp}",
                response_url=self.fake.response_url,
            )
        )

    async def event(
        self, inner: dict[str, Any], *, event_id: str, retry_num: int | None = None
    ) -> int:
        """Deliver an Events API event."""
        return await self.post(signing.event(SECRET, inner, event_id=event_id, retry_num=retry_num))

    async def submit(self, payload: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """Submit a modal; the status and bolt's JSON answer (``{}`` when it just closes)."""
        body, headers = signing.interactive(SECRET, payload)
        async with self.http.post(self.url, data=body.encode(), headers=headers) as response:
            text = await response.text()
            status = response.status
        await self.settle()
        return status, _json(text)

    async def deliver(self) -> int:
        """Run the real dispatcher until nothing is due (Slack rows go to the fake)."""
        dispatcher = OutboxDispatcher(
            self.world.core.db,
            self.world.clock,
            {"slack": self.sender, "telegram": self.world.telegram},
        )
        total = 0
        while processed := await dispatcher.run_once():
            total += processed
        return total

    def ephemerals(self, user: str | None = None) -> list[Call]:
        """``chat.postEphemeral`` calls (to ``user``)."""
        return [
            c
            for c in self.fake.calls_to("chat.postEphemeral")
            if user is None or c.args.get("user") == user
        ]


def button_values(call: Call) -> list[str]:
    """The values of the buttons of a posted message (its ``actions`` blocks), in order."""
    return [
        str(element["value"])
        for block in call.json_arg("blocks")
        if block["type"] == "actions"
        for element in block["elements"]
    ]


def _json(text: str) -> dict[str, Any]:
    if not text.strip():
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
