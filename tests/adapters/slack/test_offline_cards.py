"""Offline message cards in Slack: *Vou responder* assigns, *Resolvido* closes; the team only."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import select

from core import intake, offline
from core.models import OfflineMessage, Request
from tests.adapters.slack.harness import SlackHarness, button_values
from tests.scenario import SAO_PAULO
from tests.scenarios.intake_helpers import (
    CLIENT,
    CONSULTANT,
    SECRETARY,
    given_company,
    given_staff,
    to_terms_card,
)

REQUESTS = "C_REQUESTS"
OUTSIDER = "U0OUTSIDER"


async def _card(slack: SlackHarness) -> tuple[str, list[str]]:
    """Saturday: a client leaves a message; the card's ts and its buttons' values."""
    world = slack.world
    world.clock.set(datetime(2026, 11, 28, 10, 0, tzinfo=SAO_PAULO))
    company = await given_company(world)
    await given_staff(world)
    await intake.start(world.core, CLIENT, code=company.access_code, name="Ana Cliente")
    request_id = await to_terms_card(world)
    await offline.ask_offline_message(world.core, CLIENT, request_id)
    await intake.handle_text(world.core, CLIENT, "Podem me ligar na segunda?")
    await slack.deliver()
    (card,) = slack.fake.posted(REQUESTS)
    return str(card.result["ts"]), button_values(card)


def _updates(slack: SlackHarness, ts: str) -> list[dict[str, object]]:
    return [
        c.args
        for c in slack.fake.calls_to("chat.update")
        if c.args.get("channel") == REQUESTS and c.args.get("ts") == ts
    ]


async def _status(slack: SlackHarness) -> str:
    async with slack.world.core.db.uow() as uow:
        [kept] = (await uow.session.exec(select(OfflineMessage))).all()
        return kept.status


async def test_the_card_shows_the_message_and_its_buttons_edit_it(slack: SlackHarness) -> None:
    ts, values = await _card(slack)
    (card,) = slack.fake.posted(REQUESTS)
    assert "Podem me ligar na segunda?" in str(card.args["blocks"])
    assert "Metalúrgica Exemplo" in str(card.args["blocks"])
    take, done = values
    assert take.startswith("offline_take:") and done.startswith("offline_done:")

    where = {"channel": REQUESTS, "message_ts": ts, "action_ts": "1700000700.000001"}
    assert await slack.click(take, CONSULTANT, **where) == 200
    assert await slack.click(take, CONSULTANT, **where) == 200  # a redelivery: acts once
    assert slack.ephemerals(CONSULTANT) == []
    await slack.deliver()
    [assigned] = _updates(slack, ts)
    assert f"<@{CONSULTANT}> vai responder" in str(assigned["text"])
    assert "offline_take" not in str(assigned["blocks"]) and "offline_done" in str(
        assigned["blocks"]
    )
    told = slack.world.telegram.texts_to(CLIENT)
    assert (
        told[-1] == "Bruno Consultor, da nossa equipe, viu o seu recado e vai responder em breve."
    )

    assert await slack.click(done, SECRETARY, channel=REQUESTS, message_ts=ts) == 200
    await slack.deliver()
    resolved = _updates(slack, ts)[-1]
    assert f"resolvido por <@{SECRETARY}>" in str(resolved["text"])
    assert "offline_" not in str(resolved["blocks"]), "no buttons left"
    assert await _status(slack) == "resolved"

    assert await slack.click(take, CONSULTANT, channel=REQUESTS, message_ts=ts) == 200
    (note,) = slack.ephemerals(CONSULTANT)
    assert "já foi resolvido por Sara Secretária" in str(note.args["text"])


async def test_someone_outside_the_team_is_refused(slack: SlackHarness) -> None:
    ts, values = await _card(slack)
    for value in values:
        await slack.click(value, OUTSIDER, channel=REQUESTS, message_ts=ts)
    notes = slack.ephemerals(OUTSIDER)
    assert len(notes) == 2
    assert all("Só a equipe" in str(n.args["text"]) for n in notes)
    assert await _status(slack) == "open"
    async with slack.world.core.db.uow() as uow:
        [request] = (await uow.session.exec(select(Request))).all()
    assert request.status == "draft", "the request may still be booked"
