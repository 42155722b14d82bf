"""A WhatsApp client's whole way through one running bot (the real Runtime: the webhook on its
HTTP server, the outbox dispatcher with the WhatsApp sender) against the fake Graph API, with the
consultant in the fake Slack: the code, the terms, the queue, the relay both ways (a photo each
way), the end, the summary and the rating. Then the fault case: the Graph API answering 500 and
429 for a while loses nothing and keeps the order.

The client acts by signed webhook POSTs, as Meta delivers them; what the client received is
read at the fake Graph API (the messages the bot sent and the files it uploaded).
"""

from __future__ import annotations

import itertools
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import aiohttp
import pytest
from sqlmodel import select

from adapters.whatsapp.webhook import SIGNATURE_HEADER, signature
from bot.settings import Settings
from core.clock import ManualClock
from core.db import Database
from core.models import BillingRecord
from tests.e2e.harness import CHANNELS, E2E, settings_values
from tests.e2e.people import AREAS, accepts
from tests.e2e.pieces import make_bot
from tests.fakes.slack_server import FakeSlack
from tests.fakes.telegram_server import FakeTelegram
from tests.fakes.whatsapp_server import PHONE_ID, TOKEN, VERSION, Call, FakeGraph
from tests.scenarios.sessions_helpers import BRUNO, given_cast, stored_session

APP_SECRET = "e2e-whatsapp-app-secret"
CLIENT = "5548988887777"
REQUESTS = CHANNELS["requests"]
PHOTO = b"\xff\xd8\xff\xe0whatsapp-client-photo"
SCREENSHOT = b"\x89PNG\r\n\x1a\nconsultant-screenshot-for-whatsapp"


@dataclass
class WaClient:
    """A person on WhatsApp: writes through the bot's webhook, reads at the fake Graph API."""

    e2e: E2E
    graph: FakeGraph
    wa_id: str
    name: str = "Ana Cliente"
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    @property
    def url(self) -> str:
        """The webhook on the bot's HTTP server."""
        return f"http://127.0.0.1:{self.e2e.bot.http_port}/whatsapp/webhook"

    async def _post(self, **content: Any) -> None:
        message = {
            "from": self.wa_id,
            "id": f"wamid.E2E{self.wa_id}{next(self._ids):06d}",
            "timestamp": "1764000000",
            **content,
        }
        value = {
            "messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "5548999990000", "phone_number_id": PHONE_ID},
            "contacts": [{"profile": {"name": self.name}, "wa_id": self.wa_id}],
            "messages": [message],
        }
        change = {"field": "messages", "value": value}
        payload = {
            "object": "whatsapp_business_account",
            "entry": [{"id": "1", "changes": [change]}],
        }
        body = json.dumps(payload).encode()
        headers = {
            "Content-Type": "application/json",
            SIGNATURE_HEADER: signature(APP_SECRET, body),
        }
        async with self.e2e.http.post(self.url, data=body, headers=headers) as response:
            assert response.status == 200, await response.text()

    async def text(self, body: str) -> None:
        """The person writes ``body``."""
        await self._post(type="text", text={"body": body})

    async def photo(self, media_id: str, data: bytes, caption: str) -> None:
        """The person sends a photo (its bytes served by the fake's media endpoint)."""
        self.graph.add_media(media_id, data, "image/jpeg")
        image = {"id": media_id, "mime_type": "image/jpeg", "caption": caption}
        await self._post(type="image", image=image)

    async def press(self, action: str) -> None:
        """The person presses the reply button or list row ``action``."""
        shown = next(c for c in reversed(self.received()) if action in dict(c.choices()))
        kind = "list_reply" if shown.body["interactive"]["type"] == "list" else "button_reply"
        await self._post(type="interactive", interactive={"type": kind, kind: {"id": action}})

    def received(self) -> list[Call]:
        """The messages the bot sent this person (those the API took), oldest first."""
        return [c for c in self.graph.sent(self.wa_id) if c.wamid]

    def texts(self) -> list[str]:
        """Their texts."""
        return [c.text for c in self.received()]

    def has(self, words: str) -> bool:
        """Some message says ``words``."""
        return any(words in text for text in self.texts())

    def choices(self, prefix: str) -> list[str]:
        """Ids starting with ``prefix`` of the newest message that offers some."""
        for call in reversed(self.received()):
            found = [i for i, _ in call.choices() if i.startswith(prefix)]
            if found:
                return found
        return []


