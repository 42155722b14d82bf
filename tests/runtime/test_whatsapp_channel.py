"""The running bot with WhatsApp: start-up checks against the Graph API, the webhook served."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import aiohttp
import pytest

from adapters.whatsapp.webhook import SIGNATURE_HEADER, signature
from bot.checks import StartupError
from bot.runtime import Runtime
from core.clock import ManualClock
from core.db import Database
from tests.fakes.whatsapp_server import PHONE_ID, TOKEN, VERSION, FakeGraph
from tests.runtime.conftest import settings_for, until


@pytest.fixture
async def graph() -> AsyncIterator[FakeGraph]:
    """The fake Graph API."""
    fake = FakeGraph()
    await fake.start()
    try:
        yield fake
    finally:
        await fake.stop()


def _values(graph: FakeGraph, **overrides: str) -> dict[str, str]:
    values = {
        "whatsapp_phone_number_id": PHONE_ID,
        "whatsapp_access_token": TOKEN,
        "whatsapp_app_secret": "app-secret",
        "whatsapp_verify_token": "verify-me",
        "whatsapp_api_base_url": graph.base_url,
        "whatsapp_api_version": VERSION,
    }
    values.update(overrides)
    return values


async def test_the_bot_checks_the_number_and_serves_the_webhook(
    db: Database, clock: ManualClock, graph: FakeGraph
) -> None:
    runtime = Runtime(settings_for(None, None, db.url, **_values(graph)), clock=clock, idle=30)
    await runtime.start()
    try:
        assert graph.calls[0].method == "GET" and graph.calls[0].path.endswith(PHONE_ID)
        url = f"http://127.0.0.1:{runtime.http_port}/whatsapp/webhook"
        query = {"hub.mode": "subscribe", "hub.verify_token": "verify-me", "hub.challenge": "77"}
        async with aiohttp.ClientSession() as http, http.get(url, params=query) as response:
            assert response.status == 200
            assert await response.text() == "77"
    finally:
        await runtime.stop(flush_timeout=5)


async def test_a_refused_token_stops_start_up_naming_the_setting(
    db: Database, clock: ManualClock, graph: FakeGraph
) -> None:
    values = _values(graph, whatsapp_access_token="EAAG-wrong")
    with pytest.raises(StartupError) as raised:
        await Runtime(settings_for(None, None, db.url, **values), clock=clock).start()
    assert raised.value.setting == "CONSULTORIA_WHATSAPP_ACCESS_TOKEN"
    assert "EAAG-wrong" not in raised.value.render("pt-BR")


async def test_a_partial_configuration_names_the_missing_setting(
    db: Database, clock: ManualClock, graph: FakeGraph
) -> None:
    values = _values(graph)
    del values["whatsapp_app_secret"]
    with pytest.raises(StartupError) as raised:
        await Runtime(settings_for(None, None, db.url, **values), clock=clock).start()
    assert raised.value.setting == "CONSULTORIA_WHATSAPP_APP_SECRET"
    assert graph.calls == [], "refused before any call"


async def test_a_signed_message_is_answered_through_the_bots_outbox(
    db: Database, clock: ManualClock, graph: FakeGraph
) -> None:
    runtime = Runtime(settings_for(None, None, db.url, **_values(graph)), clock=clock, idle=30)
    await runtime.start()
    try:
        url = f"http://127.0.0.1:{runtime.http_port}/whatsapp/webhook"
        message: dict[str, object] = {"from": "5548977776666", "id": "wamid.R1", "type": "text"}
        message["text"] = {"body": "Olá"}
        value = {"messaging_product": "whatsapp", "messages": [message]}
        payload = {
            "object": "whatsapp_business_account",
            "entry": [{"changes": [{"value": value}]}],
        }
        body = json.dumps(payload).encode()
        headers = {SIGNATURE_HEADER: signature("app-secret", body)}
        async with aiohttp.ClientSession() as http, http.post(url, data=body, headers=headers) as r:
            assert r.status == 200
        await until(lambda: bool(graph.sent("5548977776666")), "the answer on WhatsApp")
    finally:
        await runtime.stop(flush_timeout=5)
