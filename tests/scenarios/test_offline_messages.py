"""Offline messages in the client's language: an English client reads English words."""

from __future__ import annotations

from datetime import datetime

from core import intake, offline
from core.clock import ManualClock
from core.db import Database
from tests.scenario import REQUESTS, SAO_PAULO, World
from tests.scenarios.common_helpers import actions, last, texts
from tests.scenarios.intake_helpers import CLIENT, given_company, given_staff, to_terms_card


async def test_an_english_client_leaves_a_message_in_english(
    db: Database, clock: ManualClock
) -> None:
    clock.set(datetime(2026, 11, 28, 10, 0, tzinfo=SAO_PAULO))  # Saturday
    world = World.build(db, clock)
    company = await given_company(world)
    await given_staff(world)
    await intake.start(world.core, CLIENT, code=company.access_code, name="Ann", language="en")
    request_id = await to_terms_card(world)
    said = await texts(world, CLIENT)
    notice = next(text for text in said if text.startswith("We are closed right now."))
    assert "We open Monday" in notice and "You can leave the team a message" in notice

    await offline.ask_offline_message(world.core, CLIENT, request_id)
    asked = await last(world, CLIENT)
    assert asked.text.startswith("Write your message in one text message (up to 1,500")
    await intake.handle_text(world.core, CLIENT, "Please call me on Monday.")
    kept = await last(world, CLIENT)
    assert kept.text.startswith("Message kept. The team will see it Monday")
    card = await last(world, REQUESTS)
    assert card.title is not None and card.title.startswith("Recado #"), "staff language"
    assert [a.split(":")[0] for a in actions(card)] == ["offline_take", "offline_done"]