@dataclass
class WaE2E:
    """The running bot, the fakes and the WhatsApp client."""

    e2e: E2E
    graph: FakeGraph
    client: WaClient


async def _running(
    db: Database,
    clock: ManualClock,
    telegram: FakeTelegram,
    slack: FakeSlack,
    *,
    advance: bool,
) -> AsyncIterator[WaE2E]:
    graph = FakeGraph()
    await graph.start()
    values = settings_values(telegram, slack, db.url) | {
        "whatsapp_phone_number_id": PHONE_ID,
        "whatsapp_access_token": TOKEN,
        "whatsapp_app_secret": APP_SECRET,
        "whatsapp_verify_token": "e2e-verify",
        "whatsapp_api_base_url": graph.base_url,
        "whatsapp_api_version": VERSION,
    }
    bot = make_bot(Settings(**values), clock=clock, worker="e2e-wa")
    try:
        await bot.start()
        try:
            async with aiohttp.ClientSession() as http:
                e2e = E2E(telegram, slack, bot, clock, http, advance=advance)
                yield WaE2E(e2e, graph, WaClient(e2e, graph, CLIENT))
        finally:
            await bot.stop(flush_timeout=5.0)
    finally:
        await graph.stop()


@pytest.fixture
async def wa(
    db: Database, clock: ManualClock, fake_telegram: FakeTelegram, fake_slack: FakeSlack
) -> AsyncIterator[WaE2E]:
    """One bot with WhatsApp, Telegram and Slack against the fakes."""
    async for running in _running(db, clock, fake_telegram, fake_slack, advance=False):
        yield running


@pytest.fixture
async def wa_faulty(
    db: Database, clock: ManualClock, fake_telegram: FakeTelegram, fake_slack: FakeSlack
) -> AsyncIterator[WaE2E]:
    """The same; waits move the fake clock to the outbox's next retry (Graph faults)."""
    async for running in _running(db, clock, fake_telegram, fake_slack, advance=True):
        yield running


async def _client_queues(wa: WaE2E) -> int:
    """CODIGO <code>, Consultoria Online, Custos, a description, Aceito: the request id."""
    e2e, client = wa.e2e, wa.client
    cast = await given_cast(e2e.world)
    await client.text(f"CODIGO {cast.access_code}")
    await e2e.until(lambda: bool(client.choices("menu:consult")), "the menu")
    assert client.has("Metalúrgica Exemplo")
    await client.press("menu:consult")
    await e2e.until(lambda: bool(client.choices("area:")), "the areas")
    request_id = int(client.choices("area:")[0].split(":")[1])
    await client.press(f"area:{request_id}:{AREAS.index('Custos')}")
    await e2e.until(lambda: "Custos" in client.texts()[-1], "the area chosen")
    await client.text("Como fechar o custo do mês?")
    await e2e.until(lambda: bool(client.choices("terms_ok:")), "the terms")
    assert client.has("R$\xa0180,00")
    await client.press(f"terms_ok:{request_id}")
    await e2e.until(lambda: bool(client.choices(f"leave:{request_id}")), "the queue card")
    return request_id


def _in_thread(wa: WaE2E, thread: str, marker: str) -> list[str]:
    return [t for t in wa.e2e.posted_texts(REQUESTS, thread) if marker in t]


def _to_client(wa: WaE2E, marker: str) -> list[str]:
    return [t for t in wa.client.texts() if marker in t]


