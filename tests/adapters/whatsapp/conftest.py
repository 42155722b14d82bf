"""The WhatsApp harness: the real webhook on loopback HTTP, the real sender, the fake Graph API."""

from __future__ import annotations

import copy
import itertools
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web

from adapters.documents import CalendarSource, RecapSource
from adapters.whatsapp.channel import WhatsAppChannel
from adapters.whatsapp.config import Templates, WhatsAppConfig
from adapters.whatsapp.sender import WhatsAppSender
from adapters.whatsapp.webhook import SIGNATURE_HEADER, signature
from bot.bootstrap import unreachable_hook
from core.calendar import CALENDAR_DOCUMENT
from core.clock import ManualClock
from core.db import Database
from core.files import FileSource
from core.outbox import OutboxDispatcher, Sender
from core.recaps import RECAP_DOCUMENT
from tests.adapters.telegram.conftest import SlackFiles
from tests.fakes.whatsapp_server import PHONE_ID, TOKEN, VERSION, FakeGraph
from tests.scenario import World

FIXTURES = Path(__file__).parents[2] / "fixtures" / "whatsapp"
APP_SECRET = "test-app-secret"
VERIFY_TOKEN = "test-verify-token"
PATH = "/whatsapp/webhook"


def fixture(name: str) -> dict[str, Any]:
    """A recorded webhook payload (Meta's documented examples)."""
    loaded: dict[str, Any] = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    return loaded


def config_for(fake: FakeGraph, **overrides: Any) -> WhatsAppConfig:
    """The adapter's configuration pointed at ``fake``."""
    values: dict[str, Any] = {
        "phone_number_id": PHONE_ID,
        "access_token": TOKEN,
        "app_secret": APP_SECRET,
        "verify_token": VERIFY_TOKEN,
        "api_base_url": fake.base_url,
        "api_version": VERSION,
        "webhook_path": PATH,
        "number": "5548999990000",
        "queue_interval_seconds": 300,
        "templates": Templates(reminder="consultoria_lembrete", summary="consultoria_resumo"),
    }
    values.update(overrides)
    return WhatsAppConfig(**values)


@dataclass
class WaHarness:
    """The webhook served on loopback, the sender, the fake Graph API, payload builders."""

    world: World
    fake: FakeGraph
    channel: WhatsAppChannel
    sender: WhatsAppSender
    http: aiohttp.ClientSession
    url: str
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    async def post(self, payload: dict[str, Any], *, signed: str | None = None) -> int:
        """POST ``payload`` signed as Meta signs it (or with ``signed`` as the header)."""
        body = json.dumps(payload).encode()
        header = signature(APP_SECRET, body) if signed is None else signed
        headers = {"Content-Type": "application/json"}
        if header:
            headers[SIGNATURE_HEADER] = header
        async with self.http.post(self.url, data=body, headers=headers) as response:
            status = response.status
        await self.channel.settle()
        return status

    def message(self, wa_id: str, **content: Any) -> dict[str, Any]:
        """The recorded text payload with its message replaced by ``content`` from ``wa_id``."""
        payload = copy.deepcopy(fixture("text_message"))
        value = payload["entry"][0]["changes"][0]["value"]
        value["contacts"][0]["wa_id"] = wa_id
        value["contacts"][0]["profile"]["name"] = "Ana Cliente"
        message = {
            "from": wa_id,
            "id": f"wamid.TEST{next(self._ids):08d}",
            "timestamp": "1764000000",
            **content,
        }
        value["messages"] = [message]
        return payload

    async def text(self, wa_id: str, body: str) -> int:
        """The client writes ``body``."""
        return await self.post(self.message(wa_id, type="text", text={"body": body}))

    async def press(self, wa_id: str, action: str) -> int:
        """The client presses the button (or list row) ``action``."""
        kind = "list_reply" if self._in_list(wa_id, action) else "button_reply"
        interactive = {"type": kind, kind: {"id": action, "title": "x"}}
        return await self.post(self.message(wa_id, type="interactive", interactive=interactive))

    def _in_list(self, wa_id: str, action: str) -> bool:
        for call in reversed(self.fake.sent(wa_id)):
            if any(i == action for i, _ in call.choices()):
                return bool(call.body["interactive"]["type"] == "list")
        return False

    def choices(self, wa_id: str) -> list[tuple[str, str]]:
        """(id, title) of the newest interactive message to ``wa_id``."""
        for call in reversed(self.fake.sent(wa_id)):
            if call.kind == "interactive":
                return call.choices()
        return []

    def ids_starting(self, wa_id: str, prefix: str) -> list[str]:
        """Ids of the newest interactive message's choices that start with ``prefix``."""
        return [i for i, _ in self.choices(wa_id) if i.startswith(prefix)]

    def all_text(self, wa_id: str) -> str:
        """Every text sent to ``wa_id``."""
        return "\n".join(c.text for c in self.fake.sent(wa_id))

    async def deliver(self) -> int:
        """Run the real dispatcher with the real sender until nothing is due."""
        senders: dict[str, Sender] = {
            "whatsapp": self.sender,
            "slack": self.world.slack,
            "telegram": self.world.telegram,
        }
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


@pytest.fixture
async def fake_graph() -> AsyncIterator[FakeGraph]:
    """The fake Graph API on loopback."""
    fake = FakeGraph()
    await fake.start()
    try:
        yield fake
    finally:
        await fake.stop()


@pytest.fixture
async def wa(db: Database, clock: ManualClock, fake_graph: FakeGraph) -> AsyncIterator[WaHarness]:
    """The harness inside opening hours (Monday 10:00 in São Paulo)."""
    world = World.build(db, clock)
    hook = unreachable_hook(world.core)
    channel = WhatsAppChannel(config_for(fake_graph), world.core, on_unreachable=hook)
    files: dict[str, FileSource] = {
        CALENDAR_DOCUMENT: CalendarSource(world.core.db, world.core.config, None),
        RECAP_DOCUMENT: RecapSource(world.core.db, world.clock, world.core.config),
        "whatsapp": channel.files,
        "slack": SlackFiles(),
    }
    sender = channel.sender(files)
    app = web.Application()
    channel.mount(app)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = int(runner.addresses[0][1])
    try:
        async with aiohttp.ClientSession() as http:
            yield WaHarness(
                world, fake_graph, channel, sender, http, f"http://127.0.0.1:{port}{PATH}"
            )
    finally:
        await runner.cleanup()
        await channel.close()