async def _relay_both_ways(wa: WaE2E, thread: str, count: int) -> None:
    """The client writes ``count - 1`` texts and a photo; Bruno answers as many and a screenshot:
    each side gets all of them once, in order."""
    e2e, client = wa.e2e, wa.client
    for n in range(1, count):
        await client.text(f"[c{n:02d}]")
    await client.photo("9000000001", PHOTO, f"[c{count:02d}]")
    await e2e.until(lambda: len(_in_thread(wa, thread, "[c")) >= count, "the client's messages")
    await e2e.until(lambda: bool(e2e.slack.uploads), "the photo in the thread")
    assert [t.split("[c")[1][:2] for t in _in_thread(wa, thread, "[c")] == [
        f"{n:02d}" for n in range(1, count + 1)
    ]
    assert list(e2e.slack.uploads.values()) == [PHOTO], "the bytes came through Graph"

    for n in range(1, count):
        reply = e2e.thread_reply(BRUNO, f"[s{n:02d}]", thread)
        assert await e2e.event(reply, event_id=f"EvWa{n:02d}") == 200
    url = e2e.slack.add_file("tela.png", SCREENSHOT, "image/png")
    shot = {"id": "F1", "name": "tela.png", "mimetype": "image/png", "url_private": url}
    reply = e2e.thread_reply(BRUNO, f"[s{count:02d}]", thread, subtype="file_share", files=[shot])
    assert await e2e.event(reply, event_id=f"EvWa{count:02d}") == 200
    await e2e.until(lambda: len(_to_client(wa, "[s")) >= count, "Bruno's messages on WhatsApp")
    await e2e.until(
        lambda: any(c.kind == "image" for c in client.received()), "the screenshot on WhatsApp"
    )
    await e2e.quiet()
    relayed = _to_client(wa, "[s")
    assert [t.split("[s")[1][:2] for t in relayed] == [f"{n:02d}" for n in range(1, count + 1)]
    assert all(t.startswith("*Bruno Lima:*") or t.startswith("Bruno Lima:") for t in relayed)
    (image,) = [c for c in client.received() if c.kind == "image"]
    assert wa.graph.media[image.body["image"]["id"]][0] == SCREENSHOT


async def _ended_billed_and_rated(wa: WaE2E, session_id: int, thread: str) -> None:
    """45 minutes later Bruno ends: the summary (R$ 180,00) on WhatsApp, 5 stars given."""
    e2e, client = wa.e2e, wa.client
    await e2e.quiet()
    before = len(client.texts())
    e2e.clock.advance(timedelta(minutes=45))
    assert await e2e.click(f"end:{session_id}", BRUNO, message_ts=thread, thread_ts=thread) == 200
    await e2e.until(lambda: bool(client.choices(f"rate:{session_id}:")), "the rating choices")
    await e2e.quiet()
    summary = [t for t in client.texts()[before:] if "R$\xa0180,00" in t]
    assert len(summary) == 1, client.texts()[before:]
    await client.press(f"rate:{session_id}:5")
    await e2e.until(lambda: client.has("5 de 5"), "the thanks")
    await e2e.until(lambda: bool(_in_thread(wa, thread, "5 de 5")), "the rating in the thread")
    assert (await stored_session(e2e.world, session_id)).rating == 5
    async with e2e.bot.core.db.uow() as uow:
        records = (await uow.session.exec(select(BillingRecord))).all()
    assert [(r.session_id, r.periods, r.amount_cents) for r in records] == [(session_id, 2, 18000)]


async def test_a_whatsapp_client_from_the_code_to_the_rating(wa: WaE2E) -> None:
    request_id = await _client_queues(wa)
    thread, session_id = await accepts(wa.e2e, request_id, BRUNO)
    await wa.e2e.until(lambda: wa.client.has("Bruno Lima"), "Bruno assigned")
    await _relay_both_ways(wa, thread, 10)
    await _ended_billed_and_rated(wa, session_id, thread)
    relayed = _to_client(wa, "[s")
    assert len(relayed) == len(set(relayed)) == 10, "nothing received twice"


async def test_graph_errors_for_a_while_lose_nothing_and_keep_the_order(wa_faulty: WaE2E) -> None:
    wa = wa_faulty
    e2e, client = wa.e2e, wa.client
    request_id = await _client_queues(wa)
    thread, _session_id = await accepts(e2e, request_id, BRUNO)
    await e2e.until(lambda: client.has("Bruno Lima"), "Bruno assigned")
    await e2e.quiet()
    for status, code, wait in ((500, 1, None), (429, 130429, 1), (503, 2, None), (429, 4, 2)):
        wa.graph.fail_next(status, code, "temporarily unavailable", retry_after=wait)
    refused = len(wa.graph.failures)
    await _relay_both_ways(wa, thread, 8)
    assert not wa.graph.failures, "the errors were met"
    answered = [c for c in client.received() if "[s" in c.text]
    tried = [c for c in wa.graph.calls if c.to == CLIENT and "[s" in c.text]
    assert len(tried) - len(answered) == refused, "each refused send was tried again"
